import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { parseLocated } from './parse-located.js';

const schema = z.object({ tracks: z.array(z.object({ name: z.string() })) });

describe('parseLocated', () => {
  it('returns valid data', () => {
    expect(
      parseLocated(schema, { tracks: [{ name: 'a' }] }, { file: 'suite.json', what: 'the suite' }),
    ).toEqual({
      tracks: [{ name: 'a' }],
    });
  });

  it('makes a mismatch a located input.schema InputError naming file, path and expectation', () => {
    let caught: unknown;
    try {
      parseLocated(
        schema,
        { tracks: [{ name: 3 }] },
        { file: 'runs/x/suite.json', what: 'the suite' },
      );
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InputError);
    expect(caught).toMatchObject({
      code: 'input.schema',
      file: 'runs/x/suite.json',
      field: 'tracks.0.name',
    });
    expect((caught as InputError).message).toMatch(
      /runs\/x\/suite\.json: the suite is not valid at tracks\.0\.name: .*string/i,
    );
  });
});
