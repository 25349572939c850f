/** The coreutils-like built-ins against a VirtualFs, with GNU/bash wording checked against the real tools. */
import { describe, expect, it } from 'vitest';
import { makeFixture, type Fixture } from './helpers.js';

const GREEK = ['alpha', 'beta', 'delta', 'epsilon', 'eta', 'gamma', 'iota', 'kappa', 'lambda', 'mu', 'nu', 'omicron', 'pi', 'rho', 'sigma', 'tau', 'theta', 'upsilon', 'xi', 'zeta'];

function withFiles(f: Fixture, files: Record<string, string>): void {
  for (const [name, content] of Object.entries(files)) f.bastion.fs.writeFile(`/home/student/${name}`, content);
}

describe('cd and pwd', () => {
  it('goes home without an argument and back with -', async () => {
    const f = makeFixture();
    expect((await f.run('cd /tmp; pwd; cd; pwd; cd -; echo $PWD $OLDPWD')).stdout).toBe('/tmp\n/home/student\n/tmp\n/tmp /home/student\n');
  });

  it("prints bash's errors", async () => {
    const f = makeFixture();
    withFiles(f, { 'a.txt': '' });
    expect(await f.run('cd nope')).toEqual({ status: 1, stdout: '', stderr: 'bash: cd: nope: No such file or directory\n' });
    expect((await f.run('cd a.txt')).stderr).toBe('bash: cd: a.txt: Not a directory\n');
    expect((await f.run('cd a b')).stderr).toBe('bash: cd: too many arguments\n');
    expect(f.shell.cwd).toBe('/home/student');
  });
});

describe('echo', () => {
  it('handles -n, -e and plain arguments', async () => {
    const f = makeFixture();
    expect((await f.run('echo -n a b; echo -e "x\\ty\\n"; echo -e "stop\\c here"; echo "\\n"')).stdout).toBe('a bx\ty\n\nstop\\n\n');
  });
});

describe('cat', () => {
  it('concatenates files and stdin, numbering with -n across files', async () => {
    const f = makeFixture();
    withFiles(f, { f1: 'a\nb\n', f2: 'b\nc' });
    expect((await f.run('cat -n f1 f2')).stdout).toBe('     1\ta\n     2\tb\n     3\tb\n     4\tc');
    expect((await f.run('echo piped | cat f1 - f2')).stdout).toBe('a\nb\npiped\nb\nc');
  });

  it('reports directories and continues after errors', async () => {
    const f = makeFixture();
    withFiles(f, { f1: 'a\n' });
    await f.run('mkdir d');
    expect(await f.run('cat d nope f1')).toEqual({
      status: 1,
      stdout: 'a\n',
      stderr: 'cat: d: Is a directory\ncat: nope: No such file or directory\n',
    });
  });
});

