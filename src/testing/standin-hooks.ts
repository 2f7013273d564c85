import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startStandin, type Standin } from './standin-server.js';

/**
 * Registers the usual stand-in set-up for a provider test file: one server for the file, started
 * before all tests, closed after them, with its request record cleared before each test.
 * Returns a getter because the server only exists once `beforeAll` has run.
 * @example const standin = useStandin(); it('…', () => standin().enqueue(route, { body }));
 */
export function useStandin(): () => Standin {
  let standin: Standin | undefined;
  beforeAll(async () => {
    standin = await startStandin();
  });
  afterAll(async () => {
    await standin?.close();
  });
  beforeEach(() => {
    if (standin !== undefined) standin.requests.length = 0;
  });
  return () => {
    if (standin === undefined)
      throw new Error('useStandin(): the stand-in is used before beforeAll ran');
    return standin;
  };
}
