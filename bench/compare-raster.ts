/**
 * Our fast line raster against librsvg: `npm run bench:compare-raster [-- N [seed]]`.
 * Renders N seeded series (default 40: single lines of 150–3,000 points, 3×3 VTA grids of 400
 * points, overlays) to SVG, rasterises each with `svgToPng` (our stroke for the series lines) and
 * with sharp/librsvg on the full SVG, and prints per chart kind the mean absolute pixel difference
 * (0–255), the share of pixels off by more than 32, and the ink difference (Σ darkness, ours /
 * librsvg − 1) of the whole image and of the series lines alone (where the fast path applied).
 */
import { compareRaster, type RasterDiff } from './claims/raster.js';

/** "mean m %, range a..b %" of percentages. */
function meanAndRange(values: readonly number[]): string {
  if (values.length === 0) return 'n/a';
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const low = Math.min(...values).toFixed(2);
  const high = Math.max(...values).toFixed(2);
  return `mean ${mean.toFixed(2)} %, range ${low}..${high} %`;
}

function summary(rows: readonly RasterDiff[]): string {
  const meanDiff = rows.reduce((s, row) => s + row.meanAbsDiff, 0) / rows.length;
  const worst = Math.max(...rows.map((row) => row.meanAbsDiff));
  const over = rows.reduce((s, row) => s + row.pixelsOver32, 0) / rows.length;
  const fast = rows.filter((row) => row.fastPathUsed);
  return [
    `mean |diff| ${meanDiff.toFixed(3)} (max image ${worst.toFixed(3)})`,
    `pixels off >32: ${(over * 100).toFixed(3)} %`,
    `ink ours/librsvg-1: ${meanAndRange(rows.map((row) => row.inkRelativeDiff * 100))}`,
    `line ink (fast path): ${meanAndRange(fast.map((row) => row.lineInkRelativeDiff * 100))}`,
  ].join('; ');
}

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 40);
  const seed = Number(process.argv[3] ?? 1);
  const rows = await compareRaster(count, seed);
  const out = (line: string): boolean => process.stdout.write(`${line}\n`);
  const fast = rows.filter((row) => row.fastPathUsed).length;
  out(`raster comparison: ${rows.length} images (seed ${seed}); fast path used on ${fast}`);
  const kinds = [...new Set(rows.map((row) => row.name.split(',')[0] as string))];
  for (const kind of kinds) {
    const group = rows.filter((row) => row.name.startsWith(`${kind},`));
    const groupFast = group.filter((row) => row.fastPathUsed).length;
    out(`  ${kind} (${group.length}, fast path on ${groupFast}): ${summary(group)}`);
  }
  out(`  all: ${summary(rows)}`);
}

await main();
