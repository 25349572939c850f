/**
 * Runs a parsed Program: lists with `&&`/`||`, pipelines (stages run one after another with the
 * text of stage n as stdin of stage n+1), redirects onto the current host's VirtualFs,
 * if/for/while, and command lookup (built-ins, then registered commands). Output bound for the
 * terminal is written as soon as a command produces it.
 */
import { FsError, isFsError, resolvePath } from '../hosts/vfs.js';
import type { Command, Pipeline, Program, Redirect, SimpleCommand, Word } from './ast.js';
import type { Builtin, BuiltinContext } from './builtins/builtin.js';
import { ExpansionError, expandWord, expandWords, type ExpansionContext } from './expand.js';
import { expandGlob } from './glob.js';
import { BufferSink, StdinBuffer, nullSink, type ExecIO, type Sink } from './io.js';
import { parse } from './parser.js';
import { ProcessSubstitutions } from './process-substitution.js';
import type { Positional, ShellControl } from './shell-control.js';

/** Names the interpreter handles itself because they steer its loops. */
export const LOOP_BUILTINS: readonly string[] = ['break', 'continue'];

/** How often a busy loop yields to the event loop so Ctrl+C can get through. */
const YIELD_EVERY = 64;

type LoopSignal = { kind: 'break' | 'continue'; count: number };

export class Interpreter {
  private loopDepth = 0;
  private loopSignal: LoopSignal | undefined;
  private readonly substitutions = new ProcessSubstitutions();
  private iterations = 0;

  constructor(
    private readonly control: ShellControl,
    private readonly builtins: ReadonlyMap<string, Builtin>,
  ) {}

  run(program: Program, io: ExecIO, signal: AbortSignal): Promise<number> {
    return this.execProgram(program, io, signal);
  }

  /**
   * Run a script file's text in a child shell (`./x.sh a b`, `bash x.sh a b`), with `positional`
   * as its `$0` and `$1`… when given, else the current ones (`bash -c 'echo $#'`).
   */
  async runScript(text: string, io: ExecIO, signal: AbortSignal, positional?: Positional): Promise<number> {
    return this.subshell(async () => {
      if (positional) this.control.positional = positional;
      const result = parse(text, { final: true });
      if (result.kind === 'error') {
        io.stderr.write(`bash: ${result.message}\n`);
        return 2;
      }
      if (result.kind !== 'complete') return 2;
      return this.execProgram(result.program, io, signal);
    });
  }

  private unwinding(signal: AbortSignal): boolean {
    return this.control.exitRequest !== undefined || signal.aborted || this.loopSignal !== undefined;
  }

  private async execProgram(program: Program, io: ExecIO, signal: AbortSignal): Promise<number> {
    let status = this.control.lastStatus;
    for (const item of program.items) {
      if (item.background) {
        this.control.startJob({ type: 'program', items: [{ ...item, background: false }] }, item.text ?? '', io);
        status = 0;
        this.control.lastStatus = status;
        continue;
      }
      status = await this.execPipeline(item.first, io, signal);
      for (const { op, pipeline } of item.rest) {
        if (this.unwinding(signal)) break;
        if ((op === '&&') !== (status === 0)) continue;
        status = await this.execPipeline(pipeline, io, signal);
      }
      if (this.unwinding(signal)) break;
    }
    if (signal.aborted) return 130;
    if (this.control.exitRequest !== undefined) return this.control.exitRequest;
    return status;
  }

