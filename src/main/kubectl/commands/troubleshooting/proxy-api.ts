/**
 * What kube-apiserver answers to a request `kubectl proxy` passes on: the health checks and
 * `/version`, legacy discovery (`/api` APIVersions, `/apis` APIGroupList, `/apis/<group>` APIGroup,
 * `/api/v1` and `/apis/<group>/<version>` APIResourceList — resources sorted by name, each
 * subresource after its parent), and the resource endpoints by method: GET (get or list), POST
 * (create), PUT (update), PATCH (by Content-Type), DELETE (delete or deletecollection). Bodies are
 * decoded by Content-Type as the server negotiates it: anything but JSON or YAML is a 415.
 */
import { parse as parseYaml } from 'yaml';
import type { Endpoints } from '../../../../shared/api/core.js';
import type { Status } from '../../../../shared/api/meta.js';
import type { DiscoveredResource } from '../../../cluster/apiserver/api-server.js';
import type { ApiRequest, DeleteOptions, PatchType, RequestQuery } from '../../../cluster/apiserver/types.js';
import type { ApiClient } from '../../../cluster/client/api-client.js';
import { API_SERVICES, ENDPOINTS } from '../../../cluster/client/resources.js';
import { escapeHtml } from '../../printers/json-printer.js';
import { SERVER_VERSION_INFO } from '../version.js';
import { parseApiPath, queryOf, wireObject } from '../viewing/get-raw.js';

/** One answer of the API server: status and body. */
export interface ApiAnswer {
  status: number;
  body: string;
}

/** What the proxy passes on. */
export interface ProxiedRequest {
  method: string;
  path: string;
  search: string;
  headers: Readonly<Record<string, string>>;
  body: string;
  userAgent: string;
}

const NOT_FOUND_STATUS: Status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'the server could not find the requested resource', reason: 'NotFound', details: {}, code: 404 };

const PATCH_TYPES: Readonly<Record<string, PatchType>> = {
  'application/json-patch+json': 'json',
  'application/merge-patch+json': 'merge',
  'application/strategic-merge-patch+json': 'strategic',
  'application/apply-patch+yaml': 'apply',
};

/** How kube-apiserver writes JSON: indented for curl, wget and browsers, compact with a newline otherwise. */
export function apiServerJson(value: unknown, userAgent: string): string {
  const pretty = /^(curl|Wget|Mozilla\/5\.0)/.test(userAgent);
  return escapeHtml(JSON.stringify(value, null, pretty ? 2 : undefined)) + '\n';
}

/** metav1.Status with its fields in the Go struct's order, as the server encodes it. */
export function statusInFieldOrder(status: Status): Record<string, unknown> {
  const order = ['kind', 'apiVersion', 'metadata', 'status', 'message', 'reason', 'details', 'code'] as const;
  const out: Record<string, unknown> = {};
  for (const key of order) if (status[key] !== undefined) out[key] = status[key];
  return out;
}

function failure(code: number, reason: NonNullable<Status['reason']>, message: string, userAgent: string, details = true): ApiAnswer {
  const status: Status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, ...(details ? { details: {} } : {}), code };
  return { status: code, body: apiServerJson(statusInFieldOrder(status), userAgent) };
}

const notFound = (userAgent: string): ApiAnswer => ({ status: 404, body: apiServerJson(NOT_FOUND_STATUS, userAgent) });

const groupVersion = (group: string, version: string): string => (group ? `${group}/${version}` : version);

interface ApiServiceSpec {
  group?: string;
  version?: string;
  groupPriorityMinimum?: number;
  versionPriority?: number;
}

/**
 * Each group's versions, the preferred one first, groups in the aggregator's order: by their
 * APIServices' groupPriorityMinimum (highest first, then by name), versions by versionPriority.
 */
function groupsOf(client: ApiClient, resources: readonly DiscoveredResource[]): Map<string, string[]> {
  const served = new Map<string, string[]>();
  for (const r of resources) {
    const versions = served.get(r.group) ?? [];
    if (!versions.includes(r.version)) versions.push(r.version);
    served.set(r.group, versions);
  }
  const listed = client.list(API_SERVICES, undefined);
  const specs = listed.ok ? listed.value.items.map((s) => ((s as { spec?: ApiServiceSpec }).spec ?? {})) : [];
  const groupPriority = new Map<string, number>();
  const versionPriority = new Map<string, number>();
  for (const spec of specs) {
    const group = spec.group ?? '';
    groupPriority.set(group, Math.max(groupPriority.get(group) ?? 0, spec.groupPriorityMinimum ?? 0));
    versionPriority.set(`${group}/${spec.version ?? ''}`, spec.versionPriority ?? 0);
  }
  const groups = [...served.keys()];
  const order = (g: string): number => (g === '' ? Infinity : (groupPriority.get(g) ?? 0));
  groups.sort((a, b) => order(b) - order(a) || (a < b ? -1 : a > b ? 1 : 0));
  const sorted = new Map<string, string[]>();
  for (const group of groups) {
    const versions = [...served.get(group)!];
    versions.sort((a, b) => (versionPriority.get(`${group}/${b}`) ?? 0) - (versionPriority.get(`${group}/${a}`) ?? 0));
    sorted.set(group, versions);
  }
  return sorted;
}

