/**
 * The horizontal Pod autoscaler controller (kube-controller-manager `horizontalpodautoscaling`,
 * pkg/controller/podautoscaler): every 15 seconds (--horizontal-pod-autoscaler-sync-period) each
 * HPA reads its target's `/scale`, the selected Pods' usage from metrics.k8s.io, computes the
 * desired replicas for its Resource metrics, stabilizes and rate-limits them, writes the Scale and
 * the HPA's status — currentReplicas, desiredReplicas, currentMetrics, lastScaleTime and the
 * AbleToScale / ScalingActive / ScalingLimited conditions — with Kubernetes' events
 * (SuccessfulRescale, FailedGetScale, FailedGetResourceMetric, FailedComputeMetricsReplicas …).
 * Resource and ContainerResource metrics are computed; Pods, Object and External metrics need
 * custom/external metrics adapters the lab does not serve, and fail as they do without one.
 */
import type { HorizontalPodAutoscaler, HorizontalPodAutoscalerCondition, HorizontalPodAutoscalerStatus, MetricSpec, MetricStatus, MetricValueStatus, Scale } from '../../../../shared/api/autoscaling.js';
import type { Pod } from '../../../../shared/api/core.js';
import type { PodMetrics as PodMetricsObject } from '../../../../shared/api/metrics.js';
import { type Disposable, DisposableStore, toDisposable } from '../../../../shared/lifecycle.js';
import type { Clock } from '../../../base/clock.js';
import { canonicalJson } from '../../../base/canonical-json.js';
import { parseDuration, rfc3339 } from '../../../base/duration.js';
import type { ApiClient } from '../../client/api-client.js';
import { EventRecorder } from '../../client/event-recorder.js';
import { Informer, objectKey } from '../../client/informer.js';
import { HORIZONTAL_POD_AUTOSCALERS, POD_METRICS, PODS, type ResourceRef } from '../../client/resources.js';
import { WorkQueue } from '../../client/work-queue.js';
import { type PodMetrics, type Result, formatMilliDecimal, quantityMilli, rawResourceReplicas, resourceReplicas } from './replica-calculator.js';
import { type ConditionVerdict, type ScalingMemory, newMemory, normalizeWithBehavior, normalizeWithoutBehavior, storeScaleEvent } from './scaling-rules.js';

/** --horizontal-pod-autoscaler-sync-period */
export const HPA_SYNC_PERIOD_MS = 15_000;

interface MetricOutcome {
  replicas: number;
  /** `cpu resource utilization (percentage of request)`, as the rescale reason names it. */
  name: string;
  status: MetricStatus;
}

/** A metric that failed: the ScalingActive condition to report if none works, and the error. */
interface MetricFailure {
  condition: ConditionVerdict;
  error: string;
}

type Computed = { ok: true; replicas: number; metric: string; statuses: MetricStatus[]; partialError?: string } | { ok: false; statuses: MetricStatus[] | null; error: string };

export class HorizontalPodAutoscalerController implements Disposable {
  private readonly disposables = new DisposableStore();
  private readonly hpas: Informer<HorizontalPodAutoscaler>;
  private readonly queue: WorkQueue;
  /** The resync delay per HPA (the rate limiter's fixed 15s): a key already waiting is not pushed back. */
  private readonly waiting = new Map<string, Disposable>();
  /** Recommendations and scale events: kube-controller-manager keeps them only in memory. */
  private readonly memory = new Map<string, ScalingMemory>();
  private readonly recorder: EventRecorder;

  constructor(
    private readonly client: ApiClient,
    private readonly clock: Clock,
  ) {
    this.hpas = this.disposables.add(new Informer<HorizontalPodAutoscaler>(client, HORIZONTAL_POD_AUTOSCALERS));
    this.queue = this.disposables.add(new WorkQueue(clock, (key) => this.process(key)));
    this.recorder = new EventRecorder(client, clock, { component: 'horizontal-pod-autoscaler' });
    this.disposables.add(this.hpas.onDidChange((change) => (change.type === 'delete' ? undefined : this.enqueueRateLimited(objectKey(change.object)))));
    this.disposables.add(
      toDisposable(() => {
        for (const timer of this.waiting.values()) timer.dispose();
        this.waiting.clear();
      }),
    );
  }

  start(): void {
    this.hpas.start();
  }

