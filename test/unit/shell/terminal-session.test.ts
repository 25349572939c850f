/** The pty-like session fed raw key sequences, checked on the ANSI stream and an emulated screen. */
import { describe, expect, it } from 'vitest';
import { TerminalSession } from '../../../src/main/shell/terminal-session.js';
import { makeFixture, type Fixture } from './helpers.js';
import { Screen } from './screen.js';

const PROMPT = '\x1b[01;32mstudent@bastion\x1b[00m:\x1b[01;34m~\x1b[00m$ ';
const LEFT = '\x1b[D';
const RIGHT = '\x1b[C';
const UP = '\x1b[A';
const DOWN = '\x1b[B';
const HOME = '\x1b[H';

async function open(f: Fixture = makeFixture({ interactive: true }), cols = 80) {
  const screen = new Screen(cols);
  const session = new TerminalSession(f.shell, { columns: cols, rows: 24 });
  let raw = '';
  const exits: number[] = [];
  session.onDidOutput((text) => {
    raw += text;
    screen.write(text);
  });
  session.onDidExit((status) => exits.push(status));
  await session.start();
  return {
    f,
    session,
    screen,
    exits,
    raw: () => raw,
    async type(...chunks: string[]) {
      for (const chunk of chunks) session.input(chunk);
      await session.whenIdle();
    },
  };
}