/** metav1.APIGroup: name, versions, preferredVersion. */
function apiGroup(name: string, versions: readonly string[]): Record<string, unknown> {
  const entry = (version: string): Record<string, string> => ({ groupVersion: groupVersion(name, version), version });
  return { name, versions: versions.map(entry), preferredVersion: entry(versions[0]!) };
}

/** metav1.APIResource entries of one group/version, in the installer's (alphabetical) order. */
function apiResources(resources: readonly DiscoveredResource[], group: string, version: string): Array<Record<string, unknown>> {
  const entries: Array<Record<string, unknown>> = [];
  for (const r of resources) {
    if (r.group !== group || r.version !== version) continue;
    entries.push({
      name: r.name,
      singularName: r.singularName,
      namespaced: r.namespaced,
      kind: r.kind,
      verbs: r.verbs,
      ...(r.shortNames.length > 0 ? { shortNames: r.shortNames } : {}),
      ...(r.categories.length > 0 ? { categories: r.categories } : {}),
    });
    for (const sub of r.subresourceDetails) {
      const other = sub.group !== group || sub.version !== version;
      entries.push({
        name: `${r.name}/${sub.name}`,
        singularName: '',
        namespaced: r.namespaced,
        ...(other ? { group: sub.group, version: sub.version } : {}),
        kind: sub.kind,
        verbs: sub.verbs,
      });
    }
  }
  return entries.sort((a, b) => ((a.name as string) < (b.name as string) ? -1 : (a.name as string) > (b.name as string) ? 1 : 0));
}

/** Where the API server says clients reach it: the `kubernetes` Service's endpoint. */
function serverAddress(client: ApiClient): string {
  const got = client.get<Endpoints>(ENDPOINTS, 'default', 'kubernetes');
  const subset = got.ok ? got.value.subsets?.[0] : undefined;
  const ip = subset?.addresses?.[0]?.ip;
  return ip ? `${ip}:${subset?.ports?.[0]?.port ?? 6443}` : '';
}

/** The discovery documents, or undefined for a path that is not one. */
function discovery(client: ApiClient, path: string, userAgent: string): ApiAnswer | undefined {
  const parts = path.split('/').filter(Boolean);
  if (parts[0] !== 'api' && parts[0] !== 'apis') return undefined;
  if (parts[0] === 'api' && parts.length > 2) return undefined;
  if (parts[0] === 'apis' && parts.length > 3) return undefined;
  const resources = client.discovery().filter((r) => r.verbs.length > 0 || r.subresources.length > 0);
  const groups = groupsOf(client, resources);
  const ok = (value: unknown): ApiAnswer => ({ status: 200, body: apiServerJson(value, userAgent) });
  if (parts[0] === 'api') {
    if (parts.length === 1) {
      return ok({ kind: 'APIVersions', versions: groups.get('') ?? [], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: serverAddress(client) }] });
    }
    if (!(groups.get('') ?? []).includes(parts[1]!)) return notFound(userAgent);
    return ok({ kind: 'APIResourceList', groupVersion: parts[1], resources: apiResources(resources, '', parts[1]!) });
  }
  if (parts.length === 1) {
    const list = [...groups].filter(([name]) => name !== '').map(([name, versions]) => apiGroup(name, versions));
    return ok({ kind: 'APIGroupList', apiVersion: 'v1', groups: list });
  }
  const group = parts[1]!;
  const versions = group === '' ? undefined : groups.get(group);
  if (!versions) return notFound(userAgent);
  if (parts.length === 2) return ok({ kind: 'APIGroup', apiVersion: 'v1', ...apiGroup(group, versions) });
  if (!versions.includes(parts[2]!)) return notFound(userAgent);
  return ok({ kind: 'APIResourceList', apiVersion: 'v1', groupVersion: groupVersion(group, parts[2]!), resources: apiResources(resources, group, parts[2]!) });
}

