/**
 * kubectl describe for scaling and disruption policy, laid out like kubectl 1.32:
 * HorizontalPodAutoscaler (autoscaling/v2: metrics, behavior, conditions) and PodDisruptionBudget.
 */
import type { KubeObject } from '../../../shared/api/meta.js';
import { formatLabelSelector } from '../../base/label-selector.js';
import { type DescribeContext, type Json, arr, int, rec, text, writeObjectEvents } from './describer.js';
import { LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, PrefixWriter, rfc1123z, writeAnnotations, writeLabels } from './prefix-writer.js';

type Loose = KubeObject & { spec?: Json; status?: Json };

/** One metric's `current / target` line. */
function writeMetric(w: PrefixWriter, metric: Json, current: Json | undefined): void {
  const type = text(metric.type);
  if (type === 'Resource' || type === 'ContainerResource') {
    const source = rec(type === 'Resource' ? metric.resource : metric.containerResource);
    const status = rec(type === 'Resource' ? current?.resource : current?.containerResource);
    const target = rec(source.target);
    const where = type === 'Resource' ? 'on pods' : `of container "${text(source.container)}" on pods`;
    w.write(LEVEL_1, `resource ${text(source.name)} ${where}`);
    const currentValue = rec(status.current);
    if (target.averageValue !== undefined) {
      w.write(LEVEL_0, `:\t${currentValue.averageValue !== undefined ? text(currentValue.averageValue) : '<unknown>'} / ${text(target.averageValue)}\n`);
    } else {
      const now = currentValue.averageUtilization !== undefined ? `${text(currentValue.averageUtilization)}% (${text(currentValue.averageValue)})` : '<unknown>';
      const want = target.averageUtilization !== undefined ? `${text(target.averageUtilization)}%` : '<auto>';
      w.write(LEVEL_1, `(as a percentage of request):\t${now} / ${want}\n`);
    }
    return;
  }
  if (type === 'Pods') {
    const source = rec(metric.pods);
    const now = rec(rec(current?.pods).current).averageValue;
    w.write(LEVEL_1, `"${text(rec(source.metric).name)}" on pods:\t${now !== undefined ? text(now) : '<unknown>'} / ${text(rec(source.target).averageValue)}\n`);
    return;
  }
  if (type === 'Object') {
    const source = rec(metric.object);
    const ref = rec(source.describedObject);
    const target = rec(source.target);
    const now = rec(rec(current?.object).current);
    const isAverage = target.averageValue !== undefined;
    const value = isAverage ? now.averageValue : now.value;
    w.write(
      LEVEL_1,
      `"${text(rec(source.metric).name)}" on ${text(ref.kind)}/${text(ref.name)}${isAverage ? ' (target average value)' : ' (target value)'}:\t${value !== undefined ? text(value) : '<unknown>'} / ${text(isAverage ? target.averageValue : target.value)}\n`,
    );
    return;
  }
  w.write(LEVEL_1, `<unknown metric type ${JSON.stringify(type)}>\n`);
}

function writeDirection(w: PrefixWriter, title: string, rules: unknown): void {
  if (!rules) return;
  const r = rec(rules);
  w.write(LEVEL_1, `${title}:\n`);
  if (r.stabilizationWindowSeconds !== undefined) w.write(LEVEL_2, `Stabilization Window: ${text(r.stabilizationWindowSeconds)} seconds\n`);
  const policies = arr(r.policies);
  if (policies.length > 0) {
    w.write(LEVEL_2, `Select Policy: ${text(r.selectPolicy) || 'Max'}\n`);
    w.write(LEVEL_2, 'Policies:\n');
    for (const p of policies) w.write(LEVEL_3, `- Type: ${text(p.type)}\tValue: ${int(p.value)}\tPeriod: ${int(p.periodSeconds)} seconds\n`);
  }
}

export function describeHorizontalPodAutoscaler(object: KubeObject, ctx: DescribeContext): string {
  const hpa = object as Loose;
  const spec = rec(hpa.spec);
  const status = rec(hpa.status);
  const target = rec(spec.scaleTargetRef);
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${hpa.metadata.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${hpa.metadata.namespace ?? ''}\n`);
  writeLabels(w, 'Labels', hpa.metadata.labels);
  writeAnnotations(w, hpa.metadata.annotations);
  w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(hpa.metadata.creationTimestamp)}\n`);
  w.write(LEVEL_0, `Reference:\t${text(target.kind)}/${text(target.name)}\n`);
  w.write(LEVEL_0, 'Metrics:\t( current / target )\n');
  const currents = arr(status.currentMetrics);
  arr(spec.metrics).forEach((metric, i) => writeMetric(w, metric, currents[i]));
  w.write(LEVEL_0, `Min replicas:\t${spec.minReplicas === undefined ? '<unset>' : text(spec.minReplicas)}\n`);
  w.write(LEVEL_0, `Max replicas:\t${int(spec.maxReplicas)}\n`);
  if (spec.behavior) {
    w.write(LEVEL_0, 'Behavior:\n');
    writeDirection(w, 'Scale Up', rec(spec.behavior).scaleUp);
    writeDirection(w, 'Scale Down', rec(spec.behavior).scaleDown);
  }
  w.write(LEVEL_0, `${text(target.kind)} pods:\t${int(status.currentReplicas)} current / ${int(status.desiredReplicas)} desired\n`);
  const conditions = arr(status.conditions);
  if (conditions.length > 0) {
    w.write(LEVEL_0, 'Conditions:\n');
    w.write(LEVEL_1, 'Type\tStatus\tReason\tMessage\n');
    w.write(LEVEL_1, '----\t------\t------\t-------\n');
    for (const c of conditions) w.write(LEVEL_1, `${text(c.type)}\t${text(c.status)}\t${text(c.reason)}\t${text(c.message)}\n`);
  }
  writeObjectEvents(w, hpa, ctx);
  return w.toString();
}

export function describePodDisruptionBudget(object: KubeObject, ctx: DescribeContext): string {
  const pdb = object as Loose;
  const spec = rec(pdb.spec);
  const status = rec(pdb.status);
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${pdb.metadata.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${pdb.metadata.namespace ?? ''}\n`);
  if (spec.minAvailable !== undefined) w.write(LEVEL_0, `Min available:\t${text(spec.minAvailable)}\n`);
  else if (spec.maxUnavailable !== undefined) w.write(LEVEL_0, `Max unavailable:\t${text(spec.maxUnavailable)}\n`);
  w.write(LEVEL_0, `Selector:\t${spec.selector ? formatLabelSelector(rec(spec.selector)) : '<unset>'}\n`);
  w.write(LEVEL_0, 'Status:\n');
  w.write(LEVEL_2, `Allowed disruptions:\t${int(status.disruptionsAllowed)}\n`);
  w.write(LEVEL_2, `Current:\t${int(status.currentHealthy)}\n`);
  w.write(LEVEL_2, `Desired:\t${int(status.desiredHealthy)}\n`);
  w.write(LEVEL_2, `Total:\t${int(status.expectedPods)}\n`);
  writeObjectEvents(w, pdb, ctx);
  return w.toString();
}
