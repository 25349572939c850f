/**
 * One shell session: the stack of hosts it is logged in to (ssh pushes, exit pops), each
 * level's working directory, variables and aliases, the last status and the history. It runs
 * command lines; the terminal session and the script runner are its two front ends.
 */
import { Emitter, type Disposable, type Event } from '../../shared/lifecycle.js';
import type { Host } from '../hosts/host.js';
import { resolvePath as resolveAgainst } from '../hosts/vfs.js';
import type { Builtin } from './builtins/builtin.js';
import { createBuiltins } from './builtins/index.js';
import { CommandBuffer } from './command-buffer.js';
import { ifsJoiner } from './expand.js';
import { ShellHistory } from './history.js';
import { Interpreter, LOOP_BUILTINS } from './interpreter.js';
import { streamSink, type ExecIO } from './io.js';
import { JobTable } from './jobs.js';
import type { Program } from './ast.js';
import { parse } from './parser.js';
import type { TerminalInput } from './interactive-input.js';
import type { CommandDescription, Positional, ShellControl } from './shell-control.js';
import type { CommandCompleter, CommandRegistry, OutputStream, ShellServices, ShellState } from './types.js';

export interface ShellIO {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  /** True when stdout is a terminal (xterm, a TTY): `ls` prints columns then. */
  readonly isTerminal: boolean;
  /** The terminal's input, for commands that read it themselves (a TerminalSession gives one). */
  readonly terminal?: TerminalInput;
}

export interface ShellOptions {
  /** The host the session starts on (`bastion`). */
  readonly host: Host;
  readonly registry: CommandRegistry;
  readonly services: ShellServices;
  /** A person at a terminal (default) or a script: decides confirmations and `exit`'s chatter. */
  readonly interactive?: boolean;
  /** Terminal width until the terminal says otherwise. */
  readonly columns?: number;
  /** Extra exported variables for every level, e.g. TERM or LANG. */
  readonly env?: Readonly<Record<string, string>>;
}

/** What the prompt shows: `user@host:dir$ `. */
export interface PromptInfo {
  readonly user: string;
  readonly host: string;
  /** The working directory with the home directory shown as `~`. */
  readonly dir: string;
  /** `#` for root, `$` for everyone else. */
  readonly sigil: '#' | '$';
}

const KEYWORDS = new Set(['if', 'then', 'else', 'elif', 'fi', 'for', 'while', 'until', 'do', 'done', 'in', '{', '}', '!', 'case', 'esac']);

const PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

class LevelState implements ShellState {
  readonly env = new Map<string, string>();
  readonly exported = new Set<string>();
  readonly aliases = new Map<string, string>();
  private dir: string;
  /** `$0` is the shell's name and there are no arguments until `set --` or a script gives some. */
  positional: Positional;

  constructor(
    readonly host: Host,
    readonly user: string,
    readonly home: string,
    /** False for `ssh host command`, which gets no terminal. */
    readonly interactive: boolean,
    zero = 'bash',
  ) {
    this.dir = host.fs.tryStat(home)?.isDirectory ? home : '/';
    this.positional = { zero, args: [] };
  }

  get cwd(): string {
    return this.dir;
  }

  set cwd(value: string) {
    this.dir = value;
    this.env.set('PWD', value);
  }

  resolvePath(path: string): string {
    if (path === '~' || path.startsWith('~/')) return resolveAgainst(this.home, '.' + path.slice(1));
    return resolveAgainst(this.dir, path);
  }
}

export class Shell implements Disposable {
  readonly history = new ShellHistory();
  readonly jobs = new JobTable();
  /** Terminal width; the terminal session keeps it current. */
  columns: number;

  private readonly levels: LevelState[] = [];
  private readonly builtins: ReadonlyMap<string, Builtin>;
  private readonly interpreter: Interpreter;
  private readonly control: ShellControl;
  private readonly registry: CommandRegistry;
  private readonly services: ShellServices;
  private readonly extraEnv: Readonly<Record<string, string>>;
  readonly interactive: boolean;
  private status = 0;
  private exitRequest: number | undefined;
  private exitCode: number | undefined;
  private started: Promise<void> | undefined;
  /** The current command line's output, which background jobs started on it keep writing to. */
  private line: { readonly io: ShellIO; readonly execIO: ExecIO } | undefined;
  private disposed = false;

