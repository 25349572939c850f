/** Golden scenario: the full FailedScheduling text for a Pod every node rejects for a different reason. */
import { afterEach, it } from 'vitest';
import type { Node } from '../../../../src/shared/api/core.js';
import { EVENTS, NODES, PODS } from '../../../../src/main/cluster/client/resources.js';
import { Scheduler } from '../../../../src/main/cluster/scheduler/scheduler.js';
import { expectOk, makeCluster } from '../../helpers/cluster.js';
import { expectGolden, runScenario } from '../../helpers/scenario.js';

const cluster = makeCluster({ namespaces: ['default'] });
afterEach(() => cluster.dispose());

it('explains why no node fits, reason by reason (scenario scheduler/mixed-reasons)', () => {
  cluster.disposables.add(new Scheduler(cluster.client('kube-scheduler'), cluster.clock, cluster.random.fork('kube-scheduler'))).start();
  const out = runScenario(cluster, 'test/scenarios/scheduler/mixed-reasons.yaml', {
    steps: [
      {
        // node01 is the small one; the others have room.
        run: (client) => {
          for (const node of expectOk(client.list<Node>(NODES)).items) {
            const cpu = node.metadata.name === 'node01' ? '1' : '2';
            const resources = { cpu, memory: '4Gi', pods: '110' };
            expectOk(client.updateStatus(NODES, undefined, { ...node, status: { capacity: resources, allocatable: resources } }));
          }
        },
        advance: '1s',
      },
      // The node changes moved the Pod back; after its back-off it fails the same way, once more.
      { advance: '30s' },
    ],
    show: [
      { resource: PODS, namespace: 'default' },
      { resource: EVENTS, namespace: 'default' },
    ],
  });
  expectGolden('test/scenarios/scheduler/mixed-reasons.out.yaml', out);
});
