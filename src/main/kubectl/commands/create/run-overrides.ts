/**
 * `kubectl run --overrides=JSON [--override-type=merge|json|strategic]`: kubectl's Overrider,
 * applied to the generated Pod before it is created or printed by a client dry run — an RFC 7396
 * JSON merge patch by default (a list such as `containers` is replaced whole), an RFC 6902 JSON
 * patch, or a strategic merge patch (containers merge by name). The result is decoded into the
 * typed Pod again, so fields the Pod does not have are dropped without a word.
 */
import type { KubeObject } from '../../../../shared/api/meta.js';
import { applyJsonPatch } from '../../../cluster/apiserver/patch/json-patch.js';
import { applyMergePatch } from '../../../cluster/apiserver/patch/merge-patch.js';
import { applyStrategicMergePatch } from '../../../cluster/apiserver/patch/strategic-merge.js';
import { pruneUnknownFields } from '../../../cluster/apiserver/registry/known-fields.js';
import { KubectlError } from '../../errors.js';
import type { Invocation } from '../../invocation.js';

const OVERRIDE_TYPES = ['json', 'merge', 'strategic'];

/** The generated object with `--overrides` applied (itself when there are none). */
export function applyOverrides(inv: Invocation, generated: KubeObject): KubeObject {
  const overrides = inv.flags.string('overrides');
  if (!overrides) return generated;
  const type = inv.flags.string('override-type') || 'merge';
  if (!OVERRIDE_TYPES.includes(type)) throw new KubectlError(`error: invalid override type: ${type}\n`);
  let fragment: unknown;
  try {
    fragment = JSON.parse(overrides);
  } catch {
    // evanphx/json-patch's MergePatch, strategicpatch and encoding/json name a bad fragment so.
    throw new KubectlError(type === 'merge' ? 'error: Invalid JSON Patch\n' : type === 'strategic' ? 'error: invalid JSON document\n' : `error: ${goSyntaxError(overrides)}\n`);
  }
  let patched: unknown;
  if (type === 'json') {
    const result = applyJsonPatch(generated, fragment);
    if (!result.ok) throw new KubectlError(`error: ${result.message}\n`);
    patched = result.value;
  } else if (type === 'merge') {
    patched = applyMergePatch(generated, fragment);
  } else {
    patched = applyStrategicMergePatch(generated, fragment);
  }
  const object = patched as KubeObject;
  if (typeof object !== 'object' || object === null || Array.isArray(object) || !object.kind) {
    throw new KubectlError(`error: Object 'Kind' is missing in '${JSON.stringify(patched)}'\n`);
  }
  pruneUnknownFields(object.apiVersion ?? 'v1', object.kind, object);
  return typedZeroValues(object);
}

/**
 * What encoding the typed Pod again always writes: struct fields without a pointer (metadata's
 * creationTimestamp, a container's resources, the status) come back as null or `{}`.
 */
function typedZeroValues(pod: KubeObject): KubeObject {
  pod.metadata ??= {} as KubeObject['metadata'];
  if (!('creationTimestamp' in pod.metadata)) (pod.metadata as Record<string, unknown>).creationTimestamp = null;
  const spec = (pod as { spec?: { containers?: unknown[]; initContainers?: unknown[] } }).spec;
  for (const container of [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])]) {
    if (typeof container === 'object' && container !== null && !('resources' in container)) (container as Record<string, unknown>).resources = {};
  }
  (pod as { status?: unknown }).status ??= {};
  return pod;
}

/** encoding/json's message for text that is not JSON (the common cases). */
function goSyntaxError(text: string): string {
  const trimmed = text.trimStart();
  if (trimmed === '') return 'unexpected end of JSON input';
  return `invalid character '${trimmed[0]}' looking for beginning of value`;
}
