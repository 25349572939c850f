/** kubectl's help: `--help`/`-h` on every command path, `kubectl help`, the bare root, `kubectl options`, and cobra's fallbacks. */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEPLOYMENTS } from '../../../src/main/cluster/client/resources.js';
import { KubectlLab } from './lab.js';

let lab: KubectlLab;

beforeEach(() => {
  lab = new KubectlLab();
});

afterEach(() => {
  lab.dispose();
});

const HELP_DIR = new URL('../../../assets/kubectl-help/', import.meta.url);

/** The captured text of kubectl 1.32 for `kubectl <path> --help`. */
function asset(path: string): string {
  return readFileSync(new URL(`${path === '' ? 'kubectl' : path.replaceAll(' ', '-')}.txt`, HELP_DIR), 'utf8');
}

const COMMAND_PATHS = Object.keys(JSON.parse(readFileSync(new URL('index.json', HELP_DIR), 'utf8')) as Record<string, string[]>);

function printed(text: string): { stdout: string; stderr: string; status: number } {
  return { stdout: text, stderr: '', status: 0 };
}

describe('kubectl <command> --help', () => {
  it('prints kubectl 1.32 help texts for the commands CKA candidates read most', async () => {
    expect(await lab.run('kubectl create deployment -h')).toMatchObject(printed(asset('create deployment')));
    expect(asset('create deployment')).toContain('kubectl create deployment my-dep --image=busybox -- date');
    expect(await lab.run('kubectl run --help')).toMatchObject(printed(asset('run')));
    expect(await lab.run('kubectl create secret generic --help')).toMatchObject(printed(asset('create secret generic')));
    expect(await lab.run('kubectl rollout status -h')).toMatchObject(printed(asset('rollout status')));
    expect(await lab.run('kubectl config set-context -h')).toMatchObject(printed(asset('config set-context')));
    expect(await lab.run('kubectl explain -h')).toMatchObject(printed(asset('explain')));
  });

  it('has a text for every command path, built in the lab or not', async () => {
    expect(COMMAND_PATHS.length).toBeGreaterThan(100);
    const script = COMMAND_PATHS.filter((path) => path !== 'options').map((path) => `kubectl ${path} --help`).join('\n');
    const r = await lab.run(script);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(COMMAND_PATHS.filter((path) => path !== 'options').map(asset).join(''));
  });

  it('finds the longest command path after other flags, arguments and aliases, and changes nothing', async () => {
    const deployment = asset('create deployment');
    expect(await lab.run('kubectl create deployment web --image=nginx --replicas=3 -h')).toMatchObject(printed(deployment));
    expect(await lab.run('kubectl -n default create deploy web --image nginx --help')).toMatchObject(printed(deployment));
    expect(await lab.run('kubectl create deployment web --image=nginx -h -- date')).toMatchObject(printed(deployment));
    expect(await lab.run('kubectl get pods -A -o wide -h')).toMatchObject(printed(asset('get')));
    expect(await lab.run('kubectl top pods -h')).toMatchObject(printed(asset('top pod')));
    expect(await lab.run('kubectl --help=true create secret tls')).toMatchObject(printed(asset('create secret tls')));
    const deployments = await lab.session.lab.client('test').list(DEPLOYMENTS, 'default');
    expect(deployments.ok && deployments.value.items).toEqual([]);
  });

  it('takes -h as a flag cobra does not know yet: it swallows the next word while finding the command', async () => {
    expect(await lab.run('kubectl create -h deployment')).toMatchObject(printed(asset('create')));
    expect(await lab.run('kubectl -h get')).toMatchObject(printed(asset('')));
  });

  it('reports a bad flag rather than the help, naming the whole command path', async () => {
    expect(await lab.run('kubectl create deployment -h --bogus')).toMatchObject({
      stdout: '',
      stderr: "error: unknown flag: --bogus\nSee 'kubectl create deployment --help' for usage.\n",
      status: 1,
    });
    expect(await lab.run('kubectl create deployment --help=maybe')).toMatchObject({
      stderr: 'error: invalid argument "maybe" for "-h, --help" flag: strconv.ParseBool: parsing "maybe": invalid syntax\nSee \'kubectl create deployment --help\' for usage.\n',
      status: 1,
    });
  });
});

