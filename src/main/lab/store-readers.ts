/**
 * What kube-apiserver's authenticators and authorizers read from their informer caches, read here
 * straight from etcd (the lab owns the store): service accounts and bound objects for token
 * authentication, Pods by node and PVCs for the Node authorizer. Reading etcd directly keeps these
 * checks out of the request trace, as cache reads are.
 */
import type { Pod } from '../../shared/api/core.js';
import type { KubeObject } from '../../shared/api/meta.js';
import type { NodeGraphSource } from '../cluster/apiserver/auth/node-authorizer.js';
import type { TokenLookup } from '../cluster/apiserver/auth/tokens.js';
import type { EtcdClient } from '../cluster/store/etcd-client.js';

function reader(etcd: Pick<EtcdClient, 'range'>): (key: string) => KubeObject | undefined {
  return (key) => {
    const kv = etcd.range(key).kvs[0];
    return kv ? (JSON.parse(kv.value) as KubeObject) : undefined;
  };
}

export function tokenLookupFromStore(etcd: Pick<EtcdClient, 'range'>): TokenLookup {
  const get = reader(etcd);
  return {
    serviceAccount: (namespace, name) => get(`/registry/serviceaccounts/${namespace}/${name}`),
    pod: (namespace, name) => get(`/registry/pods/${namespace}/${name}`),
    secret: (namespace, name) => get(`/registry/secrets/${namespace}/${name}`),
    node: (name) => get(`/registry/minions/${name}`),
  };
}

export function nodeGraphFromStore(etcd: Pick<EtcdClient, 'range'>): NodeGraphSource {
  const get = reader(etcd);
  return {
    podsOnNode: (node) =>
      etcd
        .range('/registry/pods/', { prefix: true })
        .kvs.map((kv) => JSON.parse(kv.value) as Pod)
        .filter((pod) => pod.spec.nodeName === node),
    persistentVolumeClaim: (namespace, name) => get(`/registry/persistentvolumeclaims/${namespace}/${name}`),
  };
}
