/**
 * `--record` (cli-runtime's RecordFlags and ChangeCauseRecorder): the command line — its words,
 * then every flag as ` --name=value` in the order typed, shorthands by their long names — written to
 * the changed object's `kubernetes.io/change-cause` annotation, which `kubectl rollout history`
 * shows as CHANGE-CAUSE. Without `--record` (or with `--record=false`) nothing is recorded.
 */
import type { KubeObject } from '../../shared/api/meta.js';
import type { ResourceRef } from '../cluster/client/resources.js';
import type { Invocation } from './invocation.js';

export const CHANGE_CAUSE_ANNOTATION = 'kubernetes.io/change-cause';

/** parseCommandArguments: what `--record` writes, or undefined when it is not asked for. */
export function changeCause(inv: Invocation): string | undefined {
  if (!inv.flags.bool('record')) return undefined;
  const program = (inv.ctx.argv[0] ?? 'kubectl').split('/').pop();
  const command = inv.commandPath.split(' ')[1] ?? '';
  const words = [command, ...inv.flags.positional, ...inv.flags.afterDash];
  const flags = inv.flags.given.map(({ name, text }) => ` --${name}=${text}`).join('');
  return `${program} ${words.join(' ')}${flags}`;
}

/** ChangeCauseRecorder.Record: the annotation set on `object` (in place), when `--record` asks for it. */
export function recordChangeCause(inv: Invocation, object: KubeObject): void {
  const cause = changeCause(inv);
  if (cause === undefined) return;
  object.metadata = { ...object.metadata, annotations: { ...(object.metadata?.annotations ?? {}), [CHANGE_CAUSE_ANNOTATION]: cause } };
}

/**
 * MakeRecordMergePatch sent after the change as a merge patch of its own (scale, patch), when
 * `--record` asks for it: the object it returns, or undefined (a failure is only logged at -v=4).
 */
export function patchChangeCause(inv: Invocation, ref: ResourceRef, namespace: string | undefined, name: string, query: Record<string, string>): KubeObject | undefined {
  const cause = changeCause(inv);
  if (cause === undefined) return undefined;
  const patched = inv.client().patch(ref, namespace, name, 'merge', { metadata: { annotations: { [CHANGE_CAUSE_ANNOTATION]: cause } } }, { query });
  return patched.ok ? patched.value : undefined;
}
