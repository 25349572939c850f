/**
 * One place that applies a request's patch by its content type (JSON, merge, strategic merge),
 * with kube-apiserver's answers for bad patches and unsupported types. The main resource and the
 * `/scale` subresource both patch through it.
 */
import type { Status } from '../../../../shared/api/meta.js';
import { badRequest, unprocessable } from '../errors.js';
import type { PatchType } from '../types.js';
import { applyJsonPatch } from './json-patch.js';
import { applyMergePatch } from './merge-patch.js';
import { applyStrategicMergePatch } from './strategic-merge.js';

export type PatchResult = { ok: true; value: unknown } | { ok: false; status: Status };

export function applyPatch(current: unknown, patchType: PatchType | undefined, body: unknown): PatchResult {
  switch (patchType) {
    case 'merge':
      return { ok: true, value: applyMergePatch(current, body) };
    case 'strategic':
      return { ok: true, value: applyStrategicMergePatch(current, body) };
    case 'json': {
      const result = applyJsonPatch(current, body);
      if (result.ok) return { ok: true, value: result.value };
      return { ok: false, status: result.stage === 'decode' ? badRequest(result.message) : unprocessable(result.message) };
    }
    default:
      return {
        ok: false,
        status: {
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Failure',
          message: `the server does not support the patch type ${patchType ?? ''} yet`,
          reason: 'UnsupportedMediaType',
          code: 415,
        },
      };
  }
}
