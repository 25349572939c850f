/**
 * The terminal seam for commands that read lines themselves: a TerminalSession edits the line for
 * the foreground command, hands it over on Enter, reports Ctrl+D and Ctrl+C, and lets the command
 * take Ctrl+C while it works; without a terminal (a pipe, a script) there is none.
 */
import { describe, expect, it } from 'vitest';
import type { CommandContext } from '../../../src/main/shell/types.js';
import { TerminalSession } from '../../../src/main/shell/terminal-session.js';
import { makeFixture } from './helpers.js';
import { Screen } from './screen.js';

const PROMPT = '\x1b[01;32mstudent@bastion\x1b[00m:\x1b[01;34m~\x1b[00m$ ';
const UP = '\x1b[A';

/** A command that reads lines at `> ` until end of input and echoes what it got. */
async function repl(ctx: CommandContext): Promise<number> {
  const terminal = ctx.terminal;
  if (!terminal) {
    ctx.stderr.write('no terminal\n');
    return 2;
  }
  const history: string[] = [];
  for (;;) {
    const line = await terminal.readLine('> ', history);
    if (line.kind === 'eof') return 7;
    if (line.kind === 'interrupt') {
      ctx.stdout.write('[interrupt]\n');
      continue;
    }
    history.push(line.text);
    if (line.text === 'work') {
      // Ctrl+C during the work is the command's, not the shell's.
      const interrupted = await terminal.catchInterrupts(
        (signal) =>
          new Promise<boolean>((resolve) => {
            signal.addEventListener('abort', () => resolve(true));
          }),
      );
      ctx.stdout.write(interrupted ? 'work stopped\n' : 'work done\n');
      continue;
    }
    ctx.stdout.write(`got ${line.text}\n`);
  }
}

async function open() {
  const f = makeFixture({ interactive: true });
  f.registry.register('repl', repl);
  const session = new TerminalSession(f.shell, { columns: 80, rows: 24 });
  const screen = new Screen(80);
  let raw = '';
  session.onDidOutput((text) => {
    raw += text;
    screen.write(text);
  });
  await session.start();
  let taken = 0;
  return {
    f,
    session,
    screen,
    shown(): string {
      const text = raw.slice(taken);
      taken = raw.length;
      return text;
    },
    async type(...chunks: string[]) {
      for (const chunk of chunks) {
        session.input(chunk);
        await session.whenIdle();
      }
    },
  };
}

describe('TerminalInput', () => {
  it('hands edited lines to the foreground command, with its own history, until Ctrl+D', async () => {
    const t = await open();
    t.shown();
    await t.type('repl\r');
    expect(t.shown()).toBe('repl\r\n> ');
    await t.type('helo', '\x1b[D', 'l', '\r');
    expect(t.screen.line()).toBe('>');
    expect(t.screen.text()).toContain('got hello');
    t.shown();
    // ↑ walks the command's history, not the shell's (which holds only `repl`).
    await t.type(UP, '\r');
    expect(t.shown()).toContain('got hello\r\n> ');
    await t.type('\x04');
    expect(t.shown()).toBe(PROMPT);
    await t.type('echo $?\r');
    expect(t.shown()).toBe(`echo $?\r\n7\r\n${PROMPT}`);
    // The lines typed into the command are not the shell's history.
    expect(t.f.shell.history.entries).toEqual(['repl', 'echo $?']);
  });

  it('reports Ctrl+C at its prompt to the command, and lets it take Ctrl+C while it works', async () => {
    const t = await open();
    await t.type('repl\r');
    t.shown();
    await t.type('half', '\x03');
    expect(t.shown()).toBe('half[interrupt]\r\n> ');
    t.session.input('work\r');
    await new Promise((resolve) => setTimeout(resolve, 10));
    await t.type('\x03');
    expect(t.shown()).toBe('work\r\nwork stopped\r\n> ');
    await t.type('\x04');
    expect(t.shown()).toBe(PROMPT);
  });

  it('keeps keys typed while a command works for the shell, as before', async () => {
    const t = await open();
    await t.type('sleep 1; echo one\recho two\r');
    expect(t.screen.text()).toContain('one\n');
    expect(t.screen.text()).toContain('two\n');
  });

  it('gives no terminal to a command whose stdin is a pipe or that runs without one', async () => {
    const t = await open();
    t.shown();
    await t.type('echo x | repl\r');
    expect(t.shown()).toBe(`echo x | repl\r\nno terminal\r\n${PROMPT}`);
    const f = makeFixture({ interactive: false });
    f.registry.register('repl', repl);
    expect(await f.run('repl')).toEqual({ status: 2, stdout: '', stderr: 'no terminal\n' });
  });
});
