import { InputError } from '../errors.js';

/** Parses a numeric flag, naming the flag in the error. */
export function numberFlag(
  name: string,
  options: { integer?: boolean; min?: number; max?: number } = {},
): (value: string) => number {
  return (value: string) => {
    const number = Number(value);
    const wrongKind =
      !Number.isFinite(number) || (options.integer === true && !Number.isInteger(number));
    if (
      wrongKind ||
      (options.min !== undefined && number < options.min) ||
      (options.max !== undefined && number > options.max)
    ) {
      const range = [
        options.min === undefined ? '' : `≥ ${options.min}`,
        options.max === undefined ? '' : `≤ ${options.max}`,
      ]
        .filter(Boolean)
        .join(' and ');
      throw new InputError(
        'cli.bad_flag',
        `--${name} "${value}" is not ${options.integer === true ? 'a whole number' : 'a number'}${range === '' ? '' : ` ${range}`}`,
        { field: name },
      );
    }
    return number;
  };
}

/** Parses an enumerated flag, listing the accepted values in the error. */
export function choiceFlag<const T extends string>(
  name: string,
  choices: readonly T[],
): (value: string) => T {
  return (value: string) => {
    if ((choices as readonly string[]).includes(value)) return value as T;
    throw new InputError(
      'cli.bad_flag',
      `--${name} "${value}" is not one of ${choices.join(', ')}`,
      { field: name },
    );
  };
}
