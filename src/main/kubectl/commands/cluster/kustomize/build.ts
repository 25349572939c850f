/**
 * `kustomize build` as kubectl 5.5's embedded kustomize runs it: resources (files and nested
 * kustomizations) and generators accumulated, the built-in transformers applied in kustomize's
 * order, content hashes appended to generated names, references re-pointed, and the result in the
 * legacy kind order. Deprecated fields are reported as kustomize does.
 */
import type { KubeObject } from '../../../../../shared/api/meta.js';
import { parseManifestText } from '../../../manifests.js';
import { splitApiVersion } from '../../../resource-resolver.js';
import { KustomizeError, type KustomizeFs, type Kustomization, joinPath, readKustomization } from './files.js';
import { type GeneratorOptions, contentHash, runGenerators } from './generators.js';
import { applyJson6902Patches, applyPatches, applyStrategicMergePatches } from './patches.js';
import { type Tracked, rename } from './resources.js';
import { addAnnotations, addLabels, addPrefixSuffix, fixReferences, setImages, setNamespace, setReplicas } from './transformers.js';

const DEPRECATED: Array<[string, string]> = [
  ['commonLabels', 'labels'],
  ['imageTags', 'images'],
  ['patchesJson6902', 'patches'],
  ['patchesStrategicMerge', 'patches'],
  ['bases', 'resources'],
];

export interface BuildResult {
  objects: KubeObject[];
  /** kustomize's `# Warning: …` lines for deprecated fields. */
  warnings: string[];
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function stringMap(value: unknown): Record<string, string> {
  return value && typeof value === 'object' && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, String(v)])) : {};
}

function accumulateResource(fs: KustomizeFs, dir: string, entry: string, warnings: string[]): Tracked[] {
  const path = joinPath(dir, entry);
  if (!fs.exists(path)) {
    const missing = `evalsymlink failure on '${path}' : lstat ${path}: no such file or directory`;
    throw new KustomizeError(`accumulating resources: accumulation err='accumulating resources from '${entry}': ${missing}': must build at directory: not a valid directory: ${missing}`);
  }
  if (fs.isDirectory(path)) {
    try {
      return buildDirectory(fs, path, warnings);
    } catch (error) {
      if (!(error instanceof KustomizeError)) throw error;
      throw new KustomizeError(`accumulating resources: accumulation err='accumulating resources from '${entry}': ${error.message}'`);
    }
  }
  const parsed = parseManifestText(fs.readFile(path), entry);
  if (!parsed.ok) throw new KustomizeError(`accumulating resources: ${parsed.error}`);
  return parsed.manifests.map((m) => ({ object: structuredClone(m.object), previousNames: new Set<string>(), needsHash: false }));
}

function buildDirectory(fs: KustomizeFs, dir: string, warnings: string[]): Tracked[] {
  const k: Kustomization = readKustomization(fs, dir);
  for (const [field, replacement] of DEPRECATED) {
    if (k[field] !== undefined) {
      warnings.push(`# Warning: '${field}' is deprecated. Please use '${replacement}' instead. Run 'kustomize edit fix' to update your Kustomization automatically.`);
    }
  }
  let resources: Tracked[] = [];
  for (const entry of [...strings(k.resources), ...strings(k.bases)]) resources.push(...accumulateResource(fs, dir, entry, warnings));
  const options = (k.generatorOptions ?? {}) as GeneratorOptions;
  for (const generated of runGenerators(fs, dir, k.configMapGenerator, k.secretGenerator, options)) {
    resources.push({ object: generated.object, previousNames: new Set(), needsHash: generated.hash });
  }
  resources = applyStrategicMergePatches(fs, dir, resources, k.patchesStrategicMerge);
  resources = applyPatches(fs, dir, resources, k.patches);
  if (typeof k.namespace === 'string' && k.namespace) setNamespace(resources, k.namespace);
  const prefix = typeof k.namePrefix === 'string' ? k.namePrefix : '';
  const suffix = typeof k.nameSuffix === 'string' ? k.nameSuffix : '';
  if (prefix || suffix) addPrefixSuffix(resources, prefix, suffix);
  if (k.commonLabels) addLabels(resources, stringMap(k.commonLabels), true, true);
  for (const entry of Array.isArray(k.labels) ? (k.labels as Array<Record<string, unknown>>) : []) {
    addLabels(resources, stringMap(entry.pairs), entry.includeSelectors === true, entry.includeTemplates === true);
  }
  if (k.commonAnnotations) addAnnotations(resources, stringMap(k.commonAnnotations));
  applyJson6902Patches(fs, dir, resources, k.patchesJson6902);
  if (Array.isArray(k.replicas)) setReplicas(resources, k.replicas as Array<{ name?: string; count?: number }>);
  if (Array.isArray(k.images)) setImages(resources, k.images as Array<Record<string, string>>);
  return resources;
}

/** kustomize's legacy ordering: these kinds first in this order, webhooks last, the rest between. */
const ORDER_FIRST = [
  'Namespace', 'ResourceQuota', 'StorageClass', 'CustomResourceDefinition', 'ServiceAccount', 'PodSecurityPolicy', 'Role', 'ClusterRole', 'RoleBinding',
  'ClusterRoleBinding', 'ConfigMap', 'Secret', 'Endpoints', 'Service', 'LimitRange', 'PriorityClass', 'PersistentVolume', 'PersistentVolumeClaim',
  'Deployment', 'StatefulSet', 'CronJob', 'PodDisruptionBudget',
];
const ORDER_LAST = ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'];

function kindRank(kind: string): number {
  const first = ORDER_FIRST.indexOf(kind);
  if (first >= 0) return first - ORDER_FIRST.length;
  const last = ORDER_LAST.indexOf(kind);
  return last >= 0 ? 1 + last : 0;
}

/** ResId.LegacySortString: group_version_kind|namespace|name with kustomize's placeholders. */
function sortString(object: KubeObject): string {
  const apiVersion = object.apiVersion ?? '';
  const { group, version } = splitApiVersion(apiVersion);
  const gvk = `${group || '~G'}_${version || '~V'}_${object.kind || '~K'}`;
  return `${gvk}|${object.metadata?.namespace || '~X'}|${object.metadata?.name || '~N'}`;
}

function legacyOrder(a: KubeObject, b: KubeObject): number {
  const rank = kindRank(a.kind ?? '') - kindRank(b.kind ?? '');
  if (rank !== 0) return rank;
  const [x, y] = [sortString(a), sortString(b)];
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Build the kustomization in `dir` (an absolute path). */
export function buildKustomization(fs: KustomizeFs, dir: string, shownDir: string): BuildResult {
  if (!fs.exists(dir) || !fs.isDirectory(dir)) {
    throw new KustomizeError(`must build at directory: not a valid directory: evalsymlink failure on '${shownDir}' : lstat ${dir}: no such file or directory`);
  }
  const warnings: string[] = [];
  const resources = buildDirectory(fs, dir, warnings);
  for (const resource of resources) {
    if (resource.needsHash) rename(resource, `${resource.object.metadata.name ?? ''}-${contentHash(resource.object)}`);
  }
  fixReferences(resources);
  return { objects: resources.map((r) => r.object).sort(legacyOrder), warnings };
}
