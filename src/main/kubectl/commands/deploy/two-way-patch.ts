/**
 * set.CalculatePatch: change a copy of an object and diff it against the original as
 * strategic-merge-patch's CreateTwoWayMergePatch does (`{}` when nothing changed).
 */
import type { KubeObject } from '../../../../shared/api/meta.js';
import { threeWayPatch } from '../../apply-patch.js';

export interface CalculatedPatch<T extends KubeObject = KubeObject> {
  /** The changed copy. */
  modified: T;
  patch: Record<string, unknown>;
}

export function calculatePatch<T extends KubeObject>(object: T, mutate: (copy: T) => void): CalculatedPatch<T> {
  const modified = structuredClone(object);
  mutate(modified);
  return { modified, patch: threeWayPatch(object, modified, object) };
}

export function isEmptyPatch(patch: Record<string, unknown>): boolean {
  return Object.keys(patch).length === 0;
}
