import { describe, expect, it } from 'vitest';
import { loadPrompt } from './index.js';
import { assertSeriesReachesModel } from './series-slot.js';

describe('assertSeriesReachesModel', () => {
  it('refuses a picture-only prompt with the text modality: the text would be dropped', async () => {
    const template = await loadPrompt('anomllm-range');
    expect(() => assertSeriesReachesModel(template, 'text')).toThrow(
      expect.objectContaining({ code: 'prompt.no_series_slot', field: 'modality' }),
    );
    expect(() => assertSeriesReachesModel(template, 'both')).toThrow(
      /would send the model no series/,
    );
    expect(() => assertSeriesReachesModel(template, 'image')).not.toThrow();
  });

  it('refuses a text-only prompt with the image modality: its slot would be filled empty', async () => {
    const template = await loadPrompt('anomllm-range-text');
    expect(() => assertSeriesReachesModel(template, 'image')).toThrow(
      expect.objectContaining({ code: 'prompt.no_series_slot' }),
    );
    expect(() => assertSeriesReachesModel(template, 'text')).not.toThrow();
  });

  it('takes every modality for a prompt with a series_data slot', async () => {
    const template = await loadPrompt('structured-range');
    for (const modality of ['image', 'text', 'both'] as const)
      expect(() => assertSeriesReachesModel(template, modality)).not.toThrow();
  });
});