describe('ls', () => {
  function greekHome(f: Fixture): void {
    withFiles(f, { 'a.txt': 'hi\n', 'x.yaml': '' });
    for (const name of GREEK) f.bastion.fs.writeFile(`/home/student/${name}.yaml`, '');
    f.bastion.fs.mkdir('/home/student/d');
  }

  it('prints one name per line when stdout is not a terminal', async () => {
    const f = makeFixture();
    greekHome(f);
    const { stdout } = await f.run('ls');
    expect(stdout.split('\n').slice(0, 4)).toEqual(['a.txt', 'alpha.yaml', 'beta.yaml', 'd']);
  });

  it('prints columns like GNU ls on a terminal of 80 and 40 columns', async () => {
    const f = makeFixture();
    greekHome(f);
    f.shell.columns = 80;
    expect((await f.run('ls', { terminal: true })).stdout).toBe(
      'a.txt\t    delta.yaml\t  iota.yaml    nu.yaml\t     sigma.yaml    x.yaml\nalpha.yaml  epsilon.yaml  kappa.yaml   omicron.yaml  tau.yaml\t   xi.yaml\nbeta.yaml   eta.yaml\t  lambda.yaml  pi.yaml\t     theta.yaml    zeta.yaml\nd\t    gamma.yaml\t  mu.yaml      rho.yaml      upsilon.yaml\n',
    );
    f.shell.columns = 30;
    expect((await f.run('ls -F', { terminal: true })).stdout).toBe(
      'a.txt\t      nu.yaml\nalpha.yaml    omicron.yaml\nbeta.yaml     pi.yaml\nd/\t      rho.yaml\ndelta.yaml    sigma.yaml\nepsilon.yaml  tau.yaml\neta.yaml      theta.yaml\ngamma.yaml    upsilon.yaml\niota.yaml     x.yaml\nkappa.yaml    xi.yaml\nlambda.yaml   zeta.yaml\nmu.yaml\n',
    );
    expect((await f.run('ls -1', { terminal: true })).stdout.split('\n')[1]).toBe('alpha.yaml');
  });

  it('prints the long format with total, mode, owner, size and date', async () => {
    const f = makeFixture();
    withFiles(f, { 'nginx-pod.yaml': 'a'.repeat(227) });
    f.bastion.fs.mkdir('/home/student/.kube');
    expect((await f.run('ls -l')).stdout).toBe('total 4\n-rw-r--r-- 1 student student 227 Jan  1 00:00 nginx-pod.yaml\n');
    expect((await f.run('ls -la')).stdout).toBe(
      [
        'total 16',
        'drwxr-xr-x 3 student student 4096 Jan  1 00:00 .',
        'drwxr-xr-x 3 student student 4096 Jan  1 00:00 ..',
        'drwxr-xr-x 2 student student 4096 Jan  1 00:00 .kube',
        '-rw-r--r-- 1 student student  227 Jan  1 00:00 nginx-pod.yaml',
        '',
      ].join('\n'),
    );
    expect((await f.run('ls -lh')).stdout).toBe('total 4.0K\n-rw-r--r-- 1 student student 227 Jan  1 00:00 nginx-pod.yaml\n');
  });

  it('lists files before directories and reports missing operands with status 2', async () => {
    const f = makeFixture();
    withFiles(f, { 'a.txt': '' });
    await f.run('mkdir -p d; touch d/inner');
    expect(await f.run('ls nope a.txt d')).toEqual({
      status: 2,
      stdout: 'a.txt\n\nd:\ninner\n',
      stderr: "ls: cannot access 'nope': No such file or directory\n",
    });
    expect((await f.run('ls -d d')).stdout).toBe('d\n');
    expect((await f.run('ls -z')).stderr).toBe("ls: invalid option -- 'z'\nTry 'ls --help' for more information.\n");
  });
});

describe('mkdir, rm, touch, cp, mv', () => {
  it('creates directories with and without -p', async () => {
    const f = makeFixture();
    expect(await f.run('mkdir a/b')).toEqual({ status: 1, stdout: '', stderr: 'mkdir: cannot create directory ‘a/b’: No such file or directory\n' });
    expect((await f.run('mkdir -p a/b && mkdir a')).stderr).toBe('mkdir: cannot create directory ‘a’: File exists\n');
    expect((await f.run('mkdir')).stderr).toBe("mkdir: missing operand\nTry 'mkdir --help' for more information.\n");
  });

  it('removes files and, with -r, directories; -f ignores missing files', async () => {
    const f = makeFixture();
    await f.run('mkdir -p d/e; touch d/e/f x');
    expect(await f.run('rm d')).toEqual({ status: 1, stdout: '', stderr: "rm: cannot remove 'd': Is a directory\n" });
    expect((await f.run('rm nope')).stderr).toBe("rm: cannot remove 'nope': No such file or directory\n");
    expect(await f.run('rm -rf d nope x')).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(f.bastion.fs.readdir('/home/student')).toEqual([]);
  });

  it('touches files into existence', async () => {
    const f = makeFixture();
    expect((await f.run('touch new; ls')).stdout).toBe('new\n');
    expect((await f.run('touch q/x')).stderr).toBe("touch: cannot touch 'q/x': No such file or directory\n");
  });

  it('copies and moves files, into directories too', async () => {
    const f = makeFixture();
    withFiles(f, { 'a.yaml': 'A' });
    await f.run('mkdir dir; cp a.yaml b.yaml; cp a.yaml dir; mv b.yaml dir/c.yaml');
    expect(f.bastion.fs.readdir('/home/student')).toEqual(['a.yaml', 'dir']);
    expect(f.bastion.fs.readdir('/home/student/dir')).toEqual(['a.yaml', 'c.yaml']);
    expect((await f.run('cp dir other')).stderr).toBe("cp: -r not specified; omitting directory 'dir'\n");
    expect((await f.run('cp -r dir other; ls other')).stdout).toBe('a.yaml\nc.yaml\n');
    expect((await f.run('mv nope x')).stderr).toBe("mv: cannot stat 'nope': No such file or directory\n");
    expect((await f.run('cp a.yaml')).stderr).toBe("cp: missing destination file operand after 'a.yaml'\nTry 'cp --help' for more information.\n");
    expect((await f.run('mv dir dir/sub')).stderr).toBe("mv: cannot move 'dir' to a subdirectory of itself, 'dir/sub'\n");
  });
});

