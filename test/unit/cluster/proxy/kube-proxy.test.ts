/** kube-proxy per node: starts on the shared network model and announces itself with one Event. */
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { EventsV1Event } from '../../../../src/shared/api/events.js';
import { EVENTS, EVENTS_V1 } from '../../../../src/main/cluster/client/resources.js';
import { KubeProxy } from '../../../../src/main/cluster/proxy/kube-proxy.js';
import { NetworkModel } from '../../../../src/main/cluster/proxy/network-model.js';
import { type TestCluster, expectOk, makeCluster } from '../../helpers/cluster.js';
import { expectGolden, runScenario } from '../../helpers/scenario.js';
import { addNode, createService, endpointFor, runPod, writeSlice } from './network-fixture.js';

let cluster: TestCluster;
beforeEach(() => {
  cluster = makeCluster();
});
afterEach(() => cluster.dispose());

function proxyFor(nodeName: string, network: NetworkModel): KubeProxy {
  return cluster.disposables.add(new KubeProxy({ client: cluster.client(`kube-proxy/${nodeName}`), clock: cluster.clock, nodeName, network }));
}

it('records Starting (StartKubeProxy) about its Node once, and writes nothing else (scenario proxy/kube-proxy-start)', () => {
  const network = cluster.disposables.add(new NetworkModel({ client: cluster.client('network'), clock: cluster.clock, random: cluster.random.fork('network'), clusterCIDR: '172.16.0.0/16' }));
  const proxy = proxyFor('node01', network);
  const out = runScenario(cluster, 'test/scenarios/proxy/kube-proxy-start.yaml', {
    steps: [{ run: () => proxy.start() }, { advance: '1s' }],
    show: [{ resource: EVENTS_V1, namespace: 'default' }],
  });
  expectGolden('test/scenarios/proxy/kube-proxy-start.out.yaml', out);

  const events = expectOk(cluster.client().list<EventsV1Event>(EVENTS_V1, 'default')).items;
  expect(events).toHaveLength(1);
  expect(events[0]).toMatchObject({
    reason: 'Starting',
    action: 'StartKubeProxy',
    reportingController: 'kube-proxy',
    reportingInstance: 'kube-proxy-node01',
    regarding: { kind: 'Node', name: 'node01', uid: 'node01' },
    type: 'Normal',
  });
  expect(events[0]?.note).toBeUndefined();
  // core/v1 readers (kubectl describe node) see it too.
  expect(expectOk(cluster.client().list(EVENTS, 'default')).items).toHaveLength(1);

  const before = cluster.revision();
  proxy.start();
  cluster.clock.advance(60_000);
  cluster.settle();
  expect(cluster.revision()).toBe(before);
  expect(proxy.isRunning).toBe(true);
  expect(proxy.rules()).toBe(network.rules('node01'));
  expect(cluster.taskErrors).toEqual([]);
});

it('shares one model between nodes: a second proxy adds only its own Event', () => {
  const network = cluster.disposables.add(new NetworkModel({ client: cluster.client('network'), clock: cluster.clock, random: cluster.random.fork('network'), clusterCIDR: '172.16.0.0/16' }));
  proxyFor('node01', network).start();
  cluster.clock.advance(1);
  proxyFor('node02', network).start();
  cluster.settle();
  const instances = expectOk(cluster.client().list<EventsV1Event>(EVENTS_V1, 'default')).items.map((e) => e.reportingInstance);
  expect(instances.sort()).toEqual(['kube-proxy-node01', 'kube-proxy-node02']);
});

it('translates Service addresses only on nodes whose kube-proxy runs (requireKubeProxy, as the lab wires it)', () => {
  const network = cluster.disposables.add(
    new NetworkModel({ client: cluster.client('network'), clock: cluster.clock, random: cluster.random.fork('network'), clusterCIDR: '172.16.0.0/16', requireKubeProxy: true }),
  );
  network.start();
  const admin = cluster.client();
  addNode(admin, 'node01', '192.168.200.11');
  runPod(admin, 'client', { node: 'node01', ip: '172.16.1.20' });
  runPod(admin, 'web', { node: 'node01', ip: '172.16.1.2', image: 'nginx:1.27' });
  createService(admin, 'web', { type: 'NodePort', clusterIP: '10.96.100.10', ports: [{ port: 80, nodePort: 30080 }] });
  writeSlice(admin, 'web', [endpointFor('172.16.1.2', 'node01', 'web')], [{ port: 80, protocol: 'TCP' }]);
  cluster.settle();
  const viaService = (): string => network.connect({ from: { pod: { namespace: 'default', name: 'client' } }, address: '10.96.100.10', port: 80 }).message;
  const viaNodePort = (): string => network.connect({ from: { external: '192.168.200.5' }, address: '192.168.200.11', port: 30080 }).message;

  expect(viaService()).toBe('connect: connection timed out');
  expect(viaNodePort()).toBe('connect: connection refused');
  expect(network.rules('node01')).not.toContain('default/web');

  const proxy = proxyFor('node01', network);
  proxy.start();
  expect(viaService()).toBe('connected');
  expect(viaNodePort()).toBe('connected');
  expect(proxy.rules()).toContain('"default/web cluster IP"');

  proxy.dispose();
  expect(viaService()).toBe('connect: connection timed out');
});
