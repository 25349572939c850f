/**
 * `kubectl get`: server-side tables (`-o wide`, `-A`, `--show-labels`, `-L`, `--show-kind`,
 * `--no-headers`, `--sort-by`), the generic printers (`-o yaml|json|name`, jsonpath, go-template,
 * custom-columns), `-f`, label and field selectors, `--watch`, `--raw`, and kubectl's messages
 * for empty results.
 */
import type { KubeObject, Table } from '../../../shared/api/meta.js';
import type { DiscoveredResource } from '../../cluster/apiserver/api-server.js';
import type { ApiClient } from '../../cluster/client/api-client.js';
import { KubectlError, formatStatusError } from '../errors.js';
import type { FlagSpec } from '../flags.js';
import type { Invocation } from '../invocation.js';
import { objectTypeName, omitManagedFields } from '../print-flags.js';
import { toJson } from '../printers/json-printer.js';
import { createTemplatePrinter, isTemplateFormat } from '../printers/template-printers.js';
import { toYaml } from '../printers/yaml-printer.js';
import { expandCategory, resolveResource, resourceRef, typeName } from '../resource-resolver.js';
import { hasManifestSources, loadManifests, mappingNotFound } from './apply.js';
import { runRawGet } from './viewing/get-raw.js';
import { runGetWatch } from './viewing/get-watch.js';
import { sortOrder } from './viewing/sort-by.js';
import { HumanTablePrinter } from './viewing/table-printer.js';

export const GET_FLAGS: FlagSpec[] = [
  { name: 'output', short: 'o', type: 'string' },
  { name: 'template', type: 'string' },
  { name: 'allow-missing-template-keys', type: 'bool' },
  { name: 'all-namespaces', short: 'A', type: 'bool' },
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'field-selector', type: 'string' },
  { name: 'show-labels', type: 'bool' },
  { name: 'label-columns', short: 'L', type: 'stringArray' },
  { name: 'no-headers', type: 'bool' },
  { name: 'show-kind', type: 'bool' },
  { name: 'sort-by', type: 'string' },
  { name: 'ignore-not-found', type: 'bool' },
  { name: 'chunk-size', type: 'int' },
  { name: 'show-managed-fields', type: 'bool' },
  { name: 'filename', short: 'f', type: 'stringArray' },
  { name: 'recursive', short: 'R', type: 'bool' },
  { name: 'kustomize', short: 'k', type: 'string' },
  { name: 'watch', short: 'w', type: 'bool' },
  { name: 'watch-only', type: 'bool' },
  { name: 'output-watch-events', type: 'bool' },
  { name: 'raw', type: 'string' },
  { name: 'server-print', type: 'bool' },
  { name: 'subresource', type: 'string' },
];

const OUTPUT_FORMATS =
  'custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml';

interface Request {
  resource: DiscoveredResource;
  names: string[];
}

/** What `get` fetches: a collection or named objects of one type, in one namespace (unset: all or cluster scope). */
export interface GetTarget {
  resource: DiscoveredResource;
  names: string[];
  namespace: string | undefined;
}

/** `pods`, `pods x y`, `pod/x deploy/y`, `pods,nodes`. */
export function parseResourceArgs(inv: Invocation, client: ApiClient, args: string[]): Request[] {
  const discovery = client.discovery();
  const resolve = (typed: string): DiscoveredResource => {
    const found = resolveResource(typed, discovery);
    if (!found) throw new KubectlError(`error: the server doesn't have a resource type "${typed}"\n`);
    return found;
  };
  if (args.some((a) => a.includes('/'))) {
    const requests: Request[] = [];
    for (const arg of args) {
      const slash = arg.indexOf('/');
      if (slash < 0) {
        throw new KubectlError(`error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. '${inv.commandPath} resource/<resource_name>' instead of '${inv.commandPath} resource resource/<resource_name>'\n`);
      }
      const resource = resolve(arg.slice(0, slash));
      const name = arg.slice(slash + 1);
      if (!name) throw new KubectlError(`error: arguments in resource/name form must have a single resource and name\n`);
      const existing = requests.find((r) => r.resource === resource);
      if (existing) existing.names.push(name);
      else requests.push({ resource, names: [name] });
    }
    return refuseNamesAcrossNamespaces(inv, requests);
  }
  const [types, ...names] = args;
  const typed = (types ?? '').split(',').filter(Boolean);
  const resources = typed.flatMap((t) => {
    const category = expandCategory(t, discovery);
    return category.length > 0 ? category : [resolve(t)];
  });
  return refuseNamesAcrossNamespaces(inv, resources.map((resource) => ({ resource, names: [...names] })));
}

/** The resource builder looks names up in one namespace: with --all-namespaces it refuses them. */
function refuseNamesAcrossNamespaces(inv: Invocation, requests: Request[]): Request[] {
  if (inv.flags.bool('all-namespaces') && requests.some((r) => r.resource.namespaced && r.names.length > 0)) {
    throw new KubectlError('error: a resource cannot be retrieved by name across all namespaces\n');
  }
  return requests;
}

