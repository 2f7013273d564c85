import { describe, expect, it } from 'vitest';
import { publishedRows, readPublished } from './published.js';
import { loadSuite } from './suite.js';

describe('publishedRows', () => {
  it('gives the AnomLLM paper best score beside each AnomLLM track, marked published', async () => {
    const { suite } = await loadSuite('quick');
    const rows = publishedRows(suite, await readPublished());
    const anomllmTracks = suite.tracks.filter((track) => track.dataset.generator === 'anomllm');
    expect(rows.map((row) => row.track)).toEqual(anomllmTracks.map((track) => track.name));
    const range = rows.find((row) => row.track === 'anomllm-range');
    // eval/published.json: anomllm.range.best = 82.40 (percent).
    expect(range?.headline.metric).toBe('affiliation.f1');
    expect(range?.headline.value).toBeCloseTo(0.824, 12);
    expect(range?.published).toContain('arXiv 2410.05440');
  });

  it('adds nothing for tracks that reproduce no published table', async () => {
    const { suite } = await loadSuite('quick');
    const vtaOnly = {
      ...suite,
      tracks: suite.tracks.filter((track) => track.dataset.generator === 'vta'),
    };
    expect(publishedRows(vtaOnly, await readPublished())).toEqual([]);
  });
});
