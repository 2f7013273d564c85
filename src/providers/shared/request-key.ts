import { createHash } from 'node:crypto';
import type { GenerateRequest } from '../types.js';

/**
 * Content address of a request: sha256 over the provider id, the model settings, every text and
 * every image byte (or each image's identity, when the message carries `imageIds`). API keys
 * are not part of a request, so they can never reach a key.
 * `request.local` is hashed by content (values, task, convention, candidates), since in-process
 * providers answer from the data rather than from the text and pixels.
 */
export function requestKey(providerId: string, request: GenerateRequest): string {
  const hash = createHash('sha256');
  const { local, messages, ...settings } = request;
  hash.update(canonicalJson({ providerId, settings }));
  for (const message of messages) {
    hash.update(`\u0000${message.role}\u0000${message.text}`);
    // Rendered images are keyed by their identity, so the key is the same before and after drawing.
    if (message.imageIds !== undefined) {
      for (const id of message.imageIds) hash.update(`\u0000imageId:${id}\u0000`);
      continue;
    }
    for (const image of message.images ?? []) {
      hash.update(`\u0000image:${image.byteLength}\u0000`);
      hash.update(image);
    }
  }
  if (local !== undefined) {
    hash.update(
      `\u0000local\u0000${local.series.id}\u0000${local.task}\u0000${local.convention}\u0000${local.answer ?? 'structured'}`,
    );
    for (const channel of local.series.values)
      hash.update(new Uint8Array(channel.buffer, channel.byteOffset, channel.byteLength));
    hash.update(canonicalJson(local.candidates ?? null));
  }
  return hash.digest('hex');
}

/** JSON with object keys sorted, so equal values always give equal bytes. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (inner === null || typeof inner !== 'object' || Array.isArray(inner)) return inner;
    return Object.fromEntries(
      Object.entries(inner as Record<string, unknown>).sort(([a], [b]) =>
        a < b ? -1 : a > b ? 1 : 0,
      ),
    );
  });
}
