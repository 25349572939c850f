/** Commands made of subcommands (rollout, set, config, auth, certificate, plugin) as cobra runs them. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KubectlLab } from './lab.js';

let lab: KubectlLab;

beforeEach(() => {
  lab = new KubectlLab();
});

afterEach(() => {
  lab.dispose();
});

describe('command groups', () => {
  it('name every word that is not a subcommand in DefaultSubCommandRun\'s error', async () => {
    expect(await lab.run('kubectl rollout foo bar')).toMatchObject({
      stdout: '',
      stderr: "error: unknown command \"foo bar\"\nSee 'kubectl rollout -h' for help and examples\n",
      status: 1,
    });
    expect((await lab.run('kubectl config nope -n x')).stderr).toBe("error: unknown command \"nope\"\nSee 'kubectl config -h' for help and examples\n");
  });

  it('print cobra\'s help and succeed, whatever the words, for a group without a run of its own', async () => {
    const r = await lab.run('kubectl certificate foo bar');
    expect(r.stdout.startsWith('Modify certificate resources.\n')).toBe(true);
    expect(r).toMatchObject({ stderr: '', status: 0 });
  });

  it('find subcommands by their aliases, and look only at the global flags before the subcommand', async () => {
    expect(await lab.run('kubectl config use nope')).toMatchObject({ stderr: 'error: no context exists with the name: "nope"\n', status: 1 });
    expect((await lab.run('kubectl set sa -h')).stdout.startsWith('Update the service account of pod template resources.\n')).toBe(true);
    expect(await lab.run('kubectl rollout -w status deploy/x')).toMatchObject({
      stderr: "error: unknown shorthand flag: 'w' in -w\nSee 'kubectl rollout --help' for usage.\n",
      status: 1,
    });
  });
});
