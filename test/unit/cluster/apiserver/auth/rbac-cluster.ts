/** A test cluster whose API server authorizes as kube-apiserver does with RBAC: system:masters, then RBAC reading etcd. */
import type { AdmissionPlugin } from '../../../../../src/main/cluster/apiserver/admission/admission.js';
import { RbacAuthorizer } from '../../../../../src/main/cluster/apiserver/auth/rbac-authorizer.js';
import { readerFromStore } from '../../../../../src/main/cluster/apiserver/auth/rbac-reader.js';
import { kubeApiserverAuthorizer } from '../../../../../src/main/cluster/apiserver/auth/union-authorizer.js';
import { type TestCluster, makeCluster } from '../../../helpers/cluster.js';

export function rbacCluster(admission: readonly AdmissionPlugin[] = []): TestCluster {
  // The authorizer reads etcd through a cluster that exists only once makeCluster returns.
  const holder: { cluster?: TestCluster } = {};
  const reader = readerFromStore({ range: (key, options) => holder.cluster!.store.range(key, options) });
  const rbac = new RbacAuthorizer(reader);
  holder.cluster = makeCluster({ authorizer: kubeApiserverAuthorizer(rbac), ruleResolver: rbac, admission });
  return holder.cluster;
}