describe('TerminalSession', () => {
  it('shows the Ubuntu prompt and runs a typed command', async () => {
    const t = await open();
    expect(t.raw()).toBe(PROMPT);
    await t.type('echo hi', '\r');
    expect(t.raw()).toBe(`${PROMPT}echo hi\r\nhi\r\n${PROMPT}`);
    expect(t.screen.text()).toBe('student@bastion:~$ echo hi\nhi\nstudent@bastion:~$');
  });

  it('uses \\r\\n line endings for command output', async () => {
    const t = await open();
    await t.type('printf "a\\nb\\n"\r');
    expect(t.raw()).toContain('a\r\nb\r\n');
    expect(t.raw().replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('edits in the middle of the line with ← and Backspace', async () => {
    const t = await open();
    await t.type('echo wrld', LEFT, LEFT, LEFT, 'o', '\r');
    expect(t.screen.line(1)).toBe('world');
    await t.type('echo abcx', LEFT, '\x7f', '\r');
    expect(t.screen.line(3)).toBe('abx');
    await t.type('echo 12345', HOME, RIGHT, RIGHT, RIGHT, RIGHT, RIGHT, '\x1b[3~', '\x05', '6', '\r');
    expect(t.screen.line(5)).toBe('23456');
  });

  it('kills with Ctrl+U, Ctrl+K and Ctrl+W and moves with Ctrl+A / Ctrl+E', async () => {
    const t = await open();
    await t.type('garbage', '\x15', 'echo one two', '\x17', 'three', '\x01', '\x0b', 'echo ok', '\r');
    expect(t.screen.line(1)).toBe('ok');
    await t.type('cho x', '\x01', 'e', '\x05', 'y', '\r');
    expect(t.screen.line(3)).toBe('xy');
  });

  it('walks history with ↑/↓ and keeps an edited line', async () => {
    const t = await open();
    await t.type('echo one\r', 'echo two\r');
    await t.type('draft', UP);
    expect(t.screen.line()).toBe('student@bastion:~$ echo two');
    await t.type(UP, '!');
    expect(t.screen.line()).toBe('student@bastion:~$ echo one!');
    await t.type(DOWN);
    expect(t.screen.line()).toBe('student@bastion:~$ echo two');
    await t.type(UP);
    expect(t.screen.line()).toBe('student@bastion:~$ echo one!');
    await t.type(DOWN, DOWN);
    expect(t.screen.line()).toBe('student@bastion:~$ draft');
    await t.type(DOWN);
    expect(t.raw().endsWith('\x07')).toBe(true);
  });

  it('Ctrl+C without a command discards the line and sets $? to 130', async () => {
    const t = await open();
    await t.type('echo abc', '\x03');
    expect(t.screen.text()).toBe('student@bastion:~$ echo abc^C\nstudent@bastion:~$');
    await t.type('echo $?\r');
    expect(t.screen.line(2)).toBe('130');
  });

  it('Ctrl+C interrupts a running command, drops type-ahead and gives status 130', async () => {
    const f = makeFixture({ interactive: true });
    let sawAbort = false;
    f.registry.register('wait-forever', (ctx) => {
      ctx.stdout.write('waiting\n');
      return new Promise<number>((resolve) =>
        ctx.signal.addEventListener('abort', () => {
          sawAbort = true;
          resolve(0);
        }),
      );
    });
    const t = await open(f);
    t.session.input('wait-forever\r');
    t.session.input('echo typed-ahead\r');
    await new Promise((resolve) => setTimeout(resolve, 0));
    t.session.input('\x03');
    await t.session.whenIdle();
    expect(sawAbort).toBe(true);
    expect(t.screen.text()).toBe('student@bastion:~$ wait-forever\nwaiting\n^C\nstudent@bastion:~$');
    await t.type('echo $?\r');
    expect(t.screen.line(4)).toBe('130');
  });

  it('runs type-ahead after the running command, in order', async () => {
    const f = makeFixture({ interactive: true });
    f.registry.register('slow', async (ctx) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      ctx.stdout.write('slow done\n');
      return 0;
    });
    const t = await open(f);
    t.session.input('slow\r');
    t.session.input('echo after\r');
    await t.session.whenIdle();
    expect(t.screen.text()).toBe(
      'student@bastion:~$ slow\nslow done\nstudent@bastion:~$ echo after\nafter\nstudent@bastion:~$',
    );
  });

  it('runs each line of a multi-line paste', async () => {
    const t = await open();
    await t.type('echo one\necho two\r\necho three\n');
    expect(t.screen.text().split('\n').filter((l) => !l.startsWith('student@'))).toEqual(['one', 'two', 'three']);
  });

  it('Ctrl+D on an empty line exits; with text it deletes a character', async () => {
    const t = await open();
    await t.type('echo ab', LEFT, '\x04', '\r');
    expect(t.screen.line(1)).toBe('a');
    await t.type('\x04');
    expect(t.exits).toEqual([0]);
    expect(t.raw().endsWith(`${PROMPT}exit\r\n`)).toBe(true);
    await t.type('echo ignored\r');
    expect(t.raw()).not.toContain('ignored');
  });

  it('Ctrl+D inside ssh returns to the outer host', async () => {
    const t = await open();
    await t.type('ssh node01\r');
    expect(t.screen.line()).toBe('root@node01:~#');
    expect(t.raw()).toContain('\x1b[01;32mroot@node01\x1b[00m:\x1b[01;34m~\x1b[00m# ');
    await t.type('\x04');
    expect(t.exits).toEqual([]);
    expect(t.screen.text().split('\n').slice(-3)).toEqual(['root@node01:~# logout', 'Connection to node01 closed.', 'student@bastion:~$']);
  });

  it('Ctrl+L clears the screen and redraws prompt and line', async () => {
    const t = await open();
    await t.type('echo one\r', 'echo two', LEFT, '\x0c');
    expect(t.raw()).toContain(`\x1b[H\x1b[2J${PROMPT}echo two`);
    expect(t.screen.text()).toBe('student@bastion:~$ echo two');
    expect(t.screen.col).toBe('student@bastion:~$ echo tw'.length);
  });

  it('asks for continuation lines with > and runs the whole command', async () => {
    const t = await open();
    await t.type('echo "a\r');
    expect(t.screen.line()).toBe('>');
    await t.type('b"\r', 'cat <<EOF\r', 'hello $USER\r', 'EOF\r');
    expect(t.screen.text()).toBe(
      ['student@bastion:~$ echo "a', '> b"', 'a', 'b', 'student@bastion:~$ cat <<EOF', '> hello $USER', '> EOF', 'hello student', 'student@bastion:~$'].join('\n'),
    );
  });

  it('reverse-i-search finds and runs an earlier command', async () => {
    const t = await open();
    await t.type('echo alpha\r', 'echo beta\r', '\x12', 'alp');
    expect(t.screen.line()).toBe("(reverse-i-search)`alp': echo alpha");
    await t.type('\r');
    expect(t.screen.text().split('\n').slice(-2)).toEqual(['alpha', 'student@bastion:~$']);
    await t.type('\x12', 'zzz');
    expect(t.screen.line()).toBe("(failed reverse-i-search)`zzz':");
    await t.type('\x07');
    expect(t.screen.line()).toBe('student@bastion:~$');
  });

  describe('Tab completion', () => {
    it('completes command names and file names', async () => {
      const f = makeFixture({ interactive: true });
      f.bastion.fs.writeFile('/home/student/nginx-pod.yaml', 'kind: Pod\n');
      f.bastion.fs.mkdir('/home/student/manifests');
      const t = await open(f);
      await t.type('ech\t');
      // Screen lines are trimmed; the cursor shows the space after a unique completion.
      expect(t.screen.line()).toBe('student@bastion:~$ echo');
      expect(t.screen.col).toBe('student@bastion:~$ echo '.length);
      await t.type('\x15cat ngi\t');
      expect(t.screen.col).toBe('student@bastion:~$ cat nginx-pod.yaml '.length);
      await t.type('\x15ls man\t');
      expect(t.screen.line()).toBe('student@bastion:~$ ls manifests/');
      await t.type('\x15cat ~/ng\t');
      expect(t.screen.line()).toBe('student@bastion:~$ cat ~/nginx-pod.yaml');
    });

    it('inserts the common prefix, then lists the candidates on the next Tab', async () => {
      const f = makeFixture({ interactive: true });
      for (const name of ['pod-a.yaml', 'pod-b.yaml', 'svc.yaml']) f.bastion.fs.writeFile(`/home/student/${name}`, '');
      const t = await open(f);
      await t.type('cat p\t');
      expect(t.screen.line()).toBe('student@bastion:~$ cat pod-');
      await t.type('\t');
      expect(t.screen.text().split('\n').slice(-2)).toEqual(['pod-a.yaml  pod-b.yaml', 'student@bastion:~$ cat pod-']);
      await t.type('b\t\r');
      expect(t.screen.text().split('\n').slice(-2)[0]).toBe('student@bastion:~$ cat pod-b.yaml');
    });

    it('rings the bell when nothing matches, or on a first ambiguous Tab', async () => {
      const f = makeFixture({ interactive: true });
      f.bastion.fs.writeFile('/home/student/a1', '');
      f.bastion.fs.writeFile('/home/student/a2', '');
      const t = await open(f);
      await t.type('cat zz\t');
      expect(t.raw().endsWith('\x07')).toBe(true);
      await t.type('\x15cat a\t');
      expect(t.raw().endsWith('\x07')).toBe(true);
    });

    it("asks a registered command's completer, through aliases", async () => {
      const f = makeFixture({ interactive: true, bashrc: 'alias k=kubectl\n' });
      const asked: Array<[readonly string[], string]> = [];
      f.registry.register('kubectl', () => 0, {
        complete: (words, current) => {
          asked.push([words, current]);
          return words.length === 1 ? ['get', 'describe', 'delete'] : ['pods', 'nodes', 'deployments'];
        },
      });
      const t = await open(f);
      await t.type('kub\t');
      expect(t.screen.line()).toBe('student@bastion:~$ kubectl');
      await t.type('\x15k get po\t');
      expect(t.screen.line()).toBe('student@bastion:~$ k get pods');
      expect(t.screen.col).toBe('student@bastion:~$ k get pods '.length);
      expect(asked.at(-1)).toEqual([['kubectl', 'get'], 'po']);
      await t.type('\x15k de\t\t');
      expect(t.screen.text().split('\n').slice(-2)).toEqual(['delete  describe', 'student@bastion:~$ k de']);
    });
  });

  describe('wide characters', () => {
    it('moves the cursor two cells over CJK characters', async () => {
      const t = await open();
      await t.type('echo 中文');
      const afterText = t.raw().length;
      await t.type(LEFT);
      expect(t.raw().slice(afterText)).toBe('\x1b[2D');
      expect(t.screen.col).toBe(19 + 5 + 2);
      await t.type(LEFT, 'x');
      expect(t.screen.line()).toBe('student@bastion:~$ echo x中文');
      expect(t.screen.col).toBe(19 + 5 + 1);
      await t.type('\x7f', RIGHT, '\x7f');
      expect(t.screen.line()).toBe('student@bastion:~$ echo 文');
      expect(t.screen.col).toBe(19 + 5);
      await t.type('\r');
      expect(t.screen.line(1)).toBe('文');
    });

    it('redraws a wrapped line with a wide character moved to the next row', async () => {
      const t = await open(makeFixture({ interactive: true }), 30);
      await t.type('echo 中文中文中');
      expect(t.screen.line(0)).toBe('student@bastion:~$ echo 中文中');
      expect(t.screen.line(1)).toBe('文中');
      expect([t.screen.row, t.screen.col]).toEqual([1, 4]);
      await t.type('\x01', '\x06', '\x06', '\x06', '\x06', '\x06', 'z');
      expect(t.screen.line(0)).toBe('student@bastion:~$ echo z中文');
      expect(t.screen.line(1)).toBe('中文中');
      expect([t.screen.row, t.screen.col]).toEqual([0, 25]);
      await t.type('\x05');
      expect([t.screen.row, t.screen.col]).toEqual([1, 6]);
      await t.type('\r');
      expect(t.screen.line(2)).toBe('z中文中文中');
    });
  });

  it('passes its width to commands and follows resize', async () => {
    const f = makeFixture({ interactive: true });
    const widths: number[] = [];
    f.registry.register('cols', (ctx) => {
      widths.push(ctx.columns);
      return 0;
    });
    const t = await open(f);
    await t.type('cols\r');
    t.session.resize(120, 40);
    await t.type('cols\r');
    expect(widths).toEqual([80, 120]);
    t.session.resize(0, 0);
    expect(t.session.size).toEqual({ columns: 120, rows: 40 });
  });

  it('treats a reported width of 0 (a pty without a size) as 80 columns', () => {
    const session = new TerminalSession(makeFixture({ interactive: true }).shell, { columns: 0, rows: 0 });
    expect(session.size).toEqual({ columns: 80, rows: 24 });
    session.dispose();
  });
});
