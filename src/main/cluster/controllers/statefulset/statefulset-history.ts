/**
 * A StatefulSet's revisions (getStatefulSetRevisions and truncateHistory in
 * stateful_set_control.go, 1.32): the update revision is the newest revision when its data equals
 * the template, an older equal revision renumbered to the top (a rollback), or a new one named
 * `<set>-<hash>` (labelled with the template's labels and `controller.kubernetes.io/hash`, with the
 * set's annotations); the current revision is status.currentRevision's, else the update revision.
 * Revisions no Pod runs beyond revisionHistoryLimit are deleted, oldest first.
 */
import type { ControllerRevision, StatefulSet } from '../../../../shared/api/apps.js';
import type { Pod } from '../../../../shared/api/core.js';
import type { ApiClient } from '../../client/api-client.js';
import { CONTROLLER_REVISIONS } from '../../client/resources.js';
import {
  CONTROLLER_REVISION_HASH_LABEL,
  DEFAULT_REVISION_HISTORY_LIMIT,
  controllerRef,
  controllerRevisionName,
  equalRevision,
  hashRevisionData,
  nextRevision,
  sortRevisions,
  templatePatch,
} from '../history.js';
import { podRevision } from './stateful-pod.js';

export type Revisions =
  | { ok: true; current: ControllerRevision; update: ControllerRevision; collisionCount: number }
  | { ok: false; error: string };

/** newRevision: the revision the set's template would make, with its hash-derived name. */
function newRevision(set: StatefulSet, revision: number, collisionCount: number): ControllerRevision {
  const data = templatePatch(set.spec.template);
  const hash = hashRevisionData(data, collisionCount);
  return {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name: controllerRevisionName(set.metadata.name ?? '', hash),
      namespace: set.metadata.namespace,
      labels: { ...set.spec.template.metadata?.labels, [CONTROLLER_REVISION_HASH_LABEL]: hash },
      // Go copies the set's annotations into a fresh map; an empty one is omitted.
      ...(set.metadata.annotations && Object.keys(set.metadata.annotations).length > 0 ? { annotations: { ...set.metadata.annotations } } : {}),
      ownerReferences: [controllerRef(set, 'apps/v1', 'StatefulSet')],
    },
    data,
    revision,
  };
}

/** CreateControllerRevision: on a name taken by other data, count a collision and hash again. */
function createRevision(client: ApiClient, set: StatefulSet, revision: number, collisionCount: number): { revision: ControllerRevision; collisionCount: number } | string {
  let count = collisionCount;
  for (let attempt = 0; attempt < 10; attempt++) {
    const body = newRevision(set, revision, count);
    const created = client.create<ControllerRevision>(CONTROLLER_REVISIONS, set.metadata.namespace, body);
    if (created.ok) return { revision: created.value, collisionCount: count };
    if (created.status.reason !== 'AlreadyExists') return created.status.message ?? 'create failed';
    const existing = client.get<ControllerRevision>(CONTROLLER_REVISIONS, set.metadata.namespace, body.metadata.name ?? '');
    if (existing.ok && equalRevision(existing.value, body)) return { revision: existing.value, collisionCount: count };
    count++;
  }
  return 'too many hash collisions';
}

export function statefulSetRevisions(client: ApiClient, set: StatefulSet, owned: ControllerRevision[]): Revisions {
  const revisions = sortRevisions([...owned]);
  let collisionCount = set.status?.collisionCount ?? 0;
  const wanted = newRevision(set, nextRevision(revisions), collisionCount);
  const equal = revisions.filter((r) => equalRevision(r, wanted));
  let update: ControllerRevision;
  const latest = revisions[revisions.length - 1];
  if (equal.length > 0 && latest && equalRevision(latest, equal[equal.length - 1]!)) {
    update = latest;
  } else if (equal.length > 0) {
    // A rollback: the equal revision moves to the top.
    const renumbered = structuredClone(equal[equal.length - 1]!);
    renumbered.revision = wanted.revision;
    const written = client.update<ControllerRevision>(CONTROLLER_REVISIONS, set.metadata.namespace, renumbered);
    if (!written.ok) return { ok: false, error: written.status.message ?? 'update failed' };
    update = written.value;
  } else {
    const created = createRevision(client, set, wanted.revision, collisionCount);
    if (typeof created === 'string') return { ok: false, error: created };
    update = created.revision;
    collisionCount = created.collisionCount;
  }
  const current = revisions.find((r) => r.metadata.name === set.status?.currentRevision) ?? update;
  return { ok: true, current, update, collisionCount };
}

/** truncateHistory. */
export function truncateHistory(client: ApiClient, set: StatefulSet, owned: ControllerRevision[], pods: Pod[], current: ControllerRevision, update: ControllerRevision): void {
  const live = new Set([current.metadata.name, update.metadata.name, ...pods.map(podRevision)]);
  const history = sortRevisions(owned.filter((r) => !live.has(r.metadata.name)));
  const limit = typeof set.spec.revisionHistoryLimit === 'number' ? set.spec.revisionHistoryLimit : DEFAULT_REVISION_HISTORY_LIMIT;
  for (const revision of history.slice(0, Math.max(0, history.length - limit))) {
    client.delete(CONTROLLER_REVISIONS, set.metadata.namespace, revision.metadata.name ?? '');
  }
}
