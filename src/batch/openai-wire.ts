import { z } from 'zod';
import type { FinishReason, GenerateResponse, TokenUsage } from '../providers/types.js';
import { chatCompletionWire, type ChatCompletionWire } from '../providers/openai/wire.js';

/** The fields of an OpenAI Batch object we read. */
export const openAIBatchWire = z.object({
  id: z.string(),
  status: z.enum(['validating', 'failed', 'in_progress', 'finalizing', 'completed', 'expired', 'cancelling', 'cancelled']),
  output_file_id: z.string().nullish(),
  error_file_id: z.string().nullish(),
  errors: z
    .object({
      data: z.array(z.object({ code: z.string().nullish(), message: z.string().nullish(), line: z.number().nullish(), param: z.string().nullish() })).nullish(),
    })
    .nullish(),
});

/** One line of a batch output or error file. */
export const openAIBatchLineWire = z.object({
  custom_id: z.string(),
  response: z.object({ status_code: z.number(), request_id: z.string().nullish(), body: z.unknown() }).nullish(),
  error: z.object({ code: z.string().nullish(), message: z.string().nullish() }).nullish(),
});
export type OpenAIBatchLine = z.infer<typeof openAIBatchLineWire>;

type ChoiceWire = NonNullable<NonNullable<ChatCompletionWire['choices']>[number]>;

/**
 * A Chat Completions body from a batch line → our response, read exactly as the online adapter
 * reads it (refusal, finish reason, usage); `undefined` when the body has no choice.
 */
export function responseFromChatBody(body: unknown): GenerateResponse | undefined {
  const parsed = chatCompletionWire.safeParse(body);
  const choice = parsed.success ? parsed.data.choices?.[0] : undefined;
  if (!parsed.success || choice === undefined) return undefined;
  return { ...readChoice(choice), usage: readUsage(parsed.data.usage), latencyMs: 0, warnings: [], raw: { request: null, response: body } };
}

function readChoice(choice: ChoiceWire): Pick<GenerateResponse, 'text' | 'refusal' | 'finishReason' | 'rawFinishReason'> {
  const content = choice.message?.content;
  const text = typeof content === 'string' ? content : (content ?? []).map((part) => part.text ?? '').join('');
  const refusal = choice.message?.refusal;
  const raw = choice.finish_reason ?? undefined;
  const rawPart = raw === undefined ? {} : { rawFinishReason: raw };
  if (typeof refusal === 'string' && refusal !== '') return { text, refusal, finishReason: 'refusal', ...rawPart };
  return { text, finishReason: finishReasonOf(raw), ...rawPart };
}

function finishReasonOf(raw: string | undefined): FinishReason {
  if (raw === undefined || raw === 'stop' || raw === 'eos') return 'stop';
  if (raw === 'length') return 'length';
  if (raw === 'content_filter') return 'safety';
  return 'other';
}

function readUsage(usage: ChatCompletionWire['usage']): TokenUsage | null {
  if (usage === null || usage === undefined) return null;
  if (typeof usage.prompt_tokens !== 'number' && typeof usage.completion_tokens !== 'number') return null;
  const out: TokenUsage = { inputTokens: usage.prompt_tokens ?? 0, outputTokens: usage.completion_tokens ?? 0 };
  const cached = usage.prompt_tokens_details?.cached_tokens;
  const reasoning = usage.completion_tokens_details?.reasoning_tokens;
  if (typeof cached === 'number') out.cachedInputTokens = cached;
  if (typeof reasoning === 'number') out.reasoningTokens = reasoning;
  return out;
}
