/**
 * Lesson checks: small declarative questions about cluster state, asked through the API client
 * (as agent `kubelab-lessons`) and the request trace. They never look at what was typed: "the
 * learner listed the nodes" means a `list nodes` request from kubectl reached the API server.
 *
 *   object   an object exists, optionally with fields / kubectl's printed columns equal to values
 *   count    how many objects match (label / field selectors), at least `min`, at most `max`
 *   request  a trace event matching from / verb / resource / namespace / name, in the check's window
 *
 * `parseCheck` validates the YAML form (see lessons/README.md); `evaluateCheck` answers it.
 */
import type { KubeObject, Table } from '../../shared/api/meta.js';
import type { TraceEvent } from '../base/trace.js';
import type { DiscoveredResource } from '../cluster/apiserver/api-server.js';
import type { ApiClient } from '../cluster/client/api-client.js';
import type { ResourceRef } from '../cluster/client/resources.js';
import type { FieldPath, FieldReader } from './fields.js';

/** The lessons' own reads are not the learner's requests: the trace view and the checks skip them. */
export const LESSONS_AGENT = 'kubelab-lessons';

export const CHECK_TYPES = ['object', 'count', 'request'] as const;
const REQUEST_VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection', 'bind'] as const;

export interface ObjectCheck {
  type: 'object';
  apiVersion: string;
  kind: string;
  /** Namespaced kinds: defaults to `default`, as kubectl does. */
  namespace?: string;
  name: string;
  /** Dotted field paths (`status.phase`, `metadata.labels["app"]`) that must equal these values. */
  fields: Record<string, string>;
  /** kubectl's printed columns (`STATUS`, `NODE`) that must read these values. */
  columns: Record<string, string>;
}

export interface CountCheck {
  type: 'count';
  apiVersion: string;
  kind: string;
  namespace?: string;
  /** Count across all namespaces (kubectl's `-A`). */
  allNamespaces: boolean;
  labelSelector?: string;
  fieldSelector?: string;
  min: number;
  max?: number;
}

/** Where a request check's matching events may come from. */
export type RequestWindow = 'lesson' | 'step';

export interface RequestCheck {
  type: 'request';
  /** The trace's `from`: `kubectl`, `kube-scheduler`, `kubelet/node01` … */
  from: string;
  verbs: string[];
  /** Plural resource name, as in the trace: `nodes`, `pods`. */
  resource: string;
  subresource?: string;
  namespace?: string;
  name?: string;
  /**
   * `lesson`: since the lesson was opened (or the lab reset). `step`: since the step before this one
   * was done, so the learner must act again now (e.g. look at the Pod after it started).
   */
  since: RequestWindow;
}

export type Check = ObjectCheck | CountCheck | RequestCheck;

const API_VERSION = /^([a-z0-9.-]+\/)?v[0-9]+((alpha|beta)[0-9]+)?$/;
const KIND = /^[A-Z][A-Za-z0-9]*$/;
const DNS_NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;
const RESOURCE = /^[a-z][a-z0-9.-]*$/;

/** Reads `check:` from lesson.yaml: a mapping with exactly one key naming the check type. */
export function parseCheck(value: unknown, path: FieldPath, reader: FieldReader): Check | undefined {
  const map = reader.map(value, path, CHECK_TYPES);
  if (!map) return undefined;
  const types = CHECK_TYPES.filter((t) => map[t] !== undefined);
  if (types.length !== 1) {
    if (Object.keys(map).every((k) => (CHECK_TYPES as readonly string[]).includes(k))) {
      reader.report(path, `must have exactly one of ${CHECK_TYPES.join(', ')}`);
    }
    return undefined;
  }
  const type = types[0]!;
  const at = [...path, type];
  switch (type) {
    case 'object':
      return parseObjectCheck(map[type], at, reader);
    case 'count':
      return parseCountCheck(map[type], at, reader);
    case 'request':
      return parseRequestCheck(map[type], at, reader);
  }
}

