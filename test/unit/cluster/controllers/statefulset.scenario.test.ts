/**
 * Golden scenario: a StatefulSet with a volumeClaimTemplate comes up in order (claim, then Pod,
 * each Pod after its predecessor is Running and Ready), then scales from 3 to 2 by deleting web-2
 * and keeping its claim (whenScaled: Retain). Shows the set, its revision, Pods, claims and Events.
 */
import { afterEach, expect, it } from 'vitest';
import type { Pod } from '../../../../src/shared/api/core.js';
import { rfc3339 } from '../../../../src/main/base/duration.js';
import type { ApiClient } from '../../../../src/main/cluster/client/api-client.js';
import { StatefulSetController } from '../../../../src/main/cluster/controllers/statefulset/statefulset-controller.js';
import { CONTROLLER_REVISIONS, EVENTS, PERSISTENT_VOLUME_CLAIMS, PODS, STATEFUL_SETS } from '../../../../src/main/cluster/client/resources.js';
import { createNode, expectOk, makeCluster } from '../../helpers/cluster.js';
import { expectGolden, runScenario } from '../../helpers/scenario.js';

const cluster = makeCluster({ namespaces: ['default'] });
afterEach(() => cluster.dispose());

/** The scheduler and kubelet, in one: bind new Pods to node01, run them Ready, finish deletions. */
function kubelet(client: ApiClient): void {
  for (const listed of expectOk(client.list<Pod>(PODS, 'default')).items) {
    if (listed.metadata.deletionTimestamp) {
      expectOk(client.delete(PODS, 'default', listed.metadata.name!, { gracePeriodSeconds: 0 }));
      continue;
    }
    if (listed.status?.phase === 'Running') continue;
    if (!listed.spec.nodeName) expectOk(client.bind('default', listed.metadata.name!, 'node01'));
    const pod = expectOk(client.get<Pod>(PODS, 'default', listed.metadata.name!));
    const now = rfc3339(cluster.clock.now());
    expectOk(client.updateStatus(PODS, 'default', { ...pod, status: { ...pod.status, phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: now }] } }));
  }
}

it('creates web-0..2 in order with claims www-web-N, then scales down from web-2 (scenario statefulset/ordered-scale)', () => {
  createNode(cluster.client(), 'node01');
  cluster.disposables.add(new StatefulSetController(cluster.client('statefulset-controller'), cluster.clock)).start();
  const out = runScenario(cluster, 'test/scenarios/statefulset/ordered-scale.yaml', {
    steps: [
      { advance: '5s' },
      { run: kubelet, advance: '5s' },
      { run: kubelet, advance: '5s' },
      { run: kubelet, advance: '5s' },
      { run: (client) => expectOk(client.patch(STATEFUL_SETS, 'default', 'web', 'merge', { spec: { replicas: 2 } })), advance: '5s' },
      { run: kubelet, advance: '5s' },
    ],
    show: [
      { resource: STATEFUL_SETS, namespace: 'default' },
      { resource: CONTROLLER_REVISIONS, namespace: 'default' },
      { resource: PODS, namespace: 'default' },
      { resource: PERSISTENT_VOLUME_CLAIMS, namespace: 'default' },
      { resource: EVENTS, namespace: 'default' },
    ],
  });
  expectGolden('test/scenarios/statefulset/ordered-scale.out.yaml', out);
  expect(cluster.taskErrors).toEqual([]);
});
