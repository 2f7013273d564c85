import { z } from 'zod';

/**
 * Error object under `error` (OpenAI, vLLM ≥0.6) — `code` is a string, null or (vLLM) an integer.
 */
export const openAIErrorObjectWire = z.object({
  message: z.unknown().optional(),
  type: z.unknown().optional(),
  code: z.union([z.string(), z.number()]).nullish(),
  param: z.unknown().optional(),
});

const contentPartWire = z.object({ type: z.string().optional(), text: z.string().optional() });

/** Only the Chat Completions fields we read; everything else is ignored. */
export const chatCompletionWire = z.object({
  choices: z
    .array(
      z.object({
        message: z
          .object({
            // Some compatible servers send content as an array of parts.
            content: z.union([z.string(), z.array(contentPartWire)]).nullish(),
            refusal: z.string().nullish(),
          })
          .nullish(),
        finish_reason: z.string().nullish(),
      }),
    )
    .nullish(),
  usage: z
    .object({
      prompt_tokens: z.number().nullish(),
      completion_tokens: z.number().nullish(),
      prompt_tokens_details: z.object({ cached_tokens: z.number().nullish() }).nullish(),
      completion_tokens_details: z.object({ reasoning_tokens: z.number().nullish() }).nullish(),
    })
    .nullish(),
  // Gateways sometimes answer 200 with an error body.
  error: z.unknown().optional(),
});

export type ChatCompletionWire = z.infer<typeof chatCompletionWire>;
