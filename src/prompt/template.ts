import { InputError } from '../errors.js';

/** Tasks a template can ask for. */
export type PromptTask = 'point' | 'range' | 'variate' | 'diagnose';
/** Answer formats (which parser reads the reply). */
export type PromptAnswerFormat =
  'structured' | 'vta-points' | 'vta-ranges' | 'vta-variates' | 'anomllm' | 'time-ra';

/** A loaded prompt template: front matter fields plus the body with `{{variable}}` placeholders. */
export interface PromptTemplate {
  id: string;
  version: string;
  task: PromptTask;
  answer: PromptAnswerFormat;
  convention: 'inclusive' | 'exclusive';
  modality: 'image' | 'text' | 'both';
  variables: string[];
  temperature?: number;
  stop?: string[];
  body: string;
  /** Path (or name) of the file the template came from, for error messages. */
  file: string;
}

const tasks = ['point', 'range', 'variate', 'diagnose'] as const;
const answers = [
  'structured',
  'vta-points',
  'vta-ranges',
  'vta-variates',
  'anomllm',
  'time-ra',
] as const;
const conventions = ['inclusive', 'exclusive'] as const;
const modalities = ['image', 'text', 'both'] as const;
const knownKeys = new Set([
  'id',
  'version',
  'task',
  'answer',
  'convention',
  'modality',
  'variables',
  'temperature',
  'stop',
]);
const variableName = /^[a-z_][a-z0-9_]*$/;
const placeholder = /\{\{([a-z_][a-z0-9_]*)\}\}/g;

type Scalar = string;
type FrontMatterValue = Scalar | Scalar[];

/**
 * Parses a template file: a `---` line, `key: value` lines (scalars, `[a, b]` inline lists or `-
 * item`
 * block lists; strings may be double-quoted with JSON escapes or single-quoted), a closing `---`,
 * then
 * the body. Every `{{name}}` in the body must be declared in `variables` and every declared
 * variable
 * used; any other `{{` is an error. Problems are `InputError`s naming the file and line.
 */
export function parsePromptFile(text: string, file: string): PromptTemplate {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines[0]?.trim() !== '---')
    throw frontMatterError(
      file,
      1,
      'the file must start with a "---" line opening the front matter',
    );
  const closing = lines.findIndex((line, index) => index > 0 && line.trim() === '---');
  if (closing === -1)
    throw frontMatterError(file, 1, 'the front matter is never closed by a "---" line');
  const fields = new Map<string, { value: FrontMatterValue; line: number }>();
  let listKey: { key: string; line: number } | undefined;
  for (let index = 1; index < closing; index += 1) {
    const line = lines[index] ?? '';
    const lineNumber = index + 1;
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const item = /^\s+-\s*(.*)$/.exec(line) ?? /^-\s+(.*)$/.exec(line);
    if (item !== null) {
      if (listKey === undefined)
        throw frontMatterError(
          file,
          lineNumber,
          'a "- item" line must follow a "key:" line with no value',
        );
      const list = fields.get(listKey.key)?.value;
      if (Array.isArray(list)) list.push(parseScalar(item[1] ?? '', file, lineNumber));
      continue;
    }
    const pair = /^([A-Za-z_][A-Za-z0-9_]*)\s*:\s*(.*)$/.exec(line);
    if (pair === null)
      throw frontMatterError(
        file,
        lineNumber,
        `cannot read ${JSON.stringify(line.trim())}; expected "key: value"`,
      );
    const key = pair[1] ?? '';
    const raw = (pair[2] ?? '').trim();
    if (!knownKeys.has(key))
      throw frontMatterError(
        file,
        lineNumber,
        `unknown key "${key}" (known: ${[...knownKeys].join(', ')})`,
      );
    if (fields.has(key)) throw frontMatterError(file, lineNumber, `"${key}" is given twice`);
    if (raw === '') {
      fields.set(key, { value: [], line: lineNumber });
      listKey = { key, line: lineNumber };
    } else {
      fields.set(key, {
        value: raw.startsWith('[')
          ? parseInlineList(raw, file, lineNumber)
          : parseScalar(raw, file, lineNumber),
        line: lineNumber,
      });
      listKey = undefined;
    }
  }
  const body = lines
    .slice(closing + 1)
    .join('\n')
    .replace(/^\s*\n/, '')
    .trimEnd();
  const template = buildTemplate(fields, body, file, closing + 1);
  checkPlaceholders(template, lines, closing);
  return template;
}

/**
 * Fills a template's placeholders in one pass: values are inserted verbatim (a `{{` inside a value
 * is
 * not expanded again). Every declared variable must be given (an empty string is a valid value);
 * extra keys in `variables` are ignored.
 * @example fillPrompt(template, { context: '', series_data: '…' })
 */
export function fillPrompt(template: PromptTemplate, variables: Record<string, string>): string {
  for (const name of template.variables) {
    if (!Object.hasOwn(variables, name) || typeof variables[name] !== 'string') {
      throw new InputError(
        'input.missing_variable',
        `Prompt ${template.id} needs the variable "${name}"; pass it (an empty string if it does not apply).`,
        {
          file: template.file,
          field: name,
        },
      );
    }
  }
  return template.body.replace(placeholder, (match: string, name: string) => {
    const value = template.variables.includes(name) ? variables[name] : undefined;
    if (value === undefined)
      throw new InputError(
        'input.unknown_placeholder',
        `Prompt ${template.id} has the undeclared placeholder ${match}.`,
        { file: template.file, field: name },
      );
    return value;
  });
}

