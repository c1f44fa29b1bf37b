import { defineConfig } from 'vitest/config';

// The Firefox build at run time, in Debian's Firefox ESR (puppeteer-core over WebDriver BiDi).
export default defineConfig({
  test: {
    include: ['tests/e2e/firefox/**/*.test.ts'],
    testTimeout: 90_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