  /** AddRateLimited with the HPA's fixed-interval limiter: every add waits one sync period. */
  private enqueueRateLimited(key: string): void {
    if (this.waiting.has(key)) return;
    this.waiting.set(
      key,
      this.clock.schedule(
        HPA_SYNC_PERIOD_MS,
        () => {
          this.waiting.delete(key);
          this.queue.add(key);
        },
        { background: true },
      ),
    );
  }

  private process(key: string): void {
    const hpa = this.hpas.get(key);
    if (!hpa) {
      this.memory.delete(key);
      return;
    }
    this.reconcile(key, structuredClone(hpa));
    this.enqueueRateLimited(key);
  }

  private reconcile(key: string, hpa: HorizontalPodAutoscaler): void {
    const original = structuredClone(hpa.status ?? { desiredReplicas: 0 });
    const status: HorizontalPodAutoscalerStatus = (hpa.status ??= { desiredReplicas: 0 });
    const now = this.clock.now();
    const target = this.scaleTarget(hpa);
    const scale = target.ok ? this.getScale(target.value, hpa) : target;
    if (!scale.ok) {
      this.recorder.event(hpa, 'Warning', 'FailedGetScale', scale.error);
      this.setCondition(hpa, 'AbleToScale', { status: 'False', reason: 'FailedGetScale', message: `the HPA controller was unable to get the target's current scale: ${scale.error}` });
      this.updateStatusIfNeeded(hpa, original);
      return;
    }
    this.setCondition(hpa, 'AbleToScale', { status: 'True', reason: 'SucceededGetScale', message: "the HPA controller was able to get the target's current scale" });
    const currentReplicas = scale.value.spec.replicas ?? 0;
    let memory = this.memory.get(key);
    if (!memory) this.memory.set(key, (memory = newMemory(currentReplicas, now)));
    const minReplicas = hpa.spec.minReplicas ?? 1;
    let desiredReplicas = 0;
    let rescaleReason = '';
    let rescale = true;
    let metricStatuses: MetricStatus[] | null = null;
    if (currentReplicas === 0 && minReplicas !== 0) {
      desiredReplicas = 0;
      rescale = false;
      this.setCondition(hpa, 'ScalingActive', { status: 'False', reason: 'ScalingDisabled', message: 'scaling is disabled since the replica count of the target is zero' });
    } else if (currentReplicas > hpa.spec.maxReplicas) {
      rescaleReason = 'Current number of replicas above Spec.MaxReplicas';
      desiredReplicas = hpa.spec.maxReplicas;
    } else if (currentReplicas < minReplicas) {
      rescaleReason = 'Current number of replicas below Spec.MinReplicas';
      desiredReplicas = minReplicas;
    } else {
      const computed = this.computeReplicasForMetrics(hpa, scale.value, now);
      metricStatuses = computed.statuses;
      if (!computed.ok) {
        setStatus(hpa, currentReplicas, status.desiredReplicas, computed.statuses, false, now);
        this.updateStatusIfNeeded(hpa, original);
        this.recorder.event(hpa, 'Warning', 'FailedComputeMetricsReplicas', computed.error);
        return;
      }
      let rescaleMetric = '';
      if (computed.replicas > desiredReplicas) {
        desiredReplicas = computed.replicas;
        rescaleMetric = computed.metric;
      }
      if (desiredReplicas > currentReplicas) rescaleReason = `${rescaleMetric} above target`;
      if (desiredReplicas < currentReplicas) rescaleReason = 'All metrics below target';
      const normalized = hpa.spec.behavior
        ? normalizeWithBehavior(hpa, memory, currentReplicas, desiredReplicas, minReplicas, now)
        : normalizeWithoutBehavior(memory, currentReplicas, desiredReplicas, minReplicas, hpa.spec.maxReplicas, now);
      this.setCondition(hpa, 'AbleToScale', normalized.ableToScale);
      this.setCondition(hpa, 'ScalingLimited', normalized.scalingLimited);
      desiredReplicas = normalized.replicas;
      rescale = desiredReplicas !== currentReplicas;
    }
    if (rescale && target.ok) {
      const written = this.client.request<Scale>({
        verb: 'update',
        ...target.value,
        subresource: 'scale',
        namespace: hpa.metadata.namespace,
        name: hpa.spec.scaleTargetRef.name,
        body: { ...scale.value, spec: { replicas: desiredReplicas } },
      });
      if (!written.ok) {
        const error = written.status.message ?? '';
        this.recorder.event(hpa, 'Warning', 'FailedRescale', `New size: ${desiredReplicas}; reason: ${rescaleReason}; error: ${error}`);
        this.setCondition(hpa, 'AbleToScale', { status: 'False', reason: 'FailedUpdateScale', message: `the HPA controller was unable to update the target scale: ${error}` });
        setStatus(hpa, currentReplicas, status.desiredReplicas, metricStatuses, false, now);
        this.updateStatusIfNeeded(hpa, original);
        return;
      }
      this.setCondition(hpa, 'AbleToScale', { status: 'True', reason: 'SucceededRescale', message: `the HPA controller was able to update the target scale to ${desiredReplicas}` });
      this.recorder.event(hpa, 'Normal', 'SuccessfulRescale', `New size: ${desiredReplicas}; reason: ${rescaleReason}`);
      storeScaleEvent(hpa, memory, currentReplicas, desiredReplicas, now);
    } else {
      desiredReplicas = currentReplicas;
    }
    setStatus(hpa, currentReplicas, desiredReplicas, metricStatuses, rescale, now);
    this.updateStatusIfNeeded(hpa, original);
  }

