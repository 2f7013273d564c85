import { z } from 'zod';

const usageSchema = z.object({
  inputTokens: z.number(),
  outputTokens: z.number(),
  cachedInputTokens: z.number().optional(),
  reasoningTokens: z.number().optional(),
});

/** A recorded `GenerateResponse` as stored in a replay JSONL line. */
export const recordedResponseSchema = z.object({
  text: z.string(),
  refusal: z.string().optional(),
  finishReason: z.enum(['stop', 'length', 'refusal', 'safety', 'error', 'other']),
  rawFinishReason: z.string().optional(),
  usage: usageSchema.nullable(),
  latencyMs: z.number(),
  warnings: z.array(z.string()).default([]),
  raw: z
    .object({ request: z.unknown(), response: z.unknown() })
    .default({ request: null, response: null }),
});

/**
 * One line of a replay file: the request key, the provider id it was recorded from, the response.
 */
export const replayLineSchema = z.object({
  key: z.string().min(1),
  providerId: z.string().optional(),
  response: recordedResponseSchema,
});

export type ReplayLine = z.infer<typeof replayLineSchema>;
