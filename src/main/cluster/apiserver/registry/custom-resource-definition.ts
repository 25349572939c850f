/**
 * apiextensions.k8s.io/v1 CustomResourceDefinitions: v1 defaults (singular and listKind from the
 * kind, conversion `None`), ValidateCustomResourceDefinition's rules and wording (name =
 * plural.group, one storage version, schemas required and structural, names, printer columns,
 * subresources, the api-approved annotation of protected groups, immutable group/plural and — once
 * established — scope and kind), status (storedVersions on create and when the storage version
 * changes), the Delete override that adds the `customresourcecleanup.apiextensions.k8s.io`
 * finalizer and a Terminating condition, and the NAME / CREATED AT table. The controllers that
 * accept names, establish the CRD, serve its resources and clean them up are in `crd/crd-controller.ts`.
 */
import {
  CUSTOM_RESOURCE_CLEANUP_FINALIZER,
  type CustomResourceColumnDefinition,
  type CustomResourceDefinition,
  type CustomResourceDefinitionCondition,
  type CustomResourceDefinitionNames,
  type CustomResourceDefinitionVersion,
} from '../../../../shared/api/apiextensions.js';
import type { KubeObject } from '../../../../shared/api/meta.js';
import { rfc3339 } from '../../../base/duration.js';
import { type FieldError, forbidden, goLiteral, invalidValue, notSupported, required } from '../errors.js';
import { validateStructuralSchema } from '../crd/structural-schema.js';
import { ALL_VERBS, type ResourceDefinition, type TablePrinter } from './resource.js';
import { DNS1035_LABEL_ERROR, validateDns1123Subdomain, validateObjectMeta } from './validation.js';

export const APIEXTENSIONS = 'apiextensions.k8s.io';

const PRINTER_COLUMN_TYPES = ['boolean', 'date', 'integer', 'number', 'string'];
const PRINTER_COLUMN_FORMATS = ['byte', 'date', 'date-time', 'double', 'float', 'int32', 'int64', 'password'];
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const API_APPROVAL = 'api-approved.kubernetes.io';
const API_APPROVAL_LINK = 'see https://github.com/kubernetes/enhancements/pull/1111';

function crdOf(obj: KubeObject): CustomResourceDefinition {
  return obj as CustomResourceDefinition;
}

/** SetDefaults_CustomResourceDefinitionSpec (v1). */
function applyDefaults(obj: KubeObject): void {
  const spec = (crdOf(obj).spec ??= {});
  const names = (spec.names ??= {});
  if (!names.singular && names.kind) names.singular = names.kind.toLowerCase();
  if (!names.listKind && names.kind) names.listKind = `${names.kind}List`;
  spec.conversion ??= { strategy: 'None' };
  spec.conversion.strategy ??= 'None';
}

/** IsDNS1035Label's messages for a name. */
function dns1035Errors(value: string): string[] {
  const errors: string[] = [];
  if (value.length > 63) errors.push('must be no more than 63 characters');
  if (!DNS1035_LABEL.test(value)) errors.push(DNS1035_LABEL_ERROR);
  return errors;
}

/** `%#v` of spec.versions, abridged to what identifies each version. */
function versionsLiteral(versions: readonly CustomResourceDefinitionVersion[]): ReturnType<typeof goLiteral> {
  const items = versions.map((v) => `apiextensions.CustomResourceDefinitionVersion{Name:${JSON.stringify(v.name ?? '')}, Served:${v.served === true}, Storage:${v.storage === true}, …}`);
  return goLiteral(`[]apiextensions.CustomResourceDefinitionVersion{${items.join(', ')}}`);
}

function validateNames(names: CustomResourceDefinitionNames, path: string): FieldError[] {
  const errors: FieldError[] = [];
  for (const field of ['plural', 'singular'] as const) {
    const value = names[field];
    const messages = value ? dns1035Errors(value) : [];
    if (value && messages.length > 0) errors.push(invalidValue(`${path}.${field}`, value, messages.join(',')));
  }
  for (const field of ['kind', 'listKind'] as const) {
    const value = names[field];
    const messages = value ? dns1035Errors(value.toLowerCase()) : [];
    if (value && messages.length > 0) errors.push(invalidValue(`${path}.${field}`, value, `may have mixed case, but should otherwise match: ${messages.join(',')}`));
  }
  (names.shortNames ?? []).forEach((s, i) => {
    const messages = dns1035Errors(s);
    if (messages.length > 0) errors.push(invalidValue(`${path}.shortNames[${i}]`, s, messages.join(',')));
  });
  if (names.kind && names.kind === names.listKind) errors.push(invalidValue(`${path}.listKind`, names.listKind, 'kind and listKind may not be the same'));
  (names.categories ?? []).forEach((c, i) => {
    const messages = dns1035Errors(c);
    if (messages.length > 0) errors.push(invalidValue(`${path}.categories[${i}]`, c, messages.join(',')));
  });
  return errors;
}

