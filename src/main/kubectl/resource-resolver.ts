/**
 * Turns what the user typed (`po`, `pods`, `pod`, `Pod`, `deployments.apps`, `deploy.v1.apps`),
 * or a manifest's apiVersion and kind, into a served resource, from the server's discovery data
 * as kubectl's RESTMapper does.
 */
import type { KubeObject } from '../../shared/api/meta.js';
import type { DiscoveredResource } from '../cluster/apiserver/api-server.js';
import { KubectlError } from './errors.js';

export function resolveResource(typed: string, resources: readonly DiscoveredResource[]): DiscoveredResource | undefined {
  const lower = typed.toLowerCase();
  const dot = lower.indexOf('.');
  const name = dot >= 0 ? lower.slice(0, dot) : lower;
  const qualifier = dot >= 0 ? lower.slice(dot + 1) : undefined;
  const candidates = resources.filter((r) => {
    if (qualifier !== undefined) {
      const versionGroup = `${r.version}.${r.group}`;
      if (qualifier !== r.group && qualifier !== versionGroup && !(r.group === '' && qualifier === r.version)) return false;
    }
    return r.name === name || r.singularName === name || r.kind.toLowerCase() === name || r.shortNames.includes(name);
  });
  // Core group first, as kubectl's priority RESTMapper prefers it.
  return candidates.sort((a, b) => (a.group === '' ? -1 : b.group === '' ? 1 : 0))[0];
}

/** `pod`, `deployment.apps`: how kubectl names a resource type in messages. */
export function typeName(resource: Pick<DiscoveredResource, 'kind' | 'group'>): string {
  const kind = resource.kind.toLowerCase();
  return resource.group ? `${kind}.${resource.group}` : kind;
}

export function resourceRef(resource: DiscoveredResource): { group: string; version: string; resource: string } {
  return { group: resource.group, version: resource.version, resource: resource.name };
}

/**
 * kubectl's category expander: `all` (or any category a resource lists in discovery) stands for
 * every resource in it, one per group and name (the preferred version), in discovery order.
 * Categories are looked up before resource names, as the resource builder does.
 */
export function expandCategory(typed: string, resources: readonly DiscoveredResource[]): DiscoveredResource[] {
  const category = typed.toLowerCase();
  const seen = new Set<string>();
  const expanded: DiscoveredResource[] = [];
  for (const r of resources) {
    if (!r.categories.includes(category)) continue;
    const key = `${r.group}/${r.name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const preferred = resolveResource(r.group ? `${r.name}.${r.group}` : r.name, resources);
    if (preferred) expanded.push(preferred);
  }
  return expanded;
}

/** `apps/v1` → group `apps`, version `v1`; `v1` → the core group's `v1`. */
export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/** The resource served for an object's apiVersion and kind (the RESTMapper's mapping of its GroupVersionKind). */
export function resourceOfKind(object: Pick<KubeObject, 'apiVersion' | 'kind'>, resources: readonly DiscoveredResource[]): DiscoveredResource | undefined {
  const { group, version } = splitApiVersion(object.apiVersion ?? '');
  return resources.find((r) => r.group === group && r.version === version && r.kind === object.kind);
}

/** cli-runtime's mapper error for a kind/version the server does not serve (the hint comes every time). */
export function mappingNotFound(object: KubeObject, source: string): string {
  return `resource mapping not found for name: "${object.metadata?.name ?? ''}" namespace: "${object.metadata?.namespace ?? ''}" from "${source}": no matches for kind "${object.kind}" in version "${object.apiVersion}"\nensure CRDs are installed first`;
}

/** The resource a manifest's object maps to, or the mapper's error as kubectl stops with it. */
export function manifestResource(object: KubeObject, source: string, resources: readonly DiscoveredResource[]): DiscoveredResource {
  const resource = resourceOfKind(object, resources);
  if (!resource) throw new KubectlError(`error: ${mappingNotFound(object, source)}\n`);
  return resource;
}
