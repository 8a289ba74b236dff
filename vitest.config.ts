import { defineConfig } from 'vitest/config';

// GENSQL_TEST_REPORT (set by .ci/run) also writes vitest's JSON report, from
// which scripts/ci-summary.mjs prints the closing "N passed, N failed" line.
const report = process.env.GENSQL_TEST_REPORT;

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/setup.ts'],
    // each test runs its engines: a result reused from an earlier test (the
    // example project shares one cache) would hide what the test is about;
    // test/validate/memo.test.ts turns reuse back on for itself
    env: { GENSQL_NO_VALIDATION_REUSE: '1' },
    testTimeout: 120_000,
    hookTimeout: 180_000,
    reporters: report ? ['default', 'json'] : ['default'],
    outputFile: report ? { json: report } : undefined,
  },
});
