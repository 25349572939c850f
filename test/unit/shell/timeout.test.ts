/** coreutils `timeout`: stops a command after some lab time, with coreutils' exit statuses. */
import { afterEach, describe, expect, it } from 'vitest';
import { KubectlLab } from '../kubectl/lab.js';
import { makeFixture } from './helpers.js';

let lab: KubectlLab | undefined;
afterEach(() => {
  lab?.dispose();
  lab = undefined;
});

describe('timeout', () => {
  it('ends a command that runs too long with 124, and passes the status of one that ends in time', async () => {
    lab = new KubectlLab();
    const start = lab.now();
    const r = await lab.run(`timeout 5 sleep 60; echo "slept: $?"
timeout 1m sleep 2; echo "in time: $?"
timeout 5 false; echo "false: $?"
timeout -s KILL 2s sleep 10; echo "killed: $?"
timeout --preserve-status 1 sleep 10; echo "preserved: $?"
timeout -v 0.5 sleep 10; echo "verbose: $?"
`);
    expect(r.stdout).toBe('slept: 124\nin time: 0\nfalse: 1\nkilled: 137\npreserved: 143\nverbose: 124\n');
    expect(r.stderr).toBe("timeout: sending signal TERM to command ‘sleep’\n");
    // 5 + 2 + 2 + 1 + 0.5 seconds of lab time.
    expect(lab.now() - start).toBe(10_500);
  });

  it('ends a kubectl watch after the duration', async () => {
    lab = new KubectlLab();
    const start = lab.now();
    const r = await lab.run('timeout 5 kubectl get pods -w -A --field-selector metadata.namespace=nowhere; echo "watch: $?"');
    expect(r.stdout).toBe('watch: 124\n');
    expect(lab.now() - start).toBe(5_000);
  });

  it('fails as coreutils does', async () => {
    const f = makeFixture();
    expect(await f.run('timeout 5')).toEqual({ status: 125, stdout: '', stderr: "timeout: missing operand\nTry 'timeout --help' for more information.\n" });
    expect(await f.run('timeout x sleep 1')).toEqual({ status: 125, stdout: '', stderr: "timeout: invalid time interval ‘x’\nTry 'timeout --help' for more information.\n" });
    expect(await f.run('timeout -s BOGUS 1 sleep 1')).toEqual({ status: 125, stdout: '', stderr: "timeout: ‘BOGUS’: invalid signal\nTry 'timeout --help' for more information.\n" });
    expect(await f.run('timeout 1 nope')).toEqual({ status: 127, stdout: '', stderr: 'timeout: failed to run command ‘nope’: No such file or directory\n' });
    expect(await f.run('timeout 1 cd /tmp')).toEqual({ status: 127, stdout: '', stderr: 'timeout: failed to run command ‘cd’: No such file or directory\n' });
    expect(await f.run('timeout 0 echo never stopped')).toEqual({ status: 0, stdout: 'never stopped\n', stderr: '' });
  });
});
