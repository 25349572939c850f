/**
 * What cli-runtime's PrintFlags and cmdutil's dry-run helpers do for every mutating command:
 * `--dry-run` parsed with kubectl's warnings, and each resulting object printed either as the
 * operation message (`deployment.apps/web created (dry run)`) or in the `-o` format asked for.
 */
import type { KubeObject } from '../../shared/api/meta.js';
import { klogLine } from '../base/klog.js';
import { KubectlError } from './errors.js';
import type { FlagSpec } from './flags.js';
import type { Invocation } from './invocation.js';
import { toJson, toJsonInFieldOrder } from './printers/json-printer.js';
import { isPrintFlagsTemplateFormat, printTemplate } from './printers/template-printers.js';
import { toYaml } from './printers/yaml-printer.js';

export const OUTPUT_FLAG: FlagSpec = { name: 'output', short: 'o', type: 'string' };
export const DRY_RUN_FLAG: FlagSpec = { name: 'dry-run', type: 'string', noOptDefault: 'unchanged' };
/** The flags every PrintFlags user accepts besides `-o` (templates, managed fields). */
export const PRINT_FLAGS: FlagSpec[] = [
  OUTPUT_FLAG,
  { name: 'template', type: 'string' },
  { name: 'show-managed-fields', type: 'bool' },
  { name: 'allow-missing-template-keys', type: 'bool' },
];

export type DryRun = 'none' | 'client' | 'server';

/** The words Go's strconv.ParseBool reads as true and as false. */
export const GO_TRUE = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
export const GO_FALSE = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

/** The process id the lab's kubectl reports in klog lines (one fixed number keeps transcripts stable). */
export const KUBECTL_PID = 4242;

/** A klog warning line as kubectl writes it to stderr, stamped with the lab's clock. */
export function kubectlWarning(inv: Invocation, source: string, message: string): string {
  return `${klogLine('W', inv.env.now(), 0, KUBECTL_PID, source, message)}\n`;
}

/** cmdutil.GetDryRunStrategy, with klog's deprecation warnings for the bare and boolean forms. */
export function dryRunOf(inv: Invocation): DryRun {
  if (!inv.flags.has('dry-run')) return 'none';
  const value = inv.flags.string('dry-run');
  if (GO_TRUE.has(value) || GO_FALSE.has(value)) {
    const b = GO_TRUE.has(value);
    inv.err(kubectlWarning(inv, b ? 'helpers.go:716' : 'helpers.go:719', `--dry-run=${value} is deprecated (boolean value) and can be replaced with --dry-run=${b ? 'client' : 'none'}.`));
    return b ? 'client' : 'none';
  }
  switch (value) {
    case 'unchanged':
      inv.err(kubectlWarning(inv, 'helpers.go:702', '--dry-run is deprecated and can be replaced with --dry-run=client.'));
      return 'client';
    case 'client':
    case 'server':
    case 'none':
      return value;
    default:
      throw new KubectlError(`error: Invalid dry-run value (${value}). Must be "none", "server", or "client".\n`);
  }
}

/** What kubectl appends to an operation message for a dry run. */
export function dryRunSuffix(dryRun: DryRun): string {
  return dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '';
}

/** The `RequestQuery.dryRun` value for a server dry run. */
export function dryRunQuery(dryRun: DryRun): { dryRun?: 'All' } {
  return dryRun === 'server' ? { dryRun: 'All' } : {};
}

/** `deployment.apps`, `pod`: an object's resource type as `-o name` and operation messages show it. */
export function objectTypeName(object: Pick<KubeObject, 'apiVersion' | 'kind'>): string {
  const apiVersion = object.apiVersion ?? '';
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
  const kind = (object.kind ?? '').toLowerCase();
  return group ? `${kind}.${group}` : kind;
}

const KNOWN_FORMATS = ['', 'yaml', 'json', 'name', 'wide'];

/** Fails early, as PrintFlags.ToPrinter does, for an `-o` value no printer matches. */
export function validateOutputFormat(inv: Invocation, allowed: readonly string[] = ['yaml', 'json', 'name']): void {
  const output = inv.flags.string('output');
  if (!output || allowed.includes(output) || isPrintFlagsTemplateFormat(output)) return;
  const formats = [...allowed, 'go-template', 'go-template-file', 'jsonpath', 'jsonpath-as-json', 'jsonpath-file', 'template', 'templatefile'].sort();
  throw new KubectlError(`error: unable to match a printer suitable for the output format "${output}", allowed formats are: ${formats.join(',')}\n`);
}

/**
 * Print the objects a command produced: without `-o`, `type/name operation` lines; with it, the
 * objects themselves (several as a `List`, as kubectl's printers do for a multi-object result).
 */
/** OmitManagedFieldsPrinter: the object without metadata.managedFields (a copy; the object itself when it has none). */
export function omitManagedFields<T extends KubeObject>(object: T): T {
  if (!object.metadata?.managedFields) return object;
  const { managedFields: _omitted, ...metadata } = object.metadata;
  return { ...object, metadata };
}

export function printObjects(
  inv: Invocation,
  objects: KubeObject[],
  operation: string,
  dryRun: DryRun = 'none',
  /** `inFieldOrder`: typed objects, whose `-o json` keeps their keys' order (Go's struct order). */
  options: { inFieldOrder?: boolean } = {},
): void {
  const output = inv.flags.has('output') ? inv.flags.string('output') : '';
  const shown = inv.flags.bool('show-managed-fields') ? objects : objects.map(omitManagedFields);
  if (output === '' || output === 'wide' || !KNOWN_FORMATS.includes(output) && !isPrintFlagsTemplateFormat(output)) {
    // NamePrinter: `<unknown>` for a nameless object (the Status a Binding's create returns).
    for (const o of shown) inv.out(`${objectTypeName(o)}/${o.metadata?.name || '<unknown>'} ${operation}${dryRunSuffix(dryRun)}\n`);
    return;
  }
  if (output === 'name') {
    for (const o of shown) inv.out(`${objectTypeName(o)}/${o.metadata?.name || '<unknown>'}\n`);
    return;
  }
  const value: unknown = shown.length === 1 ? shown[0] : { apiVersion: 'v1', items: shown, kind: 'List', metadata: { resourceVersion: '' } };
  if (output === 'yaml') inv.out(toYaml(value));
  else if (output === 'json') inv.out(options.inFieldOrder ? toJsonInFieldOrder(value) : toJson(value));
  else inv.out(printTemplate(inv, output, value));
}
