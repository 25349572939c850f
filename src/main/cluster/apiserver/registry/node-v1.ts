/**
 * node.k8s.io/v1 RuntimeClasses: a name Pods set in `runtimeClassName`, mapped to a CRI handler
 * (a DNS label, fixed after creation), printed as NAME HANDLER AGE.
 */
import type { KubeObject } from '../../../../shared/api/meta.js';
import { type FieldError, invalidValue, required } from '../errors.js';
import { defineResource } from './define-resource.js';
import { age } from './printing.js';
import { type ResourceDefinition, column } from './resource.js';
import { validateDns1123Label, validateObjectMeta } from './validation.js';
import { ageColumn, nameColumn } from './workload-columns.js';

interface RuntimeClass extends KubeObject {
  handler?: string;
  overhead?: { podFixed?: Record<string, string> };
  scheduling?: { nodeSelector?: Record<string, string>; tolerations?: unknown[] };
}

function validate(obj: KubeObject): FieldError[] {
  const handler = (obj as RuntimeClass).handler ?? '';
  const errors = validateObjectMeta(obj, { namespaced: false, nameRule: 'subdomain' });
  if (!handler) errors.push(required('handler'));
  else errors.push(...validateDns1123Label(handler, 'handler'));
  return errors;
}

function validateUpdate(obj: KubeObject, old: KubeObject): FieldError[] {
  const handler = (obj as RuntimeClass).handler ?? '';
  const errors = validate(obj);
  if (handler !== ((old as RuntimeClass).handler ?? '')) errors.push(invalidValue('handler', handler, 'field is immutable'));
  return errors;
}

export const runtimeClassResource = defineResource({
  group: 'node.k8s.io',
  version: 'v1',
  kind: 'RuntimeClass',
  plural: 'runtimeclasses',
  singular: 'runtimeclass',
  namespaced: false,
  strategy: { validate, validateUpdate },
  printer: {
    columns: [nameColumn, column('Handler', 'string', 'handler specifies the underlying runtime and configuration that the CRI implementation will use to handle pods of this class. The possible values are specific to the node & CRI configuration.  It is assumed that all handlers are available on every node, and handlers of the same name are equivalent on every node. For example, a handler called "runc" might specify that the runc OCI runtime (using native Linux containers) will be used to run the containers in a pod. The Handler must be lowercase, conform to the DNS Label (RFC 1123) requirements, and is immutable.'), ageColumn],
    cells: (obj, now) => [obj.metadata.name ?? '', (obj as RuntimeClass).handler ?? '', age(obj.metadata.creationTimestamp, now)],
  },
});

export const nodeV1Resources: readonly ResourceDefinition[] = [runtimeClassResource];
