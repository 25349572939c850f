/**
 * core/v1 PodTemplates: a stored Pod template (`template`), defaulted like a workload's, checked
 * by ValidatePodTemplate, and printed as NAME CONTAINERS IMAGES POD LABELS (no age column).
 */
import type { PodTemplate } from '../../../../shared/api/replication-controller.js';
import type { KubeObject } from '../../../../shared/api/meta.js';
import { formatLabels } from '../../../base/label-selector.js';
import type { FieldError } from '../errors.js';
import { containerCells, defaultPodTemplate, validatePodTemplate } from './pod-template.js';
import { ALL_VERBS, type ResourceDefinition, column } from './resource.js';
import { validateObjectMeta } from './validation.js';
import { nameColumn } from './workload-columns.js';

function validate(obj: KubeObject): FieldError[] {
  return [...validateObjectMeta(obj, { namespaced: true, nameRule: 'subdomain' }), ...validatePodTemplate((obj as PodTemplate).template, 'template')];
}

export const podTemplateResource: ResourceDefinition = {
  group: '',
  version: 'v1',
  kind: 'PodTemplate',
  plural: 'podtemplates',
  singular: 'podtemplate',
  namespaced: true,
  shortNames: [],
  categories: [],
  storagePrefix: 'podtemplates',
  verbs: ALL_VERBS,
  subresources: [],
  strategy: {
    returnDeletedObject: true,
    tracksGeneration: true,
    applyDefaults(obj) {
      const pt = obj as PodTemplate;
      pt.template = defaultPodTemplate(pt.template);
    },
    validate,
    validateUpdate: (obj) => validate(obj),
  },
  printer: {
    columns: [
      nameColumn,
      column('Containers', 'string', 'Names of each container in the template.'),
      column('Images', 'string', 'Images referenced by each container in the template.'),
      column('Pod Labels', 'string', 'The labels for the pod template.'),
    ],
    cells: (obj) => {
      const pt = obj as PodTemplate;
      const [containers, images] = containerCells(pt.template);
      return [pt.metadata.name ?? '', containers, images, formatLabels(pt.template?.metadata?.labels)];
    },
  },
};
