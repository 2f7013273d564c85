import { formatCost, formatLatency, formatTokens } from './format.js';
import type { ReportRun } from './model.js';

/** Footer facts (label, value) of a report; plain text. */
export function footerFacts(run: ReportRun, generatedAt: string): [string, string][] {
  const facts: [string, string][] = [
    ['model', run.model],
    ['prompt', `${run.prompt.id} v${run.prompt.version}`],
    ['tokens', formatTokens(run.usage)],
    ['cost', formatCost(run.costUsd)],
    [
      'latency',
      `${formatLatency(run.latencyMs)}${run.cached ? ' (answer from cache)' : ''}${run.repaired ? ' · repaired once' : ''}`,
    ],
  ];
  for (const warning of run.warnings) facts.push(['warning', warning]);
  facts.push(['generated', `${generatedAt} by anomscope`]);
  return facts;
}
