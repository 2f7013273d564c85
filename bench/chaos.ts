/**
 * `npm run bench:chaos`: the CLI's `bench --suite quick --provider openai:gpt-4o` against a
 * loopback stand-in that answers 5 % garbage 200 bodies, 20 % 429, 10 % 500 and 5 % hangs (the
 * rest a valid answer). Prints, per run: items, answers, typed error rows by code, HTTP requests
 * and the exit code. Runs: (1) the chaos run, (2) `--resume <id>` with no other flags (must keep
 * the provider), (2b, 2c) a chaos run stopped by Ctrl-C after 120 rows and its flagless resume,
 * (3, 4) two fresh runs at `--concurrency 32` sharing a cache (the second from it), (5, 6) a
 * wrong key and no key (exit 1 after the first wave).
 * Faults are drawn from a seeded generator, in arrival order; set CHAOS_SEED to vary them.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  startStandin,
  type RecordedRequest,
  type StandinReply,
} from '../src/testing/standin-server.js';

const route = 'POST /v1/chat/completions';
const cli = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));
const timeoutMs = Number(process.env['CHAOS_TIMEOUT_MS'] ?? 2000);
let seed = Number(process.env['CHAOS_SEED'] ?? 7) >>> 0;

/** mulberry32: a small seeded generator, so a run's faults can be replayed. */
function random(): number {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/** A plausible answer in the format the prompt asked for: JSON when a schema was sent. */
function goodContent(request: RecordedRequest): string {
  const body = request.body as { response_format?: { type?: string } } | string;
  if (typeof body === 'object' && body.response_format?.type === 'json_schema') {
    return JSON.stringify({ anomalous: false, anomalies: [], summary: 'nothing unusual' });
  }
  return '[]';
}

const garbage = [
  '<html><body>502 Bad Gateway</body></html>',
  '',
  '{"choices": [{"index": 0, "mess',
];
const faults: Record<string, number> = {};
const chaos = (request: RecordedRequest): StandinReply => {
  const draw = random();
  const kind =
    draw < 0.05
      ? 'garbage'
      : draw < 0.25
        ? '429'
        : draw < 0.35
          ? '500'
          : draw < 0.4
            ? 'hang'
            : 'ok';
  faults[kind] = (faults[kind] ?? 0) + 1;
  if (kind === 'garbage') {
    const text = garbage[Math.floor(random() * garbage.length)] ?? '';
    return { status: 200, headers: { 'content-type': 'text/html' }, body: text };
  }
  if (kind === '429') {
    const error = { message: 'Rate limit reached', type: 'requests', code: 'rate_limit_exceeded' };
    return { status: 429, headers: { 'retry-after-ms': '50' }, body: { error } };
  }
  if (kind === '500')
    return { status: 500, body: { error: { message: 'The server had an error' } } };
  // Longer than the per-attempt timeout; the stand-in drops it when the client gives up.
  if (kind === 'hang') return { delayMs: 10 * 60_000, body: {} };
  const message = { role: 'assistant', content: goodContent(request) };
  const usage = { prompt_tokens: 900, completion_tokens: 30 };
  return { body: { choices: [{ index: 0, message, finish_reason: 'stop' }], usage } };
};
const calm = (request: RecordedRequest): StandinReply => {
  const message = { role: 'assistant', content: goodContent(request) };
  return { body: { choices: [{ index: 0, message, finish_reason: 'stop' }] } };
};

const standin = await startStandin();
const work = await mkdtemp(join(tmpdir(), 'anomscope-chaos-'));
const runsDir = join(work, 'runs');

interface Outcome {
  exitCode: number | null;
  requests: number;
  stderrTail: string;
  /** First line that is not progress output: the cause when the run died. */
  firstProblem: string | undefined;
}

/** Lines in a run's results file so far (0 when it does not exist yet). */
async function rowsWritten(runId: string): Promise<number> {
  try {
    const text = await readFile(join(runsDir, runId, 'results.jsonl'), 'utf8');
    return text.split('\n').filter((line) => line.trim() !== '').length;
  } catch {
    return 0;
  }
}

/** `interruptAfterRows`: send SIGINT (Ctrl-C) once the run has written that many rows. */
async function runCli(
  args: string[],
  options: { interrupt?: { runId: string; afterRows: number }; key?: string | null } = {},
): Promise<Outcome> {
  const before = standin.requests.length;
  const env: Record<string, string | undefined> = {
    ...process.env,
    OPENAI_API_KEY: options.key ?? 'sk-chaos',
    OPENAI_BASE_URL: `${standin.url}/v1`,
  };
  // `key: null`: no key at all, as on a machine where it was never set.
  if (options.key === null) delete env['OPENAI_API_KEY'];
  const child = spawn(process.execPath, [cli, 'bench', '--runs-dir', runsDir, ...args], {
    cwd: work,
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  let firstProblem: string | undefined;
  child.stderr.on('data', (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    const lines = text.split('\n');
    const at = lines.findIndex((line) => /unexpected error|Error:|ENOENT/.test(line));
    if (at >= 0) firstProblem ??= lines.slice(at, at + 2).join(' ');
    stderr = (stderr + text).slice(-4000);
  });
  const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
  const interrupt = options.interrupt;
  if (interrupt !== undefined) {
    let done = false;
    void closed.then(() => (done = true));
    while (!done && (await rowsWritten(interrupt.runId)) < interrupt.afterRows)
      await new Promise((resolve) => setTimeout(resolve, 100));
    if (!done) child.kill('SIGINT');
  }
  const exitCode = await closed;
  const requests = standin.requests.length - before;
  return { exitCode, requests, stderrTail: stderr, firstProblem };
}

interface RowCounts {
  items: number;
  answers: number;
  cached: number;
  providers: string[];
  byCode: Record<string, number>;
}

/** The latest row of each item in a run's results file. */
async function countRows(runId: string): Promise<RowCounts> {
  let text: string;
  try {
    text = await readFile(join(runsDir, runId, 'results.jsonl'), 'utf8');
  } catch {
    return { items: 0, answers: 0, cached: 0, providers: [], byCode: {} };
  }
  type Row = {
    key: string;
    provider: string;
    status: string;
    cached: boolean;
    error: { code: string } | null;
  };
  const latest = new Map<string, Row>();
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const row = JSON.parse(line) as Row;
      latest.set(row.key, row);
    } catch {
      // A damaged line is counted by the run itself; here only rows are counted.
    }
  }
  const rows = [...latest.values()];
  const byCode: Record<string, number> = {};
  for (const row of rows) {
    if (row.status === 'ok') continue;
    const code = row.error?.code ?? `${row.status} (no code)`;
    byCode[code] = (byCode[code] ?? 0) + 1;
  }
  return {
    items: rows.length,
    answers: rows.filter((row) => row.status === 'ok').length,
    cached: rows.filter((row) => row.cached).length,
    providers: [...new Set(rows.map((row) => row.provider))],
    byCode,
  };
}

function report(label: string, outcome: Outcome, counts: RowCounts): void {
  console.log(`\n== ${label}`);
  console.log(`exit code ${outcome.exitCode}, HTTP requests ${outcome.requests}`);
  const { items, answers, cached, providers } = counts;
  console.log(
    `items ${items}, answers ${answers}, cached ${cached}, providers ${providers.join(', ')}`,
  );
  const codes = Object.entries(counts.byCode).sort(([a], [b]) => a.localeCompare(b));
  for (const [code, count] of codes) console.log(`  error rows ${code}: ${count}`);
  if (outcome.firstProblem !== undefined) console.log(`  first problem: ${outcome.firstProblem}`);
  const last = outcome.stderrTail.trim().split('\n').slice(-4).join('\n  | ');
  console.log(`  | ${last}`);
}

console.log(
  `chaos bench: stand-in ${standin.url}, seed ${seed}, per-attempt timeout ${timeoutMs} ms`,
);
console.log(
  `load average ${loadavg()
    .map((value) => value.toFixed(2))
    .join(' ')} (shared machine)`,
);
standin.setHandler(route, chaos);
const base = ['--suite', 'quick', '--provider', 'openai:gpt-4o', '--timeout-ms', String(timeoutMs)];
const cacheDir = join(work, 'cache');
const first = await runCli([...base, '--run-id', 'chaos']);
report(
  '1. chaos run (5 % garbage, 20 % 429, 10 % 500, 5 % hangs)',
  first,
  await countRows('chaos'),
);
console.log(`  faults served: ${JSON.stringify(faults)}`);

const resumed = await runCli(['--resume', 'chaos']);
report('2. --resume chaos (no other flags)', resumed, await countRows('chaos'));

// A Ctrl-C half-way, then a resume naming nothing but the run: it must carry on with the
// same provider (and no cache, as first asked) and finish the items not reached.
const interruptedId = 'chaos-ctrl-c';
const interrupted = await runCli([...base, '--no-cache', '--run-id', interruptedId], {
  interrupt: { runId: interruptedId, afterRows: 120 },
});
report('2b. chaos run, Ctrl-C after 120 rows', interrupted, await countRows(interruptedId));
const continued = await runCli(['--resume', interruptedId]);
report('2c. --resume (no other flags) after Ctrl-C', continued, await countRows(interruptedId));

standin.setHandler(route, calm);
const wide = ['--suite', 'quick', '--provider', 'openai:gpt-4o', '--concurrency', '32'];
const cold = await runCli([...wide, '--run-id', 'cache-1', '--cache-dir', cacheDir]);
report('3. --concurrency 32, cache cold', cold, await countRows('cache-1'));
const warm = await runCli([...wide, '--run-id', 'cache-2', '--cache-dir', cacheDir]);
report(
  '4. --concurrency 32, cache warm (should need no HTTP requests)',
  warm,
  await countRows('cache-2'),
);

// Set-up mistakes (item 8): a wrong key and no key stop after the first wave with exit 1.
standin.setHandler(route, () => ({
  status: 401,
  body: { error: { message: 'Incorrect API key provided: sk-wr***ng.', code: 'invalid_api_key' } },
}));
const wrongKey = await runCli([...base, '--no-cache', '--run-id', 'wrong-key'], {
  key: 'sk-wrong',
});
report('5. wrong key (every call 401)', wrongKey, await countRows('wrong-key'));
const noKey = await runCli([...base, '--no-cache', '--run-id', 'no-key'], { key: null });
report('6. no OPENAI_API_KEY', noKey, await countRows('no-key'));

await standin.close();
await rm(work, { recursive: true, force: true });
