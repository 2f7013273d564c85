/**
 * Escaping of untrusted text (model answers, series ids, label text) for the two output formats.
 * Every string a model wrote goes through one of these before it reaches a page.
 */

const htmlEntities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escapes text for HTML element content and double- or single-quoted attribute values.
 * @example escapeHtml('<b title="x">') // '&lt;b title=&quot;x&quot;&gt;'
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => htmlEntities[char] ?? char);
}

/**
 * Makes untrusted text inert inside a Markdown table cell or mid-line: HTML is entity-escaped (so
 * no tag or autolink survives), the punctuation that starts links, images, emphasis, code spans and
 * table cells is backslash-escaped, and line breaks become spaces, so the text cannot leave its
 * cell.
 */
export function escapeMarkdownInline(text: string): string {
  return text
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .replace(/[\\`*_[\]|~]/g, (char) => `\\${char}`)
    .replace(/[&<>]/g, (char) => htmlEntities[char] ?? char);
}

/**
 * {@link escapeMarkdownInline} for text that starts a line: a leading block marker (`#`, `-`, `+`,
 * `=`, `1.`) is escaped too, so it cannot become a heading or a list.
 */
export function escapeMarkdown(text: string): string {
  return escapeMarkdownInline(text).replace(
    /^(\s*)([#+=-]|\d+(?=[.)]))/,
    (_match, space: string, marker: string) =>
      /^\d/.test(marker) ? `${space}${marker}\\` : `${space}\\${marker}`,
  );
}

/**
 * A fenced Markdown code block that shows `text` verbatim: the fence is longer than any backtick
 * run inside.
 */
export function markdownCodeBlock(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((match) => match[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}text\n${text.replace(/\r\n?/g, '\n')}\n${fence}`;
}
