import type { Answer } from './answer.js';
import { NORMAL_CATEGORY } from './taxonomy.js';

/** The answer formats prompts ask for (the template's `answer` field). */
export type AnswerTextFormat =
  'structured' | 'vta-points' | 'vta-ranges' | 'vta-variates' | 'anomllm' | 'time-ra';

/**
 * Writes an answer the way a model following the prompt would: the inverse of the parsers in
 * `src/detect/parse/`. Coordinates are written as they are in the answer (already in the
 * prompt's convention). Used by in-process providers so every prompt works offline.
 */
export function formatAnswerText(answer: Answer, format: AnswerTextFormat): string {
  switch (format) {
    case 'structured':
      return JSON.stringify(answer);
    case 'vta-points': {
      const points = new Set<number>();
      for (const anomaly of answer.anomalies)
        for (let x = Math.round(anomaly.start); x <= Math.round(anomaly.end); x += 1) points.add(x);
      return JSON.stringify([...points].sort((a, b) => a - b));
    }
    case 'vta-ranges':
      return JSON.stringify(
        answer.anomalies.map((anomaly) => [Math.round(anomaly.start), Math.round(anomaly.end)]),
      );
    case 'vta-variates':
      return JSON.stringify(
        [...new Set(answer.anomalies.flatMap((anomaly) => anomaly.channels ?? []))].sort(
          (a, b) => a - b,
        ),
      );
    case 'anomllm':
      return JSON.stringify(
        answer.anomalies.map((anomaly) => ({
          start: Math.round(anomaly.start),
          end: Math.round(anomaly.end),
        })),
      );
    case 'time-ra': {
      const main = answer.anomalies[0];
      const thought = (main?.explanation ?? answer.summary).replaceAll('}', ')');
      return `Thought: \\boxed1{${thought}}\nAction: \\boxed2{${main?.category ?? NORMAL_CATEGORY}}`;
    }
  }
}