function validateColumn(column: CustomResourceColumnDefinition, path: string): FieldError[] {
  const errors: FieldError[] = [];
  if (!column.name) errors.push(required(`${path}.name`));
  const types = `must be one of ${PRINTER_COLUMN_TYPES.join(',')}`;
  if (!column.type) errors.push(required(`${path}.type`, types));
  else if (!PRINTER_COLUMN_TYPES.includes(column.type)) errors.push(invalidValue(`${path}.type`, column.type, types));
  if (column.format && !PRINTER_COLUMN_FORMATS.includes(column.format)) {
    errors.push(invalidValue(`${path}.format`, column.format, `must be one of ${PRINTER_COLUMN_FORMATS.join(',')}`));
  }
  if (!column.jsonPath) errors.push(required(`${path}.JSONPath`));
  return errors;
}

function validateVersion(version: CustomResourceDefinitionVersion, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const schema = version.schema?.openAPIV3Schema;
  if (schema) errors.push(...validateStructuralSchema(schema, `${path}.schema.openAPIV3Schema`, version.subresources?.status !== undefined));
  const scale = version.subresources?.scale;
  if (scale) {
    const scalePath = `${path}.subresources.scale`;
    if (!scale.specReplicasPath) errors.push(required(`${scalePath}.specReplicasPath`));
    else if (!scale.specReplicasPath.startsWith('.spec.')) errors.push(invalidValue(`${scalePath}.specReplicasPath`, scale.specReplicasPath, 'should be a json path under .spec'));
    if (!scale.statusReplicasPath) errors.push(required(`${scalePath}.statusReplicasPath`));
    else if (!scale.statusReplicasPath.startsWith('.status.')) errors.push(invalidValue(`${scalePath}.statusReplicasPath`, scale.statusReplicasPath, 'should be a json path under .status'));
    if (scale.labelSelectorPath && !/^\.(spec|status)\./.test(scale.labelSelectorPath)) {
      errors.push(invalidValue(`${scalePath}.labelSelectorPath`, scale.labelSelectorPath, 'should be a json path under either .spec or .status'));
    }
  }
  (version.additionalPrinterColumns ?? []).forEach((c, i) => errors.push(...validateColumn(c, `${path}.additionalPrinterColumns[${i}]`)));
  return errors;
}

/** validateAPIApproval: groups under k8s.io and kubernetes.io need the api-approved annotation. */
function validateApproval(crd: CustomResourceDefinition, old: CustomResourceDefinition | undefined): FieldError[] {
  const group = crd.spec?.group ?? '';
  const protectedGroup = group === 'k8s.io' || group === 'kubernetes.io' || group.endsWith('.k8s.io') || group.endsWith('.kubernetes.io');
  if (!protectedGroup) return [];
  const annotation = crd.metadata.annotations?.[API_APPROVAL];
  const field = `metadata.annotations[${API_APPROVAL}]`;
  // An update may keep whatever the stored object already had.
  if (old && old.metadata.annotations?.[API_APPROVAL] === annotation) return [];
  if (annotation === undefined) return [required(field, `protected groups must have approval annotation "${API_APPROVAL}", ${API_APPROVAL_LINK}`)];
  if (!annotation.startsWith('unapproved') && !/^https?:\/\/\S+$/.test(annotation)) {
    return [invalidValue(field, annotation, `protected groups must have approval annotation "${API_APPROVAL}" with either a URL or a reason starting with "unapproved", ${API_APPROVAL_LINK}`)];
  }
  return [];
}

