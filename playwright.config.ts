/**
 * Browser tests (test/e2e): Debian's Chromium drives the workspace served by `kubelab web`
 * (Playwright's own browser download fails on our machines, and so does Electron's binary).
 * Build first (`npm run build`); the fixture in test/e2e/fixtures.ts starts the server.
 */
import { defineConfig } from '@playwright/test';

/** `CHROMIUM_PATH`, else Debian's chromium (`apt-get install chromium`). */
const executablePath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results/playwright',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  forbidOnly: !!process.env['CI'],
  retries: 0,
  // Each worker runs its own `kubelab web`; two keep a 2-core machine responsive.
  workers: 2,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    launchOptions: {
      executablePath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
    viewport: { width: 1280, height: 800 },
    serviceWorkers: 'block',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
});
