import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { fillPrompt, parsePromptFile } from './template.js';

const good = `---
id: demo
version: 3
task: range
answer: vta-ranges
convention: inclusive
modality: both
variables:
  - series_data
  - context
temperature: 0.4
stop: ["’’’’", " – –", '<|eot_id|>']
---

Series: {{series_data}}
Context: {{context}}
`;

describe('parsePromptFile', () => {
  it('reads every front matter field and the body', () => {
    const template = parsePromptFile(good, 'demo.md');
    expect(template).toEqual({
      id: 'demo',
      version: '3',
      task: 'range',
      answer: 'vta-ranges',
      convention: 'inclusive',
      modality: 'both',
      variables: ['series_data', 'context'],
      temperature: 0.4,
      stop: ['’’’’', ' – –', '<|eot_id|>'],
      body: 'Series: {{series_data}}\nContext: {{context}}',
      file: 'demo.md',
    });
  });

  it('accepts CRLF line endings and a byte order mark', () => {
    const template = parsePromptFile(`\uFEFF${good.replaceAll('\n', '\r\n')}`, 'demo.md');
    expect(template.body).toBe('Series: {{series_data}}\nContext: {{context}}');
  });

  it.each([
    ['no opening line', good.replace('---\n', ''), 1, /must start with a "---"/],
    ['never closed', good.replace('\n---\n\n', '\n\n'), 1, /never closed/],
    ['unknown key', good.replace('task: range', 'tsak: range'), 4, /unknown key "tsak"/],
    [
      'bad enum',
      good.replace('task: range', 'task: ranges'),
      4,
      /"task" must be one of point, range, variate, diagnose/,
    ],
    ['duplicate key', good.replace('version: 3', 'version: 3\nversion: 4'), 4, /given twice/],
    ['missing key', good.replace('answer: vta-ranges\n', ''), 12, /lacks "answer"/],
    ['not key: value', good.replace('modality: both', 'modality both'), 7, /expected "key: value"/],
    ['bad temperature', good.replace('0.4', 'warm'), 11, /temperature/],
    [
      'list item without key',
      good.replace('id: demo', '- stray\nid: demo'),
      2,
      /must follow a "key:" line/,
    ],
    [
      'undeclared placeholder',
      good.replace('Context: {{context}}', 'Context: {{context}} {{extra}}'),
      16,
      /\{\{extra\}\} is not declared/,
    ],
    [
      'stray braces',
      good.replace('Context: {{context}}', 'Context: {{context}} {{ context }}'),
      16,
      /a "\{\{" that is not/,
    ],
    [
      'unused variable',
      good.replace('Context: {{context}}', 'Context: none'),
      1,
      /context never appear/,
    ],
    ['bad string', good.replace('" – –"', '" – –'), 12, /cannot read/],
  ])('%s is an InputError naming file and line', (_name, text, line, message) => {
    let caught: unknown;
    try {
      parsePromptFile(text, 'prompts/demo.md');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InputError);
    const error = caught as InputError;
    expect(error.code).toBe('input.prompt_template');
    expect(error.file).toBe('prompts/demo.md');
    expect(error.line).toBe(line);
    expect(error.message).toMatch(message);
    expect(error.message.startsWith(`prompts/demo.md:${line}: `)).toBe(true);
  });
});

describe('fillPrompt', () => {
  const template = parsePromptFile(good, 'demo.md');

  it('fills every placeholder', () => {
    expect(fillPrompt(template, { series_data: '[1, 2]', context: 'cpu' })).toBe(
      'Series: [1, 2]\nContext: cpu',
    );
  });

  it('accepts an empty string and ignores extra variables', () => {
    expect(fillPrompt(template, { series_data: 'x', context: '', unused: 'y' })).toBe(
      'Series: x\nContext: ',
    );
  });

  it('inserts values verbatim, without expanding placeholders or $ patterns inside them', () => {
    const text = fillPrompt(template, {
      series_data: '{{context}} and $& $1 $$',
      context: '{{series_data}}',
    });
    expect(text).toBe('Series: {{context}} and $& $1 $$\nContext: {{series_data}}');
  });

  it('names a missing variable', () => {
    expect(() => fillPrompt(template, { series_data: 'x' })).toThrow(InputError);
    try {
      fillPrompt(template, { series_data: 'x' });
    } catch (error) {
      expect(error).toMatchObject({
        code: 'input.missing_variable',
        field: 'context',
        file: 'demo.md',
      });
      expect((error as Error).message).toContain('"context"');
    }
  });

  it('rejects a placeholder left in a hand-built template', () => {
    const edited = { ...template, body: `${template.body} {{later}}` };
    expect(() => fillPrompt(edited, { series_data: 'x', context: 'y' })).toThrow(
      expect.objectContaining({ code: 'input.unknown_placeholder', field: 'later' }),
    );
  });
});
