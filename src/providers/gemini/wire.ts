import { z } from 'zod';

/** Only the generateContent response fields we read. */
export const generateContentWire = z.object({
  candidates: z
    .array(
      z.object({
        // `content: {}` (SAFETY) and `content: { role }` without parts (MAX_TOKENS) both happen.
        content: z
          .object({
            parts: z
              .array(z.object({ text: z.string().nullish(), thought: z.boolean().nullish() }))
              .nullish(),
          })
          .nullish(),
        finishReason: z.string().nullish(),
      }),
    )
    .nullish(),
  promptFeedback: z
    .object({ blockReason: z.string().nullish(), blockReasonMessage: z.string().nullish() })
    .nullish(),
  usageMetadata: z
    .object({
      promptTokenCount: z.number().nullish(),
      candidatesTokenCount: z.number().nullish(),
      thoughtsTokenCount: z.number().nullish(),
      cachedContentTokenCount: z.number().nullish(),
    })
    .nullish(),
});

export type GenerateContentWire = z.infer<typeof generateContentWire>;

/** `google.rpc.Status` as the Gemini API sends it under `error`. */
export const geminiErrorWire = z.object({
  error: z.object({
    code: z.number().nullish(),
    message: z.string().nullish(),
    status: z.string().nullish(),
    details: z
      .array(
        z.object({
          '@type': z.string().nullish(),
          reason: z.string().nullish(),
          retryDelay: z.string().nullish(),
          violations: z
            .array(z.object({ quotaId: z.string().nullish(), quotaMetric: z.string().nullish() }))
            .nullish(),
        }),
      )
      .nullish(),
  }),
});
