/** The Node authorizer: a kubelet reads only what Pods on its node use; other users are RBAC's business. */
import { describe, expect, it } from 'vitest';
import type { Pod } from '../../../../../src/shared/api/core.js';
import { NodeAuthorizer } from '../../../../../src/main/cluster/apiserver/auth/node-authorizer.js';
import type { AuthorizationAttributes } from '../../../../../src/main/cluster/apiserver/auth/authorizer.js';
import { nodeUser } from '../../../../../src/main/cluster/apiserver/auth/user.js';

const pod = (name: string, node: string, spec: Partial<Pod['spec']>): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default' },
  spec: { nodeName: node, containers: [{ name: 'c', image: 'nginx' }], ...spec },
});

const pods = [
  pod('web', 'node01', {
    volumes: [{ name: 'conf', configMap: { name: 'web-conf' } }, { name: 'data', persistentVolumeClaim: { claimName: 'data' } }] as Pod['spec']['volumes'],
    containers: [{ name: 'c', image: 'nginx', envFrom: [{ secretRef: { name: 'web-secret' } }] } as Pod['spec']['containers'][number]],
  }),
  pod('db', 'node02', { volumes: [{ name: 's', secret: { secretName: 'db-secret' } }] as Pod['spec']['volumes'] }),
];

const authorizer = new NodeAuthorizer(
  {
    podsOnNode: (node) => pods.filter((p) => p.spec.nodeName === node),
    persistentVolumeClaim: (_ns, name) => (name === 'data' ? { metadata: { name }, spec: { volumeName: 'pv-1' } } : undefined),
  },
  [{ apiGroups: [''], resources: ['nodes', 'nodes/status'], verbs: ['get', 'patch', 'update', 'create'] }],
);

function read(resource: string, name: string, node = 'node01'): AuthorizationAttributes {
  return { user: nodeUser(node), verb: 'get', resourceRequest: true, apiGroup: '', resource, namespace: resource === 'persistentvolumes' ? undefined : 'default', name };
}

describe('NodeAuthorizer (--authorization-mode=Node)', () => {
  it.each([
    ['configmaps', 'web-conf'],
    ['secrets', 'web-secret'],
    ['persistentvolumeclaims', 'data'],
    ['persistentvolumes', 'pv-1'],
  ])('lets node01 read %s %s used by a Pod bound to it', (resource, name) => {
    expect(authorizer.authorize(read(resource, name)).decision).toBe('Allow');
  });

  it("refuses another node's Pod's secret with the graph's reason", () => {
    expect(authorizer.authorize(read('secrets', 'db-secret'))).toEqual({ decision: 'NoOpinion', reason: "no relationship found between node 'node01' and this object" });
  });

  it('answers other node requests from the system:node rules', () => {
    expect(authorizer.authorize({ user: nodeUser('node01'), verb: 'update', resourceRequest: true, apiGroup: '', resource: 'nodes', subresource: 'status', name: 'node01' }).decision).toBe('Allow');
    expect(authorizer.authorize({ user: nodeUser('node01'), verb: 'delete', resourceRequest: true, apiGroup: '', resource: 'nodes', name: 'node01' }).decision).toBe('NoOpinion');
  });

  it('has no opinion about users that are not nodes', () => {
    expect(authorizer.authorize({ ...read('secrets', 'web-secret'), user: { username: 'jane', groups: ['system:authenticated'] } }).decision).toBe('NoOpinion');
  });
});
