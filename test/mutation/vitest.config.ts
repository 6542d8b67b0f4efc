import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The suite Stryker runs against each mutant of src/: every test that imports src/ directly.
// Left out: the tests of the built package (the example CLI, the batch CLI, the example app and the
// city service run dist/, which no mutant of src/ reaches). Fixed seed and run count, so that a mutant is killed or not the same
// way every run (the incremental report relies on it) and a run fits in CI's budget.
export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['test/**/*.test.ts'],
    // test/hostile/internal.test.ts replaces modules with vi.mock: not in a shared module graph.
    exclude: ['test/package/**', 'test/cli.test.ts', 'test/cli-code.test.ts', 'test/compare-cli.test.ts', 'test/hostile/internal.test.ts', 'test/picture/cli.test.ts', 'test/web/**', 'test/city-service/**', '**/node_modules/**'],
    testTimeout: 60_000,
    isolate: false,
    env: { FC_SEED: '20200201', FC_RUNS: '10', HCR_MUTATION_RUN: '1' },
  },
});
