/**
 * apiregistration.k8s.io/v1 APIServices (kube-aggregator): one per served group/version, named
 * `<version>.<group>`. Local ones are served by kube-apiserver itself; one with a `service` is
 * proxied to that Service (metrics-server's v1beta1.metrics.k8s.io). Printed as NAME SERVICE
 * AVAILABLE AGE.
 */
import type { KubeObject } from '../../../../shared/api/meta.js';
import { type FieldError, invalidValue, required } from '../errors.js';
import { defineResource } from './define-resource.js';
import { age } from './printing.js';
import { column } from './resource.js';
import { validateObjectMeta } from './validation.js';
import { ageColumn, nameColumn } from './workload-columns.js';

export interface APIServiceCondition {
  type: string;
  status: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

export interface APIService extends KubeObject {
  spec: {
    service?: { namespace?: string; name?: string; port?: number };
    group?: string;
    version?: string;
    insecureSkipTLSVerify?: boolean;
    caBundle?: string;
    groupPriorityMinimum: number;
    versionPriority: number;
  };
  status?: { conditions?: APIServiceCondition[] };
}

/** ValidateAPIService: the name is `<version>.<group>`, priorities in range. */
function validate(obj: KubeObject): FieldError[] {
  const api = obj as APIService;
  const spec = api.spec ?? ({} as APIService['spec']);
  const errors = validateObjectMeta(obj, { namespaced: false, nameRule: 'path' });
  const expected = `${spec.version ?? ''}.${spec.group ?? ''}`;
  if (api.metadata.name !== expected) errors.push(invalidValue('metadata.name', api.metadata.name ?? '', `must be ${expected}`));
  if (!spec.version) errors.push(required('spec.version'));
  if (!(spec.groupPriorityMinimum > 0 && spec.groupPriorityMinimum <= 20000)) {
    errors.push(invalidValue('spec.groupPriorityMinimum', spec.groupPriorityMinimum ?? 0, 'must be positive and less than 20000'));
  }
  if (!(spec.versionPriority > 0 && spec.versionPriority <= 1000)) {
    errors.push(invalidValue('spec.versionPriority', spec.versionPriority ?? 0, 'must be positive and less than 1000'));
  }
  if (!spec.service) {
    if (spec.group === '' && spec.version !== 'v1') errors.push(invalidValue('spec.version', spec.version ?? '', 'must be v1 for core API group'));
    if (spec.insecureSkipTLSVerify) errors.push(invalidValue('spec.insecureSkipTLSVerify', true, 'must not be set if service is not set'));
    if (spec.caBundle) errors.push(invalidValue('spec.caBundle', spec.caBundle, 'must not be set if service is not set'));
  } else if (!spec.group) {
    errors.push(required('spec.group', 'only the core API group can have an empty group'));
  }
  return errors;
}

/** The AVAILABLE cell: the condition's status, with its reason when not True. */
function availableCell(api: APIService): string {
  const condition = api.status?.conditions?.find((c) => c.type === 'Available');
  if (!condition) return 'Unknown';
  return condition.status === 'True' ? 'True' : `${condition.status} (${condition.reason ?? ''})`;
}

export const apiServiceResource = defineResource({
  group: 'apiregistration.k8s.io',
  version: 'v1',
  kind: 'APIService',
  plural: 'apiservices',
  singular: 'apiservice',
  namespaced: false,
  categories: ['api-extensions'],
  subresources: ['status'],
  strategy: {
    hasStatusSubresource: true,
    applyDefaults(obj) {
      const service = (obj as APIService).spec?.service;
      if (service) service.port ??= 443;
    },
    prepareForCreate(obj) {
      (obj as APIService).status = {};
    },
    validate,
    validateUpdate: (obj) => validate(obj),
  },
  printer: {
    columns: [
      nameColumn,
      column('Service', 'string', 'The reference to the service that hosts this API endpoint.'),
      column('Available', 'string', 'Whether this service is available.'),
      ageColumn,
    ],
    cells: (obj, now) => {
      const api = obj as APIService;
      const service = api.spec?.service ? `${api.spec.service.namespace ?? ''}/${api.spec.service.name ?? ''}` : 'Local';
      return [api.metadata.name ?? '', service, availableCell(api), age(api.metadata.creationTimestamp, now)];
    },
  },
});
