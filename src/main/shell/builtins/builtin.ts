/**
 * The shape of a built-in command: a CommandHandler that may also reach into the shell
 * (cd changes the directory, alias edits aliases, ssh changes host).
 */
import type { ExecIO } from '../io.js';
import type { ShellControl } from '../shell-control.js';
import type { CommandContext } from '../types.js';

export interface BuiltinContext extends CommandContext {
  readonly control: ShellControl;
  /** The same streams as stdout/stderr/stdin, for built-ins that run more shell code. */
  readonly io: ExecIO;
}

export interface Builtin {
  readonly name: string;
  /**
   * `shell` for bash's own builtins (`cd`, `export`); `utility` for what would be a program in
   * /usr/bin (`ls`, `grep`), which is how `type` and `which` report it.
   */
  readonly kind: 'shell' | 'utility';
  run(ctx: BuiltinContext): number | Promise<number>;
}