  private readonly exitEmitter = new Emitter<number>();
  /** The outermost level exited (`exit`, Ctrl+D); the session is over. */
  readonly onDidExit: Event<number> = this.exitEmitter.event;
  private readonly hostEmitter = new Emitter<Host>();
  /** ssh or exit moved the session to another host (the editor follows). */
  readonly onDidChangeHost: Event<Host> = this.hostEmitter.event;

  constructor(options: ShellOptions) {
    this.registry = options.registry;
    this.services = options.services;
    this.interactive = options.interactive ?? true;
    this.columns = options.columns ?? 80;
    this.extraEnv = options.env ?? {};
    this.builtins = createBuiltins();
    this.control = this.createControl();
    this.interpreter = new Interpreter(this.control, this.builtins);
    this.levels.push(this.newLevel(options.host));
  }

  get host(): Host {
    return this.level.host;
  }

  get user(): string {
    return this.level.user;
  }

  get cwd(): string {
    return this.level.cwd;
  }

  /** What commands see: host, cwd, variables. */
  get state(): ShellState {
    return this.level;
  }

  get aliases(): ReadonlyMap<string, string> {
    return this.level.aliases;
  }

  get lastStatus(): number {
    return this.status;
  }

  /** 1 on the starting host, one more per ssh level. */
  get depth(): number {
    return this.levels.length;
  }

  get exited(): boolean {
    return this.exitCode !== undefined;
  }

  /** The status the session ended with, once it has. */
  get exitStatus(): number | undefined {
    return this.exitCode;
  }

  /** Source `~/.bashrc` of the starting host (aliases such as `k`); runs once however often called. */
  start(io: ShellIO): Promise<void> {
    const signal = new AbortController().signal;
    this.started ??= this.sourceBashrc(this.execIO(io, signal, () => true), signal);
    return this.started;
  }

  /** Run one command line (or several lines forming whole commands) and return its status. */
  async run(text: string, io: ShellIO, signal: AbortSignal = new AbortController().signal): Promise<number> {
    if (this.exitCode !== undefined) return this.exitCode;
    let open = true;
    // Once the line is done or interrupted, a handler still running in the background is muted.
    const execIO = this.execIO(io, signal, () => open && !signal.aborted);
    this.line = { io, execIO };
    let status: number;
    try {
      status = await this.runChunk(text, execIO, signal);
    } finally {
      open = false;
      this.line = undefined;
    }
    // Like bash before the next prompt: report the background jobs that finished.
    if (this.level.interactive) {
      await Promise.resolve();
      for (const notice of this.jobs.takeNotices()) io.stderr.write(notice + '\n');
    }
    if (signal.aborted) status = 130;
    this.status = status;
    const exit = this.exitRequest;
    if (exit !== undefined) {
      this.exitRequest = undefined;
      this.status = exit;
      if (this.levels.length > 1) {
        this.levels.pop();
        this.hostEmitter.fire(this.host);
      } else {
        this.exitCode = exit;
        this.exitEmitter.fire(exit);
      }
      return exit;
    }
    return status;
  }

  /** Ctrl+C at the prompt: bash sets `$?` to 130 even though nothing ran. */
  interrupted(): void {
    this.status = 130;
  }

  prompt(): PromptInfo {
    const { cwd, home, user, host } = this.level;
    const dir = cwd === home ? '~' : cwd.startsWith(home + '/') && home !== '/' ? '~' + cwd.slice(home.length) : cwd;
    return { user, host: host.name.split('.')[0]!, dir, sigil: user === 'root' ? '#' : '$' };
  }

  /** Every name that can start a command: aliases, built-ins, registered commands. */
  commandNames(): string[] {
    const names = new Set<string>([...this.level.aliases.keys(), ...this.builtins.keys(), ...LOOP_BUILTINS]);
    for (const name of this.registry.names?.() ?? []) names.add(name);
    return [...names].sort();
  }

  completerFor(command: string): CommandCompleter | undefined {
    return this.registry.completer?.(command);
  }

  dispose(): void {
    this.disposed = true;
    for (const job of this.jobs.list()) job.terminate();
    this.exitEmitter.dispose();
    this.hostEmitter.dispose();
  }

  // ---- internals ----------------------------------------------------------------------------

  private get level(): LevelState {
    return this.levels[this.levels.length - 1]!;
  }

  private execIO(io: ShellIO, signal: AbortSignal, isOpen: () => boolean): ExecIO {
    return {
      stdin: undefined,
      stdout: streamSink(io.stdout, io.isTerminal, isOpen),
      stderr: streamSink(io.stderr, io.isTerminal, isOpen),
    };
  }

