import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // one loud line per run when browser tests are skipped (or a failure in CI)
    globalSetup: ['src/testing/browser-setup.ts'],
  },
});
