import { describe, expect, it } from 'vitest';
import { boundHeapGrowth } from './heap-growth.js';

describe('boundHeapGrowth', () => {
  it("sets V8's heap growing percent and gives V8's choice back when the last holder releases", () => {
    const flags: string[] = [];
    const setFlags = (flag: string): void => {
      flags.push(flag);
    };
    const first = boundHeapGrowth({ setFlags });
    const second = boundHeapGrowth({ percent: 50, setFlags });
    first();
    first();
    expect(flags).toEqual(['--heap-growing-percent=20', '--heap-growing-percent=50']);
    second();
    expect(flags.at(-1)).toBe('--heap-growing-percent=0');
    expect(flags).toHaveLength(3);
  });
});
