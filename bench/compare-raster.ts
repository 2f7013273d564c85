/**
 * Our fast line raster against librsvg: `npm run bench:compare-raster [-- N [seed]]`.
 * Renders N seeded series (default 40: single lines of 150–3,000 points, 3×3 VTA grids of 400
 * points, overlays) to SVG, rasterises each with `svgToPng` (our stroke for the series lines) and
 * with sharp/librsvg on the full SVG, and prints per chart kind the mean absolute pixel difference (0–255), the share
 * of pixels off by more than 32, and the ink difference (Σ darkness, ours / librsvg − 1) of the
 * whole image and of the series lines alone (images where the fast path applied).
 */
import { compareRaster, type RasterDiff } from './claims/raster.js';

function lineInk(rows: readonly RasterDiff[]): string {
  if (rows.length === 0) return 'n/a';
  const values = rows.map((r) => r.lineInkRelativeDiff * 100);
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  return `mean ${mean.toFixed(2)} %, range ${Math.min(...values).toFixed(2)}..${Math.max(...values).toFixed(2)} %`;
}

function summary(rows: readonly RasterDiff[]): string {
  const mean = (pick: (row: RasterDiff) => number): number => rows.reduce((s, row) => s + pick(row), 0) / rows.length;
  const range = (pick: (row: RasterDiff) => number): string => {
    const values = rows.map(pick);
    return `${(Math.min(...values) * 100).toFixed(2)}..${(Math.max(...values) * 100).toFixed(2)} %`;
  };
  return [
    `mean |diff| ${mean((r) => r.meanAbsDiff).toFixed(3)} (max image ${Math.max(...rows.map((r) => r.meanAbsDiff)).toFixed(3)})`,
    `pixels off >32: ${(mean((r) => r.pixelsOver32) * 100).toFixed(3)} %`,
    `ink ours/librsvg-1: mean ${(mean((r) => r.inkRelativeDiff) * 100).toFixed(2)} %, range ${range((r) => r.inkRelativeDiff)}`,
    `line ink (fast-path images): ${lineInk(rows.filter((r) => r.fastPathUsed))}`,
  ].join('; ');
}

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 40);
  const seed = Number(process.argv[3] ?? 1);
  const rows = await compareRaster(count, seed);
  const out = (line: string): boolean => process.stdout.write(`${line}\n`);
  out(`raster comparison: ${rows.length} images (seed ${seed}); fast path used on ${rows.filter((r) => r.fastPathUsed).length}`);
  const kinds = [...new Set(rows.map((r) => r.name.split(',')[0] as string))];
  for (const kind of kinds) {
    const group = rows.filter((r) => r.name.startsWith(`${kind},`));
    const fast = group.filter((r) => r.fastPathUsed).length;
    out(`  ${kind} (${group.length}, fast path on ${fast}): ${summary(group)}`);
  }
  out(`  all: ${summary(rows)}`);
}

await main();
