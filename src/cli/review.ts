import { writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import type { Command } from 'commander';

import { InputError } from '../errors.js';
import { formatAgreement, reviewerAgreement } from '../review/agreement.js';
import {
  exportFormats,
  exportLabels,
  importLabelsFile,
  type ExportFormat,
} from '../review/export.js';
import { startReviewServer } from '../review/server.js';
import { loadReviewSources } from '../review/sources.js';
import { ReviewStore } from '../review/store.js';
import { reviewerSchema } from '../review/types.js';
import { choiceFlag, numberFlag } from './options.js';

interface ServeFlags {
  labels?: string;
  db: string;
  port: number;
  host?: string;
  reviewer?: string;
}

// Subcommands share --db and --reviewer with `review` itself; commander lets the parent consume
// them, so subcommands read their flags with optsWithGlobals() and set no defaults of their own.

/**
 * `anomscope review`: the review server, plus `review export`, `review import` and `review stats`.
 */
export function registerReviewCommand(program: Command): void {
  const review = program
    .command('review')
    .description(
      'review model answers and labels in a local web page (SQLite store); prints the URL with its access token',
    )
    .argument(
      '[inputs...]',
      'run folders (runs/<id>), dataset folders or split files, RATs40K files, or series files; none = reopen --db',
    )
    .option('--labels <file>', 'labels for series files: a JSON array of labels or a RATs40K file')
    .option('--db <file>', 'the review store', 'review.sqlite')
    .option(
      '--port <n>',
      'TCP port (0 = a free one)',
      numberFlag('port', { integer: true, min: 0, max: 65535 }),
      0,
    )
    .option(
      '--host <host>',
      'bind another interface than 127.0.0.1 (anyone who can reach it and has the token can write)',
    )
    .option('--reviewer <name>', 'name your labels are saved under (default: your user name)')
    .action(async (inputs: string[], flags: ServeFlags) => {
      await serve(inputs, flags);
    });

  review
    .command('export')
    .description('write the reviewed labels (accepted, edited, new) of one reviewer')
    .option('--db <file>', 'the review store (default: review.sqlite)')
    .requiredOption('--format <format>', 'rats40k | anomscope', choiceFlag('format', exportFormats))
    .requiredOption('--out <file>', 'file to write')
    .option('--reviewer <name>', 'whose labels (needed when the store has several reviewers)')
    .action(async (_flags: unknown, command: Command) => {
      const flags = command.optsWithGlobals<{
        db: string;
        format: ExportFormat;
        out: string;
        reviewer?: string;
      }>();
      const store = ReviewStore.open(flags.db, { create: false });
      try {
        const result = exportLabels(store, {
          format: flags.format,
          ...(flags.reviewer === undefined ? {} : { reviewer: checkReviewer(flags.reviewer) }),
        });
        await writeFile(flags.out, result.text, 'utf8');
        const skipped = [
          result.skippedRejected > 0 ? `${result.skippedRejected} rejected` : '',
          result.skippedUnreviewed > 0 ? `${result.skippedUnreviewed} unreviewed` : '',
          result.skippedNoCategory > 0
            ? `${result.skippedNoCategory} without a category (RATs40K needs one)`
            : '',
        ].filter((text) => text !== '');
        process.stderr.write(
          `wrote ${result.written} labels to ${flags.out}${skipped.length === 0 ? '' : `; left out ${skipped.join(', ')}`}\n`,
        );
      } finally {
        store.close();
      }
    });

  review
    .command('import')
    .description(
      'read labels written by `review export` (RATs40K records become items when missing)',
    )
    .option('--db <file>', 'the review store (default: review.sqlite)')
    .requiredOption('--format <format>', 'rats40k | anomscope', choiceFlag('format', exportFormats))
    .requiredOption('--in <file>', 'file to read')
    .option('--reviewer <name>', 'reviewer the labels are saved under', 'import')
    .action(async (_flags: unknown, command: Command) => {
      const flags = command.optsWithGlobals<{
        db: string;
        format: ExportFormat;
        in: string;
        reviewer: string;
      }>();
      const store = ReviewStore.open(flags.db);
      try {
        const result = await importLabelsFile(store, flags.in, {
          format: flags.format,
          reviewer: checkReviewer(flags.reviewer),
        });
        process.stderr.write(
          `imported ${result.imported} labels as ${flags.reviewer}${result.itemsAdded > 0 ? ` (${result.itemsAdded} new items)` : ''}\n`,
        );
      } finally {
        store.close();
      }
    });

  review
    .command('stats')
    .description(
      "agreement between two reviewers: per item and overall (interval affiliation F1, category agreement, Cohen's kappa)",
    )
    .option('--db <file>', 'the review store (default: review.sqlite)')
    .option(
      '--reviewers <a,b>',
      'the two reviewers to compare (default: the only two in the store)',
    )
    .option(
      '--format <format>',
      'table | json',
      choiceFlag('format', ['table', 'json'] as const),
      'table',
    )
    .action((_flags: unknown, command: Command) => {
      const flags = command.optsWithGlobals<{
        db: string;
        reviewers?: string;
        format: 'table' | 'json';
      }>();
      const store = ReviewStore.open(flags.db, { create: false });
      try {
        const stats = reviewerAgreement(
          store,
          flags.reviewers === undefined ? {} : { reviewers: reviewerPair(flags.reviewers) },
        );
        process.stdout.write(
          flags.format === 'json' ? `${JSON.stringify(stats, null, 2)}\n` : formatAgreement(stats),
        );
      } finally {
        store.close();
      }
    });
}

async function serve(inputs: string[], flags: ServeFlags): Promise<void> {
  const reviewer = checkReviewer(flags.reviewer ?? defaultReviewer());
  const store = ReviewStore.open(flags.db);
  try {
    if (inputs.length > 0) {
      const items = await loadReviewSources(
        inputs,
        flags.labels === undefined ? {} : { labelsFile: flags.labels },
      );
      const { added, existing } = store.addItems(items);
      process.stderr.write(
        `${flags.db}: ${added} new items${existing > 0 ? `, ${existing} already there` : ''}\n`,
      );
    } else if (flags.labels !== undefined) {
      throw new InputError(
        'cli.bad_flag',
        '--labels needs series files to go with; pass them as arguments',
        { field: 'labels' },
      );
    }
    if (flags.host !== undefined && !['127.0.0.1', 'localhost', '::1'].includes(flags.host)) {
      process.stderr.write(
        `warning: listening on ${flags.host}, not only this machine; anyone who can reach it and has the URL's token can change labels\n`,
      );
    }
    const server = await startReviewServer({
      store,
      reviewer,
      port: flags.port,
      ...(flags.host === undefined ? {} : { host: flags.host, allowRemote: true }),
    });
    process.stdout.write(
      `review server for ${flags.db} (reviewer ${reviewer}); open:\n${server.url}\n`,
    );
    await new Promise<void>((resolve) => {
      const stop = (): void => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        resolve();
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    await server.close();
  } finally {
    store.close();
  }
}

function defaultReviewer(): string {
  try {
    const name = userInfo().username.replace(/[^A-Za-z0-9._@-]/g, '');
    return /^[A-Za-z0-9]/.test(name) ? name.slice(0, 64) : 'reviewer';
  } catch {
    return 'reviewer';
  }
}

function checkReviewer(name: string): string {
  const parsed = reviewerSchema.safeParse(name);
  if (!parsed.success)
    throw new InputError(
      'cli.bad_flag',
      `--reviewer "${name}": ${parsed.error.issues[0]?.message ?? 'invalid'}`,
      { field: 'reviewer' },
    );
  return parsed.data;
}

function reviewerPair(value: string): [string, string] {
  const names = value.split(',').map((name) => name.trim());
  if (names.length !== 2)
    throw new InputError(
      'cli.bad_flag',
      `--reviewers "${value}" must name exactly two reviewers, e.g. alice,bob`,
      { field: 'reviewers' },
    );
  return [checkReviewer(names[0] as string), checkReviewer(names[1] as string)];
}