  /**
   * `zero` is `$0` as bash has it: the lab's terminal is like a terminal emulator's window, an
   * interactive shell that is not a login shell (it reads ~/.bashrc, not ~/.profile), so `bash`,
   * as is a script fed to `kubelab shell` (`bash < script`); `ssh host` starts a login shell,
   * which sshd names `-bash`; `ssh host command` runs `bash -c command`, so `bash` again.
   */
  private newLevel(host: Host, interactive = this.interactive, zero = this.levels.length > 0 ? '-bash' : 'bash'): LevelState {
    const level = new LevelState(host, host.user, host.home, interactive, zero);
    const vars: Record<string, string> = {
      HOME: host.home,
      USER: host.user,
      LOGNAME: host.user,
      SHELL: '/bin/bash',
      PATH,
      HOSTNAME: host.name,
      PWD: level.cwd,
      LANG: 'C.UTF-8',
      ...this.extraEnv,
    };
    for (const [name, value] of Object.entries(vars)) {
      level.env.set(name, value);
      level.exported.add(name);
    }
    return level;
  }

  private async sourceBashrc(io: ExecIO, signal: AbortSignal): Promise<void> {
    const path = this.level.resolvePath('~/.bashrc');
    const fs = this.level.host.fs;
    if (!fs.tryStat(path)?.isFile) return;
    await this.runText(fs.readFile(path), io, signal);
    this.exitRequest = undefined;
  }

  private async runChunk(text: string, io: ExecIO, signal: AbortSignal): Promise<number> {
    const level = this.level;
    const result = parse(text, { final: true, aliases: (name) => level.aliases.get(name) });
    if (result.kind === 'error') {
      io.stderr.write(`bash: ${result.message}\n`);
      this.status = 2;
      return 2;
    }
    if (result.kind !== 'complete') return this.status;
    for (const warning of result.warnings) io.stderr.write(`bash: ${warning}\n`);
    return this.interpreter.run(result.program, io, signal);
  }

  /** Run text command by command, so aliases defined early apply later (`source`, ~/.bashrc). */
  private async runText(text: string, io: ExecIO, signal: AbortSignal): Promise<number> {
    const buffer = new CommandBuffer();
    const commands = buffer.push(text);
    const rest = buffer.end();
    if (rest !== undefined) commands.push(rest);
    let status = 0;
    for (const command of commands) {
      status = await this.runChunk(command, io, signal);
      this.status = status;
      if (this.exitRequest !== undefined || signal.aborted) break;
    }
    return status;
  }

  private createControl(): ShellControl {
    // An adapter rather than `implements`, so none of this shows on Shell's public surface.
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const shell = this;
    return {
      get state() {
        return shell.level;
      },
      get user() {
        return shell.level.user;
      },
      get depth() {
        return shell.levels.length;
      },
      get exported() {
        return shell.level.exported;
      },
      get aliases() {
        return shell.level.aliases;
      },
      history: this.history,
      registry: this.registry,
      services: this.services,
      get interactive() {
        return shell.level.interactive;
      },
      get columns() {
        return shell.columns;
      },
      get terminal() {
        return shell.line?.io.terminal;
      },
      get lastStatus() {
        return shell.status;
      },
      set lastStatus(value: number) {
        shell.status = value;
      },
      get exitRequest() {
        return shell.exitRequest;
      },
      set exitRequest(value: number | undefined) {
        shell.exitRequest = value;
      },
      get positional() {
        return shell.level.positional;
      },
      set positional(value: Positional) {
        shell.level.positional = value;
      },
      getVar: (name) => this.getVar(name),
      setVar: (name, value) => {
        this.level.env.set(name, value);
      },
      describe: (name) => this.describe(name),
      login: async (host, io, signal) => {
        this.levels.push(this.newLevel(host));
        this.hostEmitter.fire(host);
        await this.sourceBashrc(io, signal);
      },
      runRemote: async (host, text, io, signal) => {
        const depth = this.levels.length;
        this.levels.push(this.newLevel(host, false, 'bash'));
        try {
          const status = await this.runText(text, io, signal);
          const exit = this.exitRequest;
          return exit ?? status;
        } finally {
          this.exitRequest = undefined;
          this.levels.length = depth;
        }
      },
      runText: (text, io, signal) => this.runText(text, io, signal),
      runSubshell: (text, io, signal, positional) => this.interpreter.runScript(text, io, signal, positional),
      jobs: this.jobs,
      startJob: (program, text, io) => this.startJob(program, text, io),
    };
  }

