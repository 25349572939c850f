/** Unit, scenario and golden tests run in Node; the Playwright e2e suite has its own runner. */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', '**/node_modules/**', 'out/**'],
    environment: 'node',
  },
});
