/**
 * The HPA's replica calculator for Resource metrics (pkg/controller/podautoscaler
 * replica_calculator.go): from the Pods a target selects and their metrics.k8s.io usage, the
 * replica count that brings the average to the target — a utilization (percent of requests) or a
 * raw average value — with the 10% tolerance, and Kubernetes' treatment of Pods without metrics
 * (assumed at the target or 100% on a scale-down, at 0 on a scale-up) and of unready Pods (left out,
 * or counted at 0 on a scale-up). Pure: time comes in as `now`.
 */
import type { Container, Pod } from '../../../../shared/api/core.js';

/** Errors are values: the text Kubernetes wraps into its events and conditions. */
export type Result<T, E = string> = { ok: true; value: T } | { ok: false; error: E };

/** --horizontal-pod-autoscaler-tolerance */
export const TOLERANCE = 0.1;
/** --horizontal-pod-autoscaler-cpu-initialization-period */
export const CPU_INITIALIZATION_PERIOD_MS = 5 * 60 * 1000;
/** --horizontal-pod-autoscaler-initial-readiness-delay */
export const DELAY_OF_INITIAL_READINESS_STATUS_MS = 30 * 1000;

/** One Pod's usage of a resource, in milli-units, as the metrics client sums its containers. */
export interface PodMetric {
  timestamp: number;
  windowMs: number;
  value: number;
}

export type PodMetrics = Map<string, PodMetric>;

export interface UtilizationProposal {
  replicas: number;
  /** The average utilization, percent of requests. */
  utilization: number;
  /** The average usage per Pod, milli-units. */
  rawAverage: number;
}

export interface AverageValueProposal {
  replicas: number;
  /** The average usage per Pod, milli-units. */
  usage: number;
}

interface Groups {
  readyPodCount: number;
  unready: Set<string>;
  missing: Set<string>;
  ignored: Set<string>;
}

function parseTime(text: string | null | undefined): number | undefined {
  if (!text) return undefined;
  const t = Date.parse(text);
  return Number.isFinite(t) ? t : undefined;
}

/** groupPods: Pods counted, unready (Pending, or CPU not yet trustworthy), without metrics, and ignored (deleting, Failed). */
function groupPods(pods: readonly Pod[], metrics: PodMetrics, resource: string, now: number): Groups {
  const groups: Groups = { readyPodCount: 0, unready: new Set(), missing: new Set(), ignored: new Set() };
  for (const pod of pods) {
    const name = pod.metadata.name ?? '';
    if (pod.metadata.deletionTimestamp || pod.status?.phase === 'Failed') {
      groups.ignored.add(name);
      continue;
    }
    if (pod.status?.phase === 'Pending') {
      groups.unready.add(name);
      continue;
    }
    const metric = metrics.get(name);
    if (!metric) {
      groups.missing.add(name);
      continue;
    }
    if (resource === 'cpu' && cpuSampleUnready(pod, metric, now)) {
      groups.unready.add(name);
      continue;
    }
    groups.readyPodCount++;
  }
  return groups;
}

/**
 * A CPU sample is not trusted while the Pod is initializing (within 5 minutes of its start) if it is
 * not Ready or the sample predates a full window since it became Ready; after that, only if it has
 * never been Ready (still not Ready and no transition since 30s after start).
 */
function cpuSampleUnready(pod: Pod, metric: PodMetric, now: number): boolean {
  const ready = pod.status?.conditions?.find((c) => c.type === 'Ready');
  const started = parseTime(pod.status?.startTime);
  if (!ready || started === undefined) return true;
  const transition = parseTime(ready.lastTransitionTime) ?? 0;
  if (started + CPU_INITIALIZATION_PERIOD_MS > now) {
    return ready.status === 'False' || metric.timestamp < transition + metric.windowMs;
  }
  return ready.status === 'False' && started + DELAY_OF_INITIAL_READINESS_STATUS_MS > transition;
}

function milliRequest(container: Container, resource: string): number | undefined {
  const text = container.resources?.requests?.[resource];
  if (text === undefined) return undefined;
  return quantityMilli(text);
}

