/**
 * ServiceAccounts: named like Secrets, their `secrets` references trimmed to names on create, and
 * the 1.32 printer (NAME, SECRETS, AGE). The `default` account of each namespace is the
 * ServiceAccount controller's work, not the API server's.
 */
import type { ServiceAccount } from '../../../../shared/api/core.js';
import { GO_BOOL, GO_STRING, decodeError, goSlice, goStruct } from './decoding.js';
import { age } from './printing.js';
import { ALL_VERBS, type ResourceDefinition, column } from './resource.js';
import { serviceAccountTokenHandler } from './service-account-token.js';
import { validateObjectMeta } from './validation.js';

const SERVICE_ACCOUNT = goStruct('ServiceAccount', {
  secrets: goSlice(goStruct('ObjectReference', { name: GO_STRING, namespace: GO_STRING, kind: GO_STRING, uid: GO_STRING })),
  imagePullSecrets: goSlice(goStruct('LocalObjectReference', { name: GO_STRING })),
  automountServiceAccountToken: GO_BOOL,
});

export const serviceAccountResource: ResourceDefinition = {
  group: '',
  version: 'v1',
  kind: 'ServiceAccount',
  plural: 'serviceaccounts',
  singular: 'serviceaccount',
  namespaced: true,
  shortNames: ['sa'],
  categories: [],
  storagePrefix: 'serviceaccounts',
  verbs: ALL_VERBS,
  subresources: ['token'],
  subresourceHandlers: { token: serviceAccountTokenHandler },
  strategy: {
    returnDeletedObject: true,
    decode: (obj) => decodeError(obj, SERVICE_ACCOUNT),
    prepareForCreate(obj) {
      // cleanSecretReferences: a reference names a Secret in the same namespace, nothing more.
      const sa = obj as ServiceAccount;
      if (sa.secrets) sa.secrets = sa.secrets.map((s) => (s.name === undefined ? {} : { name: s.name }));
    },
    validate: (obj) => validateObjectMeta(obj, { namespaced: true, nameRule: 'subdomain' }),
  },
  printer: {
    columns: [
      column('Name', 'string', 'Name must be unique within a namespace.', 0, 'name'),
      column('Secrets', 'string', 'Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use.'),
      column('Age', 'string', 'CreationTimestamp is a timestamp representing the server time when this object was created.'),
    ],
    cells: (obj, now) => {
      const sa = obj as ServiceAccount;
      return [sa.metadata.name ?? '', (sa.secrets ?? []).length, age(sa.metadata.creationTimestamp, now)];
    },
  },
};