  private async execPipeline(pipeline: Pipeline, io: ExecIO, signal: AbortSignal): Promise<number> {
    let status: number;
    if (pipeline.commands.length === 1) {
      status = await this.execCommand(pipeline.commands[0]!, io, signal);
    } else {
      // Every stage of a real pipeline runs in a subshell: `cd` or `exit` there changes nothing.
      let stdin = io.stdin;
      status = 0;
      for (let i = 0; i < pipeline.commands.length; i++) {
        const last = i === pipeline.commands.length - 1;
        const stdout = last ? io.stdout : new BufferSink();
        status = await this.subshell(() => this.execCommand(pipeline.commands[i]!, { stdin, stdout, stderr: io.stderr }, signal));
        if (signal.aborted) break;
        if (stdout instanceof BufferSink) stdin = new StdinBuffer(stdout.text);
      }
    }
    if (signal.aborted) status = 130;
    if (pipeline.negated) status = status === 0 ? 1 : 0;
    this.control.lastStatus = status;
    await this.control.services.afterCommand?.();
    return status;
  }

  private async execCommand(command: Command, io: ExecIO, signal: AbortSignal): Promise<number> {
    // `<(list)` and `>(list)` named by this command (its words or redirects) last as long as it runs.
    const mark = this.substitutions.mark;
    try {
      return await this.execCommandProper(command, io, signal);
    } finally {
      await this.substitutions.finish(mark, async (program, input) => {
        const status = this.control.lastStatus;
        await this.subshell(() => this.execProgram(program, { stdin: new StdinBuffer(input), stdout: io.stdout, stderr: io.stderr }, signal));
        this.control.lastStatus = status;
      });
    }
  }

  private async execCommandProper(command: Command, io: ExecIO, signal: AbortSignal): Promise<number> {
    if (command.type === 'simple') return this.execSimple(command, io, signal);
    const redirected = await this.applyRedirects(command.redirects, io, signal);
    if ('error' in redirected) {
      io.stderr.write(`bash: ${redirected.error}\n`);
      return 1;
    }
    const inner = redirected.io;
    switch (command.type) {
      case 'subshell':
        return this.subshell(() => this.execProgram(command.body, inner, signal));
      case 'group':
        return this.execProgram(command.body, inner, signal);
      case 'if': {
        for (const branch of command.branches) {
          const condition = await this.execProgram(branch.condition, inner, signal);
          if (this.unwinding(signal)) return condition;
          if (condition === 0) return this.execProgram(branch.body, inner, signal);
        }
        return command.otherwise ? this.execProgram(command.otherwise, inner, signal) : 0;
      }
      case 'for': {
        let items: string[];
        try {
          items = await expandWords(command.items, this.expansion(inner, signal));
        } catch (error) {
          return this.expansionFailed(error, inner);
        }
        return this.loop(signal, async (iteration) => {
          if (iteration >= items.length) return undefined;
          this.control.setVar(command.name, items[iteration]!);
          return this.execProgram(command.body, inner, signal);
        });
      }
      case 'while':
        return this.loop(signal, async () => {
          const condition = await this.execProgram(command.condition, inner, signal);
          if (this.unwinding(signal)) return undefined;
          if ((condition === 0) === command.until) return undefined;
          return this.execProgram(command.body, inner, signal);
        });
    }
  }

  /** Drive a loop; `step` returns undefined when the loop is over, else the body's status. */
  private async loop(signal: AbortSignal, step: (iteration: number) => Promise<number | undefined>): Promise<number> {
    let status = 0;
    this.loopDepth++;
    try {
      for (let iteration = 0; ; iteration++) {
        if (++this.iterations % YIELD_EVERY === 0) await new Promise((resolve) => setTimeout(resolve, 0));
        if (signal.aborted) return 130;
        const result = await step(iteration);
        if (result === undefined) break;
        status = result;
        const pending = this.loopSignal;
        if (pending) {
          if (pending.count > 1) {
            pending.count--;
            break;
          }
          this.loopSignal = undefined;
          if (pending.kind === 'break') break;
        }
        if (this.unwinding(signal)) break;
      }
    } finally {
      this.loopDepth--;
    }
    return status;
  }

