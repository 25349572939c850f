/**
 * kubectl's drain filters (k8s.io/kubectl/pkg/drain/filters.go): which Pods on a node are evicted,
 * skipped (mirror Pods, DaemonSet Pods with --ignore-daemonsets) or block the drain, and the
 * warnings and errors kubectl words from them.
 */
import { controllerOf } from '../../../../shared/api/owner-references.js';
import type { Pod } from '../../../../shared/api/core.js';
import type { ApiClient } from '../../../cluster/client/api-client.js';
import { DAEMON_SETS } from '../../../cluster/client/resources.js';

const DAEMON_SET_FATAL = 'DaemonSet-managed Pods (use --ignore-daemonsets to ignore)';
const DAEMON_SET_WARNING = 'ignoring DaemonSet-managed Pods';
const LOCAL_STORAGE_FATAL = 'Pods with local storage (use --delete-emptydir-data to override)';
const LOCAL_STORAGE_WARNING = 'deleting Pods with local storage';
const UNMANAGED_FATAL = 'cannot delete Pods that declare no controller (use --force to override)';
const UNMANAGED_WARNING = 'deleting Pods that declare no controller';
const MIRROR_ANNOTATION = 'kubernetes.io/config.mirror';

export interface DrainOptions {
  force: boolean;
  ignoreDaemonSets: boolean;
  deleteEmptyDirData: boolean;
  /** --skip-wait-for-delete-timeout, seconds (0: never skip). */
  skipWaitForDeleteTimeout: number;
  now: number;
}

type Verdict = { delete: boolean; kind: 'okay' | 'skip' | 'warning' | 'error'; message?: string };

const OKAY: Verdict = { delete: true, kind: 'okay' };
const SKIP: Verdict = { delete: false, kind: 'skip' };
const warn = (del: boolean, message: string): Verdict => ({ delete: del, kind: 'warning', message });
const fail = (message: string): Verdict => ({ delete: false, kind: 'error', message });

const finished = (pod: Pod): boolean => pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';

/** shouldSkipPod: deleted longer ago than --skip-wait-for-delete-timeout. */
export function deletedLongAgo(pod: Pod, options: DrainOptions): boolean {
  const at = pod.metadata.deletionTimestamp;
  return options.skipWaitForDeleteTimeout > 0 && at !== undefined && Math.floor((options.now - Date.parse(at)) / 1000) > options.skipWaitForDeleteTimeout;
}

function filters(client: ApiClient, options: DrainOptions): Array<(pod: Pod) => Verdict> {
  return [
    (pod) => (deletedLongAgo(pod, options) ? SKIP : OKAY),
    (pod) => {
      const ref = controllerOf(pod);
      if (!ref || ref.kind !== 'DaemonSet' || finished(pod)) return OKAY;
      const got = client.get(DAEMON_SETS, pod.metadata.namespace, ref.name);
      if (!got.ok) return got.status.code === 404 && options.force ? warn(true, got.status.message ?? '') : fail(got.status.message ?? '');
      return options.ignoreDaemonSets ? warn(false, DAEMON_SET_WARNING) : fail(DAEMON_SET_FATAL);
    },
    (pod) => (pod.metadata.annotations?.[MIRROR_ANNOTATION] !== undefined ? SKIP : OKAY),
    (pod) => {
      const local = (pod.spec.volumes ?? []).some((v) => (v as { emptyDir?: unknown }).emptyDir !== undefined);
      if (!local || finished(pod)) return OKAY;
      return options.deleteEmptyDirData ? warn(true, LOCAL_STORAGE_WARNING) : fail(LOCAL_STORAGE_FATAL);
    },
    (pod) => {
      if (finished(pod) || controllerOf(pod)) return OKAY;
      return options.force ? warn(true, UNMANAGED_WARNING) : fail(UNMANAGED_FATAL);
    },
  ];
}

export interface PodDeleteList {
  /** The Pods to evict or delete. */
  pods: Pod[];
  /** PodDeleteList.Warnings(), '' for none. */
  warnings: string;
  /** PodDeleteList.errors(). */
  errors: string[];
}

/** `namespace/name` lists grouped by message, in the order the messages first occur. */
function grouped(entries: Array<{ pod: Pod; verdict: Verdict }>, kind: Verdict['kind']): Map<string, string[]> {
  const byMessage = new Map<string, string[]>();
  for (const { pod, verdict } of entries) {
    if (verdict.kind !== kind) continue;
    const message = verdict.message || (kind === 'error' ? 'unexpected error' : '');
    byMessage.set(message, [...(byMessage.get(message) ?? []), `${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}`]);
  }
  return byMessage;
}

/** filterPods: every filter in turn until one says not to delete. */
export function filterPods(client: ApiClient, pods: Pod[], options: DrainOptions): PodDeleteList {
  const all = filters(client, options);
  const entries = pods.map((pod) => {
    let verdict = OKAY;
    for (const filter of all) {
      verdict = filter(pod);
      if (!verdict.delete) break;
    }
    return { pod, verdict };
  });
  const warnings = [...grouped(entries, 'warning')].map(([m, p]) => `${m}: ${p.join(', ')}`).join('; ');
  const errors = [...grouped(entries, 'error')].map(([m, p]) => `cannot delete ${m}: ${p.join(', ')}`);
  return { pods: entries.filter((e) => e.verdict.delete).map((e) => ({ ...e.pod, apiVersion: 'v1', kind: 'Pod' })), warnings, errors };
}