/** The objects named by `-f` manifests, grouped by type and namespace in file order. */
export function targetsFromFiles(inv: Invocation, client: ApiClient): GetTarget[] {
  const discovery = client.discovery();
  const targets: GetTarget[] = [];
  for (const { object, source } of loadManifests(inv)) {
    const [group, version] = object.apiVersion!.includes('/') ? object.apiVersion!.split('/') : ['', object.apiVersion!];
    const resource = discovery.find((r) => r.group === group && r.version === version && r.kind === object.kind);
    if (!resource) throw new KubectlError(`error: ${mappingNotFound(object, source)}\n`);
    const namespace = resource.namespaced ? (object.metadata?.namespace ?? inv.namespace) : undefined;
    const last = targets[targets.length - 1];
    if (last && last.resource === resource && last.namespace === namespace) last.names.push(object.metadata?.name ?? '');
    else targets.push({ resource, names: [object.metadata?.name ?? ''], namespace });
  }
  return targets;
}

function targetsOf(inv: Invocation, client: ApiClient): GetTarget[] {
  if (hasManifestSources(inv)) return targetsFromFiles(inv, client);
  const allNamespaces = inv.flags.bool('all-namespaces');
  return parseResourceArgs(inv, client, inv.flags.positional).map((req) => ({
    resource: req.resource,
    names: req.names,
    namespace: req.resource.namespaced ? (allNamespaces && req.names.length === 0 ? undefined : inv.namespace) : undefined,
  }));
}

/** `-o` as PrintFlags sees it: `--template` alone means go-template. */
export function outputFormatOf(inv: Invocation): string {
  const output = inv.flags.string('output');
  if (!output && inv.flags.string('template')) return 'go-template';
  return output;
}

export function selectorQuery(inv: Invocation): { labelSelector?: string; fieldSelector?: string } {
  return {
    labelSelector: inv.flags.string('selector') || undefined,
    fieldSelector: inv.flags.string('field-selector') || undefined,
  };
}

/** `-L a,b -L c`: StringSlice values, comma-separated and repeatable. */
export function labelColumnsOf(inv: Invocation): string[] {
  return inv.flags.strings('label-columns').flatMap((v) => v.split(',')).filter(Boolean);
}

function validate(inv: Invocation, output: string, watching: boolean): void {
  if (inv.flags.bool('show-labels') && output !== '' && output !== 'wide') {
    throw new KubectlError(`error: --show-labels option cannot be used with ${output} printer\n`);
  }
  if (inv.flags.bool('output-watch-events') && !watching) throw inv.usageError('--output-watch-events option can only be used with --watch or --watch-only');
}

export async function runGet(inv: Invocation): Promise<number> {
  if (inv.flags.has('raw')) return runRawGet(inv);
  const output = outputFormatOf(inv);
  const watching = inv.flags.bool('watch') || inv.flags.bool('watch-only');
  const hasFiles = hasManifestSources(inv);
  if (watching) {
    if (inv.flags.string('sort-by')) inv.err('warning: --watch or --watch-only requested, --sort-by will be ignored\n');
  } else if (inv.flags.positional.length === 0 && !hasFiles) {
    throw new KubectlError(
      'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee \'kubectl get -h\' for help and examples\n',
    );
  }
  validate(inv, output, watching);
  const client = inv.client();
  if (watching && inv.flags.positional.length === 0 && !hasFiles) {
    throw new KubectlError(
      "error: you must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n",
    );
  }
  const targets = targetsOf(inv, client);
  if (watching) return runGetWatch(inv, client, targets, output);
  if (output === '' || output === 'wide') return printTables(inv, client, targets, output === 'wide');
  return printGeneric(inv, client, targets, output);
}

function notFoundIgnored(inv: Invocation, code: number): boolean {
  return inv.flags.bool('ignore-not-found') && code === 404;
}

