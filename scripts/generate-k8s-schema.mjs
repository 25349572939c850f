// Generates the Kubernetes JSON schema the editor's YAML language service (monaco-yaml) uses for
// validation markers, completion and hover, and the API server for strict field validation
// (unknown fields) — offline, at build time. The field types and their
// descriptions come from kubernetes-models' `.d.ts` files through ts-json-schema-generator.
//
// Output: a draft-07 schema whose root checks `apiVersion`/`kind` and then, for each kind the
// engine serves, applies that kind's definition (`allOf` of `if kind [and apiVersion] → then $ref`).
// To serve another kind, add a line to KINDS.
//
// Usage: node scripts/generate-k8s-schema.mjs [--out FILE] [--if-missing]
import { mkdirSync, existsSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import { createGenerator } from 'ts-json-schema-generator';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const defaultOut = join(root, 'src/shared/api/generated/kubernetes.schema.json');

/**
 * The kinds the engine serves: apiVersion, kind, and the kubernetes-models module and interface
 * that describe it.
 * @type {ReadonlyArray<{ apiVersion: string; kind: string; module: string; type: string }>}
 */
export const KINDS = [
  { apiVersion: 'v1', kind: 'Pod', module: 'kubernetes-models/v1/Pod', type: 'IPod' },
  { apiVersion: 'v1', kind: 'Node', module: 'kubernetes-models/v1/Node', type: 'INode' },
  { apiVersion: 'v1', kind: 'Namespace', module: 'kubernetes-models/v1/Namespace', type: 'INamespace' },
  { apiVersion: 'v1', kind: 'Event', module: 'kubernetes-models/v1/Event', type: 'IEvent' },
  { apiVersion: 'v1', kind: 'Service', module: 'kubernetes-models/v1/Service', type: 'IService' },
  { apiVersion: 'v1', kind: 'Endpoints', module: 'kubernetes-models/v1/Endpoints', type: 'IEndpoints' },
  { apiVersion: 'v1', kind: 'ConfigMap', module: 'kubernetes-models/v1/ConfigMap', type: 'IConfigMap' },
  { apiVersion: 'v1', kind: 'Secret', module: 'kubernetes-models/v1/Secret', type: 'ISecret' },
  { apiVersion: 'v1', kind: 'ServiceAccount', module: 'kubernetes-models/v1/ServiceAccount', type: 'IServiceAccount' },
  { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', module: 'kubernetes-models/coordination.k8s.io/v1/Lease', type: 'ILease' },
  { apiVersion: 'apps/v1', kind: 'Deployment', module: 'kubernetes-models/apps/v1/Deployment', type: 'IDeployment' },
  { apiVersion: 'apps/v1', kind: 'ReplicaSet', module: 'kubernetes-models/apps/v1/ReplicaSet', type: 'IReplicaSet' },
  { apiVersion: 'apps/v1', kind: 'StatefulSet', module: 'kubernetes-models/apps/v1/StatefulSet', type: 'IStatefulSet' },
  { apiVersion: 'apps/v1', kind: 'DaemonSet', module: 'kubernetes-models/apps/v1/DaemonSet', type: 'IDaemonSet' },
  { apiVersion: 'apps/v1', kind: 'ControllerRevision', module: 'kubernetes-models/apps/v1/ControllerRevision', type: 'IControllerRevision' },
  { apiVersion: 'batch/v1', kind: 'Job', module: 'kubernetes-models/batch/v1/Job', type: 'IJob' },
  { apiVersion: 'batch/v1', kind: 'CronJob', module: 'kubernetes-models/batch/v1/CronJob', type: 'ICronJob' },
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', module: 'kubernetes-models/rbac.authorization.k8s.io/v1/Role', type: 'IRole' },
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', module: 'kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRole', type: 'IClusterRole' },
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', module: 'kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding', type: 'IRoleBinding' },
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', module: 'kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRoleBinding', type: 'IClusterRoleBinding' },
  { apiVersion: 'v1', kind: 'PersistentVolume', module: 'kubernetes-models/v1/PersistentVolume', type: 'IPersistentVolume' },
  { apiVersion: 'v1', kind: 'PersistentVolumeClaim', module: 'kubernetes-models/v1/PersistentVolumeClaim', type: 'IPersistentVolumeClaim' },
  { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', module: 'kubernetes-models/scheduling.k8s.io/v1/PriorityClass', type: 'IPriorityClass' },
  { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', module: 'kubernetes-models/storage.k8s.io/v1/StorageClass', type: 'IStorageClass' },
  { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', module: 'kubernetes-models/networking.k8s.io/v1/Ingress', type: 'IIngress' },
  { apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', module: 'kubernetes-models/networking.k8s.io/v1/IngressClass', type: 'IIngressClass' },
  { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', module: 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy', type: 'INetworkPolicy' },
  { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', module: 'kubernetes-models/policy/v1/PodDisruptionBudget', type: 'IPodDisruptionBudget' },
  { apiVersion: 'v1', kind: 'ResourceQuota', module: 'kubernetes-models/v1/ResourceQuota', type: 'IResourceQuota' },
  { apiVersion: 'v1', kind: 'LimitRange', module: 'kubernetes-models/v1/LimitRange', type: 'ILimitRange' },
  { apiVersion: 'certificates.k8s.io/v1', kind: 'CertificateSigningRequest', module: 'kubernetes-models/certificates.k8s.io/v1/CertificateSigningRequest', type: 'ICertificateSigningRequest' },
  { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', module: 'kubernetes-models/authentication.k8s.io/v1/TokenReview', type: 'ITokenReview' },
  { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview', module: 'kubernetes-models/authentication.k8s.io/v1/SelfSubjectReview', type: 'ISelfSubjectReview' },
  { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', module: 'kubernetes-models/authorization.k8s.io/v1/SelfSubjectAccessReview', type: 'ISelfSubjectAccessReview' },
  { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectRulesReview', module: 'kubernetes-models/authorization.k8s.io/v1/SelfSubjectRulesReview', type: 'ISelfSubjectRulesReview' },
  { apiVersion: 'authorization.k8s.io/v1', kind: 'SubjectAccessReview', module: 'kubernetes-models/authorization.k8s.io/v1/SubjectAccessReview', type: 'ISubjectAccessReview' },
  { apiVersion: 'authorization.k8s.io/v1', kind: 'LocalSubjectAccessReview', module: 'kubernetes-models/authorization.k8s.io/v1/LocalSubjectAccessReview', type: 'ILocalSubjectAccessReview' },
  { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', module: 'kubernetes-models/discovery.k8s.io/v1/EndpointSlice', type: 'IEndpointSlice' },
  { apiVersion: 'events.k8s.io/v1', kind: 'Event', module: 'kubernetes-models/events.k8s.io/v1/Event', type: 'IEvent' },
  { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', module: 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler', type: 'IHorizontalPodAutoscaler' },
  { apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler', module: 'kubernetes-models/autoscaling/v1/HorizontalPodAutoscaler', type: 'IHorizontalPodAutoscaler' },
  { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', module: 'kubernetes-models/apiextensions.k8s.io/v1/CustomResourceDefinition', type: 'ICustomResourceDefinition' },
  { apiVersion: 'v1', kind: 'ReplicationController', module: 'kubernetes-models/v1/ReplicationController', type: 'IReplicationController' },
  { apiVersion: 'v1', kind: 'PodTemplate', module: 'kubernetes-models/v1/PodTemplate', type: 'IPodTemplate' },
  { apiVersion: 'v1', kind: 'ComponentStatus', module: 'kubernetes-models/v1/ComponentStatus', type: 'IComponentStatus' },
  { apiVersion: 'v1', kind: 'Binding', module: 'kubernetes-models/v1/Binding', type: 'IBinding' },
  { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'MutatingWebhookConfiguration', module: 'kubernetes-models/admissionregistration.k8s.io/v1/MutatingWebhookConfiguration', type: 'IMutatingWebhookConfiguration' },
  { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingWebhookConfiguration', module: 'kubernetes-models/admissionregistration.k8s.io/v1/ValidatingWebhookConfiguration', type: 'IValidatingWebhookConfiguration' },
  { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingAdmissionPolicy', module: 'kubernetes-models/admissionregistration.k8s.io/v1/ValidatingAdmissionPolicy', type: 'IValidatingAdmissionPolicy' },
  { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingAdmissionPolicyBinding', module: 'kubernetes-models/admissionregistration.k8s.io/v1/ValidatingAdmissionPolicyBinding', type: 'IValidatingAdmissionPolicyBinding' },
  { apiVersion: 'apiregistration.k8s.io/v1', kind: 'APIService', module: 'kubernetes-models/apiregistration.k8s.io/v1/APIService', type: 'IAPIService' },
  { apiVersion: 'flowcontrol.apiserver.k8s.io/v1', kind: 'FlowSchema', module: 'kubernetes-models/flowcontrol.apiserver.k8s.io/v1/FlowSchema', type: 'IFlowSchema' },
  { apiVersion: 'flowcontrol.apiserver.k8s.io/v1', kind: 'PriorityLevelConfiguration', module: 'kubernetes-models/flowcontrol.apiserver.k8s.io/v1/PriorityLevelConfiguration', type: 'IPriorityLevelConfiguration' },
  { apiVersion: 'node.k8s.io/v1', kind: 'RuntimeClass', module: 'kubernetes-models/node.k8s.io/v1/RuntimeClass', type: 'IRuntimeClass' },
  { apiVersion: 'storage.k8s.io/v1', kind: 'CSIDriver', module: 'kubernetes-models/storage.k8s.io/v1/CSIDriver', type: 'ICSIDriver' },
  { apiVersion: 'storage.k8s.io/v1', kind: 'CSINode', module: 'kubernetes-models/storage.k8s.io/v1/CSINode', type: 'ICSINode' },
  { apiVersion: 'storage.k8s.io/v1', kind: 'CSIStorageCapacity', module: 'kubernetes-models/storage.k8s.io/v1/CSIStorageCapacity', type: 'ICSIStorageCapacity' },
  { apiVersion: 'storage.k8s.io/v1', kind: 'VolumeAttachment', module: 'kubernetes-models/storage.k8s.io/v1/VolumeAttachment', type: 'IVolumeAttachment' },
];

/**
 * A copy of a generated schema part whose `$ref`s to renamed definitions point at the new names.
 * @param {Record<string, unknown>} part
 * @param {Map<string, string>} renames
 * @returns {any}
 */
function renameRefs(part, renames) {
  const walk = (node) => {
    if (Array.isArray(node)) return node.map(walk);
    if (node === null || typeof node !== 'object') return node;
    const out = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string' && value.startsWith('#/definitions/')) {
        const name = decodeURIComponent(value.slice('#/definitions/'.length));
        out[key] = renames.has(name) ? `#/definitions/${encodeURIComponent(renames.get(name))}` : value;
      } else {
        out[key] = walk(value);
      }
    }
    return out;
  };
  return walk(part);
}

/**
 * Builds the schema object.
 * @returns {{ schema: Record<string, unknown>; stats: { kinds: number; definitions: number; describedProperties: number } }}
 */
export function generateKubernetesSchema() {
  // ts-json-schema-generator reads a TypeScript program: a tiny entry module that re-exports each
  // kind's interface under a unique alias, compiled where node_modules resolves kubernetes-models.
  const workDir = join(root, 'node_modules/.tmp/kubelab-k8s-schema');
  mkdirSync(workDir, { recursive: true });
  const alias = (k) => `Kind_${k.apiVersion.replace(/[^A-Za-z0-9]/g, '_')}_${k.kind}`;
  const entry = join(workDir, 'entry.ts');
  writeFileSync(
    entry,
    KINDS.map((k) => `import type { ${k.type} as ${alias(k)}Model } from '${k.module}';\nexport type ${alias(k)} = ${alias(k)}Model;\n`).join(''),
  );
  const tsconfig = join(workDir, 'tsconfig.json');
  writeFileSync(
    tsconfig,
    JSON.stringify({
      compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2023', strict: true, skipLibCheck: true, noEmit: true },
      files: ['entry.ts'],
    }),
  );

  const generator = createGenerator({
    path: entry,
    tsconfig,
    type: KINDS.map(alias),
    expose: 'export',
    topRef: true,
    jsDoc: 'extended',
    // The API server rejects unknown fields (strict field validation): so does the editor.
    additionalProperties: false,
    skipTypeCheck: true,
  });

  /** @type {Record<string, Record<string, unknown>>} */
  const definitions = {};
  /** @type {Array<{ apiVersion: string; kind: string; ref: string }>} */
  const kinds = [];
  for (const k of KINDS) {
    const part = generator.createSchema(alias(k));
    // Different API groups reuse type names (IEndpointPort in v1 and discovery.k8s.io/v1): a
    // definition that differs from one already taken gets the group/version as a suffix, and this
    // kind's references follow it. Identical ones are shared.
    const renames = new Map();
    for (const [name, definition] of Object.entries(part.definitions ?? {})) {
      if (name in definitions && !isDeepStrictEqual(definitions[name], definition)) {
        renames.set(name, `${name}_${k.apiVersion.replace(/[^A-Za-z0-9]/g, '_')}`);
      }
    }
    const renamed = renames.size > 0 ? renameRefs(part, renames) : part;
    const ref = /** @type {string} */ (renamed.$ref);
    for (const [name, definition] of Object.entries(renamed.definitions ?? {})) {
      const target = renames.get(name) ?? name;
      if (target in definitions && !isDeepStrictEqual(definitions[target], definition)) {
        throw new Error(`generate-k8s-schema: two different definitions named ${target}; give ${k.apiVersion} ${k.kind} its own type`);
      }
      definitions[target] = /** @type {Record<string, unknown>} */ (definition);
    }
    kinds.push({ apiVersion: k.apiVersion, kind: k.kind, ref });
  }
  removeAliasDefinitions(definitions, kinds);
  allowNullTimes(definitions);
  // Hover and error messages name the closest title: the kind, not "Kubernetes object".
  for (const k of kinds) {
    const definition = definitions[decodeURIComponent(k.ref.replace('#/definitions/', ''))];
    if (definition) definition.title = k.apiVersion === 'v1' ? k.kind : `${k.kind} (${k.apiVersion})`;
  }

  const sameKindCount = (kind) => kinds.filter((k) => k.kind === kind).length;
  const schema = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'kubelab://schemas/kubernetes.json',
    title: 'Kubernetes object',
    description: `Kinds served by the KubeLab API server: ${kinds.map((k) => `${k.apiVersion}/${k.kind}`).join(', ')}.`,
    type: 'object',
    required: ['apiVersion', 'kind'],
    // `examples`, not `enum`: offered as completions, yet a file of another kind (a kubeconfig's
    // `kind: Config`, a kind the lab does not serve yet) is not flagged for it.
    properties: {
      apiVersion: {
        type: 'string',
        description: 'APIVersion defines the versioned schema of this representation of an object.',
        examples: [...new Set(kinds.map((k) => k.apiVersion))],
      },
      kind: {
        type: 'string',
        description: 'Kind is a string value representing the REST resource this object represents.',
        examples: kinds.map((k) => k.kind),
      },
    },
    allOf: kinds.map((k) => ({
      if:
        sameKindCount(k.kind) > 1
          ? { properties: { apiVersion: { const: k.apiVersion }, kind: { const: k.kind } }, required: ['apiVersion', 'kind'] }
          : { properties: { kind: { const: k.kind } }, required: ['kind'] },
      then: { $ref: k.ref },
    })),
    'x-kubelab-kinds': kinds,
    definitions,
  };
  return { schema, stats: { kinds: kinds.length, definitions: Object.keys(definitions).length, describedProperties: countDescribedProperties(definitions) } };
}

/** The entry's `Kind_…` aliases only point at the interfaces: point straight at those instead. */
function removeAliasDefinitions(definitions, kinds) {
  for (const k of kinds) {
    const name = decodeURIComponent(k.ref.replace('#/definitions/', ''));
    const definition = definitions[name];
    if (definition && typeof definition.$ref === 'string' && Object.keys(definition).length === 1) {
      k.ref = definition.$ref;
      delete definitions[name];
    }
  }
}

/**
 * `kubectl run … --dry-run=client -o yaml` writes `creationTimestamp: null`, and the API server
 * accepts it: a learner pasting that output should not see an error.
 */
function allowNullTimes(definitions) {
  for (const [name, definition] of Object.entries(definitions)) {
    if (/(^|[^A-Za-z])I?(Micro)?Time$/.test(name) && definition.type === 'string') definition.type = ['string', 'null'];
  }
}

function countDescribedProperties(definitions) {
  let count = 0;
  for (const definition of Object.values(definitions)) {
    for (const property of Object.values(definition.properties ?? {})) {
      if (property && typeof property === 'object' && typeof property.description === 'string') count++;
    }
  }
  return count;
}

// ---- command line ------------------------------------------------------------------------------

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({ options: { out: { type: 'string' }, 'if-missing': { type: 'boolean' } } });
  const out = values.out ?? defaultOut;
  if (values['if-missing'] && existsSync(out)) process.exit(0);
  const started = performance.now();
  const { schema, stats } = generateKubernetesSchema();
  const text = JSON.stringify(schema);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, text + '\n');
  const ms = Math.round(performance.now() - started);
  console.log(
    `kubernetes schema: ${stats.kinds} kinds, ${stats.definitions} definitions, ${stats.describedProperties} described properties, ` +
      `${Math.round(text.length / 1024)} KB → ${relative(process.cwd(), out) || out} (${ms} ms)`,
  );
}
