/**
 * The `endpoints.kubernetes.io/last-change-trigger-time` annotation (pkg/controller/util/endpoint
 * TriggerTimeTracker): the earliest time of the changes not yet reflected in a Service's endpoints —
 * the Service's creation when it is new, else the Ready transition of each Pod that changed since
 * the last sync. Used for the endpoints' network-programming latency SLI.
 */
import type { Pod, Service } from '../../../../shared/api/core.js';
import { rfc3339 } from '../../../base/duration.js';

export const LAST_CHANGE_TRIGGER_TIME = 'endpoints.kubernetes.io/last-change-trigger-time';

interface ServiceState {
  serviceTime: number | undefined;
  podTimes: Map<string, number>;
}

function parse(time: string | null | undefined): number | undefined {
  if (!time) return undefined;
  const ms = Date.parse(time);
  return Number.isNaN(ms) ? undefined : ms;
}

export class TriggerTimeTracker {
  private readonly states = new Map<string, ServiceState>();

  /** ComputeEndpointLastChangeTriggerTime, formatted as RFC 3339; undefined when nothing changed. */
  compute(key: string, service: Service, pods: readonly Pod[]): string | undefined {
    const previous = this.states.get(key);
    const current: ServiceState = { serviceTime: parse(service.metadata.creationTimestamp), podTimes: new Map() };
    for (const pod of pods) {
      const ready = pod.status?.conditions?.find((c) => c.type === 'Ready');
      const at = parse(ready?.lastTransitionTime);
      if (at !== undefined) current.podTimes.set(pod.metadata.name ?? '', at);
    }
    let min: number | undefined;
    const consider = (at: number | undefined): void => {
      if (at !== undefined && (min === undefined || at < min)) min = at;
    };
    if (!previous || previous.serviceTime !== current.serviceTime) consider(current.serviceTime);
    for (const [name, at] of current.podTimes) {
      const before = previous?.podTimes.get(name);
      if (before === undefined || before < at) consider(at);
    }
    this.states.set(key, current);
    return min === undefined ? undefined : rfc3339(min);
  }

  /** DeleteService: forget a Service that is gone. */
  forget(key: string): void {
    this.states.delete(key);
  }
}
