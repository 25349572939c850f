/** Job control (`cmd &`, jobs, fg, kill, wait) and `watch`, with bash's and procps' wording. */
import { describe, expect, it } from 'vitest';
import type { CommandContext } from '../../../src/main/shell/types.js';
import { makeFixture, type Fixture } from './helpers.js';

/** A command that runs until it is killed (as `kubectl port-forward` does), printing a line first. */
function registerServe(f: Fixture): void {
  f.registry.register(
    'serve',
    (ctx: CommandContext) =>
      new Promise<number>((resolve) => {
        ctx.stdout.write(`serving ${ctx.argv[1] ?? ''} background=${String(ctx.background)}\n`);
        ctx.signal.addEventListener('abort', () => resolve(0), { once: true });
      }),
  );
}

describe('background jobs', () => {
  it('starts a job with `&`, lists it, kills it and reports the end once', async () => {
    const f = makeFixture({ interactive: true });
    registerServe(f);
    expect(await f.run('serve 8080 & echo next $?')).toEqual({ status: 0, stdout: 'serving 8080 background=true\nnext 0\n', stderr: '[1] 4242\n' });
    expect(await f.run('echo $!; jobs; jobs -l; jobs -p')).toEqual({
      status: 0,
      stdout: '4242\n[1]+  Running                 serve 8080 &\n[1]+  4242 Running                 serve 8080 &\n4242\n',
      stderr: '',
    });
    expect(await f.run('kill %1')).toEqual({ status: 0, stdout: '', stderr: '[1]+  Terminated              serve 8080\n' });
    expect(await f.run('jobs')).toEqual({ status: 0, stdout: '', stderr: '' });
  });

  it('keeps writing to the terminal after the line that started it is over', async () => {
    const f = makeFixture({ interactive: true });
    let out = '';
    f.registry.register('later', async (ctx) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      ctx.stdout.write('late line\n');
      return 3;
    });
    await f.shell.run('later &', { stdout: { write: (t) => (out += t) }, stderr: { write: (t) => (out += t) }, isTerminal: true });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(out).toBe('[1] 4242\nlate line\n');
    expect(await f.run('true')).toEqual({ status: 0, stdout: '', stderr: '[1]+  Exit 3                  later\n' });
  });

  it('runs the job in a copy of the shell: cd and variables there do not leak', async () => {
    const f = makeFixture({ interactive: true });
    await f.run('X=1; (cd /tmp; X=2) & wait');
    expect((await f.run('pwd; echo $X')).stdout).toBe('/home/student\n1\n');
  });

  it('brings a job to the foreground, waits for jobs, and prints bash errors', async () => {
    const f = makeFixture({ interactive: true });
    registerServe(f);
    await f.run('serve a &');
    await f.run('serve b &');
    expect((await f.run('jobs')).stdout).toBe('[1]-  Running                 serve a &\n[2]+  Running                 serve b &\n');
    const controller = new AbortController();
    let out = '';
    const fg = f.shell.run('fg %1', { stdout: { write: (t) => (out += t) }, stderr: { write: (t) => (out += t) }, isTerminal: true }, controller.signal);
    await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort();
    expect(await fg).toBe(130);
    expect(out).toBe('serve a\n');
    expect((await f.run('jobs')).stdout).toBe('[2]+  Running                 serve b &\n');
    expect(await f.run('fg %5; kill %5; kill 99999; kill abc; wait %5')).toEqual({
      status: 127,
      stdout: '',
      stderr: 'bash: fg: %5: no such job\nbash: kill: %5: no such job\nbash: kill: (99999) - No such process\nbash: kill: abc: arguments must be process or job IDs\nbash: wait: %5: no such job\n',
    });
    expect(await f.run('kill')).toEqual({ status: 2, stdout: '', stderr: 'kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n' });
    expect(await f.run('kill -9 %2')).toEqual({ status: 0, stdout: '', stderr: '[2]+  Killed                  serve b\n' });
    expect(await f.run('(sleep 1; echo done-sleeping) & wait; echo waited')).toEqual({
      status: 0,
      stdout: 'done-sleeping\nwaited\n',
      stderr: '[1] 4256\n[1]+  Done                    (sleep 1; echo done-sleeping)\n',
    });
  });

  it('says nothing about jobs in a script', async () => {
    const f = makeFixture({ interactive: false });
    expect(await f.run('sleep 5 & echo started')).toEqual({ status: 0, stdout: 'started\n', stderr: '' });
  });
});

describe('watch', () => {
  it('reruns the command every interval under the header until Ctrl+C', async () => {
    const f = makeFixture();
    const controller = new AbortController();
    let runs = 0;
    f.registry.register('tick', (ctx) => {
      ctx.stdout.write(`run ${++runs}\n`);
      if (runs === 2) controller.abort();
      return 0;
    });
    let out = '';
    const status = await f.shell.run('watch -n 5 tick', { stdout: { write: (t) => (out += t) }, stderr: { write: (t) => (out += t) }, isTerminal: false }, controller.signal);
    expect(status).toBe(130);
    // The header is as wide as the terminal (80): the host and the time (C's ctime layout) at the right.
    expect(out).toMatch(/^Every 5\.0s: tick {31}bastion: [A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \d{4}\n\nrun 1\n$/);
    expect(out.split('\n')[0]).toHaveLength(80);
    expect(f.sleeps).toEqual([5000]);
  });

  it('prints its usage without a command', async () => {
    const f = makeFixture();
    const r = await f.run('watch');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('Usage:\n watch [options] command\n');
  });
});