  private async execSimple(command: SimpleCommand, io: ExecIO, signal: AbortSignal): Promise<number> {
    const expansion = this.expansion(io, signal);
    let argv: string[];
    const values: Array<[string, string]> = [];
    try {
      argv = await expandWords(command.words, expansion);
      for (const assignment of command.assignments) {
        values.push([assignment.name, await expandWord(assignment.value, expansion)]);
      }
    } catch (error) {
      return this.expansionFailed(error, io);
    }
    const redirected = await this.applyRedirects(command.redirects, io, signal);
    if ('error' in redirected) {
      io.stderr.write(`bash: ${redirected.error}\n`);
      return 1;
    }
    if (argv.length === 0) {
      for (const [name, value] of values) this.control.setVar(name, value);
      return expansion.substitutionStatus ?? 0;
    }
    // Prefix assignments (`KUBECONFIG=x kubectl …`) hold only while the command runs.
    const saved = values.map(([name]) => [name, this.control.state.env.get(name), this.control.exported.has(name)] as const);
    for (const [name, value] of values) {
      this.control.setVar(name, value);
      this.control.exported.add(name);
    }
    try {
      return await this.dispatch(argv, redirected.io, signal);
    } finally {
      for (const [name, value, exported] of saved) {
        if (value === undefined) this.control.state.env.delete(name);
        else this.control.state.env.set(name, value);
        if (!exported) this.control.exported.delete(name);
      }
    }
  }

  private async dispatch(argv: string[], io: ExecIO, signal: AbortSignal): Promise<number> {
    const name = argv[0]!;
    if (LOOP_BUILTINS.includes(name)) return this.loopControl(name === 'break' ? 'break' : 'continue', argv, io);
    const builtin = this.builtins.get(name);
    const context = this.context(argv, io, signal);
    if (builtin) return this.invoke(name, () => builtin.run(context), io, signal);
    const handler = this.control.registry.get(name);
    if (handler) return this.invoke(name, () => handler(context), io, signal);
    if (name.includes('/')) return this.execPath(name, argv.slice(1), io, signal);
    io.stderr.write(`bash: ${name}: command not found\n`);
    return 127;
  }

  /** `./script.sh a b`: run a file from the host's filesystem as a shell script, `name` its `$0`. */
  private async execPath(name: string, args: readonly string[], io: ExecIO, signal: AbortSignal): Promise<number> {
    const fs = this.control.state.host.fs;
    const path = this.control.state.resolvePath(name);
    const stat = fs.tryStat(path);
    if (!stat) {
      io.stderr.write(`bash: ${name}: No such file or directory\n`);
      return 127;
    }
    if (stat.isDirectory) {
      io.stderr.write(`bash: ${name}: Is a directory\n`);
      return 126;
    }
    if ((stat.mode & 0o111) === 0) {
      io.stderr.write(`bash: ${name}: Permission denied\n`);
      return 126;
    }
    return this.runScript(fs.readFile(path), io, signal, { zero: name, args });
  }

  private loopControl(kind: 'break' | 'continue', argv: string[], io: ExecIO): number {
    const count = argv[1] === undefined ? 1 : Number(argv[1]);
    if (!Number.isInteger(count) || count < 1) {
      io.stderr.write(`bash: ${kind}: ${argv[1]}: loop count out of range\n`);
      return 1;
    }
    if (this.loopDepth === 0) {
      io.stderr.write(`bash: ${kind}: only meaningful in a \`for', \`while', or \`until' loop\n`);
      return 0;
    }
    this.loopSignal = { kind, count: Math.min(count, this.loopDepth) };
    return 0;
  }

  private context(argv: string[], io: ExecIO, signal: AbortSignal): BuiltinContext {
    const control = this.control;
    // stdin is taken from the shared buffer only if the command reads it, so `echo` in a
    // `while read` loop leaves the remaining lines for the next `read`.
    let stdin: string | undefined;
    return {
      argv,
      get stdin() {
        return (stdin ??= io.stdin?.takeAll() ?? '');
      },
      stdinRedirected: io.stdin !== undefined,
      stdout: io.stdout,
      stderr: io.stderr,
      stdoutIsTerminal: io.stdout.isTerminal,
      shell: control.state,
      signal,
      interactive: control.interactive,
      columns: control.columns,
      background: control.background === true,
      editor: control.services.editor,
      // Only a command whose stdin is the terminal may read it.
      terminal: io.stdin === undefined && control.background !== true ? control.terminal : undefined,
      control,
      io,
      runFile: (path, args = []) => this.execPath(path, args, io, signal),
    };
  }

