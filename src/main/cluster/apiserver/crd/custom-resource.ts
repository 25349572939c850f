/**
 * What the API server serves for an established CustomResourceDefinition: one ResourceDefinition
 * per served version at `/apis/<group>/<version>/<plural>`, all sharing the storage version's
 * objects under `/registry/<group>/<plural>/` (conversion strategy `None`: only apiVersion changes),
 * with the CR strategy of apiextensions-apiserver — pruning, schema defaults, schema validation,
 * generation bumped by any change outside metadata (and status, with the status subresource),
 * no unconditional updates — the CRD's printer columns, and the `status` and `scale` subresources
 * it declares. Names are the CRD's accepted names (`status.acceptedNames`).
 */
import type { Scale } from '../../../../shared/api/autoscaling.js';
import type {
  CustomResourceDefinition,
  CustomResourceDefinitionNames,
  CustomResourceDefinitionVersion,
  CustomResourceSubresourceScale,
  JSONSchemaProps,
} from '../../../../shared/api/apiextensions.js';
import type { KubeObject, Status } from '../../../../shared/api/meta.js';
import { canonicalJson } from '../../../base/canonical-json.js';
import { methodNotSupported } from '../errors.js';
import { ALL_VERBS, type ResourceDefinition, type StrategyContext, type SubresourceHandler, apiVersionOf } from '../registry/resource.js';
import { validateObjectMeta } from '../registry/validation.js';
import { applyScale, requestedScale } from '../scale.js';
import { applySchemaDefaults } from './defaulting.js';
import { customResourcePrinter } from './printer.js';
import { pruneCustomResource } from './pruning.js';
import { validateAgainstSchema } from './validation.js';

/** Kubernetes' version priority: GA before beta before alpha, higher numbers first, then the rest by name. */
export function compareVersions(a: string, b: string): number {
  const rank = (v: string): [number, number, number] => {
    const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
    if (!m) return [3, 0, 0];
    const stage = m[2] === undefined ? 0 : m[2] === 'beta' ? 1 : 2;
    return [stage, -Number(m[1]), -Number(m[3] ?? 0)];
  };
  const [ra, rb] = [rank(a), rank(b)];
  for (let i = 0; i < 3; i++) if (ra[i] !== rb[i]) return ra[i]! - rb[i]!;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The names a CRD is served under: the accepted ones once the naming controller has judged them. */
export function servedNames(crd: CustomResourceDefinition): Required<Pick<CustomResourceDefinitionNames, 'plural' | 'singular' | 'kind' | 'listKind'>> & CustomResourceDefinitionNames {
  const accepted = crd.status?.acceptedNames;
  const names = accepted?.plural ? accepted : (crd.spec?.names ?? {});
  const kind = names.kind ?? '';
  return { ...names, plural: names.plural ?? '', kind, singular: names.singular || kind.toLowerCase(), listKind: names.listKind || `${kind}List` };
}

export function storageVersionOf(crd: CustomResourceDefinition): string | undefined {
  return crd.spec?.versions?.find((v) => v.storage)?.name;
}

/** The served versions' resources, preferred version first (the order discovery lists them). */
export function customResourceDefinitions(crd: CustomResourceDefinition): ResourceDefinition[] {
  const storage = storageVersionOf(crd);
  const group = crd.spec?.group ?? '';
  if (!storage || !group) return [];
  return (crd.spec?.versions ?? [])
    .filter((v) => v.served && v.name)
    .sort((a, b) => compareVersions(a.name!, b.name!))
    .map((v) => versionResource(crd, v, group, storage));
}

function versionResource(crd: CustomResourceDefinition, version: CustomResourceDefinitionVersion, group: string, storage: string): ResourceDefinition {
  const names = servedNames(crd);
  const schema: JSONSchemaProps = version.schema?.openAPIV3Schema ?? { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
  const hasStatus = version.subresources?.status !== undefined && version.subresources.status !== null;
  const scale = version.subresources?.scale;
  const namespaced = crd.spec?.scope === 'Namespaced';
  const def: ResourceDefinition = {
    group,
    version: version.name!,
    kind: names.kind,
    plural: names.plural,
    singular: names.singular,
    namespaced,
    shortNames: names.shortNames ?? [],
    categories: names.categories ?? [],
    storagePrefix: `${group}/${names.plural}`,
    verbs: ALL_VERBS,
    subresources: [...(hasStatus ? ['status'] : []), ...(scale ? ['scale'] : [])],
    conversion: {
      toStorage: (obj) => ({ ...obj, apiVersion: `${group}/${storage}` }),
      // Reading applies this version's defaults too, as the storage decoder does.
      fromStorage: (obj) => {
        const read = { ...obj, apiVersion: `${group}/${version.name!}` };
        applySchemaDefaults(read, schema);
        return read;
      },
    },
    strategy: {
      hasStatusSubresource: hasStatus,
      allowUnconditionalUpdate: false,
      pruneUnknownFields: (obj) => pruneCustomResource(obj, schema),
      applyDefaults: (obj) => applySchemaDefaults(obj, schema),
      // The handler reads the CRD at each request: one marked for deletion takes no new objects.
      beginCreate: (_obj, ctx) => (isTerminating(ctx, crd.metadata.name ?? '') ? terminatingStatus(group, names.plural) : undefined),
      prepareForCreate(obj) {
        obj.metadata.generation = 1;
        if (hasStatus) {
          delete obj.status;
          // The object comes back from storage defaulted: a schema's default status appears at once.
          applySchemaDefaults(obj, schema);
        }
      },
      prepareForUpdate(obj, old) {
        obj.metadata.generation = old.metadata.generation ?? 1;
        if (canonicalJson(content(obj, hasStatus)) !== canonicalJson(content(old, hasStatus))) obj.metadata.generation += 1;
      },
      validate: (obj) => [...validateObjectMeta(obj, { namespaced, nameRule: 'subdomain' }), ...validateAgainstSchema(obj, schema)],
      validateStatusUpdate: (obj) => validateAgainstSchema(obj, schema),
    },
    printer: customResourcePrinter(version.additionalPrinterColumns),
  };
  if (scale) def.subresourceHandlers = { scale: scaleHandler(def, scale) };
  return def;
}

/** What generation tracks: everything but metadata (and status, when it has its own endpoint). */
function content(obj: KubeObject, withoutStatus: boolean): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...obj };
  delete copy.metadata;
  delete copy.apiVersion;
  delete copy.kind;
  if (withoutStatus) delete copy.status;
  return copy;
}