/** The human-readable path: one Table per type, sorted, decorated, separated by blank lines. */
function printTables(inv: Invocation, client: ApiClient, targets: GetTarget[], wide: boolean): number {
  const sortBy = inv.flags.string('sort-by');
  const query = { ...selectorQuery(inv), ...(sortBy ? { includeObject: 'Object' as const } : {}) };
  const allNamespaces = inv.flags.bool('all-namespaces');
  const withKind = inv.flags.bool('show-kind') || new Set(targets.map((t) => t.resource)).size > 1;
  const errors: string[] = [];
  let written = false;
  let allNamespaced = !allNamespaces;
  for (const target of targets) {
    const ref = resourceRef(target.resource);
    allNamespaced = allNamespaced && target.resource.namespaced;
    const tables: Table[] = [];
    if (target.names.length > 0) {
      for (const name of target.names) {
        const got = client.request<Table>({ verb: 'get', ...ref, namespace: target.namespace, name, query: { ...query, asTable: true } });
        if (got.ok) tables.push(got.value);
        else if (!notFoundIgnored(inv, got.status.code)) errors.push(formatStatusError(got.status));
      }
    } else {
      const listed = client.listTable(ref, target.namespace, query);
      if (!listed.ok) throw new KubectlError(formatStatusError(listed.status));
      tables.push(listed.value);
    }
    if (sortBy) {
      for (const table of tables) {
        const order = sortOrder(sortBy, table.rows.map((r) => r.object), true);
        table.rows = order.map((i) => table.rows[i]!);
      }
    }
    const merged: Table = tables.length === 1 ? tables[0]! : { ...(tables[0] ?? emptyTable()), rows: tables.flatMap((t) => t.rows) };
    const printer = new HumanTablePrinter({
      wide,
      withNamespace: allNamespaces && target.resource.namespaced,
      kind: withKind ? typeName(target.resource) : undefined,
      labelColumns: labelColumnsOf(inv),
      showLabels: inv.flags.bool('show-labels'),
      noHeaders: inv.flags.bool('no-headers'),
    });
    const text = printer.print(merged);
    if (text && written && !inv.flags.bool('no-headers')) inv.out('\n');
    if (text) {
      inv.out(text);
      written = true;
    }
  }
  for (const e of errors) inv.err(e);
  if (!written && errors.length === 0 && !inv.flags.bool('ignore-not-found')) {
    inv.err(allNamespaced ? `No resources found in ${inv.namespace} namespace.\n` : 'No resources found\n');
  }
  return errors.length > 0 ? 1 : 0;
}

function emptyTable(): Table {
  return { kind: 'Table', apiVersion: 'meta.k8s.io/v1', metadata: {}, columnDefinitions: [], rows: [] };
}

/** OmitManagedFieldsPrinter: managedFields stay out of every generic printer's output. */
export function withoutManagedFields(inv: Invocation, object: KubeObject): KubeObject {
  return inv.flags.bool('show-managed-fields') ? object : omitManagedFields(object);
}

/** A printer for the non-table formats, made after the objects are fetched as kubectl does. */
export function genericPrinter(inv: Invocation, output: string): (value: unknown) => string {
  if (output === 'yaml') return toYaml;
  if (output === 'json') return toJson;
  if (output === 'name') {
    return (value) => {
      const object = value as KubeObject & { items?: KubeObject[] };
      // meta.IsListType: anything with items (a List, an EventList) prints its items.
      const objects = Array.isArray(object.items) ? object.items : [object];
      return objects.map((o) => `${objectTypeName(o)}/${o.metadata?.name ?? ''}\n`).join('');
    };
  }
  if (isTemplateFormat(output)) {
    const printer = createTemplatePrinter(inv, output);
    return (value) => printer.print(value);
  }
  throw new KubectlError(`error: unable to match a printer suitable for the output format "${output}", allowed formats are: ${OUTPUT_FORMATS}\n`);
}

/** printGeneric: one object when a single one was named, else every object in a `List`. */
function printGeneric(inv: Invocation, client: ApiClient, targets: GetTarget[], output: string): number {
  const objects: KubeObject[] = [];
  const errors: string[] = [];
  const singleItemImplied = targets.length === 1 && targets[0]!.names.length === 1;
  for (const target of targets) {
    const ref = resourceRef(target.resource);
    if (target.names.length > 0) {
      for (const name of target.names) {
        const got = client.get(ref, target.namespace, name);
        if (got.ok) objects.push(got.value);
        else if (!notFoundIgnored(inv, got.status.code)) errors.push(formatStatusError(got.status));
      }
    } else {
      const listed = client.list(ref, target.namespace, selectorQuery(inv));
      if (!listed.ok) throw new KubectlError(formatStatusError(listed.status));
      // Items take the list's apiVersion and kind (a copy only where they differ).
      const { apiVersion } = listed.value;
      const kind = target.resource.kind;
      for (const item of listed.value.items) objects.push(item.apiVersion === apiVersion && item.kind === kind ? item : { ...item, apiVersion, kind });
    }
  }
  if (singleItemImplied && errors.length > 0) throw new KubectlError(errors.join(''));
  if (objects.length === 0 && inv.flags.bool('ignore-not-found')) {
    for (const e of errors) inv.err(e);
    return errors.length > 0 ? 1 : 0;
  }
  const print = genericPrinter(inv, output);
  const sortBy = inv.flags.string('sort-by');
  const sorted = sortBy && objects.length > 1 ? sortOrder(sortBy, objects).map((i) => objects[i]!) : objects;
  // `-o name` prints names only: no copies without managedFields for it.
  const shown = output === 'name' ? sorted : sorted.map((o) => withoutManagedFields(inv, o));
  if (singleItemImplied && shown.length === 1) inv.out(print(shown[0]));
  else inv.out(print({ apiVersion: 'v1', items: shown, kind: 'List', metadata: { resourceVersion: '' } }));
  for (const e of errors) inv.err(e);
  return errors.length > 0 ? 1 : 0;
}
