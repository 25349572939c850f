/**
 * The contract between the shell interpreter and the commands it runs.
 * Built-ins (ls, cat, grep …) and engine commands registered by the composition root
 * (kubectl, lab) are all CommandHandlers: they read stdin, write stdout/stderr and
 * return an exit status. They never touch the terminal directly.
 */
import type { Disposable } from '../../shared/lifecycle.js';
import type { Locale } from '../../shared/rpc/contract.js';
import type { Host } from '../hosts/host.js';
import type { TerminalInput } from './interactive-input.js';

/**
 * The workspace's editor as the shell sees it: `vim FILE` and `kubectl edit` open a host file there
 * and wait until the learner saved it (`saved: true`) or closed it without saving. Absent when no
 * workspace is attached (`kubelab shell`): editors then say so and fail.
 */
export interface ShellEditor {
  /** The learner's language, for the line the terminal shows while a file is open (default en). */
  readonly locale?: Locale;
  edit(request: { readonly host: string; readonly path: string }, signal: AbortSignal): Promise<{ readonly saved: boolean }>;
}

export interface OutputStream {
  write(text: string): void;
}

/** What a running command can see of the shell that started it. */
export interface ShellState {
  /** The host the shell is on now (changes with ssh / exit). */
  readonly host: Host;
  /** Absolute working directory on that host. */
  cwd: string;
  /** Exported and shell variables (HOME, USER, PATH, PWD, …). */
  readonly env: Map<string, string>;
  /** Resolve a path typed by the user (relative, `~`, `..`) to an absolute path on `host`. */
  resolvePath(path: string): string;
}

export interface CommandContext {
  /** argv[0] is the command name after alias expansion. */
  readonly argv: readonly string[];
  /** Everything piped or redirected into the command; '' when nothing is. */
  readonly stdin: string;
  /** True when stdin came from a pipe, a redirect or a heredoc. */
  readonly stdinRedirected: boolean;
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  /** True when stdout goes to the terminal rather than a pipe or a file (ls prints columns then). */
  readonly stdoutIsTerminal: boolean;
  readonly shell: ShellState;
  /** Aborted on Ctrl+C. Blocking commands (sleep, kubectl wait) must honour it. */
  readonly signal: AbortSignal;
  /** True for a person at a terminal; false for scripts (confirmations are answered "yes"). */
  readonly interactive: boolean;
  /** Terminal width in columns. */
  readonly columns: number;
  /**
   * True in a background job (`cmd &`): a blocking command must wait for the clock to move
   * rather than drive it, and must stop when `signal` aborts (`kill %1`).
   */
  readonly background?: boolean;
  /** The workspace editor, when one is attached. */
  readonly editor?: ShellEditor;
  /**
   * The terminal, when stdin is one (a person typing, not a pipe, a redirect or a script): a
   * command may read lines from it itself (`kubectl exec -it … -- sh`).
   */
  readonly terminal?: TerminalInput;
  /**
   * Run an executable file of the current host as `./file a b` runs it (a script in a child
   * shell, with this command's streams; `path` is its `$0`, `args` its `$1`…): how kubectl execs
   * its plugins.
   */
  readonly runFile?: (path: string, args?: readonly string[]) => Promise<number>;
}

export type CommandHandler = (ctx: CommandContext) => number | Promise<number>;

/**
 * Tab completion for a registered command. `words` are the complete words before the one being
 * completed, argv[0] first and already alias-expanded (`k get ` gives ['kubectl', 'get']);
 * `current` is the partial word under the cursor. Return the candidate words (the shell keeps
 * those starting with `current`); an empty list falls back to file names.
 */
export type CommandCompleter = (words: readonly string[], current: string) => readonly string[] | Promise<readonly string[]>;

export interface CommandOptions {
  readonly complete?: CommandCompleter;
}

export interface CommandRegistry {
  register(name: string, handler: CommandHandler, options?: CommandOptions): Disposable;
  get(name: string): CommandHandler | undefined;
  has(name: string): boolean;
  /** Registered names, for Tab completion of the first word and `type`. */
  names?(): Iterable<string>;
  /** The completer registered with `name`, if any. */
  completer?(name: string): CommandCompleter | undefined;
}

/** Services the engine lends to the shell; the shell knows nothing else about the lab. */
export interface ShellServices {
  /** Look up a host by name or IP for `ssh`. */
  findHost(nameOrAddress: string): Host | undefined;
  /** Wait `ms` of simulated time (advances a virtual clock); rejects/returns early on abort. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  /** Called after every command line so the engine can run due work to quiescence. */
  afterCommand?(): void | Promise<void>;
  /**
   * Wait `ms` of simulated time without driving the clock: a background job (`sleep 60 &`) waits
   * while the foreground or real time moves it on. Without it background jobs use `sleep`.
   */
  waitInBackground?(ms: number, signal: AbortSignal): Promise<void>;
  /**
   * Run `run` once `ms` of simulated time passed, without driving the clock (`timeout` stopping
   * its command at the very moment, while the command moves the clock). Disposing cancels it.
   */
  setTimer?(ms: number, run: () => void): Disposable;
  /** The lab's current (simulated) time in ms since the epoch, for `watch` and `date`; default Date.now(). */
  now?(): number;
  /** The workspace editor attached now, if any. */
  readonly editor?: ShellEditor;
}
