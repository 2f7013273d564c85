import { z } from 'zod';
import { categoryNames } from './taxonomy.js';

/**
 * What a model returns for the structured tasks. Coordinates are x-axis coordinates as the model
 * reads them (see `toIntervals` in `src/detect/` for the one place they become index intervals).
 *
 * Written in the strict common subset OpenAI, Gemini and Ollama accept: every field required,
 * `.nullable()` instead of `.optional()`, enums instead of literals, no records or tuples.
 */
export const anomalySchema = z.object({
  start: z.number().describe('x-axis coordinate where the anomaly starts'),
  end: z.number().describe('x-axis coordinate where the anomaly ends'),
  channels: z
    .array(z.number().int())
    .nullable()
    .describe('panel numbers of the affected channels (multivariate), or null'),
  category: z.enum(categoryNames).describe('category name from the taxonomy'),
  severity: z.enum(['low', 'medium', 'high']).nullable(),
  confidence: z
    .number()
    .min(0)
    .max(1)
    .nullable()
    .describe('probability that this is a real anomaly, 0 to 1'),
  explanation: z.string().describe('one or two sentences of evidence'),
  candidate: z
    .number()
    .int()
    .nullable()
    .describe('number of the proposed candidate this anomaly confirms, or null'),
});

export const answerSchema = z.object({
  anomalous: z.boolean(),
  anomalies: z.array(anomalySchema),
  summary: z.string(),
});

export type Anomaly = z.infer<typeof anomalySchema>;
export type Answer = z.infer<typeof answerSchema>;

let cachedAnswerJsonSchema: string | undefined;

/**
 * JSON Schema of the answer as sent to providers (draft 2020-12 subset, no `$schema` key); a fresh
 * copy each call.
 */
export function answerJsonSchema(): Record<string, unknown> {
  // Converting the zod schema costs milliseconds; it never changes, so convert once.
  cachedAnswerJsonSchema ??= JSON.stringify(buildAnswerJsonSchema());
  return JSON.parse(cachedAnswerJsonSchema) as Record<string, unknown>;
}

function buildAnswerJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(answerSchema, { target: 'draft-2020-12' }) as Record<
    string,
    unknown
  >;
  delete schema['$schema'];
  return stripSafeIntegerBounds(schema) as Record<string, unknown>;
}

/** zod writes ±2^53−1 bounds on every `.int()`; they say nothing and some servers reject them. */
function stripSafeIntegerBounds(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(stripSafeIntegerBounds);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    const isSafeBound =
      (key === 'minimum' && value === Number.MIN_SAFE_INTEGER) ||
      (key === 'maximum' && value === Number.MAX_SAFE_INTEGER);
    if (!isSafeBound) out[key] = stripSafeIntegerBounds(value);
  }
  return out;
}
