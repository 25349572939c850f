/**
 * Commands made of subcommands (`kubectl rollout status`, `kubectl config view`), as cobra runs
 * them: the subcommand is the first word that is neither a flag nor a global flag's value, found by
 * name or alias; it brings its own flags and its name to usage hints. A group without a
 * subcommand does what kubectl built it to do (see GroupWithoutSubcommand).
 */
import type { KubectlCommand } from './command.js';
import { KubectlError } from './errors.js';
import { type FlagSpec, GLOBAL_FLAGS } from './flags.js';
import { helpText, nextWordIndex, subcommand } from './help.js';
import { Invocation } from './invocation.js';

export interface Subcommand {
  flags: FlagSpec[];
  /** `inv.commandPath` is the subcommand's (`kubectl rollout status`); `args` follow its name. */
  run(inv: Invocation, args: string[]): Promise<number> | number;
}

/**
 * `defaultSubCommandRun`: the group runs cmdutil.DefaultSubCommandRun with that stream (`rollout`:
 * stdout, `set`/`config`/`auth`/`plugin`: stderr): the help there and exit 1, and any other word is
 * an unknown command. `cobraHelp`: the group has no Run, so cobra prints its help on stdout and
 * exits 0 whatever the words (`certificate`).
 */
export type GroupWithoutSubcommand = { defaultSubCommandRun: 'out' | 'err' } | 'cobraHelp';

/** The first word of `args` that is neither a flag nor a global flag's value: the subcommand cobra looks for. */
export function subcommandWord(args: readonly string[]): string | undefined {
  const at = nextWordIndex(args, GLOBAL_FLAGS);
  return at < 0 ? undefined : args[at];
}

/** `subcommands` are keyed by name; cobra's aliases come from the help's command tree. */
export function commandGroup(group: string, withoutSubcommand: GroupWithoutSubcommand, subcommands: Record<string, Subcommand>): KubectlCommand {
  const find = (word: string | undefined): { name: string; sub: Subcommand } | undefined => {
    const name = word === undefined ? undefined : subcommand([group], word);
    if (name === undefined || !(name in subcommands)) return undefined;
    return { name, sub: subcommands[name]! };
  };
  return {
    // The group itself has no flags of its own: `kubectl rollout --watch` is an unknown flag.
    flags: (args) => find(subcommandWord(args))?.sub.flags ?? [],
    run: async (inv) => {
      const [word, ...args] = inv.flags.positional;
      const found = find(word);
      if (found) return found.sub.run(new Invocation(inv.ctx, inv.env, inv.flags, `kubectl ${group} ${found.name}`), args);
      if (withoutSubcommand === 'cobraHelp') {
        inv.out(helpText([group]));
        return 0;
      }
      if (word !== undefined) {
        throw new KubectlError(`error: unknown command "${inv.flags.positional.join(' ')}"\nSee 'kubectl ${group} -h' for help and examples\n`);
      }
      const help = helpText([group]);
      if (withoutSubcommand.defaultSubCommandRun === 'out') inv.out(help);
      else inv.err(help);
      return 1;
    },
  };
}