function parseObjectCheck(value: unknown, path: FieldPath, reader: FieldReader): ObjectCheck | undefined {
  const map = reader.map(value, path, ['apiVersion', 'kind', 'namespace', 'name', 'fields', 'columns']);
  if (!map) return undefined;
  const apiVersion = reader.string(map, 'apiVersion', path, { required: true, pattern: API_VERSION, expected: 'an apiVersion such as v1 or apps/v1' });
  const kind = reader.string(map, 'kind', path, { required: true, pattern: KIND, expected: 'a kind such as Pod' });
  const namespace = reader.string(map, 'namespace', path, { pattern: DNS_NAME, expected: 'a namespace name' });
  const name = reader.string(map, 'name', path, { required: true, pattern: DNS_NAME, expected: 'an object name' });
  const fields = reader.scalarMap(map, 'fields', path) ?? {};
  for (const field of Object.keys(fields)) {
    const parsed = parseFieldPath(field);
    if (typeof parsed === 'string') reader.report([...path, 'fields', field], parsed);
  }
  const columns = reader.scalarMap(map, 'columns', path) ?? {};
  if (!apiVersion || !kind || !name) return undefined;
  return { type: 'object', apiVersion, kind, namespace, name, fields, columns };
}

function parseCountCheck(value: unknown, path: FieldPath, reader: FieldReader): CountCheck | undefined {
  const map = reader.map(value, path, ['apiVersion', 'kind', 'namespace', 'allNamespaces', 'labelSelector', 'fieldSelector', 'min', 'max']);
  if (!map) return undefined;
  const apiVersion = reader.string(map, 'apiVersion', path, { required: true, pattern: API_VERSION, expected: 'an apiVersion such as v1 or apps/v1' });
  const kind = reader.string(map, 'kind', path, { required: true, pattern: KIND, expected: 'a kind such as Pod' });
  const namespace = reader.string(map, 'namespace', path, { pattern: DNS_NAME, expected: 'a namespace name' });
  const allNamespaces = reader.boolean(map, 'allNamespaces', path) ?? false;
  if (allNamespaces && namespace) reader.report([...path, 'allNamespaces'], 'cannot be combined with namespace');
  const labelSelector = reader.string(map, 'labelSelector', path);
  const fieldSelector = reader.string(map, 'fieldSelector', path);
  const min = reader.integer(map, 'min', path) ?? 1;
  const max = reader.integer(map, 'max', path);
  if (max !== undefined && max < min) reader.report([...path, 'max'], `must be ≥ min (${min})`);
  if (!apiVersion || !kind) return undefined;
  return { type: 'count', apiVersion, kind, namespace, allNamespaces, labelSelector, fieldSelector, min, max };
}

function parseRequestCheck(value: unknown, path: FieldPath, reader: FieldReader): RequestCheck | undefined {
  const map = reader.map(value, path, ['from', 'verb', 'resource', 'subresource', 'namespace', 'name', 'since']);
  if (!map) return undefined;
  const from = reader.string(map, 'from', path) ?? 'kubectl';
  const verbs = reader.stringList(map, 'verb', path, { required: true, oneOf: REQUEST_VERBS });
  const resource = reader.string(map, 'resource', path, { required: true, pattern: RESOURCE, expected: 'a plural resource name such as pods' });
  const subresource = reader.string(map, 'subresource', path, { pattern: RESOURCE, expected: 'a subresource such as status or log' });
  const namespace = reader.string(map, 'namespace', path, { pattern: DNS_NAME, expected: 'a namespace name' });
  const name = reader.string(map, 'name', path, { pattern: DNS_NAME, expected: 'an object name' });
  const since = (reader.string(map, 'since', path, { oneOf: ['lesson', 'step'] }) ?? 'lesson') as RequestWindow;
  if (!verbs || !resource) return undefined;
  return { type: 'request', from, verbs, resource, subresource, namespace, name, since };
}

// ---- against the cluster ----------------------------------------------------------------------

