import { InputError } from '../errors.js';
import type { PromptTemplate } from './template.js';

/** How a series may be shown to a model. */
export type Modality = 'image' | 'text' | 'both';

/** Slots that carry the series as text; `series_data` also notes an attached plot. */
const textSlots = ['series_data', 'series_text', 'observation'] as const;

/**
 * Refuses a prompt and modality that would not show the model the series: a text modality with a
 * prompt that has no slot for the text (it would be computed and dropped), or a picture-only
 * modality with a prompt whose only slot is `series_text` (the slot would be filled empty).
 */
export function assertSeriesReachesModel(template: PromptTemplate, modality: Modality): void {
  const slots = textSlots.filter((slot) => template.variables.includes(slot));
  const textLost = modality !== 'image' && slots.length === 0;
  const textMissing = modality === 'image' && slots.length === 1 && slots[0] === 'series_text';
  if (!textLost && !textMissing) return;
  const fix = textLost
    ? `use modality image, or a prompt with a {{series_data}} or {{series_text}} slot (e.g. ${template.id}-text if there is one)`
    : 'use modality text or both, or a prompt that takes a picture';
  throw new InputError(
    'prompt.no_series_slot',
    `prompt ${template.id} with modality "${modality}" would send the model no series: ${fix}`,
    { file: template.file, field: 'modality' },
  );
}
