import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

/** One line of a text file and its 1-based number. */
export interface FileLine {
  text: string;
  number: number;
}

/**
 * The lines of a UTF-8 file one at a time (a run's 100,000-row files are never held whole);
 * nothing when the file does not exist. Stopping early (break, throw) closes the file.
 */
export async function* fileLines(path: string): AsyncGenerator<FileLine> {
  const stream = createReadStream(path, { encoding: 'utf8' });
  try {
    await new Promise<void>((resolve, reject) => {
      stream.once('open', () => resolve()).once('error', reject);
    });
  } catch (error) {
    stream.destroy();
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let number = 0;
  try {
    for await (const text of lines) {
      number += 1;
      yield { text, number };
    }
  } finally {
    lines.close();
    stream.destroy();
  }
}