  /** Run a handler; a throw becomes an error message, Ctrl+C stops waiting for it. */
  private async invoke(name: string, run: () => number | Promise<number>, io: ExecIO, signal: AbortSignal): Promise<number> {
    try {
      const result = run();
      const status = typeof result === 'number' ? result : await untilAborted(result, signal);
      if (signal.aborted) return 130;
      return normalizeStatus(status);
    } catch (error) {
      if (signal.aborted) return 130;
      const message = error instanceof Error ? error.message : String(error);
      io.stderr.write(`bash: ${name}: internal error: ${message}\n`);
      return 1;
    }
  }

  private expansionFailed(error: unknown, io: ExecIO): number {
    if (error instanceof ExpansionError) {
      io.stderr.write(`bash: ${error.message}\n`);
      return 1;
    }
    throw error;
  }

  private expansion(io: ExecIO, signal: AbortSignal): ExpansionContext & { substitutionStatus: number | undefined } {
    const control = this.control;
    const context = {
      substitutionStatus: undefined as number | undefined,
      getVar: (name: string) => control.getVar(name),
      setVar: (name: string, value: string) => control.setVar(name, value),
      tilde: (user: string) => {
        if (user === '') return control.getVar('HOME');
        if (user === 'root') return '/root';
        if (user === control.user) return control.state.host.home;
        return control.state.host.fs.tryStat(`/home/${user}`)?.isDirectory ? `/home/${user}` : undefined;
      },
      glob: (pattern: string) => expandGlob(control.state.host.fs, control.state.cwd, pattern),
      positionalArgs: () => control.positional.args,
      substitute: async (program: Program) => {
        const stdout = new BufferSink();
        const status = await this.subshell(() => this.execProgram(program, { stdin: undefined, stdout, stderr: io.stderr }, signal));
        context.substitutionStatus = status;
        control.lastStatus = status;
        return stdout.text;
      },
      processSubstitution: async (program: Program, direction: '<' | '>') => {
        let output = '';
        if (direction === '<') {
          // The list runs to its end first; its status is not the command's `$?`.
          const status = control.lastStatus;
          const stdout = new BufferSink();
          await this.subshell(() => this.execProgram(program, { stdin: undefined, stdout, stderr: io.stderr }, signal));
          control.lastStatus = status;
          output = stdout.text;
        }
        return this.substitutions.add(control.state.host.fs, direction, program, output);
      },
    };
    return context;
  }

  /** Run `body` as a child shell: directory, variables and `exit` do not leak out. */
  private async subshell(body: () => Promise<number>): Promise<number> {
    const state = this.control.state;
    const cwd = state.cwd;
    const env = new Map(state.env);
    const exported = new Set(this.control.exported);
    const positional = this.control.positional;
    const loopDepth = this.loopDepth;
    this.loopDepth = 0;
    try {
      const status = await body();
      const exit = this.control.exitRequest;
      return exit ?? status;
    } finally {
      this.control.exitRequest = undefined;
      this.loopSignal = undefined;
      this.loopDepth = loopDepth;
      // A subshell may have logged in elsewhere (`ssh` in a pipeline); only restore our level.
      if (this.control.state === state) {
        state.cwd = cwd;
        state.env.clear();
        for (const [k, v] of env) state.env.set(k, v);
        this.control.exported.clear();
        for (const name of exported) this.control.exported.add(name);
        this.control.positional = positional;
      }
    }
  }