  /** The target's resource from discovery (RESTMappings of its group and kind). */
  private scaleTarget(hpa: HorizontalPodAutoscaler): Result<ResourceRef> {
    const ref = hpa.spec.scaleTargetRef;
    const apiVersion = ref.apiVersion ?? '';
    const parts = apiVersion.split('/');
    if (parts.length > 2) return { ok: false, error: `unexpected GroupVersion string: ${apiVersion}` };
    const group = parts.length === 2 ? parts[0]! : '';
    const found = this.client.discovery().filter((r) => r.group === group && r.kind === ref.kind && !r.name.includes('/'));
    const preferred = found.find((r) => parts.length === 2 && r.version === parts[1]) ?? found[0];
    if (!preferred) return { ok: false, error: `no matches for kind "${ref.kind}" in group "${group}"` };
    return { ok: true, value: { group: preferred.group, version: preferred.version, resource: preferred.name } };
  }

  private getScale(ref: ResourceRef, hpa: HorizontalPodAutoscaler): Result<Scale> {
    const got = this.client.request<Scale>({ verb: 'get', ...ref, subresource: 'scale', namespace: hpa.metadata.namespace, name: hpa.spec.scaleTargetRef.name });
    return got.ok ? { ok: true, value: got.value } : { ok: false, error: got.status.message ?? '' };
  }

  /** computeReplicasForMetrics: the largest proposal; all metrics invalid (or some, on a scale-down) is an error. */
  private computeReplicasForMetrics(hpa: HorizontalPodAutoscaler, scale: Scale, now: number): Computed {
    const selected = this.selectedPods(hpa, scale);
    if (!selected.ok) return { ok: false, statuses: null, error: selected.error };
    const pods = selected.value;
    const specs = hpa.spec.metrics ?? [];
    const specReplicas = scale.spec.replicas ?? 0;
    const statuses: MetricStatus[] = specs.map(() => ({ type: '' }));
    let replicas = 0;
    let metric = '';
    let invalid = 0;
    let firstFailure: MetricFailure | undefined;
    for (const [i, spec] of specs.entries()) {
      const outcome = this.computeReplicasForMetric(hpa, spec, specReplicas, scale.status.selector ?? '', pods, now);
      if (!outcome.ok) {
        firstFailure ??= outcome.error;
        invalid++;
        continue;
      }
      statuses[i] = outcome.value.status;
      if (replicas === 0 || outcome.value.replicas > replicas) {
        replicas = outcome.value.replicas;
        metric = outcome.value.name;
      }
    }
    const error = firstFailure ? `invalid metrics (${invalid} invalid out of ${specs.length}), first error is: ${firstFailure.error}` : undefined;
    if (firstFailure && (invalid >= specs.length || replicas < specReplicas)) {
      this.setCondition(hpa, 'ScalingActive', firstFailure.condition);
      return { ok: false, statuses, error: error ?? '' };
    }
    this.setCondition(hpa, 'ScalingActive', { status: 'True', reason: 'ValidMetricFound', message: `the HPA was able to successfully calculate a replica count from ${metric}` });
    return { ok: true, replicas, metric, statuses, ...(error ? { partialError: error } : {}) };
  }

