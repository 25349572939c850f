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
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
  ports: 'containerPort',
  ownerReferences: 'uid',
  conditions: 'type',
  tolerations: 'key',
  hostAliases: 'ip',
  topologySpreadConstraints: 'topologyKey',
};
