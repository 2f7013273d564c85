/**
 * Finds JSON objects in model text: inside ``` fences when there are fenced objects (an unclosed
 * fence runs to the end of the text), otherwise anywhere. Each candidate is an outermost balanced
 * `{…}`, scanned with string awareness so braces inside strings do not count.
 */
export interface JsonCandidate {
  text: string;
  /** True when the text ended before the object closed. */
  truncated: boolean;
}

/** Outermost `{…}` spans of the text, fenced blocks preferred. */
export function findJsonCandidates(text: string): JsonCandidate[] {
  const fenced = fencedBlocks(text).map(findBalancedObjects).flat();
  return fenced.length > 0 ? fenced : findBalancedObjects(text);
}

function fencedBlocks(text: string): string[] {
  const blocks: string[] = [];
  const fence = /^[ \t]*(`{3,}|~{3,})[^\n]*$/gm;
  let open: { marker: string; start: number } | undefined;
  for (const match of text.matchAll(fence)) {
    const marker = match[1] ?? '```';
    const lineEnd = match.index + match[0].length;
    if (open === undefined) {
      open = { marker, start: lineEnd + 1 };
    } else if (marker.startsWith(open.marker) && match[0].trim() === marker) {
      blocks.push(text.slice(open.start, match.index));
      open = undefined;
    }
  }
  if (open !== undefined) blocks.push(text.slice(open.start));
  return blocks.filter((block) => block.includes('{'));
}

function findBalancedObjects(text: string): JsonCandidate[] {
  const found: JsonCandidate[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  let escaped = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text.charAt(index);
    if (depth > 0 && inString) {
      if (escaped) escaped = false;
      else if (char === '\\') escaped = true;
      else if (char === '"') inString = false;
      continue;
    }
    if (char === '{') {
      if (depth === 0) start = index;
      depth += 1;
    } else if (char === '}' && depth > 0) {
      depth -= 1;
      if (depth === 0) found.push({ text: text.slice(start, index + 1), truncated: false });
    } else if (char === '"' && depth > 0) {
      inString = true;
    }
  }
  if (depth > 0) found.push({ text: text.slice(start), truncated: true });
  return found;
}

const closerAhead = /\s*[}\]]/y;

/**
 * Removes commas directly before `}` or `]` (outside strings): the only JSON syntax slip we
 * forgive.
 */
export function stripTrailingCommas(json: string): string {
  let out = '';
  let inString = false;
  let escaped = false;
  for (let index = 0; index < json.length; index += 1) {
    const char = json.charAt(index);
    if (inString) {
      out += char;
      if (escaped) escaped = false;
      else if (char === '\\') escaped = true;
      else if (char === '"') inString = false;
      continue;
    }
    if (char === '"') inString = true;
    closerAhead.lastIndex = index + 1;
    if (char === ',' && closerAhead.test(json)) continue;
    out += char;
  }
  return out;
}