function isTerminating(ctx: StrategyContext, name: string): boolean {
  return ctx.get('apiextensions.k8s.io', 'customresourcedefinitions', undefined, name)?.metadata.deletionTimestamp !== undefined;
}

/** The crdHandler's refusal to create objects of a CRD being deleted. */
function terminatingStatus(group: string, plural: string): Status {
  const status = methodNotSupported({ group, resource: plural }, 'create');
  status.message = 'create not allowed while custom resource definition is terminating';
  return status;
}

function readPath(obj: unknown, path: string | undefined): unknown {
  let current = obj;
  for (const part of (path ?? '').split('.').filter(Boolean)) {
    if (typeof current !== 'object' || current === null || Array.isArray(current)) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

function writePath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.').filter(Boolean);
  let current = obj;
  for (const part of parts.slice(0, -1)) {
    const next = current[part];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) current[part] = {};
    current = current[part] as Record<string, unknown>;
  }
  current[parts[parts.length - 1]!] = value;
}

/** scaleFromCustomResource: the Scale the CRD's replica and selector paths describe. */
function toScale(cr: KubeObject, paths: CustomResourceSubresourceScale): Scale {
  const specReplicas = readPath(cr, paths.specReplicasPath);
  const statusReplicas = readPath(cr, paths.statusReplicasPath);
  const selector = readPath(cr, paths.labelSelectorPath);
  const replicas = typeof specReplicas === 'number' ? specReplicas : 0;
  const meta = cr.metadata;
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: { name: meta.name, namespace: meta.namespace, uid: meta.uid, resourceVersion: meta.resourceVersion, creationTimestamp: meta.creationTimestamp },
    spec: replicas === 0 ? {} : { replicas },
    status: { replicas: typeof statusReplicas === 'number' ? statusReplicas : 0, ...(typeof selector === 'string' && selector ? { selector } : {}) },
  };
}

/** `<plural>/scale`: read as a Scale; a Scale written back becomes an update of the resource. */
function scaleHandler(def: ResourceDefinition, paths: CustomResourceSubresourceScale): SubresourceHandler {
  return {
    verbs: ['get', 'update', 'patch'],
    handle(request, parent, ctx) {
      const current = toScale(parent, paths);
      if (request.verb === 'get') return { ok: true, code: 200, value: current };
      const sent = requestedScale(current, request);
      if (!sent.ok) return sent;
      const view: KubeObject = { metadata: parent.metadata, spec: { replicas: current.spec.replicas ?? 0 } };
      const applied = applyScale(def, view, sent.value);
      if (!applied.ok) return applied;
      const next = structuredClone(parent);
      writePath(next, paths.specReplicasPath ?? '.spec.replicas', (applied.value.spec as { replicas: number }).replicas);
      if (applied.value.metadata.resourceVersion) next.metadata.resourceVersion = applied.value.metadata.resourceVersion;
      const written = ctx.internal({
        verb: 'update',
        group: def.group,
        version: def.version,
        resource: def.plural,
        namespace: parent.metadata.namespace,
        name: parent.metadata.name,
        body: { ...next, apiVersion: apiVersionOf(def) },
        query: request.query?.dryRun ? { dryRun: request.query.dryRun } : undefined,
      });
      if (!written.ok) return written;
      return { ok: true, code: 200, value: toScale(written.value as KubeObject, paths) };
    },
  };
}
