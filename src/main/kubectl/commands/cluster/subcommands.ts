/**
 * Commands made of subcommands (`kubectl config view`, `kubectl auth can-i`): cobra finds the
 * subcommand as the first argument that is neither a flag nor a global flag's value, and each
 * subcommand brings its own flags.
 */
import type { KubectlCommand } from '../../command.js';
import { KubectlError } from '../../errors.js';
import { type FlagSpec, GLOBAL_FLAGS } from '../../flags.js';
import type { Invocation } from '../../invocation.js';

export interface Subcommand {
  flags: FlagSpec[];
  /** `args`: the positional arguments after the subcommand's name. */
  run(inv: Invocation, args: string[]): Promise<number> | number;
}

function takesValue(arg: string): boolean {
  const spec = arg.startsWith('--') ? GLOBAL_FLAGS.find((f) => f.name === arg.slice(2)) : GLOBAL_FLAGS.find((f) => arg.length === 2 && f.short === arg[1]);
  return spec !== undefined && spec.type !== 'bool' && !arg.includes('=');
}

/** The subcommand's name: the first argument that is not a flag or a global flag's value. */
export function subcommandName(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') return undefined;
    if (arg.startsWith('-')) {
      if (takesValue(arg)) i++;
      continue;
    }
    return arg;
  }
  return undefined;
}

/**
 * A command whose subcommands are looked up by name (or alias); `help` is what the bare command
 * prints (to stderr for commands built with cmdutil.DefaultSubCommandRun), and an unknown name
 * fails as cobra does.
 */
export function commandWithSubcommands(
  name: string,
  subcommands: Record<string, Subcommand>,
  help: { text: string; toStderr: boolean },
): KubectlCommand {
  return {
    flags: (args) => subcommands[subcommandName(args) ?? '']?.flags ?? [],
    async run(inv) {
      const [sub, ...args] = inv.flags.positional;
      if (sub === undefined) {
        // cmdutil.DefaultSubCommandRun prints the help to stderr and exits 1; cobra's own help, 0.
        if (help.toStderr) inv.err(help.text);
        else inv.out(help.text);
        return help.toStderr ? 1 : 0;
      }
      const subcommand = subcommands[sub];
      if (!subcommand) throw new KubectlError(`error: unknown command "${sub}"\nSee 'kubectl ${name} -h' for help and examples\n`);
      return subcommand.run(inv, args);
    },
  };
}

/** cmdutil.UsageErrorf for a subcommand: the message and the `-h` hint naming it. */
export function subcommandUsageError(path: string, message: string): KubectlError {
  return new KubectlError(`error: ${message}\nSee 'kubectl ${path} -h' for help and examples\n`);
}
