/** Golden scenario: static binding, Immediate provisioning and WaitForFirstConsumer provisioning for a scheduled Pod. */
import { afterEach, it } from 'vitest';
import { EVENTS, PERSISTENT_VOLUMES, PERSISTENT_VOLUME_CLAIMS, PODS } from '../../../../../src/main/cluster/client/resources.js';
import { PersistentVolumeController } from '../../../../../src/main/cluster/controllers/persistent-volume/pv-controller.js';
import { Scheduler } from '../../../../../src/main/cluster/scheduler/scheduler.js';
import { createNode, makeCluster } from '../../../helpers/cluster.js';
import { expectGolden, runScenario } from '../../../helpers/scenario.js';

const cluster = makeCluster({ namespaces: ['default'] });
afterEach(() => cluster.dispose());

it('binds, provisions, and waits for the first consumer (scenario persistent-volume/dynamic-provisioning)', () => {
  createNode(cluster.client('kubelet'), 'node01');
  cluster.disposables.add(new PersistentVolumeController(cluster.client('persistent-volume-binder'), cluster.clock)).start();
  cluster.disposables.add(new Scheduler(cluster.client('kube-scheduler'), cluster.clock, cluster.random.fork('kube-scheduler'))).start();
  const out = runScenario(cluster, 'test/scenarios/persistent-volume/dynamic-provisioning.yaml', {
    steps: [{ advance: '5s' }, { apply: 'consumer.yaml', advance: '5s' }],
    show: [
      { resource: PERSISTENT_VOLUMES },
      { resource: PERSISTENT_VOLUME_CLAIMS, namespace: 'default' },
      { resource: PODS, namespace: 'default', name: 'db' },
      { resource: EVENTS, namespace: 'default' },
    ],
  });
  expectGolden('test/scenarios/persistent-volume/dynamic-provisioning.out.yaml', out);
});
