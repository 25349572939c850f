/**
 * What list filters look at, remembered per key: labels and the kind's selectable fields. A list
 * with a label or field selector then decodes only the objects it returns, instead of parsing every
 * stored object (kube-apiserver serves such lists from its watch cache for the same reason).
 * Entries are keyed by modRevision, so a stale entry is simply recomputed.
 */
import type { KubeObject } from '../../../shared/api/meta.js';
import type { KeyValue } from '../store/etcd-client.js';
import type { ResourceDefinition } from './registry/resource.js';
import type { FieldSelector, LabelSelector } from './selectors.js';

export interface FilterFacts {
  modRevision: number;
  labels: Record<string, string> | undefined;
  fields: Record<string, string | undefined>;
}

export function factsOf(def: ResourceDefinition, object: KubeObject, modRevision: number): FilterFacts {
  const fields: Record<string, string | undefined> = {
    'metadata.name': object.metadata.name,
    'metadata.namespace': object.metadata.namespace,
  };
  for (const field of def.strategy.selectableFields ?? []) fields[field] = def.strategy.selectableField?.(object, field);
  return { modRevision, labels: object.metadata.labels, fields };
}

export function factsMatch(facts: FilterFacts, label: LabelSelector, field: FieldSelector): boolean {
  return label.matches(facts.labels) && field.matches((name) => facts.fields[name]);
}

export class FilterIndex {
  private readonly entries = new Map<string, FilterFacts>();

  facts(def: ResourceDefinition, kv: KeyValue, decode: (kv: KeyValue) => KubeObject): FilterFacts {
    const cached = this.entries.get(kv.key);
    // Two versions may share the key (core and events.k8s.io Events) with different field names.
    const complete = cached && (def.strategy.selectableFields ?? []).every((field) => field in cached.fields);
    if (cached && complete && cached.modRevision === kv.modRevision) return cached;
    const facts = factsOf(def, decode(kv), kv.modRevision);
    this.entries.set(kv.key, facts);
    return facts;
  }

  /** Record an object the API server just wrote, so the first selective list is already cheap. */
  remember(key: string, facts: FilterFacts): void {
    this.entries.set(key, facts);
  }

  forget(key: string): void {
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}
