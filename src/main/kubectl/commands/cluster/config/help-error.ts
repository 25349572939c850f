/**
 * How `kubectl config` subcommands refuse their arguments: most print their own help on stdout
 * first (config.go's helpErrorf, or `cmd.Help()` on its own for delete-cluster and delete-context).
 */
import { KubectlError } from '../../../errors.js';
import { helpText } from '../../../help.js';
import type { Invocation } from '../../../invocation.js';

/** `kubectl config <subcommand> --help`'s text on stdout. */
export function printHelp(inv: Invocation, subcommand: string): void {
  inv.out(helpText(['config', subcommand]));
}

/** helpErrorf: the help, then `error: Unexpected args: [a b]` (set-credentials says `unexpected`). */
export function unexpectedArgs(inv: Invocation, subcommand: string, args: string[], word = 'Unexpected'): KubectlError {
  printHelp(inv, subcommand);
  return new KubectlError(`error: ${word} args: [${args.join(' ')}]\n`);
}
