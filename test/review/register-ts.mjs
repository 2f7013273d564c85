// `node --import ./test/review/register-ts.mjs file.ts`: runs the TypeScript sources directly in a
// child process (Node 20 cannot strip types), so the durability test needs no build.
import { register } from 'node:module';

register('./ts-hooks.mjs', import.meta.url);