function buildTemplate(
  fields: Map<string, { value: FrontMatterValue; line: number }>,
  body: string,
  file: string,
  closingLine: number,
): PromptTemplate {
  const text = (key: string): string => {
    const field = fields.get(key);
    if (field === undefined)
      throw frontMatterError(file, closingLine, `the front matter lacks "${key}"`);
    if (Array.isArray(field.value))
      throw frontMatterError(file, field.line, `"${key}" must be a single value, not a list`);
    return field.value;
  };
  const oneOf = <T extends string>(key: string, allowed: readonly T[]): T => {
    const value = text(key);
    if (!(allowed as readonly string[]).includes(value))
      throw frontMatterError(
        file,
        fields.get(key)?.line ?? closingLine,
        `"${key}" must be one of ${allowed.join(', ')}, got "${value}"`,
      );
    return value as T;
  };
  const id = text('id');
  if (!/^[a-z0-9][a-z0-9-]*$/.test(id))
    throw frontMatterError(
      file,
      fields.get('id')?.line ?? 1,
      `id "${id}" must be lowercase letters, digits and dashes`,
    );
  const variablesField = fields.get('variables');
  const variables =
    variablesField === undefined
      ? []
      : Array.isArray(variablesField.value)
        ? variablesField.value
        : [variablesField.value];
  for (const name of variables) {
    if (!variableName.test(name))
      throw frontMatterError(
        file,
        variablesField?.line ?? 1,
        `variable name "${name}" must match ${variableName.source}`,
      );
  }
  const template: PromptTemplate = {
    id,
    version: text('version'),
    task: oneOf('task', tasks),
    answer: oneOf('answer', answers),
    convention: oneOf('convention', conventions),
    modality: oneOf('modality', modalities),
    variables,
    body,
    file,
  };
  const temperature = fields.get('temperature');
  if (temperature !== undefined) {
    const value = Array.isArray(temperature.value) ? Number.NaN : Number(temperature.value);
    if (!(value >= 0 && value <= 2))
      throw frontMatterError(file, temperature.line, '"temperature" must be a number from 0 to 2');
    template.temperature = value;
  }
  const stop = fields.get('stop');
  if (stop !== undefined) {
    if (!Array.isArray(stop.value))
      throw frontMatterError(file, stop.line, '"stop" must be a list of strings');
    template.stop = stop.value;
  }
  return template;
}

function checkPlaceholders(template: PromptTemplate, lines: string[], closing: number): void {
  const used = new Set<string>();
  lines.slice(closing + 1).forEach((line, offset) => {
    const lineNumber = closing + 2 + offset;
    for (const match of line.matchAll(placeholder)) {
      const name = match[1] ?? '';
      if (!template.variables.includes(name))
        throw frontMatterError(
          template.file,
          lineNumber,
          `placeholder {{${name}}} is not declared in "variables"`,
        );
      used.add(name);
    }
    if (line.replace(placeholder, '').includes('{{'))
      throw frontMatterError(
        template.file,
        lineNumber,
        'a "{{" that is not a {{variable}} placeholder (names: lowercase letters, digits, _)',
      );
  });
  const unused = template.variables.filter((name) => !used.has(name));
  if (unused.length > 0)
    throw frontMatterError(
      template.file,
      1,
      `declared variable(s) ${unused.join(', ')} never appear in the body`,
    );
}

function parseInlineList(raw: string, file: string, line: number): Scalar[] {
  if (!raw.endsWith(']')) throw frontMatterError(file, line, 'an inline list must end with "]"');
  const inner = raw.slice(1, -1).trim();
  if (inner === '') return [];
  const items: Scalar[] = [];
  const itemPattern = /\s*("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^,]+?)\s*(?:,|$)/gy;
  let consumed = 0;
  for (const match of inner.matchAll(itemPattern)) {
    items.push(parseScalar(match[1] ?? '', file, line));
    consumed = (match.index ?? 0) + match[0].length;
    if (consumed >= inner.length) break;
  }
  if (consumed < inner.length)
    throw frontMatterError(file, line, `cannot read the inline list ${raw}`);
  return items;
}

function parseScalar(raw: string, file: string, line: number): Scalar {
  const value = raw.trim();
  if (value.startsWith('"')) {
    try {
      const parsed: unknown = JSON.parse(value);
      if (typeof parsed === 'string') return parsed;
    } catch {
      // Reported below with the line.
    }
    throw frontMatterError(file, line, `cannot read the double-quoted string ${value}`);
  }
  if (value.startsWith("'")) {
    if (value.length < 2 || !value.endsWith("'"))
      throw frontMatterError(file, line, `unterminated single-quoted string ${value}`);
    return value.slice(1, -1).replaceAll("''", "'");
  }
  return value;
}

function frontMatterError(file: string, line: number, problem: string): InputError {
  return new InputError('input.prompt_template', `${file}:${line}: ${problem}.`, { file, line });
}
