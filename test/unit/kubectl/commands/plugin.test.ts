/** kubectl's plugins: `kubectl plugin list` over the shell's $PATH, running `kubectl-*` scripts, and the hidden `alpha`. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KubectlLab } from '../lab.js';

let lab: KubectlLab;

beforeEach(() => {
  lab = new KubectlLab();
});

afterEach(() => {
  lab.dispose();
});

/** A shell heredoc writing an executable (or, with `mode`, other) script. */
const script = (file: string, body: string, mode = '+x'): string => `cat > ${file} <<'EOF'\n${body}EOF\nchmod ${mode} ${file}\n`;

/** Plugins in ~/bin and ~/more, both added to PATH with a directory that does not exist. */
const PLUGINS = [
  'mkdir -p ~/bin ~/more',
  script('~/bin/kubectl-hello', 'echo "hello from a plugin"\nexit 3\n'),
  script('~/bin/kubectl-hello-world', 'echo "the longest name wins"\n'),
  script('~/bin/kubectl-get', 'echo "never run"\n'),
  script('~/bin/kubectl-notes', 'echo "not executable"\n', '-x'),
  script('~/more/kubectl-hello', 'echo "overshadowed"\n'),
  script('~/more/kubectl-create-thing', 'echo "a create subcommand"\n'),
  script('~/more/kubectl-create-deployment', 'echo "never run either"\n'),
  'export PATH=$PATH:$HOME/bin:$HOME/more:/nonexistent',
].join('\n');

describe('kubectl plugin list', () => {
  it('fails when no plugin is on PATH', async () => {
    expect(await lab.run('kubectl plugin list')).toMatchObject({ stdout: '', stderr: 'error: unable to find any kubectl plugins in your PATH\n', status: 1 });
  });

  it('lists plugins in PATH order with the verifier warnings, and fails when there are any', async () => {
    await lab.run(PLUGINS);
    const r = await lab.run('kubectl plugin list');
    expect(r.output).toBe(
      [
        'The following compatible plugins are available:',
        '',
        '/home/student/bin/kubectl-get',
        '!  - warning: kubectl-get overwrites existing command: "kubectl get"',
        '/home/student/bin/kubectl-hello',
        '/home/student/bin/kubectl-hello-world',
        '/home/student/bin/kubectl-notes',
        '!  - warning: /home/student/bin/kubectl-notes identified as a kubectl plugin, but it is not executable',
        '/home/student/more/kubectl-create-deployment',
        '!  - warning: kubectl-create-deployment overwrites existing command: "kubectl create deployment"',
        '/home/student/more/kubectl-create-thing',
        '!  - warning: kubectl-create-thing overwrites existing command: "kubectl create"',
        '/home/student/more/kubectl-hello',
        '!  - warning: /home/student/more/kubectl-hello is overshadowed by a similarly named plugin: /home/student/bin/kubectl-hello',
        '!Unable to read directory "/nonexistent" from your PATH: open /nonexistent: no such file or directory. Skipping...',
        '!error: 5 plugin warnings were found',
        '',
      ].join('\n'),
    );
    expect(r.status).toBe(1);
  });

  it('prints only the names with --name-only, and says "one plugin warning"', async () => {
    await lab.run(`mkdir ~/bin\n${script('~/bin/kubectl-notes', 'echo\n', '-x')}export PATH=$HOME/bin`);
    expect(await lab.run('kubectl plugin list --name-only')).toMatchObject({
      stdout: 'The following compatible plugins are available:\n\nkubectl-notes\n',
      stderr: '  - warning: /home/student/bin/kubectl-notes identified as a kubectl plugin, but it is not executable\nerror: one plugin warning was found\n',
      status: 1,
    });
  });

  it('succeeds without warnings, and reads relative PATH entries from the working directory', async () => {
    await lab.run(`mkdir ~/bin\n${script('~/bin/kubectl-hello', 'echo hi\n')}export PATH=bin`);
    expect(await lab.run('kubectl plugin list')).toMatchObject({
      stdout: 'The following compatible plugins are available:\n\nbin/kubectl-hello\n',
      stderr: '',
      status: 0,
    });
  });
});

