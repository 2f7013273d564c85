import { AnomscopeError, InputError } from '../errors.js';

/**
 * How the CLI ends on an error: our own errors print their one-sentence message (and code) with
 * no stack trace; anything else is a bug and prints in full. Exit 2 = bad input, 1 = failure.
 */
export function reportCliError(
  error: unknown,
  stderr: NodeJS.WritableStream = process.stderr,
): number {
  if (error instanceof InputError) {
    stderr.write(`anomscope: ${error.message}\n`);
    return 2;
  }
  if (error instanceof AnomscopeError) {
    stderr.write(`anomscope: ${error.message} [${error.code}]\n`);
    return 1;
  }
  if (
    error instanceof Error &&
    'code' in error &&
    (error as { code?: unknown }).code === 'commander.executeSubCommandAsync'
  )
    return 1;
  stderr.write(
    `anomscope: unexpected error — please report it:\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  return 1;
}
