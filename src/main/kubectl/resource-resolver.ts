/**
 * Turns what the user typed (`po`, `pods`, `pod`, `Pod`, `deployments.apps`, `deploy.v1.apps`)
 * into a served resource, from the server's discovery data as kubectl's RESTMapper does.
 */
import type { DiscoveredResource } from '../cluster/apiserver/api-server.js';

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
