/**
 * `kubectl config set PROPERTY VALUE` and `kubectl config unset PROPERTY`: a dot-separated path
 * into the kubeconfig (`clusters.NAME.server`, `contexts.NAME.namespace`, `current-context`),
 * where map keys may not contain dots. `-data` fields take base64 unless `--set-raw-bytes`.
 */
import { KubectlError } from '../../../errors.js';
import type { Invocation } from '../../../invocation.js';
import { type Entry, KubeconfigFile, SECTION_FIELDS, type Section } from '../kubeconfig-file.js';
import type { Subcommand } from '../../../command-group.js';
import { unexpectedArgs } from './help-error.js';

const STRUCT_NAMES: Record<Section, string> = { clusters: 'api.Cluster', users: 'api.AuthInfo', contexts: 'api.Context' };
const BOOL_FIELDS = new Set(['insecure-skip-tls-verify', 'disable-compression']);

function isSection(name: string): name is Section {
  return name in SECTION_FIELDS;
}

/** Applies `value` (undefined: unset) at `property`; throws kubectl's error for a path it cannot walk. */
function apply(inv: Invocation, file: KubeconfigFile, property: string, value: string | undefined): void {
  const [head, name, field, ...rest] = property.split('.');
  const doc = file.doc;
  if (head === 'current-context' && name === undefined) {
    doc.currentContext = value ?? '';
    return;
  }
  if (!head || !isSection(head)) throw new KubectlError(`error: unable to parse ${property} after [] at api.Config\n`);
  if (name === undefined) throw new KubectlError(`error: can't set a map to a value: map[${[...doc[head].keys()].sort().join(' ')}]\n`);
  if (field === undefined) {
    if (value !== undefined) throw new KubectlError(`error: can't set a map to a value: map[${name}]\n`);
    doc[head].delete(name);
    return;
  }
  if (!(SECTION_FIELDS[head] as readonly string[]).includes(field) || rest.length > 0) {
    throw new KubectlError(`error: unable to parse ${[field, ...rest].join('.')} after [${head} ${name}] at ${STRUCT_NAMES[head]}\n`);
  }
  const entry: Entry = { ...(doc[head].get(name) ?? {}) };
  if (value === undefined) delete entry[field];
  else if (BOOL_FIELDS.has(field)) entry[field] = parseBool(value);
  else if (field.endsWith('-data')) entry[field] = inv.flags.bool('set-raw-bytes') ? Buffer.from(value).toString('base64') : checkBase64(value);
  else entry[field] = value;
  doc[head].set(name, entry);
}

function parseBool(value: string): boolean {
  if (['1', 't', 'T', 'true', 'TRUE', 'True'].includes(value)) return true;
  if (['0', 'f', 'F', 'false', 'FALSE', 'False'].includes(value)) return false;
  throw new KubectlError(`error: strconv.ParseBool: parsing "${value}": invalid syntax\n`);
}

function checkBase64(value: string): string {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(value) || value.length % 4 !== 0) throw new KubectlError('error: illegal base64 data at input byte 0\n');
  return value;
}

const set: Subcommand = {
  flags: [{ name: 'set-raw-bytes', type: 'bool' }],
  run(inv, args) {
    if (args.length !== 2) throw unexpectedArgs(inv, 'set', args);
    const file = KubeconfigFile.load(inv);
    apply(inv, file, args[0]!, args[1]!);
    file.save();
    inv.out(`Property "${args[0]!}" set.\n`);
    return 0;
  },
};

const unset: Subcommand = {
  flags: [],
  run(inv, args) {
    if (args.length !== 1) throw unexpectedArgs(inv, 'unset', args);
    const file = KubeconfigFile.load(inv);
    apply(inv, file, args[0]!, undefined);
    file.save();
    inv.out(`Property "${args[0]!}" unset.\n`);
    return 0;
  },
};

export const PROPERTY_SUBCOMMANDS: Record<string, Subcommand> = { set, unset };
