/**
 * Commands made of subcommands (`kubectl rollout status`, `kubectl set image`), as cobra runs
 * them: the subcommand's own flags, its name in usage hints, the group's help (exit 1) when no
 * subcommand is named, and `unknown command` for a name it does not have.
 */
import type { KubectlCommand } from '../../command.js';
import { KubectlError } from '../../errors.js';
import { type FlagSpec, GLOBAL_FLAGS } from '../../flags.js';
import { Invocation } from '../../invocation.js';

export interface Subcommand {
  flags: FlagSpec[];
  /** `inv.commandPath` is the subcommand's (`kubectl rollout status`); `args` follow its name. */
  run(inv: Invocation, args: string[]): Promise<number>;
}

/** Index of the subcommand name: the first argument that is neither a flag nor a flag's value. */
function subcommandIndex(args: readonly string[], specs: readonly FlagSpec[]): number {
  const takesValue = (spec: FlagSpec | undefined): boolean => spec !== undefined && spec.type !== 'bool' && spec.noOptDefault === undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') return -1;
    if (!arg.startsWith('-') || arg === '-') return i;
    if (arg.startsWith('--')) {
      if (!arg.includes('=') && takesValue(specs.find((f) => f.name === arg.slice(2)))) i++;
    } else if (arg.length === 2 && takesValue(specs.find((f) => f.short === arg[1]))) {
      i++;
    }
  }
  return -1;
}

/** `helpStream`: where DefaultSubCommandRun prints the help (`rollout`: stdout, `set`: stderr). */
export function commandGroup(group: string, help: string, helpStream: 'out' | 'err', subcommands: Record<string, Subcommand>): KubectlCommand {
  const allFlags = Object.values(subcommands).flatMap((s) => s.flags);
  return {
    flags: (args) => {
      const at = subcommandIndex(args, [...GLOBAL_FLAGS, ...allFlags]);
      const sub = at >= 0 ? subcommands[args[at]!] : undefined;
      // The group itself has no flags of its own: `kubectl rollout --watch` is an unknown flag.
      return sub ? sub.flags : [];
    },
    run: async (inv) => {
      const [name, ...args] = inv.flags.positional;
      if (name === undefined) {
        if (helpStream === 'out') inv.out(help);
        else inv.err(help);
        return 1;
      }
      const sub = subcommands[name];
      if (!sub) throw new KubectlError(`error: unknown command "${name}"\nSee 'kubectl ${group} -h' for help and examples\n`);
      return sub.run(new Invocation(inv.ctx, inv.env, inv.flags, `kubectl ${group} ${name}`), args);
    },
  };
}
