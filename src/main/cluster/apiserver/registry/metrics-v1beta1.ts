/**
 * metrics.k8s.io/v1beta1 NodeMetrics (`nodes`) and PodMetrics (`pods`): metrics-server's API,
 * answered from a MetricsSource with nothing stored. get and list only; label selectors match the
 * Node's or Pod's labels. A missing object is the core NotFound (`pods "web" not found`), an object
 * without metrics yet is metrics-server's (`podmetrics.metrics.k8s.io "default/web" not found`).
 * Tables are metrics-server's: NAME, one column per resource, WINDOW.
 */
import type { Node, Pod } from '../../../../shared/api/core.js';
import type { KubeObject, Table, TableColumnDefinition } from '../../../../shared/api/meta.js';
import type { NodeMetrics, PodMetrics, ResourceUsage } from '../../../../shared/api/metrics.js';
import { rfc3339 } from '../../../base/duration.js';
import { parseQuantity } from '../../../base/quantity.js';
import type { MetricsSource } from '../../metrics/metrics-source.js';
import { formatCpuNanocores, formatMemoryKib } from '../../metrics/usage-quantity.js';
import { badRequest, notFound } from '../errors.js';
import { parseFieldSelector, parseLabelSelector } from '../selectors.js';
import type { ApiRequest } from '../types.js';
import type { ResourceDefinition, StrategyContext, VirtualResource } from './resource.js';

const GROUP = 'metrics.k8s.io';
const API_VERSION = 'metrics.k8s.io/v1beta1';
const NODE_METRICS = { group: GROUP, resource: 'nodemetrics' };
const POD_METRICS = { group: GROUP, resource: 'podmetrics' };

type Selection = { ok: true; matches: (obj: KubeObject) => boolean } | { ok: false; error: string };

/** The list's label and field selectors (metadata.name and metadata.namespace), as metrics-server filters. */
function selection(request: ApiRequest): Selection {
  const label = parseLabelSelector(request.query?.labelSelector);
  if (!label.ok) return { ok: false, error: label.error };
  const field = parseFieldSelector(request.query?.fieldSelector);
  if (!field.ok) return { ok: false, error: field.error };
  for (const r of field.selector.requirements) {
    if (r.field !== 'metadata.name' && r.field !== 'metadata.namespace') return { ok: false, error: `field label not supported: ${r.field}` };
  }
  return {
    ok: true,
    matches: (obj) =>
      label.selector.matches(obj.metadata.labels) &&
      field.selector.matches((name) => (name === 'metadata.name' ? obj.metadata.name : obj.metadata.namespace)),
  };
}

/** Sum of quantities by resource, for a pod's row (the containers added up). */
function sumUsage(usages: readonly ResourceUsage[]): Record<string, number> {
  const total: Record<string, number> = {};
  for (const usage of usages) {
    for (const [name, value] of Object.entries(usage)) total[name] = (total[name] ?? 0) + (parseQuantity(value) ?? 0);
  }
  return total;
}

/** A summed quantity as Quantity.String() writes it. */
function formatSum(name: string, value: number): string {
  if (name === 'cpu') return formatCpuNanocores(value * 1e9);
  if (name === 'memory') return formatMemoryKib(value / 1024);
  return String(value);
}

/** metrics-server's addNodeMetricsToTable / addPodMetricsToTable. */
function metricsTable(rows: ReadonlyArray<{ object: KubeObject; usage: ResourceUsage; window: string }>, resourceVersion?: string): Table {
  const names = Object.keys(rows[0]?.usage ?? {}).sort();
  // The columns come from the first row: an empty list has none.
  const columns: TableColumnDefinition[] = rows.length === 0 ? [] : [
    { name: 'Name', type: 'string', format: 'name', description: 'Name of the resource', priority: 0 },
    ...names.map((name) => ({ name, type: 'string', format: 'quantity', description: '', priority: 0 })),
    { name: 'Window', type: 'string', format: 'duration', description: '', priority: 0 },
  ];
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: resourceVersion ? { resourceVersion } : {},
    columnDefinitions: columns,
    rows: rows.map((row) => ({
      cells: [row.object.metadata.name ?? '', ...names.map((name) => row.usage[name] ?? '0'), row.window],
      object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: row.object.metadata },
    })),
  };
}

function nodeMetricsOf(node: Node, source: MetricsSource, ctx: StrategyContext): NodeMetrics | undefined {
  const name = node.metadata.name ?? '';
  const usage = source.nodeUsage(name);
  if (!usage) return undefined;
  return {
    kind: 'NodeMetrics',
    apiVersion: API_VERSION,
    // metrics-server stamps the object when it answers, and copies the Node's labels.
    metadata: { name, creationTimestamp: rfc3339(ctx.now()), ...(node.metadata.labels ? { labels: node.metadata.labels } : {}) },
    timestamp: usage.timestamp,
    window: usage.window,
    usage: usage.usage,
  };
}

