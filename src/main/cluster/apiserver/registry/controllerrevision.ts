/**
 * apps/v1 ControllerRevisions: the immutable template snapshots StatefulSets and DaemonSets keep
 * for rollbacks. No spec, so no generation and no status; `data` is mandatory and immutable while
 * `revision` may change (the history code renumbers a reused revision). The CONTROLLER column
 * names the owner as `statefulset.apps/web`.
 */
import type { ControllerRevision } from '../../../../shared/api/apps.js';
import type { KubeObject } from '../../../../shared/api/meta.js';
import { type FieldError, required } from '../errors.js';
import { decodeError } from './decoding.js';
import { goRawData } from './go-value.js';
import { age } from './printing.js';
import { ALL_VERBS, type ResourceDefinition, column } from './resource.js';
import { validateObjectMeta } from './validation.js';
import { ageColumn, nameColumn } from './workload-columns.js';
import { CONTROLLER_REVISION_SHAPE } from './workload-decoding.js';
import { immutable, validateNonnegative } from './workload-validation.js';

function validate(obj: KubeObject): FieldError[] {
  const revision = obj as ControllerRevision;
  const errors = validateObjectMeta(obj, { namespaced: true, nameRule: 'subdomain' });
  // A JSON null leaves the RawExtension empty: the same as leaving data out.
  if (revision.data === undefined || revision.data === null) errors.push(required('data', 'data is mandatory'));
  errors.push(...validateNonnegative(revision.revision, 'revision'));
  return errors;
}

/** formatResourceName of the controller owner reference: `kind.group/name`, lower-cased kind and group. */
function controllerOf(obj: KubeObject): string {
  const ref = obj.metadata.ownerReferences?.find((r) => r.controller === true);
  if (!ref) return '<none>';
  const slash = ref.apiVersion.indexOf('/');
  const group = slash >= 0 ? ref.apiVersion.slice(0, slash) : '';
  return `${(group ? `${ref.kind}.${group}` : ref.kind).toLowerCase()}/${ref.name}`;
}

export const controllerRevisionResource: ResourceDefinition = {
  group: 'apps',
  version: 'v1',
  kind: 'ControllerRevision',
  plural: 'controllerrevisions',
  singular: 'controllerrevision',
  namespaced: true,
  shortNames: [],
  categories: [],
  storagePrefix: 'controllerrevisions',
  verbs: ALL_VERBS,
  subresources: [],
  strategy: {
    decode: (obj) => decodeError(obj, CONTROLLER_REVISION_SHAPE),
    applyDefaults(obj) {
      // revision is an int64 without omitempty: absent decodes as 0.
      (obj as ControllerRevision).revision ??= 0;
    },
    validate,
    validateUpdate(obj, old) {
      return [...validate(obj), ...immutable((obj as ControllerRevision).data, (old as ControllerRevision).data, 'data', goRawData)];
    },
  },
  printer: {
    columns: [
      nameColumn,
      column('Controller', 'string', 'Controller of the object'),
      column('Revision', 'string', 'Revision indicates the revision of the state represented by Data.'),
      ageColumn,
    ],
    cells: (obj, now) => [obj.metadata.name ?? '', controllerOf(obj), (obj as ControllerRevision).revision ?? 0, age(obj.metadata.creationTimestamp, now)],
  },
};
