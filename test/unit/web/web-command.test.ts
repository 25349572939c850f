/**
 * `kubelab web` on the command line: its options as INTERFACES.md lists them, the start-up lines
 * on stdout (the URL, the join code on a non-loopback host), clean shutdown, clear errors.
 */
import { createServer } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLessonsFactory } from '../../../src/main/lessons/provider.js';
import { parseWebArgs, runWeb } from '../../../src/main/web/web-command.js';
import { TestClient } from '../helpers/ws-client.js';

const rendererDir = join(mkdtempSync(join(tmpdir(), 'kubelab-web-cmd-')), 'renderer');

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** Run `kubelab web ARGS` in-process until the first stdout line has arrived, then stop it. */
async function runBriefly(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const stop = deferred();
  const started = deferred();
  const status = runWeb(args, {
    rendererDir,
    stopSignal: stop.promise,
    stdout: (t) => {
      stdout += t;
      started.resolve();
    },
    stderr: (t) => (stderr += t),
  });
  await Promise.race([started.promise, status]);
  // Let the remaining start-up lines (join code) be written.
  await new Promise((r) => setImmediate(r));
  stop.resolve();
  return { status: await status, stdout, stderr };
}

describe('kubelab web options', () => {
  it('has the documented defaults', () => {
    expect(parseWebArgs([])).toEqual({ host: '127.0.0.1', port: 5173, seed: 1, virtualClock: false, maxLabs: 20, idleTimeoutMs: 30 * 60_000 });
  });

  it('parses every option, with values inline or apart', () => {
    expect(parseWebArgs(['--host', '0.0.0.0', '--port=0', '--seed', '7', '--virtual-clock', '--state', '/tmp/s', '--lessons=/tmp/l', '--max-labs', '3', '--idle-timeout', '90s'])).toEqual({
      host: '0.0.0.0',
      port: 0,
      seed: 7,
      virtualClock: true,
      state: '/tmp/s',
      lessons: '/tmp/l',
      maxLabs: 3,
      idleTimeoutMs: 90_000,
    });
    expect(parseWebArgs(['--host', '[::1]'])).toMatchObject({ host: '::1' });
  });

  it.each([
    [['--port', 'http'], '--port needs a whole number'],
    [['--port', '70000'], '--port must be from 0 to 65535'],
    [['--seed'], '--seed needs a whole number'],
    [['--max-labs', '0'], '--max-labs must be at least 1'],
    [['--idle-timeout', 'soon'], '--idle-timeout needs a duration'],
    [['--host', 'a b'], '--host needs an address'],
    [['--lessons'], '--lessons needs a directory'],
    [['--verbose'], 'unknown option --verbose'],
  ])('refuses %j', (args, message) => {
    expect(parseWebArgs(args)).toContain(message);
  });
});

describe('kubelab web', () => {
  it('prints where it runs on stdout and exits 0 when stopped', async () => {
    const { status, stdout } = await runBriefly(['--port', '0', '--virtual-clock', '--seed', '1']);
    expect(status).toBe(0);
    expect(stdout).toMatch(/^KubeLab is running at http:\/\/127\.0\.0\.1:\d+\/\n$/);
  });

  it('prints a join code on a non-loopback host', async () => {
    const { status, stdout } = await runBriefly(['--host', '0.0.0.0', '--port', '0']);
    expect(status).toBe(0);
    expect(stdout).toMatch(/^KubeLab is running at http:\/\/0\.0\.0\.0:\d+\/\n/);
    expect(stdout).toMatch(/\nJoin code: [A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}\n$/);
  });

  it('exits 2 with usage for a bad option', async () => {
    const { status, stderr, stdout } = await runBriefly(['--port', 'x']);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('kubelab web: --port needs a whole number');
    expect(stderr).toContain('--max-labs N');
  });

  it('says clearly when the port is taken, or takes another when asked to', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const taken = await runBriefly(['--port', String(port)]);
      expect(taken.status).toBe(1);
      expect(taken.stderr).toContain(`kubelab web: cannot listen on 127.0.0.1:${port}: port ${port} is already in use`);

      let stdout = '';
      const stop = deferred();
      const started = deferred();
      const status = runWeb(['--port', String(port)], {
        rendererDir,
        anyPortIfBusy: true,
        stopSignal: stop.promise,
        stdout: (t) => ((stdout += t), started.resolve()),
        stderr: () => undefined,
      });
      await started.promise;
      stop.resolve();
      expect(await status).toBe(0);
      expect(stdout).toMatch(/^KubeLab is running at http:\/\/127\.0\.0\.1:\d+\/\n$/);
      expect(stdout).not.toContain(`:${port}/`);
    } finally {
      blocker.close();
    }
  });

  it('fails the start, not a learner, when --lessons DIR cannot be loaded', async () => {
    let stderr = '';
    const missing = join(tmpdir(), 'kubelab-no-such-lessons');
    const status = await runWeb(['--port', '0', '--lessons', missing], { rendererDir, lessons: createLessonsFactory(), stderr: (t) => (stderr += t), stdout: () => undefined, stopSignal: new Promise(() => undefined) });
    expect(status).toBe(1);
    expect(stderr).toMatch(/^kubelab web: .+/);
    expect(stderr).toContain('kubelab-no-such-lessons');
  });

  it("serves the lessons engine's lessons to each lab", async () => {
    let stdout = '';
    const stop = deferred();
    const started = deferred();
    const status = runWeb(['--port', '0', '--virtual-clock'], {
      rendererDir,
      lessons: createLessonsFactory(),
      stopSignal: stop.promise,
      stdout: (t) => ((stdout += t), started.resolve()),
      stderr: () => undefined,
    });
    await started.promise;
    const url = /running at (\S+)/.exec(stdout)![1]!;
    const { client } = await TestClient.connect(url);
    const list = await client.invoke('lessons.list');
    expect(list.ok && (list.value as Array<{ id: string }>).map((l) => l.id)).toContain('company-tour');
    client.socket.terminate();
    stop.resolve();
    expect(await status).toBe(0);
  });
});
