/**
 * Golden scenario: a hostNetwork DaemonSet on three nodes with a tainted control plane gets one
 * Pod per worker (node-name affinity, the daemon tolerations with network-unavailable), one
 * ControllerRevision, and the status `kubectl get ds` reads once the Pods run.
 */
import { afterEach, expect, it } from 'vitest';
import type { Pod } from '../../../../src/shared/api/core.js';
import { rfc3339 } from '../../../../src/main/base/duration.js';
import { DaemonSetController } from '../../../../src/main/cluster/controllers/daemonset/daemonset-controller.js';
import { targetNodeName } from '../../../../src/main/cluster/controllers/daemonset/daemon-pod.js';
import { CONTROLLER_REVISIONS, DAEMON_SETS, PODS } from '../../../../src/main/cluster/client/resources.js';
import { CONTROL_PLANE_TAINT, createNode, expectOk, makeCluster } from '../../helpers/cluster.js';
import { expectGolden, runScenario } from '../../helpers/scenario.js';

const cluster = makeCluster({ namespaces: ['default'] });
afterEach(() => cluster.dispose());

it('runs node-exporter on node01 and node02, not on the tainted controlplane (scenario daemonset/tainted-control-plane)', () => {
  const admin = cluster.client();
  createNode(admin, 'controlplane', { taints: [CONTROL_PLANE_TAINT] });
  createNode(admin, 'node01');
  createNode(admin, 'node02');
  cluster.disposables.add(new DaemonSetController(cluster.client('daemon-set-controller'), cluster.clock)).start();
  const out = runScenario(cluster, 'test/scenarios/daemonset/tainted-control-plane.yaml', {
    steps: [
      { advance: '1s' },
      {
        // The scheduler and kubelets: bind each Pod where its affinity says, report it Running and Ready.
        run: (client) => {
          for (const pod of expectOk(client.list<Pod>(PODS, 'default')).items) {
            expectOk(client.bind('default', pod.metadata.name!, targetNodeName(pod)!));
            const bound = expectOk(client.get<Pod>(PODS, 'default', pod.metadata.name!));
            const now = rfc3339(cluster.clock.now());
            expectOk(client.updateStatus(PODS, 'default', { ...bound, status: { ...bound.status, phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: now }] } }));
          }
        },
        advance: '10s',
      },
    ],
    show: [{ resource: DAEMON_SETS, namespace: 'default' }, { resource: CONTROLLER_REVISIONS, namespace: 'default' }, { resource: PODS, namespace: 'default' }],
  });
  expectGolden('test/scenarios/daemonset/tainted-control-plane.out.yaml', out);
  expect(cluster.taskErrors).toEqual([]);
});
