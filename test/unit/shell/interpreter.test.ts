/** The interpreter through Shell.run: pipelines, lists, redirects, expansion, aliases, ssh, aborts. */
import { describe, expect, it } from 'vitest';
import type { CommandContext } from '../../../src/main/shell/types.js';
import { makeFixture } from './helpers.js';

describe('running commands', () => {
  it('reports a missing file like cat does', async () => {
    const f = makeFixture();
    expect(await f.run('cat nope.yaml')).toEqual({ status: 1, stdout: '', stderr: 'cat: nope.yaml: No such file or directory\n' });
  });

  it('reports an unknown command with status 127', async () => {
    const f = makeFixture();
    expect(await f.run('foo --bar')).toEqual({ status: 127, stdout: '', stderr: 'bash: foo: command not found\n' });
  });

  it('pipes buffered text from stage to stage', async () => {
    const f = makeFixture();
    expect((await f.run('echo hi > a.txt; cat a.txt | wc -l')).stdout).toBe('1\n');
    expect((await f.run('printf "b\\na\\nb\\n" | sort | uniq -c')).stdout).toBe('      1 a\n      2 b\n');
  });

  it('sets $? and short-circuits && and ||', async () => {
    const f = makeFixture();
    expect((await f.run('cat nope 2>/dev/null; echo $?')).stdout).toBe('1\n');
    expect((await f.run('false && echo no || echo yes')).stdout).toBe('yes\n');
    expect((await f.run('true || echo no && echo yes')).stdout).toBe('yes\n');
    expect((await f.run('! false')).status).toBe(0);
    expect(f.shell.lastStatus).toBe(0);
  });

  it('returns the status of the last stage of a pipeline', async () => {
    const f = makeFixture();
    expect((await f.run('cat nope | wc -l')).status).toBe(0);
    expect((await f.run('echo a | grep b')).status).toBe(1);
  });

  it('writes a heredoc into a file and reads it back', async () => {
    const f = makeFixture();
    const script = 'cat <<EOF > pod.yaml\napiVersion: v1\nkind: Pod\nmetadata:\n  name: $NAME\nEOF\ncat pod.yaml';
    await f.run('NAME=web');
    expect((await f.run(script)).stdout).toBe('apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n');
    expect(f.bastion.fs.readFile('/home/student/pod.yaml')).toContain('name: web');
  });

  it('keeps a quoted heredoc literal and strips tabs with <<-', async () => {
    const f = makeFixture();
    expect((await f.run("cat <<'EOF'\n$HOME `x`\nEOF")).stdout).toBe('$HOME `x`\n');
    expect((await f.run('cat <<-END\n\t\tindented\n\tEND')).stdout).toBe('indented\n');
  });

  it('streams output of a terminal command as it is produced', async () => {
    const f = makeFixture();
    const seen: string[] = [];
    let release: () => void = () => undefined;
    f.registry.register('watcher', async (ctx) => {
      ctx.stdout.write('first\n');
      await new Promise<void>((resolve) => (release = resolve));
      ctx.stdout.write('second\n');
      return 0;
    });
    const done = f.shell.run('watcher', { stdout: { write: (t) => seen.push(t) }, stderr: { write: () => undefined }, isTerminal: true });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(seen).toEqual(['first\n']);
    release();
    expect(await done).toBe(0);
    expect(seen).toEqual(['first\n', 'second\n']);
  });

  it('turns a throwing handler into an internal error and keeps going', async () => {
    const f = makeFixture();
    f.registry.register('boom', () => {
      throw new Error('kaput');
    });
    expect(await f.run('boom; echo still here')).toEqual({
      status: 0,
      stdout: 'still here\n',
      stderr: 'bash: boom: internal error: kaput\n',
    });
  });

  it('gives a registered command its argv, stdin and state', async () => {
    const f = makeFixture({ bashrc: 'alias k=kubectl\n' });
    await f.shell.start({ stdout: { write: () => undefined }, stderr: { write: () => undefined }, isTerminal: false });
    const calls: Array<Pick<CommandContext, 'argv' | 'stdin' | 'stdinRedirected' | 'stdoutIsTerminal' | 'interactive'> & { cwd: string; ns?: string }> = [];
    f.registry.register('kubectl', (ctx) => {
      calls.push({
        argv: ctx.argv,
        stdin: ctx.stdin,
        stdinRedirected: ctx.stdinRedirected,
        stdoutIsTerminal: ctx.stdoutIsTerminal,
        interactive: ctx.interactive,
        cwd: ctx.shell.cwd,
        ...(ctx.shell.env.get('NS') !== undefined ? { ns: ctx.shell.env.get('NS')! } : {}),
      });
      ctx.stdout.write('pod/web created\n');
      return 0;
    });
    const result = await f.run('NS=dev k apply -f - <<EOF\nkind: Pod\nEOF');
    expect(result).toEqual({ status: 0, stdout: 'pod/web created\n', stderr: '' });
    expect(calls).toEqual([
      {
        argv: ['kubectl', 'apply', '-f', '-'],
        stdin: 'kind: Pod\n',
        stdinRedirected: true,
        stdoutIsTerminal: false,
        interactive: false,
        cwd: '/home/student',
        ns: 'dev',
      },
    ]);
    // The prefix assignment held only for that command.
    expect((await f.run('echo "[$NS]"')).stdout).toBe('[]\n');
    await f.run('echo "kind: Svc" | kubectl create -f -');
    expect(calls[1]).toMatchObject({ argv: ['kubectl', 'create', '-f', '-'], stdin: 'kind: Svc\n', stdinRedirected: true });
  });

  it('marks stdout as a terminal only when it is one', async () => {
    const f = makeFixture();
    const seen: boolean[] = [];
    f.registry.register('probe', (ctx) => {
      seen.push(ctx.stdoutIsTerminal);
      return 0;
    });
    await f.run('probe; probe | cat; probe > out', { terminal: true });
    expect(seen).toEqual([true, false, false]);
  });
});

