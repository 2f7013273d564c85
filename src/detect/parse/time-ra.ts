import {
  multivariateCategories,
  univariateCategories,
  type Category,
} from '../../schema/taxonomy.js';
import { PY_WHITESPACE_CLASS, pyStrip } from './python-text.js';
import { assertNotEmpty, parseError } from './errors.js';

/** A parsed Time-RA answer: the Thought text, the Action as written, and the category it names. */
export interface TimeRaAnswer {
  thought: string;
  action: string;
  category: Category;
}

const ws = `[${PY_WHITESPACE_CLASS}]`;
// Python's `.` matches anything but "\n"; JS's also stops at "\r", U+2028 and U+2029.
const actionLine = new RegExp(`Action:${ws}*([^\\n]*)`, 'u');
const thoughtLine = new RegExp(`Thought:${ws}*([^\\n]*)`, 'u');
const actionCleanup = new RegExp(
  `^(?:\\\\boxed\\p{Nd}+\\{)?\\p{Nd}*\\.?${ws}*([^\\n]*?)\\}?$`,
  'u',
);
const bareBoxed = /\\boxed\{([^\n]+)$/u;
const boxedThought = /\\boxed\p{Nd}?\{([^\n]*?)\}/gu;
const boxedOne = /\\boxed1\{([\s\S]*?)\}/u;

/**
 * Time-RA's answer parsing (the RATs40K evaluation scripts): the Action is the first line after
 * `Action:` with a leading `\boxedN{`, a leading number (`3.`) and a trailing `}` removed (then a
 * bare `\boxed{` prefix); it must equal a category name of the given taxonomy exactly, else the
 * published scripts skip the sample and this throws `content.unknown_category`. The Thought is the
 * line after `Thought:` with `\boxedN{…}` wrappers removed, or the first `\boxed1{…}` when there is
 * no such line.
 * @example parseTimeRaAnswer('Thought: \\boxed1{A lone spike.}\nAction: \\boxed2{Point Anomaly}',
 * 'univariate').category.id // 1
 */
export function parseTimeRaAnswer(text: string, kind: 'univariate' | 'multivariate'): TimeRaAnswer {
  assertNotEmpty(text, 'Time-RA');
  const action = extractTimeRaAction(text);
  const categories: readonly Category[] =
    kind === 'univariate' ? univariateCategories : multivariateCategories;
  const category = categories.find((candidate) => candidate.name === action);
  if (category === undefined) {
    const seen = actionLine.test(text) ? `Action ${JSON.stringify(action)}` : 'no "Action:" line';
    throw parseError(
      'content.unknown_category',
      `The Time-RA answer names no ${kind} category (${seen}); the Action must be one of the category names exactly.`,
      text,
      {
        issues: [
          `action: ${JSON.stringify(action)} is not one of ${categories.map((each) => each.name).join(', ')}`,
        ],
      },
    );
  }
  return { thought: extractThought(text), action, category };
}

/**
 * The Action string exactly as the published scripts extract it ('' when there is no `Action:`).
 */
export function extractTimeRaAction(text: string): string {
  const match = actionLine.exec(text);
  const action = match === null ? '' : pyStrip(match[1] ?? '');
  return pyStrip(action.replace(actionCleanup, '$1')).replace(bareBoxed, '$1');
}

function extractThought(text: string): string {
  const line = thoughtLine.exec(text);
  if (line !== null) {
    let thought = pyStrip(line[1] ?? '');
    // Applied twice, as in the published script, to undo nested wrappers.
    for (let pass = 0; pass < 2; pass += 1) thought = pyStrip(thought.replace(boxedThought, '$1'));
    if (thought !== '') return thought;
  }
  const boxed = boxedOne.exec(text);
  return boxed === null ? '' : pyStrip(boxed[1] ?? '');
}
