/**
 * core/v1 NodeSelector matching (component-helpers' nodeaffinity): terms are ORed, a term's
 * matchExpressions and matchFields are ANDed, an empty term matches nothing. Shared by the
 * scheduler (NodeAffinity, VolumeBinding), the DaemonSet controller and the PV binder.
 */
import type { Node } from '../../shared/api/core.js';
import type { NodeSelector, NodeSelectorRequirement, NodeSelectorTerm } from '../../shared/api/storage.js';

export type { NodeSelector, NodeSelectorTerm };

function requirementMatches(r: NodeSelectorRequirement, value: string | undefined): boolean {
  const values = r.values ?? [];
  switch (r.operator) {
    case 'In':
      return value !== undefined && values.includes(value);
    case 'NotIn':
      return value === undefined || !values.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    case 'Gt':
    case 'Lt': {
      // Both sides must be integers; anything else does not match.
      if (value === undefined || values.length !== 1 || !/^-?\d+$/.test(value) || !/^-?\d+$/.test(values[0]!)) return false;
      return r.operator === 'Gt' ? Number(value) > Number(values[0]) : Number(value) < Number(values[0]);
    }
    default:
      return false;
  }
}

export function termMatches(term: NodeSelectorTerm, node: Node): boolean {
  const expressions = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (expressions.length === 0 && fields.length === 0) return false;
  const labels = node.metadata.labels ?? {};
  for (const r of expressions) if (!requirementMatches(r, Object.hasOwn(labels, r.key) ? labels[r.key] : undefined)) return false;
  // matchFields supports only metadata.name.
  for (const r of fields) if (r.key !== 'metadata.name' || !requirementMatches(r, node.metadata.name)) return false;
  return true;
}

export function nodeSelectorMatches(selector: NodeSelector, node: Node): boolean {
  return (selector.nodeSelectorTerms ?? []).some((t) => termMatches(t, node));
}