describe('redirects', () => {
  it('fails a redirect into a missing directory with status 1', async () => {
    const f = makeFixture();
    expect(await f.run('echo hi > dir/x')).toEqual({ status: 1, stdout: '', stderr: 'bash: dir/x: No such file or directory\n' });
  });

  it('appends with >> and truncates with >', async () => {
    const f = makeFixture();
    await f.run('echo one > f; echo two >> f');
    expect(f.bastion.fs.readFile('/home/student/f')).toBe('one\ntwo\n');
    await f.run('echo three > f');
    expect(f.bastion.fs.readFile('/home/student/f')).toBe('three\n');
  });

  it('routes stderr with 2>, 2>&1, &> and /dev/null', async () => {
    const f = makeFixture();
    expect(await f.run('cat nope 2> err')).toEqual({ status: 1, stdout: '', stderr: '' });
    expect(f.bastion.fs.readFile('/home/student/err')).toBe('cat: nope: No such file or directory\n');
    expect((await f.run('cat nope 2>&1 | wc -l')).stdout).toBe('1\n');
    expect(await f.run('cat nope >/dev/null 2>&1')).toEqual({ status: 1, stdout: '', stderr: '' });
    await f.run('{ echo out; cat nope; } &> both');
    expect(f.bastion.fs.readFile('/home/student/both')).toBe('out\ncat: nope: No such file or directory\n');
    await f.run('cat nope 2>> err');
    expect(f.bastion.fs.readFile('/home/student/err').split('\n')).toHaveLength(3);
  });

  it('reads stdin from a file with <', async () => {
    const f = makeFixture();
    f.bastion.fs.writeFile('/home/student/in', 'x\ny\n');
    expect((await f.run('wc -l < in')).stdout).toBe('2\n');
    expect(await f.run('wc -l < nope')).toEqual({ status: 1, stdout: '', stderr: 'bash: nope: No such file or directory\n' });
  });

  it('reports an ambiguous redirect', async () => {
    const f = makeFixture();
    expect((await f.run('echo x > $UNSET')).stderr).toBe('bash: $UNSET: ambiguous redirect\n');
  });
});

