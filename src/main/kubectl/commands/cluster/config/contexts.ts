/**
 * The context subcommands of `kubectl config`: current-context, use-context, get-contexts,
 * set-context, delete-context and rename-context, with kubectl's messages.
 */
import { KubectlError } from '../../../errors.js';
import { TABLE_OPTIONS, tabwrite } from '../../../printers/tabwriter.js';
import { type Entry, KubeconfigFile } from '../kubeconfig-file.js';
import type { Subcommand } from '../../../command-group.js';
import { printHelp, unexpectedArgs } from './help-error.js';

const currentContext: Subcommand = {
  flags: [],
  run(inv) {
    const { doc } = KubeconfigFile.load(inv);
    if (!doc.currentContext) throw new KubectlError('error: current-context is not set\n');
    inv.out(`${doc.currentContext}\n`);
    return 0;
  },
};

const useContext: Subcommand = {
  flags: [],
  run(inv, args) {
    if (args.length !== 1) throw unexpectedArgs(inv, 'use-context', args);
    const file = KubeconfigFile.load(inv);
    const name = args[0]!;
    if (!file.doc.contexts.has(name)) throw new KubectlError(`error: no context exists with the name: "${name}"\n`);
    file.doc.currentContext = name;
    file.save();
    inv.out(`Switched to context "${name}".\n`);
    return 0;
  },
};

const getContexts: Subcommand = {
  flags: [{ name: 'no-headers', type: 'bool' }, { name: 'output', short: 'o', type: 'string' }],
  run(inv, args) {
    const output = inv.flags.string('output');
    if (output && output !== 'name') throw new KubectlError(`error: --output ${output} is not available in kubectl config get-contexts; resetting to default output format\n`);
    const { doc } = KubeconfigFile.load(inv);
    const names = args.length > 0 ? args : [...doc.contexts.keys()].sort();
    const found = names.filter((n) => doc.contexts.has(n));
    if (output === 'name') {
      for (const name of found) inv.out(`${name}\n`);
    } else {
      const rows = inv.flags.bool('no-headers') ? [] : ['CURRENT\tNAME\tCLUSTER\tAUTHINFO\tNAMESPACE'];
      for (const name of found) {
        const context = doc.contexts.get(name)!;
        const field = (key: string): string => (typeof context[key] === 'string' ? (context[key] as string) : '');
        rows.push([name === doc.currentContext ? '*' : '', name, field('cluster'), field('user'), field('namespace')].join('\t'));
      }
      if (rows.length > 0) inv.out(tabwrite(rows.map((r) => `${r}\n`).join(''), TABLE_OPTIONS));
    }
    const missing = names.filter((n) => !doc.contexts.has(n));
    if (missing.length > 0) throw new KubectlError(missing.map((n) => `error: context ${n} not found\n`).join(''));
    return 0;
  },
};

const setContext: Subcommand = {
  flags: [
    { name: 'cluster', type: 'string' },
    { name: 'current', type: 'bool' },
    { name: 'namespace', type: 'string' },
    { name: 'user', type: 'string' },
  ],
  run(inv, args) {
    if (args.length > 1) throw unexpectedArgs(inv, 'set-context', args);
    const current = inv.flags.bool('current');
    if (current && args.length > 0) throw new KubectlError('error: you cannot specify both a context name and --current\n');
    const file = KubeconfigFile.load(inv);
    const name = current ? file.doc.currentContext : (args[0] ?? '');
    if (!name) throw new KubectlError(current ? 'error: no current context is set\n' : 'error: you must specify a non-empty context name or --current\n');
    const existing = file.doc.contexts.get(name);
    const context: Entry = { ...(existing ?? {}) };
    for (const field of ['cluster', 'user', 'namespace']) {
      if (inv.flags.has(field)) context[field] = inv.flags.string(field);
    }
    file.doc.contexts.set(name, context);
    file.save();
    inv.out(`Context "${name}" ${existing ? 'modified' : 'created'}.\n`);
    return 0;
  },
};

const deleteContext: Subcommand = {
  flags: [],
  run(inv, args) {
    if (args.length !== 1) {
      printHelp(inv, 'delete-context');
      return 0;
    }
    const file = KubeconfigFile.load(inv);
    const name = args[0]!;
    if (!file.doc.contexts.has(name)) throw new KubectlError(`error: cannot delete context ${name}, not in ${file.path}\n`);
    if (file.doc.currentContext === name) inv.err('warning: this removed your active context, use "kubectl config use-context" to select a different one\n');
    file.doc.contexts.delete(name);
    file.save();
    inv.out(`deleted context ${name} from ${file.path}\n`);
    return 0;
  },
};

const renameContext: Subcommand = {
  flags: [],
  run(inv, args) {
    if (args.length !== 2) throw unexpectedArgs(inv, 'rename-context', args);
    const [from, to] = args as [string, string];
    const file = KubeconfigFile.load(inv);
    const context = file.doc.contexts.get(from);
    if (!context) throw new KubectlError(`error: cannot rename the context "${from}", it's not in ${file.path}\n`);
    if (file.doc.contexts.has(to)) throw new KubectlError(`error: cannot rename the context "${from}", the context "${to}" already exists in ${file.path}\n`);
    file.doc.contexts.delete(from);
    file.doc.contexts.set(to, context);
    if (file.doc.currentContext === from) file.doc.currentContext = to;
    file.save();
    inv.out(`Context "${from}" renamed to "${to}".\n`);
    return 0;
  },
};

export const CONTEXT_SUBCOMMANDS: Record<string, Subcommand> = {
  'current-context': currentContext,
  'use-context': useContext,
  'get-contexts': getContexts,
  'set-context': setContext,
  'delete-context': deleteContext,
  'rename-context': renameContext,
};
