/**
 * kustomize's patch transformers: `patches` (a strategic merge patch, or a JSON 6902 patch when the
 * content is a list of operations; `target` selects what it applies to), and the deprecated
 * `patchesStrategicMerge` and `patchesJson6902`.
 */
import { parse } from 'yaml';
import { applyJsonPatch } from '../../../../cluster/apiserver/patch/json-patch.js';
import { applyStrategicMergePatch } from '../../../../cluster/apiserver/patch/strategic-merge.js';
import type { KubeObject } from '../../../../../shared/api/meta.js';
import { KustomizeError, type KustomizeFs, readRelative } from './files.js';
import { type Tracked, isObj } from './resources.js';

export interface PatchTarget {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  labelSelector?: string;
}

interface PatchEntry {
  path?: string;
  patch?: string;
  target?: PatchTarget;
}

function groupVersion(object: KubeObject): { group: string; version: string } {
  const apiVersion = object.apiVersion ?? '';
  const slash = apiVersion.indexOf('/');
  return slash >= 0 ? { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) } : { group: '', version: apiVersion };
}

function matchesLabels(object: KubeObject, selector: string): boolean {
  return selector.split(',').every((term) => {
    const [key, value] = term.split('=');
    return object.metadata.labels?.[key!.trim()] === value?.trim();
  });
}

function matches(object: KubeObject, target: PatchTarget): boolean {
  const { group, version } = groupVersion(object);
  const anchored = (pattern: string, value: string | undefined): boolean => new RegExp(`^(?:${pattern})$`).test(value ?? '');
  return (
    (target.group === undefined || target.group === group) &&
    (target.version === undefined || target.version === version) &&
    (target.kind === undefined || target.kind === object.kind) &&
    (target.name === undefined || anchored(target.name, object.metadata.name)) &&
    (target.namespace === undefined || anchored(target.namespace, object.metadata.namespace)) &&
    (target.labelSelector === undefined || matchesLabels(object, target.labelSelector))
  );
}

function idOf(object: KubeObject): string {
  const { group, version } = groupVersion(object);
  return `${object.kind ?? ''}.${version}.${group || '[noGrp]'}/${object.metadata?.name ?? ''}.${object.metadata?.namespace ?? '[noNs]'}`;
}

function strategicMerge(resources: Tracked[], patch: KubeObject, target: PatchTarget | undefined): Tracked[] {
  const selected = target
    ? resources.filter((r) => matches(r.object, target))
    : resources.filter((r) => r.object.kind === patch.kind && r.object.metadata.name === patch.metadata?.name && (!patch.metadata?.namespace || patch.metadata.namespace === r.object.metadata.namespace));
  if (!target && selected.length === 0) {
    const id = idOf(patch);
    throw new KustomizeError(`no resource matches strategic merge patch "${id}": no matches for Id ${id}; failed to find unique target for patch ${id}`);
  }
  const deleted = new Set<Tracked>();
  for (const resource of selected) {
    const body: Record<string, unknown> = structuredClone(patch) as unknown as Record<string, unknown>;
    if (target && isObj(body.metadata)) body.metadata = { ...body.metadata, name: resource.object.metadata.name };
    const result = applyStrategicMergePatch(resource.object, body);
    if (result === undefined) deleted.add(resource);
    else resource.object = result as KubeObject;
  }
  return resources.filter((r) => !deleted.has(r));
}

function jsonPatch(resources: Tracked[], operations: unknown, target: PatchTarget | undefined): void {
  if (!target) throw new KustomizeError('must specify a target for patch');
  for (const resource of resources.filter((r) => matches(r.object, target))) {
    const result = applyJsonPatch(resource.object, operations);
    if (!result.ok) throw new KustomizeError(result.message);
    resource.object = result.value as KubeObject;
  }
}

function contentOf(fs: KustomizeFs, dir: string, entry: PatchEntry): unknown {
  const text = entry.patch ?? (entry.path ? readRelative(fs, dir, entry.path) : undefined);
  if (text === undefined) throw new KustomizeError('must specify one of patch and path');
  return parse(text);
}

export function applyPatches(fs: KustomizeFs, dir: string, resources: Tracked[], entries: unknown): Tracked[] {
  let result = resources;
  for (const entry of Array.isArray(entries) ? (entries as PatchEntry[]) : []) {
    const content = contentOf(fs, dir, entry);
    if (Array.isArray(content)) jsonPatch(result, content, entry.target);
    else result = strategicMerge(result, content as KubeObject, entry.target);
  }
  return result;
}

export function applyStrategicMergePatches(fs: KustomizeFs, dir: string, resources: Tracked[], entries: unknown): Tracked[] {
  let result = resources;
  for (const entry of Array.isArray(entries) ? (entries as string[]) : []) {
    const text = /\n/.test(entry) || /^\s*apiVersion:/.test(entry) ? entry : readRelative(fs, dir, entry);
    result = strategicMerge(result, parse(text) as KubeObject, undefined);
  }
  return result;
}

export function applyJson6902Patches(fs: KustomizeFs, dir: string, resources: Tracked[], entries: unknown): void {
  for (const entry of Array.isArray(entries) ? (entries as PatchEntry[]) : []) jsonPatch(resources, contentOf(fs, dir, entry), entry.target);
}