describe('expansion', () => {
  it('expands variables, ~, $HOME and defaults', async () => {
    const f = makeFixture();
    expect((await f.run('echo ~ ~/x $HOME ${USER} ${NOPE:-def} "${NOPE}"')).stdout).toBe('/home/student /home/student/x /home/student student def \n');
  });

  it('splits unquoted expansions into words but not quoted ones', async () => {
    const f = makeFixture();
    f.registry.register('argc', (ctx) => {
      ctx.stdout.write(`${ctx.argv.length - 1}\n`);
      return 0;
    });
    expect((await f.run('X="a b  c"; argc $X; argc "$X"; argc $EMPTY; argc "$EMPTY"')).stdout).toBe('3\n1\n0\n1\n');
  });

  it('substitutes command output without trailing newlines', async () => {
    const f = makeFixture();
    expect((await f.run('echo "[$(echo hi; echo there)]"')).stdout).toBe('[hi\nthere]\n');
    expect((await f.run('n=$(echo 3); echo $((n * 2))')).stdout).toBe('6\n');
    expect((await f.run('x=$(false); echo $?')).stdout).toBe('1\n');
  });

  it('globs against the current host and keeps unmatched patterns', async () => {
    const f = makeFixture();
    await f.run('touch b.yaml a.yaml c.txt .hidden.yaml');
    expect((await f.run('echo *.yaml')).stdout).toBe('a.yaml b.yaml\n');
    expect((await f.run('echo "*.yaml" *.json')).stdout).toBe('*.yaml *.json\n');
    expect((await f.run('echo ?.txt')).stdout).toBe('c.txt\n');
  });

  it('expands braces and sequences', async () => {
    const f = makeFixture();
    expect((await f.run('echo pod-{a,b} {1..3} {01..03}')).stdout).toBe('pod-a pod-b 1 2 3 01 02 03\n');
  });
});

describe('aliases', () => {
  it('defines, lists and expands an alias', async () => {
    const f = makeFixture();
    f.registry.register('kubectl', (ctx) => {
      ctx.stdout.write(ctx.argv.join(' ') + '\n');
      return 0;
    });
    await f.run('alias k=kubectl');
    expect((await f.run('k get pods')).stdout).toBe('kubectl get pods\n');
    expect((await f.run("alias kgp='kubectl get pods'; alias")).stdout).toBe("alias k='kubectl'\nalias kgp='kubectl get pods'\n");
    // As in bash, an alias is expanded when its line is read, so unalias acts from the next line.
    expect((await f.run('unalias k; k')).stdout).toBe('kubectl\n');
    expect(await f.run('k')).toEqual({ status: 127, stdout: '', stderr: 'bash: k: command not found\n' });
  });

  it('sources ~/.bashrc at start so aliases work in scripts too', async () => {
    const f = makeFixture({ bashrc: '# comment\nalias k=kubectl\ncomplete -o default -F __start_kubectl k\n' });
    const io = { stdout: { write: () => undefined }, stderr: { write: () => undefined }, isTerminal: false };
    await f.shell.start(io);
    expect((await f.run('type k')).stdout).toBe("k is aliased to `kubectl'\n");
  });
});

describe('control flow', () => {
  it('runs if, for and while with break and continue', async () => {
    const f = makeFixture();
    expect((await f.run('for i in 1 2 3 4; do if [ $i = 2 ]; then continue; fi; [ $i -eq 4 ] && break; echo $i; done')).stdout).toBe('1\n3\n');
    expect((await f.run('i=0; while [ $i -lt 3 ]; do i=$((i+1)); done; echo $i')).stdout).toBe('3\n');
    expect((await f.run('until true; do echo never; done; echo ok')).stdout).toBe('ok\n');
  });

  it('keeps cd and variables of a pipeline stage or subshell to itself', async () => {
    const f = makeFixture();
    await f.run('mkdir d; (cd d; X=1); cd d | cat');
    expect(f.shell.cwd).toBe('/home/student');
    expect((await f.run('echo "[$X]"')).stdout).toBe('[]\n');
  });
});

