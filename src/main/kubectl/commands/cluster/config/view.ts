/**
 * `kubectl config view`: the merged kubeconfig (or `--minify`: only what the current or
 * `--context` context uses), with certificates shown as DATA+OMITTED and tokens and passwords as
 * REDACTED unless `--raw`; `--flatten` inlines the files the entries point at.
 */
import { KubectlError } from '../../../errors.js';
import type { FlagSpec } from '../../../flags.js';
import type { Invocation } from '../../../invocation.js';
import { PRINT_FLAGS, validateOutputFormat } from '../../../print-flags.js';
import { printTemplate } from '../../../printers/template-printers.js';
import { toYaml } from '../../../printers/yaml-printer.js';
import { type Entry, type KubeconfigDocument, KubeconfigFile, serialize } from '../kubeconfig-file.js';

export const VIEW_FLAGS: FlagSpec[] = [...PRINT_FLAGS, { name: 'flatten', type: 'bool' }, { name: 'merge', type: 'bool' }, { name: 'minify', type: 'bool' }, { name: 'raw', type: 'bool' }];

/** clientcmdapi.MinifyConfig. */
function minify(doc: KubeconfigDocument): void {
  if (!doc.currentContext) throw new KubectlError('error: current-context must exist in order to minify\n');
  const context = doc.contexts.get(doc.currentContext);
  if (!context) throw new KubectlError(`error: cannot locate context ${doc.currentContext}\n`);
  const keep = (map: Map<string, Entry>, name: unknown, what: string): void => {
    const wanted = typeof name === 'string' ? name : '';
    const entry = map.get(wanted);
    if (wanted && !entry) throw new KubectlError(`error: cannot locate ${what} ${wanted}\n`);
    map.clear();
    if (wanted && entry) map.set(wanted, entry);
  };
  doc.contexts = new Map([[doc.currentContext, context]]);
  keep(doc.clusters, context.cluster, 'cluster');
  keep(doc.users, context.user, 'user');
}

/** clientcmdapi.FlattenConfig: each file-backed certificate or key becomes its `-data` field. */
function flatten(doc: KubeconfigDocument, file: KubeconfigFile): void {
  const inline = (entry: Entry, field: string): void => {
    const path = entry[field];
    if (typeof path !== 'string' || !path) return;
    entry[`${field}-data`] = Buffer.from(file.readFile(path)).toString('base64');
    delete entry[field];
  };
  for (const cluster of doc.clusters.values()) inline(cluster, 'certificate-authority');
  for (const user of doc.users.values()) {
    inline(user, 'client-certificate');
    inline(user, 'client-key');
  }
}

/** clientcmdapi.ShortenConfig plus the redaction of secrets. */
function shorten(doc: KubeconfigDocument): void {
  const mask = (entry: Entry, field: string, text: string): void => {
    if (entry[field]) entry[field] = text;
  };
  for (const user of doc.users.values()) {
    mask(user, 'client-certificate-data', 'DATA+OMITTED');
    mask(user, 'client-key-data', 'DATA+OMITTED');
    mask(user, 'token', 'REDACTED');
    mask(user, 'password', 'REDACTED');
  }
  for (const cluster of doc.clusters.values()) mask(cluster, 'certificate-authority-data', 'DATA+OMITTED');
}

function copyOf(doc: KubeconfigDocument): KubeconfigDocument {
  const copy = (map: Map<string, Entry>): Map<string, Entry> => new Map([...map].map(([k, v]) => [k, { ...v }]));
  return { clusters: copy(doc.clusters), users: copy(doc.users), contexts: copy(doc.contexts), currentContext: doc.currentContext, preferences: doc.preferences };
}

export function runView(inv: Invocation, args: string[]): number {
  if (args.length > 0) throw inv.usageError(`unexpected arguments: [${args.join(' ')}]`);
  validateOutputFormat(inv);
  const file = KubeconfigFile.load(inv);
  const doc = copyOf(file.doc);
  if (inv.flags.bool('minify')) {
    const context = inv.flags.string('context');
    if (context) doc.currentContext = context;
    minify(doc);
  }
  if (inv.flags.bool('flatten')) flatten(doc, file);
  else if (!inv.flags.bool('raw')) shorten(doc);
  const value = serialize(doc);
  const output = inv.flags.string('output') || 'yaml';
  if (output === 'yaml') inv.out(toYaml(value));
  // The v1.Config struct's field order, not the sorted keys of an unstructured object.
  else if (output === 'json') inv.out(`${JSON.stringify(value, null, 4)}\n`);
  else if (output === 'name') inv.out('config/<unknown>');
  else inv.out(printTemplate(inv, output, value));
  return 0;
}