  /**
   * validateAndParseSelector, then the Pods it selects. Listed through the API server with the
   * Scale's selector rather than from a Pod informer: the same Pods, without this controller
   * holding a second copy of every Pod in the cluster for a query it makes once per sync.
   */
  private selectedPods(hpa: HorizontalPodAutoscaler, scale: Scale): Result<Pod[]> {
    const text = scale.status.selector ?? '';
    if (text === '') {
      this.recorder.event(hpa, 'Warning', 'SelectorRequired', 'selector is required');
      this.setCondition(hpa, 'ScalingActive', { status: 'False', reason: 'InvalidSelector', message: "the HPA target's scale is missing a selector" });
      return { ok: false, error: 'selector is required' };
    }
    const listed = this.client.list<Pod>(PODS, hpa.metadata.namespace, { labelSelector: text });
    if (!listed.ok) {
      const message = `couldn't convert selector into a corresponding internal selector object: ${listed.status.message ?? ''}`;
      this.recorder.event(hpa, 'Warning', 'InvalidSelector', message);
      this.setCondition(hpa, 'ScalingActive', { status: 'False', reason: 'InvalidSelector', message });
      return { ok: false, error: message };
    }
    return { ok: true, value: listed.value.items };
  }

  private computeReplicasForMetric(hpa: HorizontalPodAutoscaler, spec: MetricSpec, specReplicas: number, selector: string, pods: readonly Pod[], now: number): Result<MetricOutcome, MetricFailure> {
    const namespace = hpa.metadata.namespace ?? '';
    if (spec.type === 'Resource' && spec.resource) {
      const resource = spec.resource.name;
      const computed = this.computeResourceMetric(spec.resource.target, resource, '', specReplicas, selector, namespace, pods, now);
      if (!computed.ok) return { ok: false, error: this.unableToCompute(hpa, 'FailedGetResourceMetric', computed.error, `failed to get ${resource} resource metric value`) };
      return { ok: true, value: { ...computed.value, status: { type: 'Resource', resource: { name: resource, current: computed.value.current } } } };
    }
    if (spec.type === 'ContainerResource' && spec.containerResource) {
      const { name: resource, container } = spec.containerResource;
      const computed = this.computeResourceMetric(spec.containerResource.target, resource, container, specReplicas, selector, namespace, pods, now);
      if (!computed.ok) return { ok: false, error: this.unableToCompute(hpa, 'FailedGetContainerResourceMetric', computed.error, `failed to get ${container} container metric value`) };
      return { ok: true, value: { ...computed.value, status: { type: 'ContainerResource', containerResource: { name: resource, container, current: computed.value.current } } } };
    }
    if (spec.type === 'Pods' && spec.pods) {
      // The lab serves no custom.metrics.k8s.io: what the custom metrics client says without an adapter.
      const error = `unable to get metric ${spec.pods.metric.name}: unable to fetch metrics from custom metrics API: no custom metrics API (custom.metrics.k8s.io) registered`;
      return { ok: false, error: this.unableToCompute(hpa, 'FailedGetPodsMetric', error, 'failed to get pods metric value') };
    }
    // Object and External metrics need adapters the lab does not have.
    return { ok: false, error: this.unableToCompute(hpa, 'InvalidMetricSourceType', `unknown metric source type "${spec.type}"`) };
  }

  /** getUnableComputeReplicaCountCondition: the event carries the inner error; the returned one is wrapped by `context`. */
  private unableToCompute(hpa: HorizontalPodAutoscaler, reason: string, error: string, context?: string): MetricFailure {
    this.recorder.event(hpa, 'Warning', reason, error);
    return {
      condition: { status: 'False', reason, message: `the HPA was unable to compute the replica count: ${error}` },
      error: context ? `${context}: ${error}` : error,
    };
  }

  /** computeStatusForResourceMetricGeneric */
  private computeResourceMetric(
    target: NonNullable<MetricSpec['resource']>['target'],
    resource: string,
    container: string,
    specReplicas: number,
    selector: string,
    namespace: string,
    pods: readonly Pod[],
    now: number,
  ): Result<{ replicas: number; name: string; current: MetricValueStatus }> {
    if (target.averageValue !== undefined) {
      const metrics = this.resourceMetrics(resource, container, namespace, selector);
      if (!metrics.ok) return { ok: false, error: `failed to get ${resource} usage: unable to get metrics for resource ${resource}: ${metrics.error}` };
      const raw = rawResourceReplicas(specReplicas, quantityMilli(target.averageValue), resource, pods, metrics.value, now);
      if (!raw.ok) return { ok: false, error: `failed to get ${resource} usage: ${raw.error}` };
      return { ok: true, value: { replicas: raw.value.replicas, name: `${resource} resource`, current: { averageValue: formatMilliDecimal(raw.value.usage) } } };
    }
    if (target.averageUtilization === undefined) {
      return { ok: false, error: 'invalid resource metric source: neither an average utilization target nor an average value (usage) target was set' };
    }
    const metrics = this.resourceMetrics(resource, container, namespace, selector);
    if (!metrics.ok) return { ok: false, error: `failed to get ${resource} utilization: unable to get metrics for resource ${resource}: ${metrics.error}` };
    const proposal = resourceReplicas(specReplicas, target.averageUtilization, resource, pods, metrics.value, now, container);
    if (!proposal.ok) return { ok: false, error: `failed to get ${resource} utilization: ${proposal.error}` };
    return {
      ok: true,
      value: {
        replicas: proposal.value.replicas,
        name: container ? `${resource} container resource utilization (percentage of request)` : `${resource} resource utilization (percentage of request)`,
        current: { averageUtilization: proposal.value.utilization, averageValue: formatMilliDecimal(proposal.value.rawAverage) },
      },
    };
  }

