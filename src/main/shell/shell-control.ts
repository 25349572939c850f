/**
 * What the interpreter and the built-ins may do to the shell that runs them: its variables,
 * aliases, history, host levels (ssh) and exit. The Shell implements it; nothing outside the
 * shell folder sees it.
 */
import type { Host } from '../hosts/host.js';
import type { Program } from './ast.js';
import type { TerminalInput } from './interactive-input.js';
import type { ExecIO } from './io.js';
import type { ShellHistory } from './history.js';
import type { JobTable } from './jobs.js';
import type { CommandRegistry, ShellServices, ShellState } from './types.js';

export type CommandDescription =
  | { readonly kind: 'alias'; readonly value: string }
  | { readonly kind: 'keyword' }
  /** A bash builtin such as `cd` or `export`. */
  | { readonly kind: 'builtin' }
  /** A program on PATH: coreutils-like built-ins and registered commands (`kubectl`). */
  | { readonly kind: 'file'; readonly path: string };

/** `$0` and `$1`…`$N`. */
export interface Positional {
  readonly zero: string;
  readonly args: readonly string[];
}

export interface ShellControl {
  /** The host level the shell is on now. */
  readonly state: ShellState;
  readonly user: string;
  /** 1 on the starting host, one more per `ssh`. */
  readonly depth: number;
  readonly exported: Set<string>;
  readonly aliases: Map<string, string>;
  readonly history: ShellHistory;
  readonly registry: CommandRegistry;
  readonly services: ShellServices;
  readonly interactive: boolean;
  readonly columns: number;
  /** A background job's forked shell. */
  readonly background?: boolean;
  /** The terminal the current command line was typed at, if any (a background job has none). */
  readonly terminal?: TerminalInput;
  lastStatus: number;
  /** Set by `exit`: the command line unwinds and the current level ends with this status. */
  exitRequest: number | undefined;
  /**
   * `$0` and the positional parameters `$1`…: a script's name and arguments, what `set --` gave,
   * or the shell's own name and none at the prompt.
   */
  positional: Positional;
  /** A variable, including the special ones (`?`, `$`, `0`, `#`). */
  getVar(name: string): string | undefined;
  setVar(name: string, value: string): void;
  describe(name: string): CommandDescription | undefined;
  /** `ssh host`: a new login shell on `host` becomes the current level. */
  login(host: Host, io: ExecIO, signal: AbortSignal): Promise<void>;
  /** `ssh host command`: run a command line on `host` and come back. */
  runRemote(host: Host, text: string, io: ExecIO, signal: AbortSignal): Promise<number>;
  /** `source file`: run text command by command in the current shell. */
  runText(text: string, io: ExecIO, signal: AbortSignal): Promise<number>;
  /**
   * `bash -c`, `bash file`: run text in a child shell (its cd, variables and exit stay there),
   * with `positional` as its `$0` and arguments when given (else the current ones).
   */
  runSubshell(text: string, io: ExecIO, signal: AbortSignal, positional?: Positional): Promise<number>;
  /** Background jobs (`cmd &`, `jobs`, `fg`, `kill %1`, `wait`). */
  readonly jobs: JobTable;
  /**
   * `cmd &`: run `program` in a forked copy of the shell (its own directory and variables) while
   * the command line goes on. Output meant for the terminal keeps reaching it after the line ends.
   */
  startJob(program: Program, text: string, io: ExecIO): void;
}
