/**
 * `kubectl top node|pod`: kubectl 1.32's TopNodeOptions and TopPodOptions — argument and flag
 * checks, `error: Metrics API not available` when discovery has no metrics.k8s.io (no
 * metrics-server), then metrics.k8s.io/v1beta1 NodeMetrics/PodMetrics (and the Nodes'
 * allocatable, or the Pods when there are no metrics yet) printed by TopCmdPrinter.
 */
import type { Node, Pod } from '../../../../shared/api/core.js';
import type { Status } from '../../../../shared/api/meta.js';
import type { NodeMetrics, PodMetrics } from '../../../../shared/api/metrics.js';
import { formatGoDuration } from '../../../base/duration.js';
import type { ApiClient } from '../../../cluster/client/api-client.js';
import { NODES, NODE_METRICS, PODS, POD_METRICS } from '../../../cluster/client/resources.js';
import { KubectlError, formatStatusError } from '../../errors.js';
import type { FlagSpec } from '../../flags.js';
import { helpText } from '../../help.js';
import type { Invocation } from '../../invocation.js';
import { type SortBy, nodeMetricsTable, podMetricsTable } from './metrics-printer.js';

const NODE_FLAGS: FlagSpec[] = [
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'sort-by', type: 'string' },
  { name: 'no-headers', type: 'bool' },
  { name: 'use-protocol-buffers', type: 'bool' },
  { name: 'show-capacity', type: 'bool' },
];

const POD_FLAGS: FlagSpec[] = [
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'field-selector', type: 'string' },
  { name: 'sort-by', type: 'string' },
  { name: 'containers', type: 'bool' },
  { name: 'all-namespaces', short: 'A', type: 'bool' },
  { name: 'no-headers', type: 'bool' },
  { name: 'use-protocol-buffers', type: 'bool' },
  { name: 'sum', type: 'bool' },
];

const NODE_NAMES = ['node', 'nodes', 'no'];
const POD_NAMES = ['pod', 'pods', 'po'];

/** A pod's metrics appear within this long of its creation (kubectl's metricsCreationDelay). */
const METRICS_CREATION_DELAY_MS = 2 * 60_000;

/** The subcommand: the first argument that is not a flag. */
function subcommandOf(args: readonly string[]): string | undefined {
  return args.find((a) => !a.startsWith('-'));
}

export function topFlags(args: readonly string[]): FlagSpec[] {
  const sub = subcommandOf(args);
  if (sub && NODE_NAMES.includes(sub)) return NODE_FLAGS;
  if (sub && POD_NAMES.includes(sub)) return POD_FLAGS;
  return [];
}

function sortByFlag(inv: Invocation): SortBy {
  const sortBy = inv.flags.string('sort-by');
  if (sortBy && sortBy !== 'cpu' && sortBy !== 'memory') throw new KubectlError('error: --sort-by accepts only cpu or memory\n');
  return sortBy as SortBy;
}

/** SupportedMetricsAPIVersionAvailable: metrics-server registers metrics.k8s.io/v1beta1. */
function requireMetricsApi(client: ApiClient): void {
  if (!client.discovery().some((r) => r.group === NODE_METRICS.group && r.version === NODE_METRICS.version)) {
    throw new KubectlError('error: Metrics API not available\n');
  }
}

function orFail<T>(result: { ok: true; value: T } | { ok: false; status: Status }): T {
  if (!result.ok) throw new KubectlError(formatStatusError(result.status));
  return result.value;
}

async function runTopNode(inv: Invocation, args: string[]): Promise<number> {
  if (args.length > 1) throw new KubectlError("error: node [NAME | -l label]\nSee 'kubectl top node -h' for help and examples\n");
  const name = args[0] ?? '';
  const selector = inv.flags.string('selector');
  const sortBy = sortByFlag(inv);
  if (name && selector) throw new KubectlError('error: only one of NAME or --selector can be provided\n');
  const client = inv.client();
  requireMetricsApi(client);
  const metrics = name
    ? [orFail(client.get<NodeMetrics>(NODE_METRICS, undefined, name))]
    : orFail(client.list<NodeMetrics>(NODE_METRICS, undefined, { labelSelector: selector || undefined })).items;
  if (metrics.length === 0) throw new KubectlError('error: metrics not available yet\n');
  const nodes = name ? [orFail(client.get<Node>(NODES, undefined, name))] : orFail(client.list<Node>(NODES, undefined, { labelSelector: selector || undefined })).items;
  const capacity = inv.flags.bool('show-capacity');
  const available = new Map(nodes.map((n) => [n.metadata.name ?? '', (capacity ? n.status?.capacity : n.status?.allocatable) ?? {}]));
  inv.out(nodeMetricsTable(metrics, available, inv.flags.bool('no-headers'), sortBy));
  return 0;
}

/** verifyEmptyMetrics: Pods old enough to have metrics that have none are an error. */
function explainEmptyMetrics(inv: Invocation, client: ApiClient, name: string, query: { labelSelector?: string; fieldSelector?: string }): void {
  const pods = name ? [orFail(client.get<Pod>(PODS, inv.namespace, name))] : orFail(client.list<Pod>(PODS, inv.namespace, query)).items;
  if (pods.length === 0) return;
  for (const pod of pods) {
    const age = inv.env.now() - Date.parse(pod.metadata.creationTimestamp ?? '');
    if (age > METRICS_CREATION_DELAY_MS) {
      throw new KubectlError(`error: Metrics not available for pod ${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}, age: ${formatGoDuration(age)}\n`);
    }
  }
  throw new KubectlError('error: metrics not available yet\n');
}

async function runTopPod(inv: Invocation, args: string[]): Promise<number> {
  if (args.length > 1) throw new KubectlError("error: pod [NAME | -l label]\nSee 'kubectl top pod -h' for help and examples\n");
  const name = args[0] ?? '';
  const sortBy = sortByFlag(inv);
  const query = { labelSelector: inv.flags.string('selector') || undefined, fieldSelector: inv.flags.string('field-selector') || undefined };
  if (name && (query.labelSelector || query.fieldSelector)) throw new KubectlError('error: only one of NAME or selector can be provided\n');
  const allNamespaces = inv.flags.bool('all-namespaces');
  const client = inv.client();
  requireMetricsApi(client);
  const namespace = allNamespaces ? undefined : inv.namespace;
  const metrics = name ? [orFail(client.get<PodMetrics>(POD_METRICS, namespace, name))] : orFail(client.list<PodMetrics>(POD_METRICS, namespace, query)).items;
  if (metrics.length === 0) {
    explainEmptyMetrics(inv, client, name, query);
    inv.err(allNamespaces ? 'No resources found\n' : `No resources found in ${inv.namespace} namespace.\n`);
  }
  inv.out(
    podMetricsTable(metrics, {
      containers: inv.flags.bool('containers'),
      withNamespace: allNamespaces,
      noHeaders: inv.flags.bool('no-headers'),
      sortBy,
      sum: inv.flags.bool('sum'),
    }),
  );
  return 0;
}

export async function runTop(inv: Invocation): Promise<number> {
  const [sub, ...rest] = inv.flags.positional;
  if (sub === undefined) {
    inv.err(helpText(['top']));
    return 1;
  }
  if (NODE_NAMES.includes(sub)) return runTopNode(inv, rest);
  if (POD_NAMES.includes(sub)) return runTopPod(inv, rest);
  throw new KubectlError(`error: unknown command ${JSON.stringify(sub)}\nSee 'kubectl top -h' for help and examples\n`);
}
