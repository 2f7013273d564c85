// Child process of the durability test: serves an existing review store and prints where.
// `node serve-child.mjs <db> dist` uses the build; `node --import ./register-ts.mjs serve-child.mjs
// <db> src`
// runs the TypeScript sources.
const [dbPath, mode] = process.argv.slice(2);
if (dbPath === undefined || (mode !== 'dist' && mode !== 'src'))
  throw new Error('usage: serve-child.mjs <review.sqlite> dist|src');
const base = mode === 'dist' ? '../../dist/src/review/' : '../../src/review/';
const ext = mode === 'dist' ? '.js' : '.ts';
const { ReviewStore } = await import(new URL(`${base}store${ext}`, import.meta.url).href);
const { startReviewServer } = await import(new URL(`${base}server${ext}`, import.meta.url).href);
const store = ReviewStore.open(dbPath);
const server = await startReviewServer({ store, reviewer: 'alice' });
process.stdout.write(`${JSON.stringify({ origin: server.origin, token: server.token })}\n`);
