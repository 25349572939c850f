/**
 * The API schemas `kubectl explain` reads: the built-in kinds from the Kubernetes schema bundled at
 * build time (scripts/generate-k8s-schema.mjs), and a CRD's `openAPIV3Schema` with the standard
 * fields the API server publishes for every custom resource. A `$ref` with a description beside it
 * stands for OpenAPI v3's `{description, allOf: [{$ref}]}`.
 */
import generated from '../../../../../shared/api/generated/kubernetes.schema.json' with { type: 'json' };

export interface SchemaNode {
  $ref?: string;
  type?: string | string[];
  description?: string;
  properties?: Record<string, SchemaNode>;
  additionalProperties?: boolean | SchemaNode;
  items?: SchemaNode | SchemaNode[];
  required?: string[];
  enum?: unknown[];
}

/**
 * A description as the API server's OpenAPI has it: the bundled schema turned each enum bullet's
 * line break into a space (`values:  - `), where the served text has one (`values:\n - `) that
 * explain's wrap drops.
 */
export function servedDescription(text: string): string {
  return text.replace(/ {2}- `/g, ' - `');
}

export interface SchemaSource {
  /** The definition a `$ref` names, if any. */
  resolve(ref: string): SchemaNode | undefined;
  /** The type name a `$ref` shows as (`PodSpec`). */
  refName(ref: string): string;
}

interface KubernetesSchema {
  definitions: Record<string, SchemaNode>;
  'x-kubelab-kinds': Array<{ apiVersion: string; kind: string; ref: string }>;
}

const schema = generated as unknown as KubernetesSchema;

export const BUILTIN_SCHEMAS: SchemaSource = {
  resolve: (ref) => schema.definitions[decodeURIComponent(ref.replace('#/definitions/', ''))],
  // kubernetes-models names its interfaces `IPodSpec`.
  refName: (ref) => decodeURIComponent(ref.replace('#/definitions/', '')).replace(/^I(?=[A-Z])/, ''),
};

/** A built-in kind's schema, without the `required` apiVersion/kind the bundled schema adds for the editor. */
export function builtinKindSchema(apiVersion: string, kind: string): SchemaNode | undefined {
  const entry = schema['x-kubelab-kinds'].find((k) => k.apiVersion === apiVersion && k.kind === kind);
  const definition = entry ? BUILTIN_SCHEMAS.resolve(entry.ref) : undefined;
  if (!definition) return undefined;
  const required = (definition.required ?? []).filter((f) => f !== 'apiVersion' && f !== 'kind');
  const { required: _dropped, ...rest } = definition;
  return required.length > 0 ? { ...rest, required } : rest;
}

/** A custom resource's schema as kube-apiserver publishes it: apiVersion, kind and metadata added. */
export function customResourceSchema(openAPIV3Schema: SchemaNode): SchemaNode {
  const pod = builtinKindSchema('v1', 'Pod')!.properties!;
  return {
    ...openAPIV3Schema,
    properties: { apiVersion: pod.apiVersion!, kind: pod.kind!, metadata: pod.metadata!, ...(openAPIV3Schema.properties ?? {}) },
  };
}
