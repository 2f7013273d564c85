import { describe, expect, it } from 'vitest';
import { escapeHtml, escapeMarkdown, escapeMarkdownInline, markdownCodeBlock } from './escape.js';

describe('escapeHtml', () => {
  it.each([
    ['plain text', 'plain text'],
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['<img src=x onerror="alert(1)">', '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;'],
    ["it's </table> & more", 'it&#39;s &lt;/table&gt; &amp; more'],
    ['&amp; stays visible', '&amp;amp; stays visible'],
    ['', ''],
  ])('escapes %j', (input, expected) => {
    expect(escapeHtml(input)).toBe(expected);
  });
});

describe('escapeMarkdown', () => {
  it.each([
    ['a spike at x=120 (high)', 'a spike at x=120 (high)'],
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['[click](javascript:alert(1))', '\\[click\\](javascript:alert(1))'],
    ['![img](http://evil/x.png)', '!\\[img\\](http://evil/x.png)'],
    ['a | b', 'a \\| b'],
    ['*bold* _it_ `code` ~~gone~~', '\\*bold\\* \\_it\\_ \\`code\\` \\~\\~gone\\~\\~'],
    ['line one\n\n# heading\r\n| x |', 'line one # heading \\| x \\|'],
    ['# title', '\\# title'],
    ['- item', '\\- item'],
    ['12. item', '12\\. item'],
    ['> quote', '&gt; quote'],
    ['back\\slash', 'back\\\\slash'],
  ])('neutralises %j', (input, expected) => {
    expect(escapeMarkdown(input)).toBe(expected);
  });
});

describe('escapeMarkdownInline', () => {
  it('leaves line-start markers alone (table cells are not line starts) but still neutralises markup', () => {
    expect(escapeMarkdownInline('92.0%')).toBe('92.0%');
    expect(escapeMarkdownInline('# a <b>|</b>')).toBe('# a &lt;b&gt;\\|&lt;/b&gt;');
  });
});

describe('markdownCodeBlock', () => {
  it('uses a fence longer than any backtick run inside', () => {
    expect(markdownCodeBlock('a ``` b')).toBe('````text\na ``` b\n````');
    expect(markdownCodeBlock('<b>x</b>')).toBe('```text\n<b>x</b>\n```');
    expect(markdownCodeBlock('one\r\ntwo')).toBe('```text\none\ntwo\n```');
  });
});
