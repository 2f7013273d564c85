import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProvider } from '../providers/registry.js';
import { startStandin, type Standin } from '../testing/standin-server.js';
import { expandAblations, type AblatableTrack } from './ablations.js';
import { formatLeaderboard } from './format.js';
import { scoreRun } from './leaderboard.js';
import { runBench } from './run.js';
import { subsetSuite } from './subset.js';
import { suiteSchema } from './suite.js';

const base = {
  dataset: { generator: 'vta', kind: 'univariate', type: 'trend', count: 2, seed: 0 },
  task: 'range',
  prompts: ['vta-range'],
  scoring: 'vta',
} as const;

describe('expandAblations', () => {
  it('runs a track once per combination of its axes; the first values are the reference', () => {
    const tracks = expandAblations<AblatableTrack>([
      {
        name: 'trend',
        ablations: {
          presets: ['line', 'grid'],
          sizes: [
            { widthPx: 1000, heightPx: 300 },
            { widthPx: 512, heightPx: 256 },
          ],
        },
      },
      { name: 'plain' },
    ]);
    expect(tracks.map((track) => [track.name, track.preset, track.size?.widthPx])).toEqual([
      ['trend.line.1000x300', 'line', 1000],
      ['trend.line.512x256', 'line', 512],
      ['trend.grid.1000x300', 'grid', 1000],
      ['trend.grid.512x256', 'grid', 512],
      ['plain', undefined, undefined],
    ]);
    expect(tracks.map((track) => track.ablation?.reference)).toEqual([
      true,
      false,
      false,
      false,
      undefined,
    ]);
    expect(tracks[3]?.ablation).toEqual({
      of: 'trend',
      variant: 'grid 512x256',
      reference: false,
    });
    expect(tracks.every((track) => !('ablations' in track))).toBe(true);
  });

  it('names text serialisations by format and decimals', () => {
    const tracks = expandAblations<AblatableTrack>([
      { name: 't', ablations: { texts: [{ format: 'csv', decimals: 2 }, { decimals: 1 }, {}] } },
    ]);
    expect(tracks.map((track) => track.name)).toEqual(['t.csv-d2', 't.d1', 't.text']);
  });

  it('is applied by the suite schema, which refuses a name used twice', () => {
    const suite = suiteSchema.parse({
      id: 's',
      description: 'd',
      tracks: [{ ...base, name: 'trend', ablations: { presets: ['line', 'grid'] } }],
    });
    expect(suite.tracks.map((track) => track.name)).toEqual(['trend.line', 'trend.grid']);
    // A run's suite.json holds the expanded tracks: parsing it again changes nothing.
    expect(suiteSchema.parse(JSON.parse(JSON.stringify(suite)))).toEqual(suite);
    const clash = suiteSchema.safeParse({
      id: 's',
      description: 'd',
      tracks: [
        { ...base, name: 'trend', ablations: { presets: ['line', 'grid'] } },
        { ...base, name: 'trend.grid' },
      ],
    });
    expect(clash.success).toBe(false);
    expect(clash.error?.issues[0]?.path).toEqual(['tracks', 1, 'name']);
  });

  it('lets --tracks pick every variant by the suite-file name', () => {
    const suite = suiteSchema.parse({
      id: 's',
      description: 'd',
      tracks: [
        { ...base, name: 'trend', ablations: { presets: ['line', 'grid'] } },
        { ...base, name: 'other' },
      ],
    });
    const picked = subsetSuite(suite, { tracks: ['trend'] });
    expect(picked.tracks.map((track) => track.name)).toEqual(['trend.line', 'trend.grid']);
  });
});

describe('a suite with render ablations', () => {
  let standin: Standin;
  let dir: string;
  beforeAll(async () => {
    standin = await startStandin();
    // Each prompt's own answer format: AnomLLM's asks for {"start", "end"} objects.
    standin.setHandler('POST /v1/chat/completions', (request) => {
      const anomllm = JSON.stringify(request.body).includes('start');
      const content = anomllm ? '[{"start": 10, "end": 19}]' : '[[10, 19]]';
      return {
        body: {
          choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
        },
      };
    });
    dir = await mkdtemp(join(tmpdir(), 'anomscope-ablations-'));
  });
  afterAll(async () => {
    await standin.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('sends each size and serialisation, and shows each variant as a leaderboard row', async () => {
    const suite = suiteSchema.parse({
      id: 'ablate',
      description: 'sizes and serialisations',
      tracks: [
        {
          ...base,
          name: 'img',
          ablations: {
            sizes: [
              { widthPx: 1000, heightPx: 300 },
              { widthPx: 400, heightPx: 200 },
            ],
          },
        },
        {
          ...base,
          name: 'txt',
          prompts: ['anomllm-range-text'],
          modalities: ['text'],
          ablations: {
            texts: [
              { format: 'plain', decimals: 3 },
              { format: 'csv', decimals: 1 },
            ],
          },
        },
      ],
    });
    const runDir = join(dir, 'run');
    await runBench({
      suite,
      providers: [createProvider(`openai-compatible:m@${standin.url}/v1`, { env: {} })],
      runDir,
      initialDelayMs: 0,
    });
    const bodies = standin
      .requestsFor('POST /v1/chat/completions')
      .map((r) => JSON.stringify(r.body));
    expect(bodies).toHaveLength(8);
    // PNG width and height sit at bytes 16–23 of the image: read them from each data URL.
    const sizes = new Set(
      bodies.flatMap((body) =>
        [...body.matchAll(/data:image\/png;base64,([A-Za-z0-9+/=]+)/g)].map((m) => {
          const png = Buffer.from(m[1] as string, 'base64');
          return `${png.readUInt32BE(16)}x${png.readUInt32BE(20)}`;
        }),
      ),
    );
    expect([...sizes].sort()).toEqual(['1000x300', '400x200']);
    const texts = bodies.filter((body) => !body.includes('data:image'));
    expect(texts).toHaveLength(4);
    // plain with 3 decimals vs CSV with 1 decimal: the same values written two ways.
    const openings = texts.map((body) => /"content":"([^"]{0,40})/.exec(body)?.[1] ?? '');
    expect(openings.filter((text) => /^-?\d+\.\d{3}, /.test(text))).toHaveLength(2);
    expect(openings.filter((text) => /^idx,value\\n0,-?\d(\.\d)?\\n/.test(text))).toHaveLength(2);
    expect(new Set(texts).size).toBe(4);

    const board = await scoreRun(runDir);
    const model = board.filter((row) => !row.trivial && row.track !== 'overall');
    expect(model.map((row) => [row.track, row.ablation?.variant])).toEqual([
      ['img.1000x300', '1000x300'],
      ['img.400x200', '400x200'],
      ['txt.plain-d3', 'plain-d3'],
      ['txt.csv-d1', 'csv-d1'],
    ]);
    // Overall rows (one per modality here) average the reference variant of each track only.
    const overall = board.filter((row) => row.track === 'overall' && !row.trivial);
    expect(overall.map((row) => [row.modality, row.covers])).toEqual([
      ['image', ['img.1000x300']],
      ['text', ['txt.plain-d3']],
    ]);
    expect(overall.every((row) => row.ablation === undefined)).toBe(true);
    const table = formatLeaderboard(board, 'markdown');
    for (const name of ['img.400x200', 'txt.csv-d1']) expect(table).toContain(`| ${name} |`);
  });
});
