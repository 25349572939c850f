/**
 * `kubectl get --raw <path>`: a GET of an API path, printing the body the server sends (compact
 * JSON with the API types' field order, a newline at the end), or the health endpoints' `ok`.
 */
import type { KubeObject } from '../../../../shared/api/meta.js';
import type { RequestQuery } from '../../../cluster/apiserver/types.js';
import { KubectlError, formatStatusError } from '../../errors.js';
import type { Invocation } from '../../invocation.js';
import { escapeHtml } from '../../printers/json-printer.js';

/** ObjectMeta's fields in the order of the Go struct (and so of the server's JSON). */
const OBJECT_META_ORDER = [
  'name', 'generateName', 'namespace', 'selfLink', 'uid', 'resourceVersion', 'generation', 'creationTimestamp',
  'deletionTimestamp', 'deletionGracePeriodSeconds', 'labels', 'annotations', 'ownerReferences', 'finalizers', 'managedFields',
];
const LIST_META_ORDER = ['selfLink', 'resourceVersion', 'continue', 'remainingItemCount'];

function ordered(value: Record<string, unknown>, order: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of order) if (value[key] !== undefined) out[key] = value[key];
  for (const [key, v] of Object.entries(value)) if (!(key in out) && v !== undefined) out[key] = v;
  return out;
}

/** An object as encoded by the server: TypeMeta, then metadata, then the rest. */
export function wireObject(object: Record<string, unknown>, isList: boolean): Record<string, unknown> {
  const top = ordered(object, ['kind', 'apiVersion', 'metadata']);
  if (top.metadata && typeof top.metadata === 'object') top.metadata = ordered(top.metadata as Record<string, unknown>, isList ? LIST_META_ORDER : OBJECT_META_ORDER);
  if (isList && Array.isArray(top.items)) {
    top.items = (top.items as KubeObject[]).map((item) => {
      const { kind: _kind, apiVersion: _apiVersion, ...rest } = item;
      return wireObject(rest, false);
    });
  }
  return top;
}

/** encoding/json of structs: compact, fields in the order given. */
export function wireJson(value: unknown): string {
  return escapeHtml(JSON.stringify(value));
}

interface RawTarget {
  group: string;
  version: string;
  resource: string;
  namespace?: string;
  name?: string;
}

/** `/api/v1/namespaces/ns/pods/name`, `/apis/apps/v1/deployments` … as a resource request. */
export function parseApiPath(path: string): RawTarget | undefined {
  const parts = path.split('/').filter(Boolean);
  let group = '';
  let rest: string[];
  if (parts[0] === 'api' && parts.length >= 3) {
    rest = parts.slice(2);
  } else if (parts[0] === 'apis' && parts.length >= 4) {
    group = parts[1]!;
    rest = parts.slice(3);
  } else return undefined;
  const version = parts[0] === 'api' ? parts[1]! : parts[2]!;
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    if (rest.length > 4) return undefined;
    return { group, version, resource: rest[2]!, namespace: rest[1], name: rest[3] };
  }
  if (rest.length > 2) return undefined;
  return { group, version, resource: rest[0]!, name: rest[1] };
}

export function queryOf(search: string): RequestQuery {
  const params = new URLSearchParams(search);
  const query: RequestQuery = {};
  if (params.get('labelSelector')) query.labelSelector = params.get('labelSelector')!;
  if (params.get('fieldSelector')) query.fieldSelector = params.get('fieldSelector')!;
  if (params.get('limit')) query.limit = Number(params.get('limit'));
  if (params.get('continue')) query.continue = params.get('continue')!;
  return query;
}

export const NOT_FOUND = 'Error from server (NotFound): the server could not find the requested resource\n';

export async function runRawGet(inv: Invocation): Promise<number> {
  const raw = inv.flags.string('raw');
  if (inv.flags.positional.length > 0) throw new KubectlError('error: arguments may not be passed when --raw is specified\n');
  if (inv.flags.bool('watch') || inv.flags.bool('watch-only') || inv.flags.string('selector')) {
    throw new KubectlError('error: --raw may not be specified with other flags that filter the server request or alter the output\n');
  }
  if (inv.flags.string('output')) throw inv.usageError('--raw and --output are mutually exclusive');
  if (!raw.startsWith('/')) throw inv.usageError(`--raw must be a valid URL path: parse "${raw}": invalid URI for request`);
  const client = inv.client();
  const question = raw.indexOf('?');
  const path = question >= 0 ? raw.slice(0, question) : raw;
  if (['/healthz', '/livez', '/readyz'].includes(path.replace(/\/$/, ''))) {
    inv.out('ok');
    return 0;
  }
  const target = parseApiPath(path);
  if (!target) throw new KubectlError(NOT_FOUND);
  const request = { ...target, query: queryOf(question >= 0 ? raw.slice(question + 1) : '') };
  const result = target.name ? client.request({ verb: 'get', ...request }) : client.request({ verb: 'list', ...request });
  if (!result.ok) throw new KubectlError(formatStatusError(result.status));
  const body = result.value as Record<string, unknown>;
  inv.out(`${wireJson(wireObject(body, !target.name))}\n`);
  return 0;
}