describe('kubectl plugin', () => {
  it('prints its help to stderr and fails without a subcommand, and refuses unknown ones', async () => {
    const bare = await lab.run('kubectl plugin');
    expect(bare.stderr.startsWith('Provides utilities for interacting with plugins.\n')).toBe(true);
    expect(bare).toMatchObject({ stdout: '', status: 1 });
    expect(await lab.run('kubectl plugin foo bar')).toMatchObject({
      stderr: 'error: unknown command "foo bar"\nSee \'kubectl plugin -h\' for help and examples\n',
      status: 1,
    });
    expect(await lab.run('kubectl plugin list --bogus')).toMatchObject({
      stderr: "error: unknown flag: --bogus\nSee 'kubectl plugin list --help' for usage.\n",
      status: 1,
    });
    const help = await lab.run('kubectl plugin list -h');
    expect(help.stdout.startsWith("List all available plugin files on a user's PATH.")).toBe(true);
    expect(help.status).toBe(0);
  });
});

describe('running plugins', () => {
  it('runs the longest plugin name the leading words make, with its exit status', async () => {
    await lab.run(PLUGINS);
    expect(await lab.run('kubectl hello')).toMatchObject({ stdout: 'hello from a plugin\n', stderr: '', status: 3 });
    expect((await lab.run('kubectl hello world --flag x')).stdout).toBe('the longest name wins\n');
    expect((await lab.run('kubectl hello there')).stdout).toBe('hello from a plugin\n');
    // A dash within a word stands for an underscore: `hello-world` looks for kubectl-hello_world only.
    expect(await lab.run('kubectl hello-world')).toMatchObject({ stderr: 'error: unknown command "hello-world" for "kubectl"\n', status: 1 });
  });

  it('runs a plugin for a subcommand kubectl create does not have', async () => {
    await lab.run(PLUGINS);
    expect((await lab.run('kubectl create thing x')).stdout).toBe('a create subcommand\n');
    expect((await lab.run('kubectl create deployment web --image=nginx --dry-run=client -o name')).stdout).toBe('deployment.apps/web\n');
  });

  it('execs the plugin with its path as $0 and the words after its name, flags included, as arguments', async () => {
    await lab.run(PLUGINS);
    await lab.run(script('~/bin/kubectl-args', 'echo "$0 $#"\nfor a in "$@"; do echo "<$a>"; done\n'));
    expect((await lab.run(`kubectl args one 'two words' -n x --flag=y`)).stdout).toBe(
      '/home/student/bin/kubectl-args 5\n<one>\n<two words>\n<-n>\n<x>\n<--flag=y>\n',
    );
    // The longest name takes its words; a create subcommand plugin gets what follows `create thing`.
    await lab.run(script('~/bin/kubectl-hello-world', 'echo "[$*]"\n'));
    expect((await lab.run('kubectl hello world again')).stdout).toBe('[again]\n');
    await lab.run(script('~/more/kubectl-create-thing', 'echo "$# $1"\n'));
    expect((await lab.run('kubectl create thing x')).stdout).toBe('1 x\n');
  });

  it('leaves built-in commands, files that are not executable and flags before the name alone', async () => {
    await lab.run(PLUGINS);
    expect((await lab.run('kubectl get ns default -o name')).stdout).toBe('namespace/default\n');
    expect(await lab.run('kubectl notes')).toMatchObject({ stderr: 'error: unknown command "notes" for "kubectl"\n', status: 1 });
    expect(await lab.run('kubectl -n default hello')).toMatchObject({ stderr: 'Error: flags cannot be placed before plugin name: -n\n', status: 1 });
  });
});

describe('kubectl alpha', () => {
  it('says there are no alpha commands, on stderr, however it is asked', async () => {
    const none = { stdout: '', stderr: 'No alpha commands are available in this version of kubectl\n', status: 0 };
    expect(await lab.run('kubectl alpha')).toMatchObject(none);
    expect(await lab.run('kubectl alpha debug x')).toMatchObject(none);
    expect(await lab.run('kubectl alpha -h')).toMatchObject(none);
    expect(await lab.run('kubectl help alpha')).toMatchObject(none);
    expect(await lab.run('kubectl alpha --bogus')).toMatchObject({ stderr: "error: unknown flag: --bogus\nSee 'kubectl alpha --help' for usage.\n", status: 1 });
  });
});
