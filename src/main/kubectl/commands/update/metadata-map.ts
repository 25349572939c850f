/**
 * What `kubectl label` and `kubectl annotate` share: `KEY=VALUE` and `KEY-` arguments after the
 * resources, the objects from the resource builder, the new map computed locally and sent as a
 * JSON merge patch (under the command's field manager), `--list`, `--resource-version`, dry runs,
 * `--local` and printing. The two differ only in the details each command's `Spec` gives.
 */
import { resourcesAndPairs } from '../../resource-pairs.js';
import type { KubeObject } from '../../../../shared/api/meta.js';
import { recordChangeCause } from '../../change-cause.js';
import { KubectlError } from '../../errors.js';
import { type FlagSpec, RECORD_FLAG } from '../../flags.js';
import type { Invocation } from '../../invocation.js';
import { DRY_RUN_FLAG, PRINT_FLAGS, dryRunOf, dryRunQuery, printObjects, validateOutputFormat } from '../../print-flags.js';
import { createMergePatch } from './merge-diff.js';
import { type VisitError, collectTargets, reportErrors } from './targets.js';

export const METADATA_MAP_FLAGS: FlagSpec[] = [
  ...PRINT_FLAGS,
  DRY_RUN_FLAG,
  { name: 'filename', short: 'f', type: 'stringArray' },
  { name: 'recursive', short: 'R', type: 'bool' },
  { name: 'kustomize', short: 'k', type: 'string' },
  { name: 'all', type: 'bool' },
  { name: 'all-namespaces', short: 'A', type: 'bool' },
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'field-selector', type: 'string' },
  { name: 'list', type: 'bool' },
  { name: 'local', type: 'bool' },
  { name: 'overwrite', type: 'bool' },
  { name: 'resource-version', type: 'string' },
  { name: 'field-manager', type: 'string' },
  RECORD_FLAG,
];

export interface MetadataMapSpec {
  /** `labels` or `annotations`. */
  field: 'labels' | 'annotations';
  /** `label`, `annotation`: in kubectl's messages. */
  pairType: string;
  /** `Listing labels for …`. */
  listWord: string;
  defaultFieldManager: string;
  parse(args: string[]): { add: Map<string, string>; remove: string[] };
  /** The error for values that would be overwritten without --overwrite, if any. */
  overwriteError(current: Record<string, string>, add: Map<string, string>): string | undefined;
  /** The operation word printed for one object. */
  operation(oldJson: string, newJson: string, overwrite: boolean): string;
  /** label prints `label "x" not found.` for removals of absent keys. */
  reportsMissingRemovals: boolean;
  /** label prints the object it computed; annotate the server's answer. */
  printsServerObject: boolean;
  /** Validate's refusal of `--local` with resources named: each command has its own example file. */
  localNeedsFiles: string;
}

function setMap(object: KubeObject, field: 'labels' | 'annotations', map: Record<string, string>): void {
  object.metadata ??= {};
  object.metadata[field] = map;
}

export async function runMetadataMapCommand(inv: Invocation, spec: MetadataMapSpec): Promise<number> {
  const dryRun = dryRunOf(inv);
  validateOutputFormat(inv);
  const { resources, pairs } = resourcesAndPairs(inv.flags.positional, spec.pairType);
  const { add, remove } = spec.parse(pairs);
  const list = inv.flags.bool('list');
  if (list && inv.flags.string('output')) throw new KubectlError('error: --list and --output may not be specified together\n');
  if (inv.flags.bool('all') && inv.flags.string('selector')) throw new KubectlError('error: cannot set --all and --selector at the same time\n');
  if (inv.flags.bool('all') && inv.flags.string('field-selector')) throw new KubectlError('error: cannot set --all and --field-selector at the same time\n');
  // `--local`: the -f objects as read, changed and printed; nothing is asked of or sent to the server.
  const local = inv.flags.bool('local');
  if (local && dryRun === 'server') throw new KubectlError('error: cannot specify --local and --dry-run=server - did you mean --dry-run=client?\n');
  if (local && resources.length > 0) throw new KubectlError(`error: ${spec.localNeedsFiles}\n`);
  if (resources.length === 0 && inv.flags.strings('filename').length === 0) {
    throw new KubectlError('error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n');
  }
  if (add.size === 0 && remove.length === 0 && !list) throw new KubectlError(`error: at least one ${spec.pairType} update is required\n`);
  const client = inv.client();
  const { targets, errors, single } = collectTargets(inv, client, resources, { all: true, ...(local ? { latest: false } : {}) });
  const resourceVersion = inv.flags.string('resource-version');
  if (!single && resourceVersion) throw new KubectlError('error: --resource-version may only be used with a single resource\n');
  const overwrite = inv.flags.bool('overwrite');
  const failures: VisitError[] = [...errors];
  for (const target of targets) {
    const object = structuredClone(target.object);
    if (resourceVersion) object.metadata.resourceVersion = '';
    const oldJson = JSON.stringify(object);
    const current = object.metadata[spec.field] ?? {};
    if (!overwrite) {
      const refused = spec.overwriteError(current, add);
      if (refused) {
        failures.push({ message: refused });
        continue;
      }
    }
    if (spec.reportsMissingRemovals && dryRun !== 'client' && !local && !list) {
      for (const key of remove) if (!(key in current)) inv.out(`${spec.pairType} ${JSON.stringify(key)} not found.\n`);
    }
    const next = { ...current };
    for (const [key, value] of add) next[key] = value;
    for (const key of remove) delete next[key];
    setMap(object, spec.field, next);
    // Only a change sent to the server is recorded (not --local, a client dry run or --list).
    if (dryRun !== 'client' && !local && !list) recordChangeCause(inv, object);
    if (resourceVersion) object.metadata.resourceVersion = resourceVersion;
    const newJson = JSON.stringify(object);
    let shown = object;
    if (dryRun !== 'client' && !local && !list) {
      const patch = createMergePatch(JSON.parse(oldJson), JSON.parse(newJson));
      const fieldManager = inv.flags.string('field-manager') || spec.defaultFieldManager;
      const patched = client.patch(target.ref, target.namespace, target.name, 'merge', patch, { query: { fieldManager, ...dryRunQuery(dryRun) } });
      if (!patched.ok) {
        failures.push({ status: patched.status });
        continue;
      }
      if (spec.printsServerObject) shown = patched.value;
    }
    if (list) {
      const indent = single ? '' : ' ';
      if (!single) inv.out(`Listing ${spec.listWord} for ${object.kind ?? ''}.${target.resource.group}/${target.name}:\n`);
      for (const key of Object.keys(next).sort()) inv.out(`${indent}${key}=${next[key]}\n`);
      continue;
    }
    printObjects(inv, [shown], spec.operation(oldJson, newJson, overwrite), dryRun);
  }
  return reportErrors(inv, failures);
}
