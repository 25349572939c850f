/**
 * kubectl describe for workloads, laid out like kubectl 1.32's describers: Deployment (with its
 * old and new ReplicaSets), ReplicaSet, DaemonSet, StatefulSet, Job and CronJob.
 */
import type { DaemonSet, Deployment, ReplicaSet, StatefulSet } from '../../../shared/api/apps.js';
import type { PodTemplateSpec } from '../../../shared/api/core.js';
import type { KubeObject } from '../../../shared/api/meta.js';
import { humanDuration } from '../../base/duration.js';
import { formatLabelSelector, formatLabels } from '../../base/label-selector.js';
import { REPLICA_SETS } from '../../cluster/client/resources.js';
import { writePodTemplate } from '../commands/deploy/pod-template-description.js';
import {
  type DescribeContext,
  arr,
  boolPtr,
  int,
  podPhases,
  podsStatusLine,
  rec,
  selectorString,
  strs,
  text,
  writeControlledBy,
  writeObjectEvents,
  writeWorkloadConditions,
} from './describer.js';
import { LEVEL_0, LEVEL_1, PrefixWriter, rfc1123z, writeAnnotations, writeLabels } from './prefix-writer.js';

function writeHeader(w: PrefixWriter, o: KubeObject, options: { namespace?: boolean; created?: boolean } = {}): void {
  w.write(LEVEL_0, `Name:\t${o.metadata.name ?? ''}\n`);
  if (options.namespace !== false) w.write(LEVEL_0, `Namespace:\t${o.metadata.namespace ?? ''}\n`);
  if (options.created) w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(o.metadata.creationTimestamp)}\n`);
}

/** A pod template without the pod-template-hash label, to find a Deployment's current ReplicaSet. */
function templateIgnoringHash(template: PodTemplateSpec): string {
  const copy = structuredClone(template) as PodTemplateSpec;
  if (copy.metadata?.labels) delete copy.metadata.labels['pod-template-hash'];
  return JSON.stringify(copy, (_key, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1))) : value,
  );
}

function replicaSetsText(sets: ReplicaSet[]): string {
  const list = sets.map((rs) => `${rs.metadata.name ?? ''} (${rs.status?.replicas ?? 0}/${rs.spec.replicas ?? 0} replicas created)`).join(', ');
  return list || '<none>';
}

export function describeDeployment(object: KubeObject, ctx: DescribeContext): string {
  const d = object as Deployment;
  const w = new PrefixWriter();
  writeHeader(w, d, { created: true });
  writeLabels(w, 'Labels', d.metadata.labels);
  writeAnnotations(w, d.metadata.annotations);
  w.write(LEVEL_0, `Selector:\t${selectorString(d.spec.selector)}\n`);
  const s = d.status ?? {};
  w.write(LEVEL_0, `Replicas:\t${d.spec.replicas ?? 0} desired | ${s.updatedReplicas ?? 0} updated | ${s.replicas ?? 0} total | ${s.availableReplicas ?? 0} available | ${s.unavailableReplicas ?? 0} unavailable\n`);
  w.write(LEVEL_0, `StrategyType:\t${d.spec.strategy?.type ?? ''}\n`);
  w.write(LEVEL_0, `MinReadySeconds:\t${d.spec.minReadySeconds ?? 0}\n`);
  const ru = d.spec.strategy?.rollingUpdate;
  if (ru) w.write(LEVEL_0, `RollingUpdateStrategy:\t${text(ru.maxUnavailable)} max unavailable, ${text(ru.maxSurge)} max surge\n`);
  writePodTemplate(w, d.spec.template);
  writeWorkloadConditions(w, s.conditions);
  const listed = ctx.client.list<ReplicaSet>(REPLICA_SETS, d.metadata.namespace, { labelSelector: selectorString(d.spec.selector) });
  if (listed.ok) {
    const owned = listed.value.items
      .filter((rs) => rs.metadata.ownerReferences?.some((r) => r.controller === true && r.uid === d.metadata.uid))
      .sort((a, b) => Date.parse(a.metadata.creationTimestamp ?? '') - Date.parse(b.metadata.creationTimestamp ?? '') || ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1));
    const wanted = templateIgnoringHash(d.spec.template);
    const current = owned.find((rs) => templateIgnoringHash(rs.spec.template) === wanted);
    const old = owned.filter((rs) => rs !== current && (rs.spec.replicas ?? 0) !== 0);
    w.write(LEVEL_0, `OldReplicaSets:\t${replicaSetsText(old)}\n`);
    w.write(LEVEL_0, `NewReplicaSet:\t${replicaSetsText(current ? [current] : [])}\n`);
  }
  writeObjectEvents(w, d, ctx);
  return w.toString();
}

export function describeReplicaSet(object: KubeObject, ctx: DescribeContext): string {
  const rs = object as ReplicaSet;
  const w = new PrefixWriter();
  writeHeader(w, rs);
  w.write(LEVEL_0, `Selector:\t${formatLabelSelector(rs.spec.selector)}\n`);
  writeLabels(w, 'Labels', rs.metadata.labels);
  writeAnnotations(w, rs.metadata.annotations);
  writeControlledBy(w, rs);
  w.write(LEVEL_0, `Replicas:\t${rs.status?.replicas ?? 0} current / ${rs.spec.replicas ?? 0} desired\n`);
  w.write(LEVEL_0, `Pods Status:\t${podsStatusLine(podPhases(ctx, rs, rs.spec.selector))}\n`);
  writePodTemplate(w, rs.spec.template);
  writeWorkloadConditions(w, rs.status?.conditions);
  writeObjectEvents(w, rs, ctx);
  return w.toString();
}

export function describeDaemonSet(object: KubeObject, ctx: DescribeContext): string {
  const ds = object as DaemonSet;
  const w = new PrefixWriter();
  writeHeader(w, ds, { namespace: false });
  w.write(LEVEL_0, `Selector:\t${selectorString(ds.spec.selector)}\n`);
  w.write(LEVEL_0, `Node-Selector:\t${formatLabels(ds.spec.template.spec.nodeSelector)}\n`);
  writeLabels(w, 'Labels', ds.metadata.labels);
  writeAnnotations(w, ds.metadata.annotations);
  const s = rec(ds.status);
  w.write(LEVEL_0, `Desired Number of Nodes Scheduled: ${int(s.desiredNumberScheduled)}\n`);
  w.write(LEVEL_0, `Current Number of Nodes Scheduled: ${int(s.currentNumberScheduled)}\n`);
  w.write(LEVEL_0, `Number of Nodes Scheduled with Up-to-date Pods: ${int(s.updatedNumberScheduled)}\n`);
  w.write(LEVEL_0, `Number of Nodes Scheduled with Available Pods: ${int(s.numberAvailable)}\n`);
  w.write(LEVEL_0, `Number of Nodes Misscheduled: ${int(s.numberMisscheduled)}\n`);
  w.write(LEVEL_0, `Pods Status:\t${podsStatusLine(podPhases(ctx, ds, ds.spec.selector))}\n`);
  writePodTemplate(w, ds.spec.template);
  writeObjectEvents(w, ds, ctx);
  return w.toString();
}

function writeVolumeClaimTemplates(w: PrefixWriter, templates: unknown): void {
  const list = arr(templates);
  if (list.length === 0) {
    w.write(LEVEL_0, 'Volume Claims:\t<none>\n');
    return;
  }
  w.write(LEVEL_0, 'Volume Claims:\n');
  for (const pvc of list) {
    const meta = rec(pvc.metadata);
    const spec = rec(pvc.spec);
    w.write(LEVEL_1, `Name:\t${text(meta.name)}\n`);
    w.write(LEVEL_1, `StorageClass:\t${text(spec.storageClassName)}\n`);
    writeLabels(w, '  Labels', rec(meta.labels) as Record<string, string>);
    writeLabels(w, '  Annotations', rec(meta.annotations) as Record<string, string>);
    const storage = rec(rec(spec.resources).requests).storage;
    w.write(LEVEL_1, `Capacity:\t${storage === undefined ? '<default>' : text(storage)}\n`);
    w.write(LEVEL_1, `Access Modes:\t[${strs(spec.accessModes).join(' ')}]\n`);
  }
}

export function describeStatefulSet(object: KubeObject, ctx: DescribeContext): string {
  const sts = object as StatefulSet;
  const w = new PrefixWriter();
  writeHeader(w, sts, { created: true });
  w.write(LEVEL_0, `Selector:\t${selectorString(sts.spec.selector)}\n`);
  writeLabels(w, 'Labels', sts.metadata.labels);
  writeAnnotations(w, sts.metadata.annotations);
  w.write(LEVEL_0, `Replicas:\t${sts.spec.replicas ?? 0} desired | ${sts.status?.replicas ?? 0} total\n`);
  w.write(LEVEL_0, `Update Strategy:\t${sts.spec.updateStrategy?.type ?? ''}\n`);
  const ru = sts.spec.updateStrategy?.rollingUpdate;
  if (ru?.partition !== undefined) {
    w.write(LEVEL_1, `Partition:\t${ru.partition}\n`);
    if (ru.maxUnavailable !== undefined) w.write(LEVEL_1, `MaxUnavailable:\t${text(ru.maxUnavailable)}\n`);
  }
  w.write(LEVEL_0, `Pods Status:\t${podsStatusLine(podPhases(ctx, sts, sts.spec.selector))}\n`);
  writePodTemplate(w, sts.spec.template);
  writeVolumeClaimTemplates(w, sts.spec.volumeClaimTemplates);
  writeObjectEvents(w, sts, ctx);
  return w.toString();
}

export function describeJob(object: KubeObject, ctx: DescribeContext): string {
  const job = object as KubeObject & { spec: Record<string, unknown>; status?: Record<string, unknown> };
  const spec = job.spec;
  const status = rec(job.status);
  const w = new PrefixWriter();
  writeHeader(w, job);
  w.write(LEVEL_0, `Selector:\t${selectorString(spec.selector)}\n`);
  writeLabels(w, 'Labels', job.metadata.labels);
  writeAnnotations(w, job.metadata.annotations);
  writeControlledBy(w, job);
  if (spec.managedBy) w.write(LEVEL_0, `Managed By:\t${text(spec.managedBy)}\n`);
  w.write(LEVEL_0, `Parallelism:\t${int(spec.parallelism)}\n`);
  w.write(LEVEL_0, `Completions:\t${spec.completions === undefined || spec.completions === null ? '<unset>' : text(spec.completions)}\n`);
  if (spec.completionMode) w.write(LEVEL_0, `Completion Mode:\t${text(spec.completionMode)}\n`);
  if (spec.suspend !== undefined) w.write(LEVEL_0, `Suspend:\t${text(spec.suspend)}\n`);
  if (spec.backoffLimit !== undefined) w.write(LEVEL_0, `Backoff Limit:\t${text(spec.backoffLimit)}\n`);
  if (spec.ttlSecondsAfterFinished !== undefined) w.write(LEVEL_0, `TTL Seconds After Finished:\t${text(spec.ttlSecondsAfterFinished)}\n`);
  if (status.startTime) w.write(LEVEL_0, `Start Time:\t${rfc1123z(text(status.startTime))}\n`);
  if (status.completionTime) w.write(LEVEL_0, `Completed At:\t${rfc1123z(text(status.completionTime))}\n`);
  if (status.startTime && status.completionTime) {
    w.write(LEVEL_0, `Duration:\t${humanDuration(Date.parse(text(status.completionTime)) - Date.parse(text(status.startTime)))}\n`);
  }
  if (spec.activeDeadlineSeconds !== undefined) w.write(LEVEL_0, `Active Deadline Seconds:\t${text(spec.activeDeadlineSeconds)}s\n`);
  const ready = status.ready === undefined ? '' : ` (${int(status.ready)} Ready)`;
  w.write(LEVEL_0, `Pods Statuses:\t${int(status.active)} Active${ready} / ${int(status.succeeded)} Succeeded / ${int(status.failed)} Failed\n`);
  if (spec.completionMode === 'Indexed') w.write(LEVEL_0, `Completed Indexes:\t${text(status.completedIndexes) || '<none>'}\n`);
  writePodTemplate(w, spec.template as PodTemplateSpec);
  writeObjectEvents(w, job, ctx);
  return w.toString();
}

function unsetOr(value: unknown, suffix = ''): string {
  return value === undefined || value === null ? '<unset>' : `${text(value)}${suffix}`;
}

export function describeCronJob(object: KubeObject, ctx: DescribeContext): string {
  const cronJob = object as KubeObject & { spec: Record<string, unknown>; status?: Record<string, unknown> };
  const spec = cronJob.spec;
  const w = new PrefixWriter();
  writeHeader(w, cronJob);
  writeLabels(w, 'Labels', cronJob.metadata.labels);
  writeAnnotations(w, cronJob.metadata.annotations);
  w.write(LEVEL_0, `Schedule:\t${text(spec.schedule)}\n`);
  w.write(LEVEL_0, `Concurrency Policy:\t${text(spec.concurrencyPolicy)}\n`);
  w.write(LEVEL_0, `Suspend:\t${boolPtr(spec.suspend)}\n`);
  w.write(LEVEL_0, `Successful Job History Limit:\t${unsetOr(spec.successfulJobsHistoryLimit)}\n`);
  w.write(LEVEL_0, `Failed Job History Limit:\t${unsetOr(spec.failedJobsHistoryLimit)}\n`);
  w.write(LEVEL_0, `Starting Deadline Seconds:\t${unsetOr(spec.startingDeadlineSeconds, 's')}\n`);
  const jobSpec = rec(rec(spec.jobTemplate).spec);
  w.write(LEVEL_0, `Selector:\t${jobSpec.selector ? selectorString(jobSpec.selector) : '<unset>'}\n`);
  w.write(LEVEL_0, `Parallelism:\t${unsetOr(jobSpec.parallelism)}\n`);
  w.write(LEVEL_0, `Completions:\t${unsetOr(jobSpec.completions)}\n`);
  if (jobSpec.activeDeadlineSeconds !== undefined) w.write(LEVEL_0, `Active Deadline Seconds:\t${text(jobSpec.activeDeadlineSeconds)}s\n`);
  writePodTemplate(w, jobSpec.template as PodTemplateSpec);
  const status = rec(cronJob.status);
  w.write(LEVEL_0, `Last Schedule Time:\t${status.lastScheduleTime ? rfc1123z(text(status.lastScheduleTime)) : '<unset>'}\n`);
  const active = arr(status.active).map((j) => text(j.name));
  w.write(LEVEL_0, `Active Jobs:\t${active.length === 0 ? '<none>' : active.join(', ')}\n`);
  writeObjectEvents(w, cronJob, ctx);
  return w.toString();
}

