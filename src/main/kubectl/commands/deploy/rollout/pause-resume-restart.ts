/**
 * The ObjectPauser, ObjectResumer and ObjectRestarter of kubectl's polymorphichelpers: only
 * Deployments pause and resume; Deployments, DaemonSets and StatefulSets restart by stamping
 * `kubectl.kubernetes.io/restartedAt` on their pod template.
 */
import type { PodTemplateSpec } from '../../../../../shared/api/core.js';
import type { Subcommand } from '../../../command-group.js';
import { patchingSubcommand } from './patching-subcommand.js';

export const ROLLOUT_PAUSE: Subcommand = patchingSubcommand({
  operation: 'paused',
  mutate: (kind, copy) => {
    if (kind !== 'Deployment') return 'pausing is not supported';
    if (copy.spec.paused === true) return 'is already paused';
    copy.spec.paused = true;
    return undefined;
  },
  unchanged: { operation: 'already paused' },
});

export const ROLLOUT_RESUME: Subcommand = patchingSubcommand({
  operation: 'resumed',
  mutate: (kind, copy) => {
    if (kind !== 'Deployment') return 'resuming is not supported';
    if (copy.spec.paused !== true) return 'is not paused';
    // `paused: false` is omitted from the JSON, so the patch says `"paused": null`.
    delete copy.spec.paused;
    return undefined;
  },
  unchanged: { operation: 'already resumed' },
});

/** time.Now().Format(time.RFC3339) in UTC: `2025-01-01T00:01:00Z`. */
function rfc3339(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export const ROLLOUT_RESTART: Subcommand = patchingSubcommand({
  operation: 'restarted',
  mutate: (kind, copy, now) => {
    if (kind !== 'Deployment' && kind !== 'DaemonSet' && kind !== 'StatefulSet') return 'restarting is not supported';
    if (kind === 'Deployment' && copy.spec.paused === true) return "can't restart paused deployment (run rollout resume first)";
    const template = copy.spec.template as PodTemplateSpec;
    template.metadata = { ...template.metadata, annotations: { ...(template.metadata?.annotations ?? {}), 'kubectl.kubernetes.io/restartedAt': rfc3339(now) } };
    return undefined;
  },
  unchanged: {
    error: (name) => `failed to create patch for ${name}: if restart has already been triggered within the past second, please wait before attempting to trigger another`,
  },
});