/** The media type of a Content-Type header, without its parameters. */
function mediaType(headers: Readonly<Record<string, string>>): string {
  return (headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}

/** encoding/json's first complaint about text that is not JSON. */
function jsonError(text: string): string {
  const first = text.trimStart()[0];
  if (first === undefined) return 'unexpected end of JSON input';
  if (!/[{["\-0-9tfn]/.test(first)) return `invalid character '${first}' looking for beginning of value`;
  return 'unexpected end of JSON input';
}

type Decoded = { ok: true; value: unknown } | { ok: false; answer: ApiAnswer };

/** The body decoded as NegotiateInputSerializer allows: JSON or YAML, else 415. */
function decodeBody(request: ProxiedRequest, accepted: 'object' | 'patch'): Decoded {
  const type = mediaType(request.headers);
  if (accepted === 'patch') {
    const patchType = PATCH_TYPES[type];
    if (!patchType) {
      return {
        ok: false,
        answer: failure(
          415,
          'UnsupportedMediaType',
          'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json',
          request.userAgent,
          false,
        ),
      };
    }
  } else if (type !== 'application/json' && type !== 'application/yaml') {
    return {
      ok: false,
      answer: failure(415, 'UnsupportedMediaType', 'the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf', request.userAgent, false),
    };
  }
  try {
    const value: unknown = type.endsWith('yaml') ? parseYaml(request.body) : JSON.parse(request.body);
    return { ok: true, value };
  } catch {
    const message = accepted === 'patch' ? `error decoding patch: ${jsonError(request.body)}` : `couldn't get version/kind; json parse error: ${jsonError(request.body)}`;
    return { ok: false, answer: failure(400, 'BadRequest', message, request.userAgent) };
  }
}

/** The query parameters writes take besides the list options. */
function writeQuery(search: string): RequestQuery {
  const params = new URLSearchParams(search);
  const query = queryOf(search);
  if (params.get('fieldManager')) query.fieldManager = params.get('fieldManager')!;
  if (params.get('dryRun') === 'All') query.dryRun = 'All';
  if (params.get('force') === 'true') query.force = true;
  return query;
}

/** The API server's answer to `request`, sent with `client`'s credentials under the request's user agent. */
export function apiServerAnswer(client: ApiClient, request: ProxiedRequest): ApiAnswer {
  const { method, path, userAgent } = request;
  if (['/healthz', '/livez', '/readyz'].includes(path.replace(/\/$/, ''))) return { status: 200, body: 'ok' };
  // WriteRawJSON: always indented, no newline at the end.
  if (path === '/version' || path === '/version/') return { status: 200, body: JSON.stringify(SERVER_VERSION_INFO, null, 2) };
  if (method === 'GET') {
    const documents = discovery(client, path, userAgent);
    if (documents) return documents;
  }
  const target = parseApiPath(path);
  if (!target) return notFound(userAgent);
  const query = writeQuery(request.search);
  let call: Omit<ApiRequest, 'agent'>;
  switch (method) {
    case 'GET':
      call = { verb: target.name ? 'get' : 'list', ...target, query };
      break;
    case 'POST':
    case 'PUT': {
      if (Boolean(target.name) !== (method === 'PUT')) return failure(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource', userAgent);
      const body = decodeBody(request, 'object');
      if (!body.ok) return body.answer;
      call = { verb: method === 'POST' ? 'create' : 'update', ...target, body: body.value, query };
      break;
    }
    case 'PATCH': {
      if (!target.name) return failure(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource', userAgent);
      const body = decodeBody(request, 'patch');
      if (!body.ok) return body.answer;
      call = { verb: 'patch', ...target, patchType: PATCH_TYPES[mediaType(request.headers)], body: body.value, query };
      break;
    }
    case 'DELETE': {
      let deleteOptions: DeleteOptions = {};
      if (request.body !== '') {
        const body = decodeBody(request, 'object');
        if (!body.ok) return body.answer;
        deleteOptions = (body.value ?? {}) as DeleteOptions;
      }
      call = { verb: target.name ? 'delete' : 'deletecollection', ...target, query, deleteOptions };
      break;
    }
    default:
      return failure(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource', userAgent);
  }
  // kube-apiserver names the field manager after the client's user agent (`curl`).
  const result = (userAgent ? client.as(userAgent) : client).request(call);
  if (!result.ok) return { status: result.status.code ?? 500, body: apiServerJson(statusInFieldOrder(result.status), userAgent) };
  const value = result.value as Record<string, unknown>;
  const answer = value.kind === 'Status' ? statusInFieldOrder(value as unknown as Status) : wireObject(value, Array.isArray(value.items));
  return { status: result.code, body: apiServerJson(answer, userAgent) };
}
