import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Node } from '../../../../src/shared/api/core.js';
import { NodeIpamController } from '../../../../src/main/cluster/controllers/node-ipam.js';
import { NODES } from '../../../../src/main/cluster/client/resources.js';
import { type TestCluster, createNode, expectOk, makeCluster } from '../../helpers/cluster.js';

let cluster: TestCluster;

beforeEach(() => {
  cluster = makeCluster();
});

afterEach(() => {
  expect(cluster.taskErrors).toEqual([]);
  cluster.dispose();
});

function cidrs(): Record<string, string | undefined> {
  const nodes = expectOk(cluster.client().list<Node>(NODES)).items;
  return Object.fromEntries(nodes.map((n) => [n.metadata.name, n.spec.podCIDR]));
}

function controller(): NodeIpamController {
  const ipam = cluster.disposables.add(new NodeIpamController(cluster.client('kube-controller-manager'), cluster.clock, '172.16.0.0/16'));
  ipam.start();
  return ipam;
}

describe('NodeIpamController', () => {
  it('gives existing and new nodes consecutive /24s and converges', () => {
    const client = cluster.client();
    createNode(client, 'controlplane');
    createNode(client, 'node01');
    controller();
    cluster.settle();
    createNode(client, 'node02');
    cluster.settle();
    expect(cidrs()).toEqual({ controlplane: '172.16.0.0/24', node01: '172.16.1.0/24', node02: '172.16.2.0/24' });
    const node = expectOk(client.get<Node>(NODES, undefined, 'node02'));
    expect(node.spec.podCIDRs).toEqual(['172.16.2.0/24']);
  });

  it('makes zero writes on a second pass', () => {
    const client = cluster.client();
    createNode(client, 'a');
    createNode(client, 'b');
    const ipam = controller();
    cluster.settle();
    const revision = cluster.revision();
    // A restart replays every Node through reconcile.
    ipam.start();
    cluster.settle();
    cluster.clock.advance(60_000);
    expect(cluster.revision()).toBe(revision);
  });

  it('keeps a CIDR that is already set and skips it for others', () => {
    const client = cluster.client();
    createNode(client, 'manual');
    expectOk(client.patch(NODES, undefined, 'manual', 'merge', { spec: { podCIDR: '172.16.0.0/24', podCIDRs: ['172.16.0.0/24'] } }));
    createNode(client, 'auto');
    controller();
    cluster.settle();
    expect(cidrs()).toEqual({ auto: '172.16.1.0/24', manual: '172.16.0.0/24' });
  });
});

describe('NodeIpamController releases', () => {
  it('reuses the CIDR of a deleted node', () => {
    const client = cluster.client();
    createNode(client, 'a');
    createNode(client, 'b');
    controller();
    cluster.settle();
    expectOk(client.delete(NODES, undefined, 'a'));
    cluster.settle();
    createNode(client, 'c');
    cluster.settle();
    expect(cidrs()).toEqual({ b: '172.16.1.0/24', c: '172.16.0.0/24' });
  });
});