/** The resource serving `apiVersion`/`kind`, from the API server's discovery. */
export function resolveKind(discovery: readonly DiscoveredResource[], apiVersion: string, kind: string): DiscoveredResource | undefined {
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
  return discovery.find((r) => r.group === group && r.version === version && r.kind === kind);
}

function refOf(resource: DiscoveredResource): ResourceRef {
  return { group: resource.group, version: resource.version, resource: resource.name };
}

/**
 * What a check needs from the cluster: the API client (as `kubelab-lessons`), discovery, and
 * whether a matching request arrived in a request check's window (the progress keeps that memory,
 * because the trace itself is a bounded ring buffer).
 */
export interface CheckEnvironment {
  readonly client: ApiClient;
  readonly discovery: readonly DiscoveredResource[];
  requestSeen(check: RequestCheck): boolean;
}

export function evaluateCheck(check: Check, env: CheckEnvironment): boolean {
  switch (check.type) {
    case 'object':
      return evaluateObject(check, env);
    case 'count':
      return evaluateCount(check, env);
    case 'request':
      return env.requestSeen(check);
  }
}

function evaluateObject(check: ObjectCheck, env: CheckEnvironment): boolean {
  const resource = resolveKind(env.discovery, check.apiVersion, check.kind);
  if (!resource) return false;
  const namespace = resource.namespaced ? (check.namespace ?? 'default') : undefined;
  const got = env.client.get(refOf(resource), namespace, check.name);
  if (!got.ok) return false;
  for (const [path, expected] of Object.entries(check.fields)) {
    if (fieldText(got.value, path) !== expected) return false;
  }
  if (Object.keys(check.columns).length === 0) return true;
  const table = env.client.getTable(refOf(resource), namespace, check.name);
  if (!table.ok) return false;
  return Object.entries(check.columns).every(([column, expected]) => columnText(table.value, column) === expected);
}

function evaluateCount(check: CountCheck, env: CheckEnvironment): boolean {
  const resource = resolveKind(env.discovery, check.apiVersion, check.kind);
  if (!resource) return false;
  const namespace = resource.namespaced && !check.allNamespaces ? (check.namespace ?? 'default') : undefined;
  const listed = env.client.list(refOf(resource), namespace, { labelSelector: check.labelSelector, fieldSelector: check.fieldSelector });
  if (!listed.ok) return false;
  const count = listed.value.items.length;
  return count >= check.min && (check.max === undefined || count <= check.max);
}

/** Whether a trace event is what a request check waits for: a successful request from the agent. */
export function requestMatches(check: RequestCheck, event: TraceEvent): boolean {
  if (event.from !== check.from || event.to !== 'kube-apiserver') return false;
  if (event.code !== undefined && event.code >= 400) return false;
  if (!check.verbs.includes(event.verb) || event.resource !== check.resource) return false;
  if ((event.subresource ?? undefined) !== check.subresource) return false;
  if (check.namespace !== undefined && event.namespace !== check.namespace) return false;
  if (check.name !== undefined && event.name !== check.name) return false;
  return true;
}

/**
 * Whether a trace event may change a check's answer, so progress is judged again only then: a
 * matching request for a request check; for object and count checks, a write reaching etcd (every
 * change of cluster state is one), except the nodes' Lease renewals every 10 s unless the check is
 * about Leases.
 */
export function mayChange(check: Check, event: TraceEvent): boolean {
  if (check.type === 'request') return requestMatches(check, event);
  if (event.to !== 'etcd' || (event.verb !== 'put' && event.verb !== 'delete')) return false;
  return event.resource !== 'leases' || check.kind === 'Lease';
}

/** The printed cell of a one-row Table under `column` (case-insensitive: `STATUS` = `Status`). */
export function columnText(table: Table, column: string): string | undefined {
  const index = table.columnDefinitions.findIndex((c) => c.name.toUpperCase() === column.toUpperCase());
  const cell = index < 0 ? undefined : table.rows[0]?.cells[index];
  return cell === undefined || cell === null ? undefined : String(cell);
}

