import { z } from 'zod';
import { readChoice, readUsage } from '../providers/openai/adapter.js';
import { scrubModelText, scrubRaw } from '../providers/shared/wire.js';
import { chatCompletionWire } from '../providers/openai/wire.js';
import type { GenerateResponse } from '../providers/types.js';

/** The fields of an OpenAI Batch object we read. */
export const openAIBatchWire = z.object({
  id: z.string(),
  status: z.enum([
    'validating',
    'failed',
    'in_progress',
    'finalizing',
    'completed',
    'expired',
    'cancelling',
    'cancelled',
  ]),
  output_file_id: z.string().nullish(),
  error_file_id: z.string().nullish(),
  errors: z
    .object({
      data: z
        .array(
          z.object({
            code: z.string().nullish(),
            message: z.string().nullish(),
            line: z.number().nullish(),
            param: z.string().nullish(),
          }),
        )
        .nullish(),
    })
    .nullish(),
});

/** One line of a batch output or error file. */
export const openAIBatchLineWire = z.object({
  custom_id: z.string(),
  response: z
    .object({ status_code: z.number(), request_id: z.string().nullish(), body: z.unknown() })
    .nullish(),
  error: z.object({ code: z.string().nullish(), message: z.string().nullish() }).nullish(),
});
export type OpenAIBatchLine = z.infer<typeof openAIBatchLineWire>;

/**
 * A Chat Completions body from a batch line → our response, read exactly as the online adapter
 * reads it (refusal, finish reason, usage); `undefined` when the body has no choice.
 */
export function responseFromChatBody(
  body: unknown,
  secrets: readonly string[] = [],
): GenerateResponse | undefined {
  const parsed = chatCompletionWire.safeParse(body);
  const choice = parsed.success ? parsed.data.choices?.[0] : undefined;
  if (!parsed.success || choice === undefined) return undefined;
  // Secrets are scrubbed as on the online path: a batch answer may echo the key too.
  const read = scrubModelText(readChoice(choice), secrets);
  return {
    ...read,
    usage: readUsage(parsed.data.usage),
    latencyMs: 0,
    warnings: [],
    raw: { request: null, response: scrubRaw(body, secrets) },
  };
}
