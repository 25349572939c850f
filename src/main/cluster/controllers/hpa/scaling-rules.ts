/**
 * What the HPA does with a raw recommendation before it scales (horizontal.go's normalize*):
 * stabilization over recent recommendations (the 5-minute downscale window, or the behavior's
 * windows), the min/max bounds and the rate limits — the classic `max(2×, 4)` scale-up without a
 * behavior, the behavior's Pods/Percent policies over their periods otherwise. Each returns the
 * replica count with the AbleToScale and ScalingLimited reasons Kubernetes reports. The controller
 * keeps one ScalingMemory per HPA (recommendations and scale events live only in its memory, as in
 * kube-controller-manager).
 */
import type { HPAScalingRules, HorizontalPodAutoscaler } from '../../../../shared/api/autoscaling.js';

/** --horizontal-pod-autoscaler-downscale-stabilization */
export const DOWNSCALE_STABILIZATION_WINDOW_MS = 5 * 60 * 1000;

interface Recommendation {
  replicas: number;
  at: number;
}

interface ScaleEvent {
  change: number;
  at: number;
  outdated: boolean;
}

export interface ScalingMemory {
  recommendations: Recommendation[];
  scaleUpEvents: ScaleEvent[];
  scaleDownEvents: ScaleEvent[];
}

export interface ConditionVerdict {
  status: 'True' | 'False';
  reason: string;
  message: string;
}

export interface Normalized {
  replicas: number;
  ableToScale: ConditionVerdict;
  scalingLimited: ConditionVerdict;
}

export function newMemory(currentReplicas: number, now: number): ScalingMemory {
  // recordInitialRecommendation: the current size counts as the first recommendation.
  return { recommendations: [{ replicas: currentReplicas, at: now }], scaleUpEvents: [], scaleDownEvents: [] };
}

const READY_FOR_NEW_SCALE: ConditionVerdict = { status: 'True', reason: 'ReadyForNewScale', message: 'recommended size matches current size' };
const SCALE_DOWN_STABILIZED = 'recent recommendations were higher than current one, applying the highest recent recommendation';
const SCALE_UP_STABILIZED = 'recent recommendations were lower than current one, applying the lowest recent recommendation';
const WITHIN_RANGE = { reason: 'DesiredWithinRange', message: 'the desired count is within the acceptable range' };
const TOO_FEW = { reason: 'TooFewReplicas', message: 'the desired replica count is less than the minimum replica count' };
const TOO_MANY = { reason: 'TooManyReplicas', message: 'the desired replica count is more than the maximum replica count' };
const SCALE_UP_LIMIT = { reason: 'ScaleUpLimit', message: 'the desired replica count is increasing faster than the maximum scale rate' };
const SCALE_DOWN_LIMIT = { reason: 'ScaleDownLimit', message: 'the desired replica count is decreasing faster than the maximum scale rate' };

/** Replace the oldest sample that fell out of every window, or append: the list stays as long as the window needs. */
function record(memory: ScalingMemory, index: number | undefined, replicas: number, now: number): void {
  if (index !== undefined) memory.recommendations[index] = { replicas, at: now };
  else memory.recommendations.push({ replicas, at: now });
}

function limited(replicas: number, stabilized: number, verdict: { reason: string; message: string }): ConditionVerdict {
  return { status: replicas === stabilized ? 'False' : 'True', ...verdict };
}

/** normalizeDesiredReplicas: no behavior set — the highest recommendation of the last 5 minutes, then max(2×, 4) and min/max. */
export function normalizeWithoutBehavior(memory: ScalingMemory, currentReplicas: number, desired: number, minReplicas: number, maxReplicas: number, now: number): Normalized {
  let stabilized = desired;
  let old: number | undefined;
  const cutoff = now - DOWNSCALE_STABILIZATION_WINDOW_MS;
  memory.recommendations.forEach((rec, i) => {
    if (rec.at < cutoff) old = i;
    else if (rec.replicas > stabilized) stabilized = rec.replicas;
  });
  record(memory, old, desired, now);
  const ableToScale = stabilized !== desired ? { status: 'True' as const, reason: 'ScaleDownStabilized', message: SCALE_DOWN_STABILIZED } : READY_FOR_NEW_SCALE;
  // calculateScaleUpLimit
  const scaleUpLimit = Math.max(2 * currentReplicas, 4);
  const [maximum, limit] = maxReplicas > scaleUpLimit ? [scaleUpLimit, SCALE_UP_LIMIT] : [maxReplicas, TOO_MANY];
  let replicas = stabilized;
  let verdict = WITHIN_RANGE;
  if (stabilized < minReplicas) [replicas, verdict] = [minReplicas, TOO_FEW];
  else if (stabilized > maximum) [replicas, verdict] = [maximum, limit];
  return { replicas, ableToScale, scalingLimited: limited(replicas, stabilized, verdict) };
}

/** getReplicasChangePerPeriod */
function changeInPeriod(periodSeconds: number, events: readonly ScaleEvent[], now: number): number {
  const cutoff = now - periodSeconds * 1000;
  return events.reduce((sum, e) => (e.at > cutoff ? sum + e.change : sum), 0);
}

