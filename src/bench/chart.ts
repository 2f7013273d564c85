import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { findRenderersDir, svgToPng } from '../render/index.js';
import type { LeaderboardRow } from './score.js';

/** The leaderboard chart (headline metric per model, one panel per track) as SVG and PNG. */
export async function leaderboardChart(
  rows: readonly LeaderboardRow[],
): Promise<{ svg: string; png: Uint8Array }> {
  const template = JSON.parse(
    await readFile(join(findRenderersDir(), 'leaderboard.vl.json'), 'utf8'),
  ) as Record<string, unknown>;
  const scores = rows.map((row) => ({
    track: `${row.track} (${row.headline.metric})`,
    model: row.trivial
      ? `(${row.model})`
      : `${row.model} ${row.prompt} ${row.modality}${row.hints === 'none' ? '' : '+hints'}`,
    score: row.headline.value === null ? 0 : Math.round(row.headline.value * 10_000) / 100,
    trivial: row.trivial ? 'trivial baseline' : 'model',
  }));
  const spec = { ...template, data: { values: scores } };
  const view = new vega.View(vega.parse(compile(spec as unknown as TopLevelSpec).spec), {
    renderer: 'none',
    logLevel: vega.None,
  });
  try {
    const svg = await view.toSVG();
    return { svg, png: await svgToPng(svg) };
  } finally {
    view.finalize();
  }
}
