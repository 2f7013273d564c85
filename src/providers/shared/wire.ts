import { createHash } from 'node:crypto';
import { InputError } from '../../errors.js';
import type { GenerateRequest } from '../types.js';
import { redactSecrets } from './secrets.js';

/** Base64 of PNG bytes, as every wire format wants it. */
export function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** The record's stand-in for an image: `<png N bytes sha256:…>`. */
export function imagePlaceholder(bytes: Uint8Array): string {
  return `<png ${bytes.byteLength} bytes sha256:${createHash('sha256').update(bytes).digest('hex')}>`;
}

/**
 * Copies a wire body for the record with every image (bare base64 or `data:` URL) replaced by its
 * placeholder, so records stay small and never duplicate pixels.
 */
export function redactImages(body: unknown, request: GenerateRequest): unknown {
  const replacements = new Map<string, string>();
  for (const message of request.messages) {
    for (const image of message.images ?? []) {
      const base64 = toBase64(image);
      const placeholder = imagePlaceholder(image);
      replacements.set(base64, placeholder);
      replacements.set(`data:image/png;base64,${base64}`, placeholder);
    }
  }
  const walk = (node: unknown): unknown => {
    if (typeof node === 'string') return replacements.get(node) ?? node;
    if (node instanceof Uint8Array) return imagePlaceholder(node);
    if (Array.isArray(node)) return node.map(walk);
    if (node === null || typeof node !== 'object') return node;
    if (node instanceof AbortSignal || typeof node === 'function') return undefined;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      const walked = walk(value);
      if (walked !== undefined && typeof value !== 'function') out[key] = walked;
    }
    return out;
  };
  return walk(body);
}

/**
 * Throws when images are sent to a provider configured as text-only, so they are never dropped
 * silently; assistant turns cannot carry images on any wire.
 */
export function checkImages(
  request: GenerateRequest,
  options: { providerId: string; imagesAllowed: boolean },
): void {
  request.messages.forEach((message, index) => {
    const count = message.images?.length ?? 0;
    if (count === 0) return;
    if (!options.imagesAllowed) {
      throw new InputError(
        'input.images_unsupported',
        `${options.providerId} is configured as text-only (images: false) but message ${index} has ${count} image(s); use the text modality or a vision model`,
        { field: `messages[${index}].images` },
      );
    }
    if (message.role !== 'user') {
      throw new InputError(
        'input.images_unsupported',
        `message ${index} is an assistant turn with images; only user turns can carry images`,
        {
          field: `messages[${index}].images`,
        },
      );
    }
  });
}

/** The schema as system-prompt text, for servers that cannot constrain output to a schema. */
export function schemaInstruction(schema: Record<string, unknown>): string {
  return `Answer with a single JSON object and nothing else. It must match this JSON Schema:\n${JSON.stringify(schema)}`;
}

/** Milliseconds since `startMs` (from `performance.now()`), rounded to 0.1 ms. */
export function elapsedMs(startMs: number): number {
  return Math.round((performance.now() - startMs) * 10) / 10;
}

/**
 * A response body for the record with every secret and key-shaped string replaced (see
 * `redactSecrets`); keys never appear in one, but a gateway or the model might echo them.
 */
export function scrubRaw(json: unknown, secrets: readonly string[]): unknown {
  const walk = (node: unknown): unknown => {
    if (typeof node === 'string') return redactSecrets(node, secrets);
    if (Array.isArray(node)) return node.map(walk);
    if (node === null || typeof node !== 'object') return node;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) out[redactSecrets(key, secrets)] = walk(value);
    return out;
  };
  return walk(json);
}

/**
 * The model's text and refusal with every secret replaced by `<redacted>`: a model may echo a
 * key it saw (in a proxy header dump, a prompt), and its text is stored in results, the cache,
 * reports and the review database. Unlike `scrubSecrets`, whitespace is kept.
 */
export function scrubModelText<T extends { text: string; refusal?: string }>(
  fields: T,
  secrets: readonly string[],
): T {
  const scrub = (text: string): string => redactSecrets(text, secrets);
  return {
    ...fields,
    text: scrub(fields.text),
    ...(fields.refusal === undefined ? {} : { refusal: scrub(fields.refusal) }),
  };
}