/** A scalar field as text, or undefined when absent or not a scalar. */
export function fieldText(object: KubeObject, path: string): string | undefined {
  const segments = parseFieldPath(path);
  if (typeof segments === 'string') return undefined;
  let value: unknown = object;
  for (const segment of segments) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[segment];
  }
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
}

/**
 * `status.containerStatuses[0].ready`, `metadata.labels["app.kubernetes.io/name"]` → segments;
 * a string is the reason it is not a valid path.
 */
export function parseFieldPath(path: string): Array<string | number> | string {
  const segments: Array<string | number> = [];
  const pattern = /^(?:\.?([A-Za-z_$][\w$-]*)|\[(\d+)\]|\[(["'])(.*?)\3\])/;
  let rest = path;
  while (rest.length > 0) {
    const m = pattern.exec(rest);
    if (!m || (segments.length === 0 && rest.startsWith('.'))) return `is not a field path such as status.phase or metadata.labels["app"]`;
    if (m[1] !== undefined) segments.push(m[1]);
    else if (m[2] !== undefined) segments.push(Number(m[2]));
    else segments.push(m[4]!);
    rest = rest.slice(m[0].length);
  }
  return segments.length > 0 ? segments : 'must not be empty';
}

/** A problem a check has against the cluster's API, at a path inside the check. */
export interface CheckProblem {
  path: FieldPath;
  message: string;
}

/**
 * What a check gets wrong about this cluster's API: an unknown kind or resource, a namespace on a
 * cluster-scoped kind, a column kubectl does not print, a selector the API server rejects. Run once
 * when lessons are loaded, so a typo fails loudly instead of leaving a step that never completes.
 */
export function checkProblems(check: Check, client: ApiClient, discovery: readonly DiscoveredResource[]): CheckProblem[] {
  const problems: CheckProblem[] = [];
  if (check.type === 'request') {
    const resource = discovery.find((r) => r.name === check.resource);
    if (!resource) problems.push({ path: ['request', 'resource'], message: `the API server serves no resource "${check.resource}"` });
    else if (check.subresource && !resource.subresources.includes(check.subresource)) {
      problems.push({ path: ['request', 'subresource'], message: `${check.resource} has no subresource "${check.subresource}"` });
    }
    if (resource && !resource.namespaced && check.namespace) problems.push({ path: ['request', 'namespace'], message: `${check.resource} are not namespaced` });
    return problems;
  }
  const resource = resolveKind(discovery, check.apiVersion, check.kind);
  if (!resource) {
    problems.push({ path: [check.type, 'kind'], message: `the API server serves no kind ${check.kind} in ${check.apiVersion}` });
    return problems;
  }
  if (!resource.namespaced && check.namespace) problems.push({ path: [check.type, 'namespace'], message: `${check.kind} is not namespaced` });
  const namespace = resource.namespaced && !(check.type === 'count' && check.allNamespaces) ? (check.namespace ?? 'default') : undefined;
  if (check.type === 'object' && Object.keys(check.columns).length > 0) {
    const table = client.listTable(refOf(resource), namespace, { limit: 1 });
    const names = table.ok ? table.value.columnDefinitions.map((c) => c.name.toUpperCase()) : [];
    for (const column of Object.keys(check.columns)) {
      if (!names.includes(column.toUpperCase())) {
        problems.push({ path: ['object', 'columns', column], message: `kubectl prints no column ${column} for ${check.kind} (columns: ${names.join(', ')})` });
      }
    }
  }
  if (check.type === 'count' && (check.labelSelector || check.fieldSelector)) {
    const listed = client.list(refOf(resource), namespace, { labelSelector: check.labelSelector, fieldSelector: check.fieldSelector, limit: 1 });
    if (!listed.ok) problems.push({ path: ['count', check.fieldSelector ? 'fieldSelector' : 'labelSelector'], message: listed.status.message ?? 'the API server rejects this selector' });
  }
  return problems;
}
