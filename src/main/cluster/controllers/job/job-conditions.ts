/**
 * Job conditions with kube-controller-manager 1.32's types, reasons and messages. Since 1.31 a
 * Job first gets an interim condition (`SuccessCriteriaMet`, `FailureTarget`) and the terminal
 * one (`Complete`, `Failed`) only once none of its Pods is still terminating.
 */
import type { Job, JobCondition } from '../../../../shared/api/batch.js';
import { rfc3339 } from '../../../base/duration.js';

export interface ConditionReason {
  reason: string;
  message: string;
}

export const COMPLETIONS_REACHED: ConditionReason = { reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods' };
export const BACKOFF_LIMIT_EXCEEDED: ConditionReason = { reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' };
export const DEADLINE_EXCEEDED: ConditionReason = { reason: 'DeadlineExceeded', message: 'Job was active longer than specified deadline' };
export const JOB_SUSPENDED: ConditionReason = { reason: 'JobSuspended', message: 'Job suspended' };
export const JOB_RESUMED: ConditionReason = { reason: 'JobResumed', message: 'Job resumed' };

export function findCondition(job: Job, type: string): JobCondition | undefined {
  return job.status?.conditions?.find((c) => c.type === type);
}

export function conditionIsTrue(job: Job, type: string): boolean {
  return findCondition(job, type)?.status === 'True';
}

/** IsJobFinished: Complete or Failed is True. */
export function finishedType(job: Job): 'Complete' | 'Failed' | undefined {
  for (const c of job.status?.conditions ?? []) {
    if ((c.type === 'Complete' || c.type === 'Failed') && c.status === 'True') return c.type;
  }
  return undefined;
}

/**
 * ensureJobConditionStatus: add the condition, or change an existing one whose status differs
 * (a new transition time); an unchanged status keeps everything. Returns whether it changed.
 */
export function setCondition(conditions: JobCondition[], type: string, status: JobCondition['status'], why: ConditionReason, now: number): boolean {
  const existing = conditions.find((c) => c.type === type);
  const at = rfc3339(now);
  if (!existing) {
    // A False condition that never was True is not added.
    if (status !== 'True') return false;
    conditions.push({ type, status, lastProbeTime: at, lastTransitionTime: at, reason: why.reason, message: why.message });
    return true;
  }
  if (existing.status === status && existing.reason === why.reason && existing.message === why.message) return false;
  if (existing.status !== status) existing.lastTransitionTime = at;
  existing.status = status;
  existing.lastProbeTime = at;
  existing.reason = why.reason;
  existing.message = why.message;
  return true;
}
