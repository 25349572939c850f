/**
 * networking.k8s.io/v1 NetworkPolicies: SetDefaults_NetworkPolicy's policyTypes (Ingress, plus
 * Egress when egress rules exist), the pod selector and policyTypes checks, and the
 * NAME POD-SELECTOR AGE printer.
 */
import type { KubeObject, LabelSelector } from '../../../../shared/api/meta.js';
import { formatLabelSelector } from '../../../base/label-selector.js';
import { type FieldError, notSupported } from '../errors.js';
import { age } from './printing.js';
import { ALL_VERBS, type ResourceDefinition, column } from './resource.js';
import { validateObjectMeta } from './validation.js';
import { validateLabelSelector } from './workload-validation.js';

export interface NetworkPolicy extends KubeObject {
  spec?: { podSelector?: LabelSelector; policyTypes?: string[]; ingress?: unknown[]; egress?: unknown[] };
}

const POLICY_TYPES = ['Egress', 'Ingress'];

function validate(obj: KubeObject): FieldError[] {
  const np = obj as NetworkPolicy;
  const errors = validateObjectMeta(obj, { namespaced: true, nameRule: 'subdomain' });
  errors.push(...validateLabelSelector(np.spec?.podSelector, 'spec.podSelector'));
  (np.spec?.policyTypes ?? []).forEach((type, i) => {
    if (!POLICY_TYPES.includes(type)) errors.push(notSupported(`spec.policyTypes[${i}]`, type, ['Ingress', 'Egress']));
  });
  return errors;
}

export const networkPolicyResource: ResourceDefinition = {
  group: 'networking.k8s.io',
  version: 'v1',
  kind: 'NetworkPolicy',
  plural: 'networkpolicies',
  singular: 'networkpolicy',
  namespaced: true,
  shortNames: ['netpol'],
  categories: [],
  storagePrefix: 'networkpolicies',
  verbs: ALL_VERBS,
  subresources: [],
  strategy: {
    tracksGeneration: true,
    applyDefaults(obj) {
      const np = obj as NetworkPolicy;
      np.spec ??= {};
      if (!np.spec.policyTypes || np.spec.policyTypes.length === 0) {
        np.spec.policyTypes = (np.spec.egress ?? []).length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
      }
    },
    validate,
    validateUpdate: (obj) => validate(obj),
  },
  printer: {
    columns: [
      column('Name', 'string', 'Name must be unique within a namespace.', 0, 'name'),
      column('Pod-Selector', 'string', 'Selects the pods to which this NetworkPolicy object applies.'),
      column('Age', 'string', 'CreationTimestamp is a timestamp representing the server time when this object was created.'),
    ],
    cells: (obj, now) => [obj.metadata.name ?? '', formatLabelSelector((obj as NetworkPolicy).spec?.podSelector), age(obj.metadata.creationTimestamp, now)],
  },
};
