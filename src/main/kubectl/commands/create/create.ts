/**
 * `kubectl create`: from files (`-f`), or through one of its generator subcommands
 * (`create deployment`, `create secret generic` …), each with its own flags as cobra gives them.
 */
import type { KubectlCommand } from '../../command.js';
import { KubectlError } from '../../errors.js';
import { type FlagSpec, GLOBAL_FLAGS } from '../../flags.js';
import { helpText } from '../../help.js';
import type { Invocation } from '../../invocation.js';
import { CREATE_FILE_FLAGS, runCreateFromFiles } from './create-from-files.js';
import { CREATE_GENERATORS, type CreateEntry, type CreateGroup } from './generators.js';
import { type CreateSubcommand, runSubcommand } from './subcommand.js';

function isGroup(entry: CreateEntry): entry is CreateGroup {
  return 'group' in entry;
}

function lookup(table: Record<string, CreateEntry>, name: string): CreateEntry | undefined {
  return Object.values(table).find((e) => e.names.includes(name));
}

/** Every flag of every subcommand that takes a value, to skip values while looking for names. */
function valueFlags(extra: readonly FlagSpec[]): FlagSpec[] {
  return [...GLOBAL_FLAGS, ...CREATE_FILE_FLAGS, ...extra].filter((f) => f.type !== 'bool' && f.noOptDefault === undefined);
}

/** The words before the first `--` that are neither flags nor flag values (cobra's stripFlags). */
function words(args: readonly string[], flags: readonly FlagSpec[]): string[] {
  const valued = valueFlags(flags);
  const found: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') break;
    if (arg.startsWith('--')) {
      if (!arg.includes('=') && valued.some((f) => f.name === arg.slice(2))) i++;
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1) {
      if (arg.length === 2 && valued.some((f) => f.short === arg[1])) i++;
      continue;
    }
    found.push(arg);
  }
  return found;
}

interface Resolved {
  sub: CreateSubcommand | undefined;
  group: CreateGroup | undefined;
  /** `kubectl create secret generic`. */
  path: string;
  /** How many leading positional words named the subcommand. */
  depth: number;
}

function resolve(positional: readonly string[]): Resolved {
  const first = positional[0] === undefined ? undefined : lookup(CREATE_GENERATORS, positional[0]);
  if (!first) return { sub: undefined, group: undefined, path: 'kubectl create', depth: 0 };
  const path = `kubectl create ${first.names[0]}`;
  if (!isGroup(first)) return { sub: first.sub, group: undefined, path, depth: 1 };
  const second = positional[1] === undefined ? undefined : lookup(first.group, positional[1]);
  if (!second || isGroup(second)) return { sub: undefined, group: first, path, depth: 1 };
  return { sub: second.sub, group: undefined, path: `${path} ${second.names[0]}`, depth: 2 };
}

function flagsFor(args: readonly string[]): FlagSpec[] {
  const allSubFlags = Object.values(CREATE_GENERATORS).flatMap((e) => (isGroup(e) ? Object.values(e.group).flatMap((g) => (isGroup(g) ? [] : g.sub.flags)) : e.sub.flags));
  const resolved = resolve(words(args, allSubFlags));
  if (resolved.sub) return resolved.sub.flags;
  if (resolved.group) return [];
  return CREATE_FILE_FLAGS;
}

async function runCreate(inv: Invocation): Promise<number> {
  const positional = inv.flags.positional;
  const resolved = resolve(positional);
  if (resolved.sub) return runSubcommand(inv, resolved.sub, positional.slice(resolved.depth), resolved.path);
  if (resolved.group) {
    const rest = positional.slice(1);
    if (rest.length > 0) throw new KubectlError(`error: unknown command "${rest.join(' ')}"\nSee '${resolved.path} -h' for help and examples\n`);
    // cobra prints the group's help to stderr and exits 1.
    inv.err(helpText(resolved.path.split(' ').slice(1)));
    return 1;
  }
  return runCreateFromFiles(inv);
}

export const CREATE_COMMAND: KubectlCommand = { flags: flagsFor, run: runCreate };
