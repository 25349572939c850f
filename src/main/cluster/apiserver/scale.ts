/**
 * The `scale` subresource of Deployments, ReplicaSets and StatefulSets, as their ScaleREST does
 * it: an autoscaling/v1 Scale built from spec.replicas, status.replicas and the selector's string
 * form; a Scale written back (PUT, or a merge/strategic patch of the current Scale — what
 * `kubectl scale` sends) is validated as a Scale and becomes an ordinary update of the workload.
 */
import type { Scale } from '../../../shared/api/autoscaling.js';
import type { KubeObject, Status } from '../../../shared/api/meta.js';
import { labelSelectorAsSelector } from '../../base/label-selector.js';
import { badRequest, conflict, invalid, invalidValue } from './errors.js';
import { applyPatch } from './patch/apply-patch.js';
import type { ResourceDefinition } from './registry/resource.js';
import type { ApiRequest } from './types.js';

type Result<T> = { ok: true; value: T } | { ok: false; status: Status };

interface Scalable {
  spec?: { replicas?: number; selector?: Parameters<typeof labelSelectorAsSelector>[0] };
  status?: { replicas?: number };
}

/** A ReplicationController's selector is a plain label map (scaleFromRC reads it as a set). */
function selectorOf(workload: KubeObject & Scalable): Parameters<typeof labelSelectorAsSelector>[0] {
  const selector = workload.spec?.selector;
  return workload.kind === 'ReplicationController' ? { matchLabels: selector as Record<string, string> | undefined } : selector;
}

/** scaleFromDeployment (and its ReplicaSet, StatefulSet and ReplicationController twins). */
export function toScale(object: KubeObject): Result<Scale> {
  const workload = object as KubeObject & Scalable;
  const selector = labelSelectorAsSelector(selectorOf(workload));
  if (!selector.ok) return { ok: false, status: badRequest(`invalid label selector: ${selector.error}`) };
  const meta = object.metadata;
  const replicas = workload.spec?.replicas ?? 0;
  const text = selector.selector.toString();
  return {
    ok: true,
    value: {
      kind: 'Scale',
      apiVersion: 'autoscaling/v1',
      metadata: {
        name: meta.name,
        namespace: meta.namespace,
        uid: meta.uid,
        resourceVersion: meta.resourceVersion,
        creationTimestamp: meta.creationTimestamp,
      },
      spec: replicas === 0 ? {} : { replicas },
      status: { replicas: workload.status?.replicas ?? 0, ...(text ? { selector: text } : {}) },
    },
  };
}

/** The Scale a PUT sends, or the current Scale with a patch applied. */
export function requestedScale(current: Scale, request: ApiRequest): Result<unknown> {
  if (request.verb === 'update') return { ok: true, value: request.body };
  return applyPatch(current, request.patchType, request.body);
}

/**
 * scaleUpdatedObjectInfo: decode and validate the Scale, check its uid precondition, and move
 * its replicas (and resourceVersion, the storage precondition) onto a copy of the workload.
 */
export function applyScale(def: ResourceDefinition, workload: KubeObject, sent: unknown): Result<KubeObject> {
  if (typeof sent !== 'object' || sent === null || Array.isArray(sent)) return { ok: false, status: badRequest('the body of the request was in an unknown format') };
  const scale = sent as Partial<Scale>;
  if (scale.apiVersion && scale.apiVersion !== 'autoscaling/v1') {
    return { ok: false, status: badRequest(`the API version in the data (${scale.apiVersion}) does not match the expected API version (autoscaling/v1)`) };
  }
  if (scale.kind && scale.kind !== 'Scale') return { ok: false, status: badRequest(`the kind in the data (${scale.kind}) does not match the expected kind (Scale)`) };
  const replicas: unknown = scale.spec?.replicas ?? 0;
  if (typeof replicas !== 'number' || !Number.isInteger(replicas)) {
    const type = typeof replicas === 'number' ? `number ${replicas}` : typeof replicas === 'string' ? 'string' : typeof replicas === 'boolean' ? 'bool' : 'object';
    return {
      ok: false,
      status: badRequest(`Scale in version "v1" cannot be handled as a Scale: json: cannot unmarshal ${type} into Go struct field ScaleSpec.spec.replicas of type int32`),
    };
  }
  const name = workload.metadata.name ?? '';
  if (scale.metadata?.name && scale.metadata.name !== name) {
    return { ok: false, status: badRequest(`the name of the object (${scale.metadata.name}) does not match the name on the URL (${name})`) };
  }
  if (replicas < 0) {
    return { ok: false, status: invalid('Scale', 'autoscaling', name, [invalidValue('spec.replicas', replicas, 'must be greater than or equal to 0')]) };
  }
  const uid = scale.metadata?.uid;
  if (uid && uid !== workload.metadata.uid) {
    return {
      ok: false,
      status: conflict({ group: def.group, resource: `${def.plural}/scale` }, name, `Precondition failed: UID in precondition: ${uid}, UID in object meta: ${workload.metadata.uid ?? ''}`),
    };
  }
  const next = structuredClone(workload) as KubeObject & Scalable;
  (next.spec ??= {}).replicas = replicas;
  // An empty resourceVersion makes the update unconditional, as for the workload itself.
  if (scale.metadata?.resourceVersion) next.metadata.resourceVersion = scale.metadata.resourceVersion;
  else delete next.metadata.resourceVersion;
  return { ok: true, value: next };
}