  private async applyRedirects(
    redirects: readonly Redirect[],
    io: ExecIO,
    signal: AbortSignal,
  ): Promise<{ io: ExecIO } | { error: string }> {
    if (redirects.length === 0) return { io };
    let stdin = io.stdin;
    const fds = new Map<number, Sink>([
      [1, io.stdout],
      [2, io.stderr],
    ]);
    const expansion = this.expansion(io, signal);
    for (const redirect of redirects) {
      try {
        switch (redirect.type) {
          case 'heredoc':
            stdin = new StdinBuffer(redirect.body.word ? await expandWord(redirect.body.word, expansion) : redirect.body.text);
            break;
          case 'herestring':
            stdin = new StdinBuffer((await expandWord(redirect.target, expansion)) + '\n');
            break;
          case 'dup': {
            const target = redirect.target.raw;
            if (redirect.fd === 0) break;
            if (target === '-') {
              fds.set(redirect.fd, nullSink);
              break;
            }
            const sink = fds.get(Number(target));
            if (!sink) return { error: `${target}: Bad file descriptor` };
            fds.set(redirect.fd, sink);
            break;
          }
          case 'file': {
            const path = await this.redirectTarget(redirect.target, expansion);
            if (path === undefined) return { error: `${redirect.target.raw}: ambiguous redirect` };
            if (redirect.op === '<') {
              stdin = new StdinBuffer(this.readForRedirect(path));
              break;
            }
            const sink = this.openForRedirect(path, redirect.op === '>>' || redirect.op === '&>>', fds);
            if (redirect.fd === -1) {
              fds.set(1, sink);
              fds.set(2, sink);
            } else {
              fds.set(redirect.fd, sink);
            }
            break;
          }
        }
      } catch (error) {
        if (error instanceof ExpansionError) return { error: error.message };
        if (isFsError(error)) return { error: `${error.path}: ${error.description}` };
        throw error;
      }
    }
    return { io: { stdin, stdout: fds.get(1)!, stderr: fds.get(2)! } };
  }

  private async redirectTarget(word: Word, expansion: ExpansionContext): Promise<string | undefined> {
    const fields = await expandWords([word], expansion);
    return fields.length === 1 ? fields[0] : undefined;
  }

  private readForRedirect(path: string): string {
    if (path === '/dev/null') return '';
    const fs = this.control.state.host.fs;
    const absolute = this.control.state.resolvePath(path);
    try {
      return fs.readFile(absolute);
    } catch (error) {
      if (isFsError(error)) throw new FsError(error.code, path);
      throw error;
    }
  }

  private openForRedirect(path: string, append: boolean, fds: ReadonlyMap<number, Sink>): Sink {
    if (path === '/dev/null') return nullSink;
    if (path === '/dev/stdout') return fds.get(1)!;
    if (path === '/dev/stderr') return fds.get(2)!;
    const fs = this.control.state.host.fs;
    const absolute = resolvePath(this.control.state.cwd, path);
    try {
      if (append) fs.appendFile(absolute, '');
      else fs.writeFile(absolute, '');
    } catch (error) {
      if (isFsError(error)) throw new FsError(error.code, path);
      throw error;
    }
    return {
      isTerminal: false,
      write: (text) => {
        // The file may have been removed by the command itself; output then goes nowhere.
        if (fs.exists(absolute)) fs.appendFile(absolute, text);
      },
    };
  }
}

function normalizeStatus(status: number): number {
  if (!Number.isFinite(status)) return 1;
  return ((Math.trunc(status) % 256) + 256) % 256;
}

/** The handler's result, or 130 as soon as the signal aborts (the handler may keep running). */
function untilAborted(promise: Promise<number>, signal: AbortSignal): Promise<number> {
  if (signal.aborted) {
    promise.catch(() => undefined);
    return Promise.resolve(130);
  }
  return new Promise<number>((resolve, reject) => {
    const onAbort = (): void => resolve(130);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
