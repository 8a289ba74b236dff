import { defineConfig } from 'vitest/config';

// GENSQL_TEST_REPORT (set by .ci/run) also writes vitest's JSON report, from
// which scripts/ci-summary.mjs prints the closing "N passed, N failed" line.
const report = process.env.GENSQL_TEST_REPORT;

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    reporters: report ? ['default', 'json'] : ['default'],
    outputFile: report ? { json: report } : undefined,
  },
});
