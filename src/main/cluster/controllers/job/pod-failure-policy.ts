/**
 * A Job's podFailurePolicy: the first rule that matches a failed Pod — by a container's non-zero
 * exit code (In/NotIn, optionally one container) or by a Pod condition — decides whether the
 * failure fails the whole Job (FailJob), is not counted (Ignore), fails only its index
 * (FailIndex) or counts towards backoffLimit (Count). No match counts.
 */
import type { Job, PodFailurePolicyRule } from '../../../../shared/api/batch.js';
import type { ContainerStatus, Pod } from '../../../../shared/api/core.js';

export interface PolicyMatch {
  /** Counts towards status.failed and the back-off limit. */
  countFailed: boolean;
  /** Set when the rule's action is FailJob: the FailureTarget condition's message. */
  failJobMessage?: string;
}

function matchingContainer(statuses: readonly ContainerStatus[], rule: NonNullable<PodFailurePolicyRule['onExitCodes']>): ContainerStatus | undefined {
  return statuses.find((status) => {
    const exitCode = status.state?.terminated?.exitCode;
    // A container still terminating has no exit code; exit code 0 never matches.
    if (exitCode === undefined || exitCode === 0) return false;
    if (rule.containerName !== undefined && rule.containerName !== status.name) return false;
    const listed = (rule.values ?? []).includes(exitCode);
    return rule.operator === 'NotIn' ? !listed : listed;
  });
}

/** matchPodFailurePolicy for a Pod in phase Failed; undefined when the Job has no policy. */
export function matchPodFailurePolicy(job: Job, pod: Pod): PolicyMatch | undefined {
  const rules = job.spec.podFailurePolicy?.rules;
  if (!rules) return undefined;
  const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
  const where = `${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}`;
  for (const [index, rule] of rules.entries()) {
    const action = rule.action ?? '';
    let message: string | undefined;
    if (rule.onExitCodes) {
      const container = matchingContainer(statuses, rule.onExitCodes);
      if (container) message = `Container ${container.name} for pod ${where} failed with exit code ${container.state.terminated!.exitCode} matching ${action} rule at index ${index}`;
    } else if (rule.onPodConditions) {
      const condition = pod.status?.conditions?.find((c) => rule.onPodConditions!.some((p) => p.type === c.type && (p.status ?? 'True') === c.status));
      if (condition) message = `Pod ${where} has condition ${condition.type} matching ${action} rule at index ${index}`;
    }
    if (message === undefined) continue;
    if (action === 'Ignore') return { countFailed: false };
    if (action === 'FailJob') return { countFailed: true, failJobMessage: message };
    return { countFailed: true };
  }
  return { countFailed: true };
}