function podMetricsOf(pod: Pod, source: MetricsSource, ctx: StrategyContext): PodMetrics | undefined {
  const namespace = pod.metadata.namespace ?? '';
  const name = pod.metadata.name ?? '';
  const usage = source.podUsage(namespace, name);
  if (!usage) return undefined;
  return {
    kind: 'PodMetrics',
    apiVersion: API_VERSION,
    metadata: { name, namespace, creationTimestamp: rfc3339(ctx.now()), ...(pod.metadata.labels ? { labels: pod.metadata.labels } : {}) },
    timestamp: usage.timestamp,
    window: usage.window,
    containers: usage.containers,
  };
}

function podRowUsage(metrics: PodMetrics): ResourceUsage {
  const total = sumUsage(metrics.containers.map((c) => c.usage));
  return Object.fromEntries(Object.entries(total).map(([name, value]) => [name, formatSum(name, value)]));
}

function nodeMetricsVirtual(source: MetricsSource): VirtualResource {
  return {
    get(request, ctx) {
      const name = request.name ?? '';
      const node = ctx.get('', 'nodes', undefined, name) as Node | undefined;
      if (!node) return { ok: false, status: notFound({ group: '', resource: 'nodes' }, name) };
      const metrics = nodeMetricsOf(node, source, ctx);
      if (!metrics) return { ok: false, status: notFound(NODE_METRICS, name) };
      if (request.query?.asTable) return { ok: true, code: 200, value: metricsTable([{ object: metrics, usage: metrics.usage, window: metrics.window }]) };
      return { ok: true, code: 200, value: metrics };
    },
    list(request, ctx) {
      const selected = selection(request);
      if (!selected.ok) return { ok: false, status: badRequest(selected.error) };
      const items = (ctx.list('', 'nodes') as Node[])
        .filter((node) => selected.matches(node))
        .flatMap((node) => nodeMetricsOf(node, source, ctx) ?? []);
      if (request.query?.asTable) return { ok: true, code: 200, value: metricsTable(items.map((m) => ({ object: m, usage: m.usage, window: m.window }))) };
      return { ok: true, code: 200, value: { kind: 'NodeMetricsList', apiVersion: API_VERSION, metadata: {}, items } };
    },
  };
}

function podMetricsVirtual(source: MetricsSource): VirtualResource {
  return {
    get(request, ctx) {
      const namespace = request.namespace ?? '';
      const name = request.name ?? '';
      const pod = ctx.get('', 'pods', namespace, name) as Pod | undefined;
      if (!pod) return { ok: false, status: notFound({ group: '', resource: 'pods' }, name) };
      const metrics = podMetricsOf(pod, source, ctx);
      if (!metrics) return { ok: false, status: notFound(POD_METRICS, `${namespace}/${name}`) };
      if (request.query?.asTable) return { ok: true, code: 200, value: metricsTable([{ object: metrics, usage: podRowUsage(metrics), window: metrics.window }]) };
      return { ok: true, code: 200, value: metrics };
    },
    list(request, ctx) {
      const selected = selection(request);
      if (!selected.ok) return { ok: false, status: badRequest(selected.error) };
      const items = (ctx.listIn('', 'pods', request.namespace) as Pod[])
        .filter((pod) => selected.matches(pod))
        .flatMap((pod) => podMetricsOf(pod, source, ctx) ?? []);
      if (request.query?.asTable) return { ok: true, code: 200, value: metricsTable(items.map((m) => ({ object: m, usage: podRowUsage(m), window: m.window }))) };
      return { ok: true, code: 200, value: { kind: 'PodMetricsList', apiVersion: API_VERSION, metadata: {}, items } };
    },
  };
}

const NO_STRATEGY = {};

/** The metrics.k8s.io/v1beta1 resources, answered from `source`. */
export function metricsResources(source: MetricsSource): readonly ResourceDefinition[] {
  return [
    {
      group: GROUP,
      version: 'v1beta1',
      kind: 'NodeMetrics',
      plural: 'nodes',
      singular: '',
      namespaced: false,
      shortNames: [],
      categories: [],
      storagePrefix: 'metrics.k8s.io/nodes',
      verbs: ['get', 'list'],
      subresources: [],
      strategy: NO_STRATEGY,
      virtual: nodeMetricsVirtual(source),
    },
    {
      group: GROUP,
      version: 'v1beta1',
      kind: 'PodMetrics',
      plural: 'pods',
      singular: '',
      namespaced: true,
      shortNames: [],
      categories: [],
      storagePrefix: 'metrics.k8s.io/pods',
      verbs: ['get', 'list'],
      subresources: [],
      strategy: NO_STRATEGY,
      virtual: podMetricsVirtual(source),
    },
  ];
}