describe('ssh', () => {
  it('moves to a node and back with exit', async () => {
    const f = makeFixture({ interactive: true });
    await f.run('cd /tmp');
    expect(await f.run('ssh node01')).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(f.shell.prompt()).toEqual({ user: 'root', host: 'node01', dir: '~', sigil: '#' });
    expect(f.shell.host).toBe(f.node01);
    expect((await f.run('pwd; whoami; hostname')).stdout).toBe('/root\nroot\nnode01\n');
    expect(await f.run('exit')).toEqual({ status: 0, stdout: '', stderr: 'logout\nConnection to node01 closed.\n' });
    expect(f.shell.host).toBe(f.bastion);
    expect(f.shell.cwd).toBe('/tmp');
    expect(f.shell.exited).toBe(false);
  });

  it('accepts user@host and an address, and runs a remote command', async () => {
    const f = makeFixture();
    expect((await f.run('ssh root@node01 hostname; hostname')).stdout).toBe('node01\nbastion\n');
    expect((await f.run('ssh 192.168.200.11 "cat nope"')).status).toBe(1);
  });

  it('cannot resolve an unknown host', async () => {
    const f = makeFixture();
    expect(await f.run('ssh foo')).toEqual({ status: 255, stdout: '', stderr: 'ssh: Could not resolve hostname foo: Name or service not known\n' });
  });

  it('ends the session with exit on the outermost host', async () => {
    const f = makeFixture({ interactive: true });
    const exits: number[] = [];
    f.shell.onDidExit((s) => exits.push(s));
    expect(await f.run('exit 3; echo not reached')).toEqual({ status: 3, stdout: '', stderr: 'exit\n' });
    expect(f.shell.exited).toBe(true);
    expect(exits).toEqual([3]);
  });
});

describe('sleep', () => {
  it('waits through ShellServices.sleep in simulated milliseconds', async () => {
    const f = makeFixture();
    await f.run('sleep 2; sleep 0.5; sleep 1m');
    expect(f.sleeps).toEqual([2000, 500, 60000]);
    expect(await f.run('sleep x')).toEqual({
      status: 1,
      stdout: '',
      stderr: "sleep: invalid time interval ‘x’\nTry 'sleep --help' for more information.\n",
    });
  });

  it('stops waiting and returns 130 when aborted', async () => {
    const f = makeFixture();
    const controller = new AbortController();
    // A handler that never finishes on its own: the shell must stop waiting for it.
    f.registry.register('block', () => new Promise<number>(() => undefined));
    const io = { stdout: { write: () => undefined }, stderr: { write: () => undefined }, isTerminal: true };
    const running = f.shell.run('block; echo after', io, controller.signal);
    controller.abort();
    expect(await running).toBe(130);
    expect(f.shell.lastStatus).toBe(130);
  });
});

describe('interrupting loops', () => {
  it('stops a busy infinite loop when the signal aborts', async () => {
    const f = makeFixture();
    const controller = new AbortController();
    let lines = 0;
    const io = { stdout: { write: () => void lines++ }, stderr: { write: () => undefined }, isTerminal: true };
    const running = f.shell.run('while true; do echo y; done', io, controller.signal);
    await new Promise((resolve) => setTimeout(resolve, 20));
    controller.abort();
    expect(await running).toBe(130);
    expect(lines).toBeGreaterThan(0);
  });

  it('runs a remote command without the interactive exit chatter', async () => {
    const f = makeFixture({ interactive: true });
    expect(await f.run('ssh node01 "exit 3"')).toEqual({ status: 3, stdout: '', stderr: '' });
    expect(f.shell.host).toBe(f.bastion);
  });

  it('reads options after the destination as OpenSSH does: `--` ends them, the command follows', async () => {
    const f = makeFixture({ interactive: true });
    expect(await f.run('ssh node01 -- hostname')).toEqual({ status: 0, stdout: 'node01\n', stderr: '' });
    expect(await f.run('ssh node01 -t hostname')).toEqual({ status: 0, stdout: 'node01\n', stderr: '' });
    expect((await f.run('ssh node01 -Z hostname')).status).toBe(255);
  });
});