describe('kubectl help and the bare kubectl', () => {
  it('prints the root help without a command, with --help, and for help without a topic', async () => {
    expect(await lab.run('kubectl')).toMatchObject(printed(asset('')));
    expect(await lab.run('kubectl --help')).toMatchObject(printed(asset('')));
    expect(await lab.run('kubectl -n default')).toMatchObject(printed(asset('')));
    expect(await lab.run('kubectl help')).toMatchObject(printed(asset('')));
    expect(asset('')).toContain('\nUsage:\n  kubectl [flags] [options]\n');
  });

  it('is cobra help command: the topic by path or alias, its own help with -h', async () => {
    expect(await lab.run('kubectl help create deployment')).toMatchObject(printed(asset('create deployment')));
    expect(await lab.run('kubectl help create deploy')).toMatchObject(printed(asset('create deployment')));
    expect(await lab.run('kubectl help rollout nosuch')).toMatchObject(printed(asset('rollout')));
    expect(await lab.run('kubectl help -h create')).toMatchObject(printed(asset('help')));
    expect(await lab.run('kubectl help --bogus')).toMatchObject({ stderr: "error: unknown flag: --bogus\nSee 'kubectl help --help' for usage.\n", status: 1 });
  });

  it('prints the root usage on stderr, exit 0, for an unknown topic', async () => {
    const usage = readFileSync(new URL('kubectl.usage.txt', HELP_DIR), 'utf8');
    expect(asset('').endsWith(usage)).toBe(true);
    expect(await lab.run('kubectl help nosuch other')).toMatchObject({ stdout: '', stderr: `Unknown help topic [\`nosuch\` \`other\`]\n${usage}`, status: 0 });
  });
});

describe('kubectl help fallbacks and unknown commands', () => {
  it("falls back to the parent's help for an unknown subcommand", async () => {
    expect(await lab.run('kubectl create nosuch -h')).toMatchObject(printed(asset('create')));
    expect(await lab.run('kubectl rollout nosuch --help')).toMatchObject(printed(asset('rollout')));
    expect(await lab.run('kubectl create secret nosuch x -h')).toMatchObject(printed(asset('create secret')));
  });

  it('fails for an unknown command, with the help flag too, suggesting close ones in kubectl order', async () => {
    expect(await lab.run('kubectl nosuch -h')).toMatchObject({ stdout: '', stderr: 'error: unknown command "nosuch" for "kubectl"\n', status: 1 });
    expect(await lab.run('kubectl gett -h')).toMatchObject({ stderr: 'error: unknown command "gett" for "kubectl"\n\nDid you mean this?\n\tset\n\tget\n', status: 1 });
    expect((await lab.run('kubectl de')).stderr).toBe('error: unknown command "de" for "kubectl"\n\nDid you mean this?\n\tset\n\tget\n\tdelete\n\tdescribe\n\tcp\n\tdebug\n');
    expect((await lab.run('kubectl api')).stderr).toBe('error: unknown command "api" for "kubectl"\n\nDid you mean this?\n\tcp\n\tapi-versions\n\tapi-resources\n');
  });

  it('refuses flags before an unknown command as the plugin lookup does, and root flags it does not know', async () => {
    expect(await lab.run('kubectl -n default nosuch')).toMatchObject({ stderr: 'Error: flags cannot be placed before plugin name: -n\n', status: 1 });
    expect(await lab.run('kubectl -h create deployment')).toMatchObject({ stdout: '', stderr: 'Error: flags cannot be placed before plugin name: -h\n', status: 1 });
    expect(await lab.run('kubectl --bogus get')).toMatchObject({ stderr: "error: unknown flag: --bogus\nSee 'kubectl --help' for usage.\n", status: 1 });
    expect(await lab.run('kubectl -n')).toMatchObject({ stderr: "error: flag needs an argument: 'n' in -n\nSee 'kubectl --help' for usage.\n", status: 1 });
  });
});

describe('kubectl options', () => {
  it("prints the global options with --cache-dir under the shell's $HOME", async () => {
    const options = await lab.run('kubectl options');
    expect(options.status).toBe(0);
    expect(options.stdout).toContain("    --cache-dir='/home/student/.kube/cache':\n\tDefault cache directory\n");
    expect(options.stdout).toBe(readFileSync(new URL('options.txt', HELP_DIR), 'utf8').replace('@@HOME@@', '/home/student'));
    expect((await lab.run('HOME=/root kubectl options')).stdout).toContain("--cache-dir='/root/.kube/cache':");
    expect(await lab.run('kubectl options -h')).toMatchObject(printed(''));
    expect(await lab.run('kubectl options --bogus')).toMatchObject({ stderr: "error: unknown flag: --bogus\nRun 'kubectl options' without flags.\n", status: 1 });
  });
});
