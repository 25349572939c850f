/**
 * A DaemonSet's ControllerRevisions (pkg/controller/daemon/update.go constructHistory, snapshot,
 * cleanupHistory): the revision whose data is the current template is found or made (named
 * `<ds>-<hash>`, labelled with the template's labels and `controller-revision-hash`, carrying the
 * DaemonSet's annotations) and moved to the highest revision number; a name taken by other data
 * bumps status.collisionCount; old revisions beyond revisionHistoryLimit that no Pod runs are
 * deleted, oldest first.
 */
import type { ControllerRevision, DaemonSet } from '../../../../shared/api/apps.js';
import { canonicalJson } from '../../../base/canonical-json.js';
import type { ApiClient } from '../../client/api-client.js';
import { CONTROLLER_REVISIONS, DAEMON_SETS } from '../../client/resources.js';
import {
  DEFAULT_REVISION_HISTORY_LIMIT,
  POD_REVISION_LABEL,
  computeTemplateHash,
  controllerRef,
  controllerRevisionName,
  nextRevision,
  sortRevisions,
  templatePatch,
} from '../history.js';

export type History = { ok: true; hash: string; current: ControllerRevision } | { ok: false };

function isOwnedBy(revision: ControllerRevision, ds: DaemonSet): boolean {
  return revision.metadata.ownerReferences?.some((r) => r.controller === true && r.uid === ds.metadata.uid) ?? false;
}

/** constructHistory: the current revision (made or renumbered as needed) and its hash. */
export function constructHistory(client: ApiClient, ds: DaemonSet, owned: ControllerRevision[]): History {
  const namespace = ds.metadata.namespace ?? 'default';
  const patch = canonicalJson(templatePatch(ds.spec.template));
  const current: ControllerRevision[] = [];
  const old: ControllerRevision[] = [];
  for (const revision of owned) (canonicalJson(revision.data ?? null) === patch ? current : old).push(revision);
  const wanted = nextRevision(old);
  let cur: ControllerRevision;
  if (current.length === 0) {
    const made = snapshot(client, ds, wanted);
    if (!made) return { ok: false };
    cur = made;
  } else {
    // dedupCurHistories: keep the newest of equal revisions.
    sortRevisions(current);
    cur = current[current.length - 1]!;
    for (const extra of current.slice(0, -1)) client.delete(CONTROLLER_REVISIONS, namespace, extra.metadata.name ?? '');
  }
  if (cur.revision < wanted) {
    const renumbered = structuredClone(cur);
    renumbered.revision = wanted;
    const written = client.update<ControllerRevision>(CONTROLLER_REVISIONS, namespace, renumbered);
    if (!written.ok) return { ok: false };
    cur = written.value;
  }
  const hash = cur.metadata.labels?.[POD_REVISION_LABEL] ?? computeTemplateHash(ds.spec.template, ds.status?.collisionCount);
  return { ok: true, hash, current: cur };
}

/** snapshot: create the revision, or find it already made, or count a hash collision. */
function snapshot(client: ApiClient, ds: DaemonSet, revision: number): ControllerRevision | undefined {
  const namespace = ds.metadata.namespace ?? 'default';
  const hash = computeTemplateHash(ds.spec.template, ds.status?.collisionCount);
  const name = controllerRevisionName(ds.metadata.name ?? '', hash);
  const body: ControllerRevision = {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name,
      namespace,
      labels: { ...ds.spec.template.metadata?.labels, [POD_REVISION_LABEL]: hash },
      ...(ds.metadata.annotations ? { annotations: { ...ds.metadata.annotations } } : {}),
      ownerReferences: [controllerRef(ds, 'apps/v1', 'DaemonSet')],
    },
    data: templatePatch(ds.spec.template),
    revision,
  };
  const created = client.create<ControllerRevision>(CONTROLLER_REVISIONS, namespace, body);
  if (created.ok) return created.value;
  if (created.status.reason !== 'AlreadyExists') return undefined;
  const existing = client.get<ControllerRevision>(CONTROLLER_REVISIONS, namespace, name);
  if (!existing.ok) return undefined;
  if (isOwnedBy(existing.value, ds) && canonicalJson(existing.value.data ?? null) === canonicalJson(body.data)) return existing.value;
  // A different revision under our name: hash again with one more collision.
  const next = structuredClone(ds);
  next.status = { ...(next.status ?? { currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0 }) };
  next.status.collisionCount = (ds.status?.collisionCount ?? 0) + 1;
  client.updateStatus(DAEMON_SETS, namespace, next);
  return undefined;
}

/** cleanupHistory: delete the oldest revisions beyond the limit that no live Pod uses. */
export function cleanupHistory(client: ApiClient, ds: DaemonSet, owned: ControllerRevision[], current: ControllerRevision, liveHashes: Set<string>): void {
  const limit = typeof ds.spec.revisionHistoryLimit === 'number' ? ds.spec.revisionHistoryLimit : DEFAULT_REVISION_HISTORY_LIMIT;
  const old = sortRevisions(owned.filter((r) => r.metadata.name !== current.metadata.name));
  let toKill = old.length - limit;
  for (const revision of old) {
    if (toKill <= 0) break;
    const hash = revision.metadata.labels?.[POD_REVISION_LABEL];
    if (hash !== undefined && liveHashes.has(hash)) continue;
    client.delete(CONTROLLER_REVISIONS, ds.metadata.namespace, revision.metadata.name ?? '');
    toKill--;
  }
}
