/**
 * `kubectl get`: server-side tables (with `-o wide`, `-A`, `--show-labels`, `--no-headers`),
 * `-o yaml|json|name`, label and field selectors, and kubectl's messages for empty results.
 */
import type { KubeObject, Status, Table } from '../../../shared/api/meta.js';
import type { DiscoveredResource } from '../../cluster/apiserver/api-server.js';
import type { ApiClient } from '../../cluster/client/api-client.js';
import { KubectlError, formatStatusError } from '../errors.js';
import type { FlagSpec } from '../flags.js';
import type { Invocation } from '../invocation.js';
import { toJson } from '../printers/json-printer.js';
import { TABLE_OPTIONS, tabwrite } from '../printers/tabwriter.js';
import { toYaml } from '../printers/yaml-printer.js';
import { resolveResource, resourceRef, typeName } from '../resource-resolver.js';

export const GET_FLAGS: FlagSpec[] = [
  { name: 'output', short: 'o', type: 'string' },
  { name: 'all-namespaces', short: 'A', type: 'bool' },
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'field-selector', type: 'string' },
  { name: 'show-labels', type: 'bool' },
  { name: 'no-headers', type: 'bool' },
  { name: 'show-kind', type: 'bool' },
  { name: 'ignore-not-found', type: 'bool' },
  { name: 'chunk-size', type: 'int' },
  { name: 'show-managed-fields', type: 'bool' },
  { name: 'filename', short: 'f', type: 'stringArray' },
  { name: 'recursive', short: 'R', type: 'bool' },
];

const OUTPUT_FORMATS =
  'custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml';

interface Request {
  resource: DiscoveredResource;
  names: string[];
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
  return refuseNamesAcrossNamespaces(inv, (types ?? '').split(',').filter(Boolean).map((t) => ({ resource: resolve(t), names: [...names] })));
}

/** The resource builder looks names up in one namespace: with --all-namespaces it refuses them. */
function refuseNamesAcrossNamespaces(inv: Invocation, requests: Request[]): Request[] {
  if (inv.flags.bool('all-namespaces') && requests.some((r) => r.resource.namespaced && r.names.length > 0)) {
    throw new KubectlError('error: a resource cannot be retrieved by name across all namespaces\n');
  }
  return requests;
}

function labelsText(labels: Record<string, string> | undefined): string {
  const entries = Object.entries(labels ?? {}).sort(([a], [b]) => (a < b ? -1 : 1));
  return entries.length === 0 ? '<none>' : entries.map(([k, v]) => `${k}=${v}`).join(',');
}

