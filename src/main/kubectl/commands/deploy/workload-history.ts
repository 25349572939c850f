/**
 * A workload's revisions as kubectl's HistoryViewers and Rollbackers find them: a Deployment's
 * ReplicaSets by their `deployment.kubernetes.io/revision` annotation, a DaemonSet's or
 * StatefulSet's ControllerRevisions (selected by its selector and controlled by it).
 */
import { CHANGE_CAUSE_ANNOTATION } from '../../change-cause.js';
import type { ControllerRevision, ReplicaSet } from '../../../../shared/api/apps.js';
import type { PodTemplateSpec } from '../../../../shared/api/core.js';
import type { KubeObject } from '../../../../shared/api/meta.js';
import { labelSelectorAsSelector } from '../../../base/label-selector.js';
import type { ApiClient } from '../../../cluster/client/api-client.js';
import { CONTROLLER_REVISIONS, REPLICA_SETS } from '../../../cluster/client/resources.js';
import { KubectlError, formatStatusError } from '../../errors.js';

const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';

export interface Revision {
  revision: number;
  /** What `rollout history` shows for it: the pod template (with the change cause for Deployments). */
  template: PodTemplateSpec;
  changeCause: string;
  /** The ReplicaSet or ControllerRevision itself (`rollout history -o`, rollbacks). */
  source: KubeObject;
}

interface Workload extends KubeObject {
  spec: { selector?: Parameters<typeof labelSelectorAsSelector>[0]; template: PodTemplateSpec };
}

function controlledBy(object: KubeObject, owner: KubeObject): boolean {
  return (object.metadata.ownerReferences ?? []).some((r) => r.controller === true && r.uid === owner.metadata.uid);
}

function selectorOf(workload: Workload): string {
  const parsed = labelSelectorAsSelector(workload.spec.selector);
  return parsed.ok ? parsed.selector.toString() : '';
}

/** The items come without apiVersion and kind; kubectl's typed objects have them when printed. */
function listOwned<T extends KubeObject>(client: ApiClient, ref: typeof REPLICA_SETS, kind: string, workload: Workload): T[] {
  const listed = client.list<T>(ref, workload.metadata.namespace, { labelSelector: selectorOf(workload) });
  if (!listed.ok) throw new KubectlError(formatStatusError(listed.status));
  return listed.value.items.filter((item) => controlledBy(item, workload)).map((item) => ({ ...item, apiVersion: 'apps/v1', kind }));
}

/** deploymentutil.GetAllReplicaSets: the ReplicaSets the Deployment controls, by revision. */
export function deploymentRevisions(client: ApiClient, deployment: Workload): Revision[] {
  const byRevision = new Map<number, Revision>();
  for (const rs of listOwned<ReplicaSet>(client, REPLICA_SETS, 'ReplicaSet', deployment)) {
    const text = rs.metadata.annotations?.[REVISION_ANNOTATION];
    const revision = text === undefined ? 0 : Number(text);
    if (!Number.isInteger(revision)) continue;
    const changeCause = rs.metadata.annotations?.[CHANGE_CAUSE_ANNOTATION] ?? '';
    const template = structuredClone(rs.spec.template);
    template.metadata = { ...template.metadata, annotations: { ...(template.metadata?.annotations ?? {}), ...(changeCause ? { [CHANGE_CAUSE_ANNOTATION]: changeCause } : {}) } };
    byRevision.set(revision, { revision, template, changeCause, source: rs });
  }
  return [...byRevision.values()].sort((a, b) => a.revision - b.revision);
}

/** The template a ControllerRevision records: its `spec.template` patch (a `$patch: replace`). */
export function revisionTemplate(revision: ControllerRevision, current: PodTemplateSpec): PodTemplateSpec {
  const data = revision.data as { spec?: { template?: Record<string, unknown> } } | undefined;
  const recorded = data?.spec?.template;
  if (!recorded) return current;
  const template = structuredClone(recorded);
  delete template.$patch;
  return template as unknown as PodTemplateSpec;
}

/** controlledHistory: a DaemonSet's or StatefulSet's ControllerRevisions, by revision. */
export function controllerRevisions(client: ApiClient, workload: Workload): Revision[] {
  const byRevision = new Map<number, Revision>();
  for (const history of listOwned<ControllerRevision>(client, CONTROLLER_REVISIONS, 'ControllerRevision', workload)) {
    byRevision.set(history.revision, {
      revision: history.revision,
      template: revisionTemplate(history, workload.spec.template),
      changeCause: history.metadata.annotations?.[CHANGE_CAUSE_ANNOTATION] ?? '',
      source: history,
    });
  }
  return [...byRevision.values()].sort((a, b) => a.revision - b.revision);
}

/** The revisions of a Deployment, DaemonSet or StatefulSet; undefined for kinds without history. */
export function revisionsOf(client: ApiClient, kind: string, workload: KubeObject): Revision[] | undefined {
  if (kind === 'Deployment') return deploymentRevisions(client, workload as Workload);
  if (kind === 'DaemonSet' || kind === 'StatefulSet') return controllerRevisions(client, workload as Workload);
  return undefined;
}