describe('grep', () => {
  const manifest = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: nginx\n  labels:\n    app: Nginx\n';

  it('selects lines with -i, -v, -n, -c, -w, -o, -E', async () => {
    const f = makeFixture();
    withFiles(f, { 'pod.yaml': manifest });
    expect((await f.run('grep -n nginx pod.yaml')).stdout).toBe('4:  name: nginx\n');
    expect((await f.run('grep -i nginx pod.yaml')).stdout).toBe('  name: nginx\n    app: Nginx\n');
    expect((await f.run('grep -c -v : pod.yaml')).stdout).toBe('0\n');
    expect((await f.run('grep -o "a[a-z]*" pod.yaml | head -2')).stdout).toBe('api\nadata\n');
    expect((await f.run("grep -E '^(kind|metadata):' pod.yaml")).stdout).toBe('kind: Pod\nmetadata:\n');
    expect((await f.run("grep 'kind\\|app' pod.yaml")).stdout).toBe('kind: Pod\n    app: Nginx\n');
    expect((await f.run('echo "a+b" | grep "a+b"')).stdout).toBe('a+b\n');
    expect((await f.run('echo "pods podman" | grep -ow pods')).stdout).toBe('pods\n');
  });

  it('reads stdin, prefixes names for several files and returns 0/1/2', async () => {
    const f = makeFixture();
    withFiles(f, { f1: 'a\nb\n', f2: 'b\nc' });
    expect(await f.run('grep -n b f1 f2')).toEqual({ status: 0, stdout: 'f1:2:b\nf2:1:b\n', stderr: '' });
    expect(await f.run('grep -c b f1 f2 nope')).toEqual({ status: 2, stdout: 'f1:1\nf2:1\n', stderr: 'grep: nope: No such file or directory\n' });
    expect((await f.run('echo Running | grep -q Running')).status).toBe(0);
    expect(await f.run('echo Pending | grep Running')).toEqual({ status: 1, stdout: '', stderr: '' });
    expect((await f.run('grep')).status).toBe(2);
  });

  it('shows context lines with -A and -B', async () => {
    const f = makeFixture();
    expect((await f.run('seq 6 | grep -B1 -e 3 -e 6')).stdout).toBe('2\n3\n--\n5\n6\n');
  });

  it('searches directories with -r', async () => {
    const f = makeFixture();
    await f.run('mkdir -p m; echo "kind: Pod" > m/a.yaml; echo "kind: Svc" > m/b.yaml');
    expect((await f.run('grep -r Pod m')).stdout).toBe('m/a.yaml:kind: Pod\n');
    expect((await f.run('grep Pod m')).stderr).toBe('grep: m: Is a directory\n');
  });
});