describe('read', () => {
  it('reads piped lines one at a time in a while loop', async () => {
    const f = makeFixture();
    expect((await f.run('printf "pod-a Running\\npod-b Pending\\n" | while read name phase; do echo "$phase:$name"; done')).stdout).toBe(
      'Running:pod-a\nPending:pod-b\n',
    );
    expect((await f.run('read x <<< "hello world"; echo $x')).stdout).toBe('hello world\n');
    expect((await f.run('read x')).status).toBe(1);
  });
});

describe('positional parameters', () => {
  /** A script printing what it was given, written to ~/args.sh. */
  const ARGS = [
    'echo "0=$0 #=$# 1=$1 2=$2 10=${10} d=${3:-none} n=${#1}"',
    'for a in "$@"; do echo "@<$a>"; done',
    'for a in "$*"; do echo "*<$a>"; done',
    'for a in $@; do echo "u<$a>"; done',
    'for a; do echo "f<$a>"; done',
    '',
  ].join('\n');

  it('gives `bash script a b` its name as $0 and its arguments as $1… $# $@ $*', async () => {
    const f = makeFixture();
    f.bastion.fs.writeFile('/home/student/args.sh', ARGS);
    expect((await f.run(`bash args.sh 'a b' c`)).stdout).toBe(
      ['0=args.sh #=2 1=a b 2=c 10= d=none n=3', '@<a b>', '@<c>', '*<a b c>', 'u<a>', 'u<b>', 'u<c>', 'f<a b>', 'f<c>', ''].join('\n'),
    );
    expect((await f.run('sh args.sh 1 2 3 4 5 6 7 8 9 ten | head -1')).stdout).toBe('0=args.sh #=10 1=1 2=2 10=ten d=3 n=1\n');
    // No arguments: "$@" is no word at all, "$*" one empty word.
    expect((await f.run('bash args.sh')).stdout).toBe('0=args.sh #=0 1= 2= 10= d=none n=0\n*<>\n');
  });

  it('gives `./script a b` the path as typed as $0; options after the script name are its arguments', async () => {
    const f = makeFixture();
    f.bastion.fs.writeFile('/home/student/args.sh', ARGS);
    await f.run('chmod +x args.sh');
    expect((await f.run('./args.sh -x --y | head -3')).stdout).toBe('0=./args.sh #=2 1=-x 2=--y 10= d=none n=2\n@<-x>\n@<--y>\n');
    expect((await f.run('bash -e args.sh -c z | head -1')).stdout).toBe('0=args.sh #=2 1=-c 2=z 10= d=none n=2\n');
  });

  it('gives `bash -c cmd name a b` name as $0 and the rest as arguments, bash as $0 without one', async () => {
    const f = makeFixture();
    expect((await f.run(`bash -c 'echo "$0|$1|$2|$#"' zero one 'two 2'`)).stdout).toBe('zero|one|two 2|2\n');
    expect((await f.run(`sh -c 'echo "$0|$#"'`)).stdout).toBe('sh|0\n');
    expect((await f.run(`echo 'echo "$0 $# $1"' | bash -s a b`)).stdout).toBe('bash 2 a\n');
  });

  it('is bash with no arguments at the prompt; a login shell over ssh is -bash', async () => {
    const f = makeFixture({ interactive: true });
    expect((await f.run('echo "$0 $# [$@] [$*] [$1]"')).stdout).toBe('bash 0 [] [] []\n');
    expect((await f.run('ssh node01 \'echo $0\'')).stdout).toBe('bash\n');
    await f.run('ssh node01');
    expect((await f.run('echo $0')).stdout).toBe('-bash\n');
  });

  it('keeps the caller\'s parameters once a script, a subshell or a pipeline stage changed its own', async () => {
    const f = makeFixture();
    f.bastion.fs.writeFile('/home/student/inner.sh', 'set -- x y z; shift; echo "inner $# $*"\n');
    await f.run('set -- a b');
    expect((await f.run('bash inner.sh q; echo "outer $# $*"')).stdout).toBe('inner 2 y z\nouter 2 a b\n');
    expect((await f.run('(set -- c; echo "sub $#"); echo "$#"; shift | cat; echo "$1"')).stdout).toBe('sub 1\n2\na\n');
  });

  it('gives `source file a b` those arguments while it runs, and the caller\'s without any', async () => {
    const f = makeFixture();
    f.bastion.fs.writeFile('/home/student/lib.sh', 'echo "$0 $# $*"; LOADED=$1\n');
    await f.run('set -- p q r');
    expect((await f.run('source lib.sh a b; echo "$# $LOADED"; . lib.sh')).stdout).toBe('bash 2 a b\n3 a\nbash 3 p q r\n');
  });

  it('joins "$*" with the first character of IFS and x=$@ with spaces', async () => {
    const f = makeFixture();
    await f.run(`set -- a 'b c' d`);
    expect((await f.run(`IFS=:; echo "$*"; IFS=; echo "$*"; unset IFS; echo "$*"`)).stdout).toBe('a:b c:d\nab cd\na b c d\n');
    expect((await f.run('x=$@; echo "[$x]"; y="$*"; echo "[$y]"')).stdout).toBe('[a b c d]\n[a b c d]\n');
    expect((await f.run('echo "<$@>"; echo x"$@"y')).stdout).toBe('<a b c d>\nxa b c dy\n');
  });

  it('counts arguments as words: "$@" one per parameter, $@ split, empty ones dropped unquoted', async () => {
    const f = makeFixture();
    f.registry.register('argc', (ctx) => {
      ctx.stdout.write(`${ctx.argv.length - 1}:${ctx.argv.slice(1).join('|')}\n`);
      return 0;
    });
    await f.run(`set -- 'a b' '' c`);
    expect((await f.run('argc "$@"; argc $@; argc "$*"; argc $*; argc "${@}"')).stdout).toBe('3:a b||c\n3:a|b|c\n1:a b  c\n3:a|b|c\n3:a b||c\n');
    await f.run('set --');
    expect((await f.run('argc "$@"; argc "$*"; argc x"$@"; argc ""$@')).stdout).toBe('0:\n1:\n1:x\n1:\n');
  });

  it('expands ${N:-x}, ${#}, ${#N}, ${@:-x}, ${@#pat} and $N in arithmetic', async () => {
    const f = makeFixture();
    await f.run('set -- web.yaml db.yaml');
    expect((await f.run('echo ${1:-a} ${3:-none} ${2:+set} ${#} ${#1} ${#@} $(($# + 1))')).stdout).toBe('web.yaml none set 2 8 2 3\n');
    expect((await f.run('set -- 4 5 6 7 8 9 10 11 12 13; echo $(( ${#} * $2 + ${10} ))')).stdout).toBe('63\n');
    expect((await f.run('set -- web.yaml db.yaml; echo ${@%.yaml}; echo "${@:-empty}"; set --; echo "${@:-empty}" ${*:+never}')).stdout).toBe('web db\nweb.yaml db.yaml\nempty\n');
    expect(await f.run('echo ${1:=x}')).toEqual({ status: 1, stdout: '', stderr: 'bash: $1: cannot assign in this way\n' });
    expect(await f.run('echo ${1:?}')).toEqual({ status: 1, stdout: '', stderr: 'bash: 1: parameter null or not set\n' });
  });
});