  /** `cmd &`: a forked shell (copied directory, variables, aliases) runs `program` as a job. */
  private startJob(program: Program, text: string, io: ExecIO): void {
    const fork = this.forkControl();
    const interpreter = new Interpreter(fork, this.builtins);
    const line = this.line;
    const job = this.jobs.start(text, (signal) => {
      const open = (): boolean => !signal.aborted && !this.disposed;
      // Output bound for this line's terminal keeps going there after the line is over.
      const persistent = (sink: ExecIO['stdout'], stream: 'stdout' | 'stderr'): ExecIO['stdout'] =>
        line && sink === line.execIO[stream] ? streamSink(line.io[stream], line.io.isTerminal, open) : sink;
      return interpreter.run(program, { stdin: undefined, stdout: persistent(io.stdout, 'stdout'), stderr: persistent(io.stderr, 'stderr') }, signal);
    });
    if (this.level.interactive) io.stderr.write(`[${job.id}] ${job.pid}\n`);
  }

  private forkControl(): ShellControl {
    const parent = this.control;
    const level = this.level;
    const state = new LevelState(level.host, level.user, level.home, false, level.positional.zero);
    state.positional = level.positional;
    state.cwd = level.cwd;
    for (const [name, value] of level.env) state.env.set(name, value);
    for (const name of level.exported) state.exported.add(name);
    for (const [name, value] of level.aliases) state.aliases.set(name, value);
    let status = this.status;
    let exitRequest: number | undefined;
    const fork: ShellControl = {
      state,
      user: level.user,
      depth: parent.depth,
      exported: state.exported,
      aliases: state.aliases,
      history: this.history,
      registry: this.registry,
      services: { ...this.services, sleep: this.services.waitInBackground ?? this.services.sleep },
      interactive: false,
      background: true,
      columns: this.columns,
      get lastStatus() {
        return status;
      },
      set lastStatus(value: number) {
        status = value;
      },
      get exitRequest() {
        return exitRequest;
      },
      set exitRequest(value: number | undefined) {
        exitRequest = value;
      },
      get positional() {
        return state.positional;
      },
      set positional(value: Positional) {
        state.positional = value;
      },
      getVar: (name) => this.variable(name, state, status),
      setVar: (name, value) => {
        state.env.set(name, value);
      },
      describe: (name) => this.describe(name),
      login: parent.login,
      runRemote: parent.runRemote,
      runText: parent.runText,
      runSubshell: (text, io, signal, positional) => new Interpreter(fork, this.builtins).runScript(text, io, signal, positional),
      jobs: this.jobs,
      startJob: (program, text, io) => this.startJob(program, text, io),
    };
    return fork;
  }

  private getVar(name: string): string | undefined {
    return this.variable(name, this.level, this.status);
  }

  private variable(name: string, level: LevelState, status: number): string | undefined {
    switch (name) {
      case '?':
        return String(status);
      case '$':
        return String(1000 + this.levels.length);
      case '#':
        return String(level.positional.args.length);
      case '0':
        return level.positional.zero;
      case '-':
        return this.interactive ? 'himBHs' : 'hB';
      case '!':
        return this.jobs.lastPid === undefined ? '' : String(this.jobs.lastPid);
      case '@':
      case '*':
        // Joined as `"$*"` joins them; expansion splits `$@` and `$*` into words itself.
        return level.positional.args.join(ifsJoiner(level.env.get('IFS')));
      default:
        return /^[0-9]+$/.test(name) ? level.positional.args[Number(name) - 1] : level.env.get(name);
    }
  }

  private describe(name: string): CommandDescription | undefined {
    const alias = this.level.aliases.get(name);
    if (alias !== undefined) return { kind: 'alias', value: alias };
    if (KEYWORDS.has(name)) return { kind: 'keyword' };
    const builtin = this.builtins.get(name);
    if (builtin) return builtin.kind === 'shell' ? { kind: 'builtin' } : { kind: 'file', path: `/usr/bin/${name}` };
    if (LOOP_BUILTINS.includes(name)) return { kind: 'builtin' };
    if (this.registry.has(name)) return { kind: 'file', path: `/usr/bin/${name}` };
    return undefined;
  }
}