describe('wc, head and tail', () => {
  it("uses GNU wc's column widths", async () => {
    const f = makeFixture();
    withFiles(f, { 'a.txt': 'hi\n', 'x.yaml': 'kind: Pod\n  name: x\n' });
    expect((await f.run('echo hi | wc')).stdout).toBe('      1       1       3\n');
    expect((await f.run('wc -l a.txt')).stdout).toBe('1 a.txt\n');
    expect((await f.run('wc a.txt')).stdout).toBe('1 1 3 a.txt\n');
    expect((await f.run('wc a.txt x.yaml')).stdout).toBe(' 1  1  3 a.txt\n 2  4 20 x.yaml\n 3  5 23 total\n');
    expect((await f.run('wc -l a.txt x.yaml')).stdout).toBe(' 1 a.txt\n 2 x.yaml\n 3 total\n');
    await f.run('mkdir d');
    expect(await f.run('wc d')).toEqual({ status: 1, stdout: '      0       0       0 d\n', stderr: 'wc: d: Is a directory\n' });
  });

  it('takes the first or last lines', async () => {
    const f = makeFixture();
    withFiles(f, { f1: 'a\n', f2: 'b\nc' });
    expect((await f.run('seq 20 | head -3')).stdout).toBe('1\n2\n3\n');
    expect((await f.run('seq 20 | head -n 2')).stdout).toBe('1\n2\n');
    expect((await f.run('seq 5 | head -n -3')).stdout).toBe('1\n2\n');
    expect((await f.run('seq 20 | tail -n 2')).stdout).toBe('19\n20\n');
    expect((await f.run('seq 5 | tail -n +4')).stdout).toBe('4\n5\n');
    expect((await f.run('seq 12 | tail | wc -l')).stdout).toBe('10\n');
    expect((await f.run('tail -1 f2')).stdout).toBe('c');
    expect((await f.run('head -n1 f1 f2')).stdout).toBe('==> f1 <==\na\n\n==> f2 <==\nb\n');
    expect((await f.run('head nope')).stderr).toBe("head: cannot open 'nope' for reading: No such file or directory\n");
  });
});

describe('variables', () => {
  it('exports, lists and unsets variables', async () => {
    const f = makeFixture();
    await f.run('export NS=dev; LOCAL=1');
    expect((await f.run('env | grep -c "^NS=dev$"')).stdout).toBe('1\n');
    expect((await f.run('env | grep LOCAL')).status).toBe(1);
    expect((await f.run('export -p | grep NS')).stdout).toBe('declare -x NS="dev"\n');
    expect((await f.run('export 1a')).stderr).toBe("bash: export: `1a': not a valid identifier\n");
    expect((await f.run('unset NS; echo "[$NS]"')).stdout).toBe('[]\n');
  });

  it('has HOME, USER, PWD, PATH, HOSTNAME and SHELL', async () => {
    const f = makeFixture();
    expect((await f.run('echo $HOME $USER $PWD $HOSTNAME $SHELL; echo $PATH | grep -c /usr/bin')).stdout).toBe(
      '/home/student student /home/student bastion /bin/bash\n1\n',
    );
  });

  it('sets the positional parameters with set -- and set after options, and clears them with set --', async () => {
    const f = makeFixture();
    expect((await f.run(`set -- a 'b c'; echo "$# [$2]"`)).stdout).toBe('2 [b c]\n');
    expect((await f.run('set -e -o pipefail x y z; echo "$# $3"')).stdout).toBe('3 z\n');
    // Options alone leave them as they were.
    expect((await f.run('set -x; set +o pipefail; echo "$# $1"')).stdout).toBe('3 x\n');
    expect((await f.run('set -- -n; echo "$# $1"')).stdout).toBe('1 -n\n');
    expect((await f.run('set --; echo "$# [$*]"')).stdout).toBe('0 []\n');
  });

  it('shifts the positional parameters, failing quietly past the end and loudly on a bad count', async () => {
    const f = makeFixture();
    await f.run('set -- a b c d');
    expect(await f.run('shift; echo "$# $*"; shift 2; echo "$# $*"')).toEqual({ status: 0, stdout: '3 b c d\n1 d\n', stderr: '' });
    expect(await f.run('shift 2; echo "$? $# $*"')).toEqual({ status: 0, stdout: '1 1 d\n', stderr: '' });
    expect(await f.run('shift 0; echo $?; shift; shift; echo "$? $#"')).toEqual({ status: 0, stdout: '0\n1 0\n', stderr: '' });
    expect(await f.run('shift -1')).toEqual({ status: 1, stdout: '', stderr: 'bash: shift: -1: shift count out of range\n' });
    expect(await f.run('shift two')).toEqual({ status: 1, stdout: '', stderr: 'bash: shift: two: numeric argument required\n' });
    expect(await f.run('shift 1 2')).toEqual({ status: 1, stdout: '', stderr: 'bash: shift: too many arguments\n' });
    expect((await f.run('type shift')).stdout).toBe('shift is a shell builtin\n');
  });

  it('quotes alias values like bash and reports unknown aliases', async () => {
    const f = makeFixture();
    expect((await f.run(`alias x="it's"; alias x`)).stdout).toBe("alias x='it'\\''s'\n");
    expect(await f.run('alias zz')).toEqual({ status: 1, stdout: '', stderr: 'bash: alias: zz: not found\n' });
    expect((await f.run('unalias zz')).stderr).toBe('bash: unalias: zz: not found\n');
  });
});