export async function runGet(inv: Invocation): Promise<number> {
  const output = inv.flags.string('output');
  if (output && !['wide', 'yaml', 'json', 'name'].includes(output)) {
    if (/^(custom-columns|jsonpath|go-template|template)/.test(output)) {
      throw new KubectlError(`error: output format "${output.split('=')[0]}" is not supported in this lab yet\n`);
    }
    throw new KubectlError(`error: unable to match a printer suitable for the output format "${output}", allowed formats are: ${OUTPUT_FORMATS}\n`);
  }
  const args = inv.flags.positional;
  if (args.length === 0) {
    throw new KubectlError(
      'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee \'kubectl get -h\' for help and examples\n',
    );
  }
  const client = inv.client();
  const requests = parseResourceArgs(inv, client, args);
  const allNamespaces = inv.flags.bool('all-namespaces');
  const namespace = inv.namespace;
  const query = {
    labelSelector: inv.flags.string('selector') || undefined,
    fieldSelector: inv.flags.string('field-selector') || undefined,
  };
  let failed = false;
  const errors: string[] = [];
  const multipleTypes = requests.length > 1 || inv.flags.bool('show-kind');

  if (output === 'yaml' || output === 'json' || output === 'name') {
    const objects: KubeObject[] = [];
    let single = false;
    for (const req of requests) {
      const ns = req.resource.namespaced ? (allNamespaces && req.names.length === 0 ? undefined : namespace) : undefined;
      if (req.names.length > 0) {
        for (const name of req.names) {
          const got = client.get(resourceRef(req.resource), ns, name);
          if (got.ok) objects.push(got.value);
          else if (!(inv.flags.bool('ignore-not-found') && got.status.code === 404)) {
            errors.push(formatStatusError(got.status));
            failed = true;
          }
        }
        single = requests.length === 1 && req.names.length === 1;
      } else {
        const listed = client.list(resourceRef(req.resource), ns, query);
        if (!listed.ok) throw new KubectlError(formatStatusError(listed.status));
        for (const item of listed.value.items) {
          objects.push({ ...item, apiVersion: listed.value.apiVersion, kind: req.resource.kind });
        }
      }
    }
    // kubectl hides managedFields in -o json|yaml unless --show-managed-fields.
    if (!inv.flags.bool('show-managed-fields')) for (const o of objects) delete o.metadata.managedFields;
    if (output === 'name') {
      for (const o of objects) {
        const res = requests.find((r) => r.resource.kind === o.kind) ?? requests[0]!;
        inv.out(`${typeName(res.resource)}/${o.metadata.name ?? ''}\n`);
      }
    } else if (single && objects.length === 1) {
      inv.out(output === 'yaml' ? toYaml(objects[0]) : toJson(objects[0]));
    } else if (objects.length > 0 || (errors.length === 0 && !inv.flags.bool('ignore-not-found'))) {
      // printGeneric: an empty List for no matches, nothing at all when NotFound is ignored.
      const list = { apiVersion: 'v1', items: objects, kind: 'List', metadata: { resourceVersion: '' } };
      inv.out(output === 'yaml' ? toYaml(list) : toJson(list));
    }
    for (const e of errors) inv.err(e);
    return failed ? 1 : 0;
  }

  const wide = output === 'wide';
  let printedAny = false;
  for (const req of requests) {
    const ns = req.resource.namespaced ? (allNamespaces && req.names.length === 0 ? undefined : namespace) : undefined;
    const showNamespace = allNamespaces && req.resource.namespaced && req.names.length === 0;
    const tables: Table[] = [];
    if (req.names.length > 0) {
      for (const name of req.names) {
        const got = client.getTable(resourceRef(req.resource), ns, name);
        if (got.ok) tables.push(got.value);
        else if (!(inv.flags.bool('ignore-not-found') && got.status.code === 404)) {
          errors.push(formatStatusError(got.status));
          failed = true;
        }
      }
    } else {
      const listed = client.listTable(resourceRef(req.resource), ns, query);
      if (!listed.ok) throw new KubectlError(formatStatusError(listed.status as Status));
      tables.push(listed.value);
    }
    const rows = tables.flatMap((t) => t.rows);
    const columns = tables[0]?.columnDefinitions ?? [];
    if (rows.length === 0) continue;
    const visible = columns.map((c, i) => ({ c, i })).filter(({ c }) => c.priority === 0 || wide);
    const lines: string[] = [];
    if (!inv.flags.bool('no-headers')) {
      const header = [...(showNamespace ? ['NAMESPACE'] : []), ...visible.map(({ c }) => c.name.toUpperCase())];
      if (inv.flags.bool('show-labels')) header.push('LABELS');
      lines.push(header.join('\t'));
    }
    for (const row of rows) {
      const meta = row.object?.metadata ?? {};
      const cells = visible.map(({ c, i }) => {
        const cell = row.cells[i];
        const text = cell === null || cell === undefined ? '' : String(cell);
        return multipleTypes && c.format === 'name' ? `${typeName(req.resource)}/${text}` : text;
      });
      if (showNamespace) cells.unshift(meta.namespace ?? '');
      if (inv.flags.bool('show-labels')) cells.push(labelsText(meta.labels));
      lines.push(cells.join('\t'));
    }
    if (printedAny) inv.out('\n');
    inv.out(tabwrite(lines.join('\n') + '\n', TABLE_OPTIONS));
    printedAny = true;
  }
  for (const e of errors) inv.err(e);
  if (!printedAny && errors.length === 0 && !inv.flags.bool('ignore-not-found')) {
    // The namespace is named only when every type listed is namespaced.
    const namespaced = requests.every((r) => r.resource.namespaced);
    inv.err(allNamespaces || !namespaced ? 'No resources found\n' : `No resources found in ${namespace} namespace.\n`);
  }
  return failed ? 1 : 0;
}
