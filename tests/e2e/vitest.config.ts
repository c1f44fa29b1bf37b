import { defineConfig } from 'vitest/config';

// Real-browser tests: one Chromium at a time (2-core machines), generous timeouts.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.test.ts'],
    testTimeout: 90_000,
    hookTimeout: 90_000,
    fileParallelism: false,
    sequence: { concurrent: false },
  },
});