  /**
   * The resource metrics client: PodMetrics listed by the target's selector, containers summed (a
   * Pod missing a container's value is left out) — or the one `container`, which every Pod must report.
   */
  private resourceMetrics(resource: string, container: string, namespace: string, selector: string): Result<PodMetrics> {
    const listed = this.client.list<PodMetricsObject>(POD_METRICS, namespace, { labelSelector: selector });
    if (!listed.ok) return { ok: false, error: `unable to fetch metrics from resource metrics API: ${listed.status.message ?? ''}` };
    if (listed.value.items.length === 0) return { ok: false, error: 'no metrics returned from resource metrics API' };
    const metrics: PodMetrics = new Map();
    for (const item of listed.value.items) {
      const at = { timestamp: Date.parse(item.timestamp), windowMs: parseDuration(item.window) ?? 0 };
      if (container) {
        const found = item.containers.find((c) => c.name === container);
        if (!found) return { ok: false, error: `failed to get container metrics: container ${container} not present in metrics for pod ${item.metadata.namespace ?? ''}/${item.metadata.name ?? ''}` };
        const value = found.usage[resource];
        if (value !== undefined) metrics.set(item.metadata.name ?? '', { ...at, value: quantityMilli(value) });
        continue;
      }
      let sum = 0;
      let missing = item.containers.length === 0;
      for (const container of item.containers) {
        const value = container.usage[resource];
        if (value === undefined) {
          missing = true;
          break;
        }
        sum += quantityMilli(value);
      }
      if (!missing) metrics.set(item.metadata.name ?? '', { ...at, value: sum });
    }
    return { ok: true, value: metrics };
  }

  /** setCondition: the transition time moves only when the status does. */
  private setCondition(hpa: HorizontalPodAutoscaler, type: string, verdict: ConditionVerdict): void {
    const status = (hpa.status ??= { desiredReplicas: 0 });
    const conditions = (status.conditions ??= []);
    let existing: HorizontalPodAutoscalerCondition | undefined = conditions.find((c) => c.type === type);
    if (!existing) conditions.push((existing = { type, status: '' }));
    if (existing.status !== verdict.status) existing.lastTransitionTime = rfc3339(this.clock.now());
    existing.status = verdict.status;
    existing.reason = verdict.reason;
    existing.message = verdict.message;
  }

  private updateStatusIfNeeded(hpa: HorizontalPodAutoscaler, original: HorizontalPodAutoscalerStatus): void {
    if (canonicalJson(original) === canonicalJson(hpa.status ?? {})) return;
    const written = this.client.updateStatus(HORIZONTAL_POD_AUTOSCALERS, hpa.metadata.namespace, hpa);
    if (!written.ok) this.recorder.event(hpa, 'Warning', 'FailedUpdateStatus', written.status.message ?? '');
  }

  dispose(): void {
    this.disposables.dispose();
  }
}

/** setStatus: the status is rebuilt, keeping lastScaleTime (moved on a rescale) and the conditions. */
function setStatus(hpa: HorizontalPodAutoscaler, currentReplicas: number, desiredReplicas: number, metrics: MetricStatus[] | null, rescale: boolean, now: number): void {
  const previous = hpa.status;
  const lastScaleTime = rescale ? rfc3339(now) : previous?.lastScaleTime;
  hpa.status = {
    ...(lastScaleTime ? { lastScaleTime } : {}),
    currentReplicas,
    desiredReplicas,
    currentMetrics: metrics,
    ...(previous?.conditions ? { conditions: previous.conditions } : {}),
  };
}