/** resource.Quantity.MilliValue(): rounded up. */
export function quantityMilli(text: string): number {
  const m = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:(Ki|Mi|Gi|Ti|Pi|Ei)|([eE][+-]?\d+)|(n|u|m|k|M|G|T|P|E))?$/.exec(text.trim());
  if (!m) return 0;
  const binary: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
  const decimalExponent: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
  const n = Number(m[1]);
  if (m[2]) return Math.ceil(n * binary[m[2]]! * 1000);
  const exponent = (m[3] ? Number(m[3].slice(1)) : decimalExponent[m[4] ?? '']!) + 3;
  // Scale by powers of ten in integer steps where possible, so 250m is exactly 250.
  const scaled = exponent >= 0 ? n * 10 ** exponent : n / 10 ** -exponent;
  return Math.ceil(Math.round(scaled * 1e6) / 1e6);
}

/** calculatePodRequests: the Pods' summed requests (containers and sidecar init containers, or the one `container`), milli-units. */
function podRequests(pods: readonly Pod[], resource: string, container: string): Result<Map<string, number>, string> {
  const requests = new Map<string, number>();
  for (const pod of pods) {
    const containers = [...pod.spec.containers, ...(pod.spec.initContainers ?? []).filter((c) => (c as { restartPolicy?: string }).restartPolicy === 'Always')];
    let sum = 0;
    for (const c of containers) {
      if (container !== '' && c.name !== container) continue;
      const request = milliRequest(c, resource);
      if (request === undefined) return { ok: false, error: `missing request for ${resource} in container ${c.name} of Pod ${pod.metadata.name ?? ''}` };
      sum += request;
    }
    requests.set(pod.metadata.name ?? '', sum);
  }
  return { ok: true, value: requests };
}

/** GetResourceUtilizationRatio: integer percent of the summed requests, as the metrics client computes it. */
function utilizationRatio(metrics: PodMetrics, requests: Map<string, number>, target: number): Result<{ ratio: number; utilization: number; rawAverage: number }, string> {
  let metricsTotal = 0;
  let requestsTotal = 0;
  let entries = 0;
  for (const [name, metric] of metrics) {
    const request = requests.get(name);
    if (request === undefined) continue;
    metricsTotal += metric.value;
    requestsTotal += request;
    entries++;
  }
  if (requestsTotal === 0) return { ok: false, error: 'no metrics returned matched known pods' };
  const utilization = Math.trunc((metricsTotal * 100) / requestsTotal);
  return { ok: true, value: { ratio: utilization / target, utilization, rawAverage: Math.trunc(metricsTotal / entries) } };
}

function removeAll(metrics: PodMetrics, names: Set<string>): void {
  for (const name of names) metrics.delete(name);
}

/**
 * The replica count once missing and unready Pods are filled in, or the current one when the
 * change is within tolerance or would reverse the direction of the first estimate.
 */
function correctedReplicas(currentReplicas: number, usageRatio: number, newUsageRatio: number, counted: number): number {
  if (Math.abs(1 - newUsageRatio) <= TOLERANCE || (usageRatio < 1 && newUsageRatio > 1) || (usageRatio > 1 && newUsageRatio < 1)) return currentReplicas;
  const replicas = Math.ceil(newUsageRatio * counted);
  if ((newUsageRatio < 1 && replicas > currentReplicas) || (newUsageRatio > 1 && replicas < currentReplicas)) return currentReplicas;
  return replicas;
}

