/**
 * The fields each served kind has, for strict field validation: kube-apiserver's decoder
 * (sigs.k8s.io/json with DisallowUnknownFields) reports every field a request body names that its
 * Go type lacks — `spec.containers[0].imagee` — and never keeps one, whatever `fieldValidation`
 * says. The fields come from the Kubernetes schema generated at build time
 * (scripts/generate-k8s-schema.mjs, shared with the editor); each kind is compiled once, on first
 * use, into a small tree of known fields.
 */
import generated from '../../../../shared/api/generated/kubernetes.schema.json' with { type: 'json' };

/** The parts of the generated draft-07 schema this walker reads. */
interface SchemaNode {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, SchemaNode>;
  additionalProperties?: boolean | SchemaNode;
  items?: SchemaNode | SchemaNode[];
  allOf?: SchemaNode[];
  anyOf?: SchemaNode[];
  oneOf?: SchemaNode[];
}

interface KubernetesSchema {
  definitions: Record<string, SchemaNode>;
  'x-kubelab-kinds': Array<{ apiVersion: string; kind: string; ref: string }>;
}

/**
 * A compiled schema: `any` accepts whatever it holds (scalars, IntOrString, Quantity, free-form
 * objects such as RawExtension and FieldsV1); an object knows its fields and what other keys hold
 * (`false`: they are unknown fields; a node: a map such as labels or data); an array its items.
 */
type Known =
  | { kind: 'any' }
  | { kind: 'object'; fields: Map<string, Known>; extra: Known | false }
  | { kind: 'array'; items: Known };

const ANY: Known = { kind: 'any' };

const schema = generated as unknown as KubernetesSchema;
const compiledRefs = new Map<string, Known>();
const kinds = new Map<string, Known | undefined>();

function compileRef(ref: string): Known {
  const cached = compiledRefs.get(ref);
  if (cached) return cached;
  const definition = schema.definitions[decodeURIComponent(ref.replace('#/definitions/', ''))];
  if (!definition) return ANY;
  // Filled in place, so a type that contains itself reuses the same node.
  const node: Known = { kind: 'object', fields: new Map(), extra: ANY };
  compiledRefs.set(ref, node);
  const compiled = compile(definition);
  if (compiled.kind !== 'object') {
    // Scalars and free-form objects (Time, Quantity, RawExtension) never contain themselves.
    compiledRefs.set(ref, compiled);
    return compiled;
  }
  node.fields = compiled.fields;
  node.extra = compiled.extra;
  return node;
}

/** Several alternatives (allOf/anyOf/oneOf) know the union of their fields. */
function union(nodes: Known[]): Known {
  if (nodes.length === 0 || nodes.some((n) => n.kind === 'any')) return ANY;
  if (nodes.every((n) => n.kind === 'array')) return { kind: 'array', items: union(nodes.map((n) => (n as { items: Known }).items)) };
  const fields = new Map<string, Known>();
  let extra: Known | false = false;
  for (const n of nodes) {
    if (n.kind !== 'object') return ANY;
    for (const [name, field] of n.fields) fields.set(name, fields.has(name) ? union([fields.get(name)!, field]) : field);
    if (n.extra) extra = extra ? union([extra, n.extra]) : n.extra;
  }
  return { kind: 'object', fields, extra };
}

function compile(node: SchemaNode): Known {
  if (node.$ref) return compileRef(node.$ref);
  const alternatives = node.allOf ?? node.anyOf ?? node.oneOf;
  if (alternatives) return union(alternatives.map(compile));
  const types = Array.isArray(node.type) ? node.type : node.type ? [node.type] : [];
  if (types.length === 1 && types[0] === 'array' && node.items && !Array.isArray(node.items)) {
    return { kind: 'array', items: compile(node.items) };
  }
  if (types.length !== 1 || types[0] !== 'object') return ANY;
  const additional = node.additionalProperties;
  // An object with no fields of its own (RawExtension, FieldsV1) holds free-form JSON.
  if (!node.properties && (additional === undefined || additional === false)) return ANY;
  const fields = new Map(Object.entries(node.properties ?? {}).map(([name, field]) => [name, compile(field)]));
  const extra = additional === false ? false : additional === undefined || additional === true ? ANY : compile(additional);
  return { kind: 'object', fields, extra };
}

/** The compiled fields of a kind, or undefined for a kind without a schema entry. */
function knownFieldsOf(apiVersion: string, kind: string): Known | undefined {
  const key = `${apiVersion}/${kind}`;
  if (kinds.has(key)) return kinds.get(key);
  const entry = schema['x-kubelab-kinds'].find((k) => k.apiVersion === apiVersion && k.kind === kind);
  const known = entry ? compileRef(entry.ref) : undefined;
  kinds.set(key, known);
  return known;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function prune(value: unknown, known: Known, path: string, unknown: string[]): void {
  if (known.kind === 'array') {
    if (!Array.isArray(value)) return;
    for (let i = 0; i < value.length; i++) prune(value[i], known.items, `${path}[${i}]`, unknown);
    return;
  }
  if (known.kind !== 'object' || !isPlainObject(value)) return;
  for (const key of Object.keys(value)) {
    const fieldPath = path ? `${path}.${key}` : key;
    const field = known.fields.get(key) ?? known.extra;
    if (field === false) {
      unknown.push(fieldPath);
      delete value[key];
    } else {
      prune(value[key], field, fieldPath, unknown);
    }
  }
}

/**
 * Removes the fields `obj` names that its kind does not have and returns their paths, in document
 * order (`spec.containers[0].imagee`). Kinds without a schema entry are left alone.
 */
export function pruneUnknownFields(apiVersion: string, kind: string, obj: object): string[] {
  const known = knownFieldsOf(apiVersion, kind);
  const unknown: string[] = [];
  if (known) prune(obj, known, '', unknown);
  return unknown;
}
