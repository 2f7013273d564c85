import { z } from 'zod';

/** Only the `/api/chat` (stream: false) fields we read; counts are omitted when zero. */
export const ollamaChatWire = z.object({
  message: z.object({ content: z.string().nullish(), thinking: z.string().nullish() }).nullish(),
  done_reason: z.string().nullish(),
  prompt_eval_count: z.number().nullish(),
  eval_count: z.number().nullish(),
});

export type OllamaChatWire = z.infer<typeof ollamaChatWire>;