/** GetResourceReplicas: `metrics` is consumed (Pods are removed and filled in); `container` '' for the whole Pod. */
export function resourceReplicas(
  currentReplicas: number,
  targetUtilization: number,
  resource: string,
  pods: readonly Pod[],
  metrics: PodMetrics,
  now: number,
  container = '',
): Result<UtilizationProposal, string> {
  if (pods.length === 0) return { ok: false, error: 'no pods returned by selector while calculating replica count' };
  const groups = groupPods(pods, metrics, resource, now);
  removeAll(metrics, groups.ignored);
  removeAll(metrics, groups.unready);
  if (metrics.size === 0) return { ok: false, error: 'did not receive metrics for targeted pods (pods might be unready)' };
  const requests = podRequests(pods, resource, container);
  if (!requests.ok) return requests;
  const first = utilizationRatio(metrics, requests.value, targetUtilization);
  if (!first.ok) return first;
  const { ratio, utilization, rawAverage } = first.value;
  const scaleUpWithUnready = groups.unready.size > 0 && ratio > 1;
  if (!scaleUpWithUnready && groups.missing.size === 0) {
    if (Math.abs(1 - ratio) <= TOLERANCE) return { ok: true, value: { replicas: currentReplicas, utilization, rawAverage } };
    return { ok: true, value: { replicas: Math.ceil(ratio * groups.readyPodCount), utilization, rawAverage } };
  }
  if (groups.missing.size > 0) {
    // A scale-down assumes the missing Pods use all they requested (or the target, if above 100%); a scale-up, nothing.
    const fallback = Math.max(100, targetUtilization);
    for (const name of groups.missing) {
      if (ratio < 1) metrics.set(name, { timestamp: 0, windowMs: 0, value: Math.trunc(((requests.value.get(name) ?? 0) * fallback) / 100) });
      else if (ratio > 1) metrics.set(name, { timestamp: 0, windowMs: 0, value: 0 });
    }
  }
  if (scaleUpWithUnready) for (const name of groups.unready) metrics.set(name, { timestamp: 0, windowMs: 0, value: 0 });
  const second = utilizationRatio(metrics, requests.value, targetUtilization);
  if (!second.ok) return second;
  return { ok: true, value: { replicas: correctedReplicas(currentReplicas, ratio, second.value.ratio, metrics.size), utilization, rawAverage } };
}

/** GetMetricUsageRatio: the integer average against the target. */
function usageRatio(metrics: PodMetrics, target: number): { ratio: number; usage: number } {
  let total = 0;
  for (const metric of metrics.values()) total += metric.value;
  const usage = Math.trunc(total / metrics.size);
  return { ratio: usage / target, usage };
}

/** GetRawResourceReplicas (calcPlainMetricReplicas): an averageValue target, milli-units. */
export function rawResourceReplicas(
  currentReplicas: number,
  targetUsage: number,
  resource: string,
  pods: readonly Pod[],
  metrics: PodMetrics,
  now: number,
): Result<AverageValueProposal, string> {
  if (pods.length === 0) return { ok: false, error: 'no pods returned by selector while calculating replica count' };
  const groups = groupPods(pods, metrics, resource, now);
  removeAll(metrics, groups.ignored);
  removeAll(metrics, groups.unready);
  if (metrics.size === 0) return { ok: false, error: 'did not receive metrics for targeted pods (pods might be unready)' };
  const { ratio, usage } = usageRatio(metrics, targetUsage);
  const scaleUpWithUnready = groups.unready.size > 0 && ratio > 1;
  if (!scaleUpWithUnready && groups.missing.size === 0) {
    if (Math.abs(1 - ratio) <= TOLERANCE) return { ok: true, value: { replicas: currentReplicas, usage } };
    return { ok: true, value: { replicas: Math.ceil(ratio * groups.readyPodCount), usage } };
  }
  for (const name of groups.missing) metrics.set(name, { timestamp: 0, windowMs: 0, value: ratio < 1 ? targetUsage : 0 });
  if (scaleUpWithUnready) for (const name of groups.unready) metrics.set(name, { timestamp: 0, windowMs: 0, value: 0 });
  const second = usageRatio(metrics, targetUsage);
  return { ok: true, value: { replicas: correctedReplicas(currentReplicas, ratio, second.ratio, metrics.size), usage } };
}

/** resource.NewMilliQuantity(v, DecimalSI).String(): `250m`, `1`, `120M`. */
export function formatMilliDecimal(milli: number): string {
  if (milli === 0) return '0';
  if (milli % 1000 !== 0) return `${milli}m`;
  let n = milli / 1000;
  let step = 0;
  const suffixes = ['', 'k', 'M', 'G', 'T', 'P', 'E'];
  while (n % 1000 === 0 && step < suffixes.length - 1) {
    n /= 1000;
    step++;
  }
  return `${n}${suffixes[step]!}`;
}
