import { describe, expect, it } from 'vitest';
import { safeUrl, scrubSecrets, statusError, transportError } from './errors.js';

const context = {
  provider: 'openai',
  url: 'https://api.example.com/v1',
  secrets: ['sk-secret-123'],
};

describe('safeUrl', () => {
  it.each([
    ['https://user:pw@api.example.com/v1?key=sk-secret-123#x', 'https://api.example.com/v1'],
    ['http://127.0.0.1:11434/', 'http://127.0.0.1:11434'],
    ['not a url', '<invalid url>'],
  ])('%s → %s', (input, expected) => {
    expect(safeUrl(input)).toBe(expected);
  });
});

describe('scrubSecrets', () => {
  it('removes keys and masked-key echoes and flattens whitespace', () => {
    expect(scrubSecrets('bad key sk-secret-123\n and again sk-secret-123', ['sk-secret-123'])).toBe(
      'bad key <redacted> and again <redacted>',
    );
    expect(scrubSecrets('Incorrect API key provided: sk-abc***xyz. See docs.', [])).toBe(
      'Incorrect API key provided: <redacted> See docs.',
    );
  });
});

describe('statusError', () => {
  it.each([
    [400, 'provider.bad_request', false],
    [401, 'provider.auth', false],
    [403, 'provider.auth', false],
    [404, 'provider.not_found', false],
    [408, 'provider.timeout', true],
    [409, 'provider.conflict', true],
    [413, 'provider.bad_request', false],
    [422, 'provider.bad_request', false],
    [429, 'provider.rate_limited', true],
    [500, 'provider.server_error', true],
    [502, 'provider.server_error', true],
    [503, 'provider.server_error', true],
    [504, 'provider.server_error', true],
  ])('%d → %s (retryable %s)', (status, code, retryable) => {
    const error = statusError(context, { status, serverMessage: 'detail sk-secret-123' });
    expect(error).toMatchObject({
      code,
      retryable,
      status,
      provider: 'openai',
      url: 'https://api.example.com/v1',
    });
    expect(error.message).not.toContain('sk-secret-123');
  });
});

describe('transportError', () => {
  it('is undefined for errors that are not about transport', () => {
    expect(transportError(context, new Error('boom'), undefined)).toBeUndefined();
  });

  it('reads ECONNREFUSED from the cause chain', () => {
    const error = new TypeError('fetch failed', {
      cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
    });
    expect(transportError(context, error, undefined)).toMatchObject({
      code: 'provider.connection_refused',
      retryable: true,
    });
  });

  it('prefers the caller signal: abort is final, a deadline is retryable', () => {
    expect(transportError(context, new Error('x'), AbortSignal.abort())).toMatchObject({
      code: 'provider.aborted',
      retryable: false,
    });
    expect(
      transportError(
        context,
        new Error('x'),
        AbortSignal.abort(new DOMException('t', 'TimeoutError')),
      ),
    ).toMatchObject({ code: 'provider.timeout', retryable: true });
  });
});