function scaleLimit(direction: 'up' | 'down', currentReplicas: number, memory: ScalingMemory, rules: HPAScalingRules, now: number): number {
  const policy = rules.selectPolicy ?? 'Max';
  if (policy === 'Disabled') return currentReplicas;
  // For scaling up the smallest change ('Min') is the lowest limit; for scaling down it is the highest.
  const pickLowest = (direction === 'up') === (policy === 'Min');
  let result = pickLowest ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  for (const p of rules.policies ?? []) {
    const periodStart = currentReplicas - changeInPeriod(p.periodSeconds, memory.scaleUpEvents, now) + changeInPeriod(p.periodSeconds, memory.scaleDownEvents, now);
    let proposed: number;
    if (direction === 'up') proposed = p.type === 'Pods' ? periodStart + p.value : Math.ceil(periodStart * (1 + p.value / 100));
    else proposed = p.type === 'Pods' ? periodStart - p.value : Math.trunc(periodStart * (1 - p.value / 100));
    result = pickLowest ? Math.min(result, proposed) : Math.max(result, proposed);
  }
  return result;
}

/** The behavior with the controller's default downscale window filled in (maybeInitScaleDownStabilizationWindow). */
function windowSeconds(rules: HPAScalingRules | undefined, fallback: number): number {
  return rules?.stabilizationWindowSeconds ?? fallback;
}

/** normalizeDesiredReplicasWithBehaviors: stabilize within both windows, then the policies' rate limits and min/max. */
export function normalizeWithBehavior(hpa: HorizontalPodAutoscaler, memory: ScalingMemory, currentReplicas: number, desired: number, minReplicas: number, now: number): Normalized {
  const behavior = hpa.spec.behavior ?? {};
  const upCutoff = now - windowSeconds(behavior.scaleUp, 0) * 1000;
  const downCutoff = now - windowSeconds(behavior.scaleDown, DOWNSCALE_STABILIZATION_WINDOW_MS / 1000) * 1000;
  let up = desired;
  let down = desired;
  let old: number | undefined;
  memory.recommendations.forEach((rec, i) => {
    if (rec.at > upCutoff) up = Math.min(up, rec.replicas);
    if (rec.at > downCutoff) down = Math.max(down, rec.replicas);
    if (rec.at < upCutoff && rec.at < downCutoff) old = i;
  });
  const stabilized = Math.min(Math.max(currentReplicas, up), down);
  record(memory, old, desired, now);
  const stabilizedVerdict: ConditionVerdict =
    desired >= currentReplicas ? { status: 'True', reason: 'ScaleUpStabilized', message: SCALE_UP_STABILIZED } : { status: 'True', reason: 'ScaleDownStabilized', message: SCALE_DOWN_STABILIZED };
  const ableToScale = stabilized !== desired ? stabilizedVerdict : READY_FOR_NEW_SCALE;
  let replicas = stabilized;
  let verdict = WITHIN_RANGE;
  if (stabilized > currentReplicas) {
    const limit = Math.max(scaleLimit('up', currentReplicas, memory, behavior.scaleUp ?? {}, now), currentReplicas);
    const [maximum, reason] = hpa.spec.maxReplicas > limit ? [limit, SCALE_UP_LIMIT] : [hpa.spec.maxReplicas, TOO_MANY];
    if (stabilized > maximum) [replicas, verdict] = [maximum, reason];
  } else if (stabilized < currentReplicas) {
    const limit = Math.min(scaleLimit('down', currentReplicas, memory, behavior.scaleDown ?? {}, now), currentReplicas);
    const [minimum, reason] = minReplicas < limit ? [limit, SCALE_DOWN_LIMIT] : [minReplicas, TOO_FEW];
    if (stabilized < minimum) [replicas, verdict] = [minimum, reason];
  }
  return { replicas, ableToScale, scalingLimited: limited(replicas, stabilized, verdict) };
}

function longestPeriodSeconds(rules: HPAScalingRules | undefined): number {
  return Math.max(0, ...(rules?.policies ?? []).map((p) => p.periodSeconds));
}

/** storeScaleEvent: remembered only with a behavior, reusing an entry older than the longest policy period. */
export function storeScaleEvent(hpa: HorizontalPodAutoscaler, memory: ScalingMemory, previous: number, next: number, now: number): void {
  const behavior = hpa.spec.behavior;
  if (!behavior) return;
  const up = next > previous;
  const events = up ? memory.scaleUpEvents : memory.scaleDownEvents;
  const cutoff = now - longestPeriodSeconds(up ? behavior.scaleUp : behavior.scaleDown) * 1000;
  for (const event of events) if (event.at < cutoff) event.outdated = true;
  const entry: ScaleEvent = { change: Math.abs(next - previous), at: now, outdated: false };
  const reusable = events.findIndex((e) => e.outdated);
  if (reusable >= 0) events[reusable] = entry;
  else events.push(entry);
}
