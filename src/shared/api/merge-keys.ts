/**
 * Strategic-merge keys of Kubernetes list fields (k8s.io/api `patchMergeKey` tags). The OpenAPI
 * data we generate from does not carry them, so they are written down here once for the API
 * server's patch code and for kubectl's apply.
 */
export const MERGE_KEYS: Readonly<Record<string, string>> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  volumes: 'name',
  env: 'name',
  imagePullSecrets: 'name',
  // ServiceAccount.secrets
  secrets: 'name',
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
  ports: 'containerPort',
  ownerReferences: 'uid',
  conditions: 'type',
  tolerations: 'key',
  hostAliases: 'ip',
  topologySpreadConstraints: 'topologyKey',
};

/**
 * The merge key of the list field `key` found at `path` (the field names from the object's root;
 * list items add nothing). One name can mean two lists: a Service's `spec.ports` merge by `port`,
 * a container's `ports` by `containerPort`.
 */
export function mergeKeyFor(path: readonly string[], key: string): string | undefined {
  if (key === 'ports' && path.length === 1 && path[0] === 'spec') return 'port';
  // An EndpointSlice's top-level `ports` is an atomic list: a patch replaces it.
  if (key === 'ports' && path.length === 0) return undefined;
  return MERGE_KEYS[key];
}