describe('session built-ins', () => {
  it('type and which describe aliases, builtins and registered commands', async () => {
    const f = makeFixture();
    f.registry.register('kubectl', () => 0);
    await f.run('alias k=kubectl');
    expect(await f.run('type k cd ls kubectl if foo')).toEqual({
      status: 1,
      stdout: "k is aliased to `kubectl'\ncd is a shell builtin\nls is /usr/bin/ls\nkubectl is /usr/bin/kubectl\nif is a shell keyword\n",
      stderr: 'bash: type: foo: not found\n',
    });
    expect(await f.run('which kubectl grep cd')).toEqual({ status: 1, stdout: '/usr/bin/kubectl\n/usr/bin/grep\n', stderr: '' });
  });

  it('true, false, hostname, whoami, clear and complete', async () => {
    const f = makeFixture();
    expect((await f.run('true')).status).toBe(0);
    expect((await f.run('false')).status).toBe(1);
    expect((await f.run('hostname; whoami; hostname -I')).stdout).toBe('bastion\nstudent\n192.168.200.5 \n');
    expect((await f.run('clear')).stdout).toBe('\x1b[H\x1b[2J\x1b[3J');
    expect(await f.run('complete -o default -F __start_kubectl k')).toEqual({ status: 0, stdout: '', stderr: '' });
  });

  it('exit takes a status and rejects garbage', async () => {
    const f = makeFixture();
    expect(await f.run('exit abc')).toEqual({ status: 2, stdout: '', stderr: 'bash: exit: abc: numeric argument required\n' });
    const g = makeFixture();
    expect(await g.run('false; exit')).toMatchObject({ status: 1, stderr: '' });
    expect(g.shell.exitStatus).toBe(1);
    const h = makeFixture();
    expect((await h.run('exit 1 2')).stderr).toBe('bash: exit: too many arguments\n');
    expect(h.shell.exited).toBe(false);
  });

  it('source runs a file in the current shell', async () => {
    const f = makeFixture();
    withFiles(f, { 'env.sh': 'export NS=prod\nalias kp="echo prod"\nkp\n' });
    expect((await f.run('source env.sh; echo $NS')).stdout).toBe('prod\nprod\n');
    expect((await f.run('. nope.sh')).stderr).toBe('bash: nope.sh: No such file or directory\n');
  });

  it('history lists numbered entries', async () => {
    const f = makeFixture();
    f.shell.history.add('ls');
    f.shell.history.add('ls');
    f.shell.history.add(' secret');
    f.shell.history.add('history');
    expect((await f.run('history')).stdout).toBe('    1  ls\n    2  history\n');
  });

  it('decodes base64 as used for Secrets', async () => {
    const f = makeFixture();
    expect((await f.run('echo -n admin | base64; echo YWRtaW4= | base64 -d')).stdout).toBe('YWRtaW4=\nadmin');
  });
});
