/**
 * A test cluster with kube-apiserver's default admission chain, and the `default` ServiceAccount the
 * ServiceAccount controller would have made in every namespace (so Pods are admitted).
 */
import { defaultAdmissionPlugins } from '../../../../../src/main/cluster/apiserver/admission/index.js';
import { SERVICE_ACCOUNTS } from '../../../../../src/main/cluster/client/resources.js';
import { DEFAULT_NAMESPACES, type ClusterOptions, type TestCluster, expectOk, makeCluster } from '../../../helpers/cluster.js';

export function admissionCluster(options: ClusterOptions = {}): TestCluster {
  const cluster = makeCluster({ admission: defaultAdmissionPlugins(), ...options });
  const admin = cluster.client('kube-controller-manager');
  for (const namespace of options.namespaces ?? DEFAULT_NAMESPACES) {
    expectOk(admin.create(SERVICE_ACCOUNTS, namespace, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default' } }));
  }
  cluster.settle();
  return cluster;
}
