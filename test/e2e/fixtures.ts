/**
 * Fixtures for the browser tests: one `kubelab web --port 0 --virtual-clock --seed 1` per worker
 * (started from bin/kubelab.mjs, built code only — run `npm run build` first), a browser context
 * that lets requests reach only localhost and fails the test if anything else was attempted, and
 * the page's console errors.
 */
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Page, test as base, expect } from '@playwright/test';

export const repoRoot = join(import.meta.dirname, '..', '..');
const SCREENSHOTS = join(repoRoot, 'test-results', 'screenshots');

export interface KubelabServer {
  /** `http://127.0.0.1:PORT/` */
  url: string;
  /** What the server wrote to stderr so far (diagnostics). */
  stderr(): string;
}

/** Loopback only: the app must work with no network at all. */
export function isLocalUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === 'data:' || parsed.protocol === 'blob:' || parsed.href === 'about:blank') return true;
  if (!['http:', 'ws:'].includes(parsed.protocol)) return false;
  return ['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname);
}

async function startKubelab(): Promise<{ server: KubelabServer; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, [join(repoRoot, 'bin', 'kubelab.mjs'), 'web', '--port', '0', '--virtual-clock', '--seed', '1'], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, KUBELAB_NO_BROWSER: '1' },
  });
  let stdout = '';
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`kubelab web did not start in 20 s\n${stderr}`)), 20_000);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const match = /^KubeLab is running at (http:\/\/\S+)$/m.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`kubelab web exited (${code}) before starting\n${stderr}`));
    });
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    server: { url, stderr: () => stderr },
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

interface TestFixtures {
  /** Requests the context refused because they were not for localhost. */
  blockedRequests: string[];
  /** Console errors and uncaught exceptions of `page`. */
  consoleErrors: string[];
}

interface WorkerFixtures {
  kubelab: KubelabServer;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  kubelab: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads fixture dependencies from the pattern.
    async ({}, use) => {
      const { server, stop } = await startKubelab();
      await use(server);
      await stop();
    },
    { scope: 'worker', timeout: 30_000 },
  ],

  // eslint-disable-next-line no-empty-pattern -- as above
  blockedRequests: async ({}, use) => {
    await use([]);
  },

  context: async ({ context, blockedRequests }, use) => {
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (isLocalUrl(url)) return route.continue();
      blockedRequests.push(url);
      return route.abort('blockedbyclient');
    });
    const watch = (page: Page): void => {
      // WebSockets bypass `route`.
      page.on('websocket', (socket) => {
        if (!isLocalUrl(socket.url())) blockedRequests.push(socket.url());
      });
      // The page's CSP stops a foreign fetch, image or script before it reaches the network (and
      // `route`); Chromium reports it on the console, and it still counts as an attempt.
      page.on('console', (message) => {
        if (/violates the following Content Security Policy/.test(message.text())) blockedRequests.push(`CSP: ${message.text()}`);
      });
    };
    context.pages().forEach(watch);
    context.on('page', watch);
    await use(context);
    expect(blockedRequests, 'the page tried to reach something other than localhost').toEqual([]);
  },

  consoleErrors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
    await use(errors);
  },
});

export { expect };

/** Save a screenshot as test-results/screenshots/NAME.png (kept between runs, unlike the output dir). */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
