import { ContentError, type ContentErrorCode } from '../../errors.js';

/** Stable codes of the parse stage; every parser failure is a `ContentError` with one of these. */
export type ParseErrorCode = Exclude<ContentErrorCode, 'content.refusal' | 'content.safety'>;

/** Builds a parse-stage `ContentError` that keeps the raw model text. */
export function parseError(
  code: ParseErrorCode,
  message: string,
  rawText: string,
  context: { issues?: string[]; cause?: unknown } = {},
): ContentError {
  return new ContentError(
    code,
    message,
    { rawText, issues: context.issues ?? [] },
    context.cause === undefined ? undefined : { cause: context.cause },
  );
}

/** Throws `content.empty` when the text holds nothing but whitespace. */
export function assertNotEmpty(text: string, what: string): void {
  if (text.trim() === '')
    throw parseError(
      'content.empty',
      `The model returned an empty ${what} answer; ask again or check the provider's finish reason.`,
      text,
    );
}
