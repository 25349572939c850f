/**
 * admission.NewForbidden: a plugin's refusal as `<resource> "<name>" is forbidden: <why>`, named by
 * the resource the request wrote.
 */
import type { KubeObject, Status } from '../../../../shared/api/meta.js';
import { forbiddenWith } from '../errors.js';
import type { AdmissionAttributes } from './admission.js';

export function forbid(attributes: AdmissionAttributes, why: string): Status {
  return forbiddenWith({ group: attributes.resource.group, resource: attributes.resource.plural }, attributes.name, why);
}

/** Is the request about this group and resource (`''`, `pods`)? */
export function isResource(attributes: AdmissionAttributes, group: string, resource: string): boolean {
  return attributes.resource.group === group && attributes.resource.plural === resource;
}

/**
 * utilerrors.NewAggregate(...).Error(): one message as is, several de-duplicated and joined by
 * ", " inside brackets.
 */
export function aggregate(messages: readonly string[]): string {
  const unique = [...new Set(messages)];
  return unique.length === 1 ? unique[0]! : `[${unique.join(', ')}]`;
}

/** metav1.Time ordering for "newest default wins": creation time descending, then name ascending. */
export function newestFirst(a: KubeObject, b: KubeObject): number {
  const ta = Date.parse(a.metadata.creationTimestamp ?? '') || 0;
  const tb = Date.parse(b.metadata.creationTimestamp ?? '') || 0;
  if (ta !== tb) return tb - ta;
  const na = a.metadata.name ?? '';
  const nb = b.metadata.name ?? '';
  return na < nb ? -1 : na > nb ? 1 : 0;
}
