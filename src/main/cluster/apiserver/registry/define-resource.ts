/**
 * A stored resource with the usual shape — every verb, stored under its plural, no short names,
 * categories or subresources unless given — for the kinds whose registry is little more than
 * defaults, validation and a printer (admission, flow control, CSI, RuntimeClass …).
 */
import { ALL_VERBS, type ResourceDefinition } from './resource.js';

type Required = Pick<ResourceDefinition, 'group' | 'version' | 'kind' | 'plural' | 'singular' | 'namespaced' | 'strategy'>;

export function defineResource(definition: Required & Partial<ResourceDefinition>): ResourceDefinition {
  return {
    shortNames: [],
    categories: [],
    storagePrefix: definition.plural,
    verbs: ALL_VERBS,
    subresources: [],
    ...definition,
  };
}
