/**
 * What aggregated discovery says about each subresource: the kind it answers with (its
 * `responseKind`, resolved to a full group and version) and its verbs — `pods/eviction` is a
 * policy/v1 Eviction you create, `deployments/scale` an autoscaling/v1 Scale you get, patch or
 * update, `*\/status` the parent kind itself.
 */
import type { ResourceDefinition } from './resource.js';

export interface DiscoveredSubresource {
  name: string;
  group: string;
  version: string;
  kind: string;
  verbs: string[];
}

type Shape = Omit<DiscoveredSubresource, 'name'>;

const GET_PATCH_UPDATE = ['get', 'patch', 'update'];
const PROXY_VERBS = ['create', 'delete', 'get', 'patch', 'update'];
const core = (kind: string, verbs: string[]): Shape => ({ group: '', version: 'v1', kind, verbs });

/** Subresources whose answer is not the parent kind, by `<group>/<resource>/<subresource>`. */
const SHAPES: Readonly<Record<string, Shape>> = {
  '/namespaces/finalize': core('Namespace', ['update']),
  '/nodes/proxy': core('NodeProxyOptions', PROXY_VERBS),
  '/pods/attach': core('PodAttachOptions', ['create', 'get']),
  '/pods/binding': core('Binding', ['create']),
  '/pods/ephemeralcontainers': core('Pod', GET_PATCH_UPDATE),
  '/pods/eviction': { group: 'policy', version: 'v1', kind: 'Eviction', verbs: ['create'] },
  '/pods/exec': core('PodExecOptions', ['create', 'get']),
  '/pods/log': core('Pod', ['get']),
  '/pods/portforward': core('PodPortForwardOptions', ['create', 'get']),
  '/pods/proxy': core('PodProxyOptions', PROXY_VERBS),
  '/serviceaccounts/token': { group: 'authentication.k8s.io', version: 'v1', kind: 'TokenRequest', verbs: ['create'] },
  '/services/proxy': core('ServiceProxyOptions', PROXY_VERBS),
};

const SCALE: Shape = { group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: GET_PATCH_UPDATE };

/** Every subresource of a resource, in its `subresources` order. */
export function describeSubresources(def: Pick<ResourceDefinition, 'group' | 'version' | 'kind' | 'plural' | 'subresources'>): DiscoveredSubresource[] {
  return def.subresources.map((name) => {
    const shape = SHAPES[`${def.group}/${def.plural}/${name}`] ?? (name === 'scale' ? SCALE : { group: def.group, version: def.version, kind: def.kind, verbs: GET_PATCH_UPDATE });
    return { name, ...shape, verbs: [...shape.verbs] };
  });
}