/** ValidateCustomResourceDefinition (v1 rules: schemas required and structural). */
export function validateCustomResourceDefinition(obj: KubeObject, old?: KubeObject): FieldError[] {
  const crd = crdOf(obj);
  const spec = crd.spec ?? {};
  const names = spec.names ?? {};
  const errors: FieldError[] = validateObjectMeta(obj, { namespaced: false, nameRule: 'subdomain' });
  const name = crd.metadata.name ?? '';
  if (name && name !== `${names.plural ?? ''}.${spec.group ?? ''}`) errors.push(invalidValue('metadata.name', name, 'must be spec.names.plural+"."+spec.group'));
  const group = spec.group ?? '';
  if (!group) errors.push(required('spec.group'));
  else {
    const groupErrors = validateDns1123Subdomain(group, 'spec.group');
    if (groupErrors.length > 0) errors.push(invalidValue('spec.group', group, groupErrors.map((e) => e.detail.replace(/^Invalid value: "[^"]*": /, '')).join(',')));
    else if (group.split('.').length < 2) errors.push(invalidValue('spec.group', group, 'should be a domain with at least one dot'));
  }
  if (!spec.scope) errors.push(required('spec.scope'));
  else if (spec.scope !== 'Cluster' && spec.scope !== 'Namespaced') errors.push(notSupported('spec.scope', spec.scope, ['Cluster', 'Namespaced']));
  const versions = spec.versions ?? [];
  versions.forEach((v, i) => {
    if (!v.schema?.openAPIV3Schema) errors.push(required(`spec.versions[${i}].schema.openAPIV3Schema`, 'schemas are required'));
  });
  const seen = new Set<string>();
  let unique = true;
  versions.forEach((v, i) => {
    const versionName = v.name ?? '';
    if (seen.has(versionName)) unique = false;
    seen.add(versionName);
    const messages = dns1035Errors(versionName);
    if (messages.length > 0) errors.push(invalidValue(`spec.versions[${i}].name`, versionName, messages.join(',')));
    errors.push(...validateVersion(v, `spec.versions[${i}]`));
  });
  if (!unique) errors.push(invalidValue('spec.versions', versionsLiteral(versions), 'must contain unique version names'));
  if (versions.filter((v) => v.storage).length !== 1) errors.push(invalidValue('spec.versions', versionsLiteral(versions), 'must have exactly one version marked as storage version'));
  for (const field of ['plural', 'singular', 'kind', 'listKind'] as const) {
    if (!names[field]) errors.push(required(`spec.names.${field}`));
  }
  errors.push(...validateNames(names, 'spec.names'));
  const strategy = spec.conversion?.strategy;
  if (strategy !== undefined && strategy !== 'None' && strategy !== 'Webhook') errors.push(notSupported('spec.conversion.strategy', strategy, ['None', 'Webhook']));
  if (strategy === 'Webhook') errors.push(forbidden('spec.conversion.strategy', 'conversion webhooks are not available in this lab'));
  if (old) {
    const oldSpec = crdOf(old).spec ?? {};
    if (spec.group !== oldSpec.group) errors.push(invalidValue('spec.group', spec.group ?? '', 'field is immutable'));
    if (names.plural !== oldSpec.names?.plural) errors.push(invalidValue('spec.names.plural', names.plural ?? '', 'field is immutable'));
    if (isEstablished(crdOf(old))) {
      if (spec.scope !== oldSpec.scope) errors.push(invalidValue('spec.scope', spec.scope ?? '', 'field is immutable'));
      if (names.kind !== oldSpec.names?.kind) errors.push(invalidValue('spec.names.kind', names.kind ?? '', 'field is immutable'));
    }
  }
  errors.push(...validateStoredVersions(crd));
  errors.push(...validateApproval(crd, old ? crdOf(old) : undefined));
  return errors;
}

/** ValidateCustomResourceDefinitionStoredVersions. */
function validateStoredVersions(crd: CustomResourceDefinition): FieldError[] {
  const stored = crd.status?.storedVersions ?? [];
  const versions = crd.spec?.versions ?? [];
  if (stored.length === 0) return [invalidValue('status.storedVersions', goLiteral('[]string{}'), 'must have at least one stored version')];
  const errors: FieldError[] = [];
  const literal = goLiteral(`[]string{${stored.map((s) => JSON.stringify(s)).join(', ')}}`);
  for (const v of versions) {
    if (v.storage && v.name && !stored.includes(v.name)) errors.push(invalidValue('status.storedVersions', literal, `must have the storage version ${v.name}`));
  }
  stored.forEach((s, i) => {
    if (versions.some((v) => v.name === s)) return;
    errors.push(
      invalidValue(
        `status.storedVersions[${i}]`,
        s,
        `missing from spec.versions; ${s} was previously a storage version, and must remain in spec.versions until a storage migration ensures no data remains persisted in ${s} and removes ${s} from status.storedVersions`,
      ),
    );
  });
  return errors;
}

export function conditionOf(crd: CustomResourceDefinition, type: string): CustomResourceDefinitionCondition | undefined {
  return (crd.status?.conditions ?? []).find((c) => c.type === type);
}

export function isEstablished(crd: CustomResourceDefinition): boolean {
  return conditionOf(crd, 'Established')?.status === 'True';
}

/** SetCRDCondition: replace the condition of that type, keeping its transition time when the status is unchanged. */
export function setCondition(crd: CustomResourceDefinition, condition: CustomResourceDefinitionCondition): void {
  const status = (crd.status ??= {});
  const conditions = status.conditions ?? [];
  const existing = conditions.find((c) => c.type === condition.type);
  const next = { ...condition, lastTransitionTime: existing && existing.status === condition.status ? existing.lastTransitionTime : condition.lastTransitionTime };
  status.conditions = existing ? conditions.map((c) => (c === existing ? next : c)) : [...conditions, next];
}

function storageVersion(crd: CustomResourceDefinition): string | undefined {
  return crd.spec?.versions?.find((v) => v.storage)?.name;
}

const CREATED_AT_PRINTER: TablePrinter = {
  columns: [
    {
      name: 'Name',
      type: 'string',
      format: 'name',
      description:
        'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names',
      priority: 0,
    },
    {
      name: 'Created At',
      type: 'date',
      format: '',
      description:
        'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata',
      priority: 0,
    },
  ],
  // The default table convertor prints the creation time in RFC3339, not an age.
  cells: (obj) => [obj.metadata.name ?? '', obj.metadata.creationTimestamp ?? '0001-01-01T00:00:00Z'],
};

export const customResourceDefinitionResource: ResourceDefinition = {
  group: APIEXTENSIONS,
  version: 'v1',
  kind: 'CustomResourceDefinition',
  plural: 'customresourcedefinitions',
  singular: 'customresourcedefinition',
  namespaced: false,
  shortNames: ['crd', 'crds'],
  categories: ['api-extensions'],
  storagePrefix: `${APIEXTENSIONS}/customresourcedefinitions`,
  verbs: ALL_VERBS,
  subresources: ['status'],
  strategy: {
    tracksGeneration: true,
    hasStatusSubresource: true,
    applyDefaults,
    prepareForCreate(obj) {
      // The strategy resets status: names are judged and conditions set by the controllers.
      const crd = crdOf(obj);
      const storage = storageVersion(crd);
      crd.status = { conditions: null, acceptedNames: { plural: '', kind: '' }, storedVersions: storage ? [storage] : [] };
    },
    prepareForUpdate(obj) {
      const crd = crdOf(obj);
      const storage = storageVersion(crd);
      const stored = crd.status?.storedVersions ?? [];
      if (storage && !stored.includes(storage)) (crd.status ??= {}).storedVersions = [...stored, storage];
    },
    validate: (obj) => validateCustomResourceDefinition(obj),
    validateUpdate: (obj, old) => validateCustomResourceDefinition(obj, old),
    validateStatusUpdate: (obj) => validateNames(crdOf(obj).status?.acceptedNames ?? {}, 'status.acceptedNames'),
    beginDelete(obj, ctx) {
      // The CRD REST's Delete: hold the object until the cleanup controller has removed its instances.
      const crd = crdOf(obj);
      const finalizers = crd.metadata.finalizers ?? [];
      if (!finalizers.includes(CUSTOM_RESOURCE_CLEANUP_FINALIZER)) crd.metadata.finalizers = [...finalizers, CUSTOM_RESOURCE_CLEANUP_FINALIZER];
      setCondition(crd, {
        type: 'Terminating',
        status: 'True',
        lastTransitionTime: rfc3339(ctx.now()),
        reason: 'InstanceDeletionPending',
        message: 'CustomResourceDefinition marked for deletion; CustomResource deletion will begin soon',
      });
    },
  },
  printer: CREATED_AT_PRINTER,
};

/** The apiextensions.k8s.io group's v1 resources, for the API server's resource list. */
export const apiextensionsV1Resources: readonly ResourceDefinition[] = [customResourceDefinitionResource];
