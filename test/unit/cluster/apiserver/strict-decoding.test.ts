/**
 * Strict field validation (`fieldValidation=Strict`, what kubectl sends): a body naming a field its
 * kind does not have is refused with the decoder's 400; `Warn` and `Ignore` let it through. In
 * every mode the unknown fields are dropped and never reach etcd.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../../src/shared/api/meta.js';
import type { ApiClient } from '../../../../src/main/cluster/client/api-client.js';
import { CONFIG_MAPS, DEPLOYMENTS, PODS } from '../../../../src/main/cluster/client/resources.js';
import { pruneUnknownFields } from '../../../../src/main/cluster/apiserver/registry/known-fields.js';
import { type TestCluster, expectOk, expectStatus, makeCluster, podManifest } from '../../helpers/cluster.js';

let cluster: TestCluster;
let client: ApiClient;

beforeEach(() => {
  cluster = makeCluster();
  client = cluster.client('kubectl');
});

afterEach(() => {
  expect(cluster.taskErrors).toEqual([]);
  cluster.dispose();
});

const STRICT = { fieldValidation: 'Strict' } as const;

/** nginx with a typo in its container and whatever else `extra` adds to the spec. */
function typoPod(name: string, extra: Record<string, unknown> = {}): KubeObject {
  const pod = podManifest(name) as unknown as { spec: Record<string, unknown> & { containers: Array<Record<string, unknown>> } };
  pod.spec.containers[0]!.imagee = 'nginx:1.26';
  Object.assign(pod.spec, extra);
  return pod as unknown as KubeObject;
}

function stored(key: string): Record<string, unknown> {
  return JSON.parse(cluster.store.range(key).kvs[0]!.value) as Record<string, unknown>;
}

describe('strict decoding of unknown fields', () => {
  it('refuses a nested unknown field in a container with the decoder wording', () => {
    const status = expectStatus(client.create(PODS, 'default', typoPod('web'), STRICT));
    expect(status).toMatchObject({
      code: 400,
      reason: 'BadRequest',
      message: 'Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].imagee"',
    });
    expect(cluster.store.range('/registry/pods/default/web').kvs).toEqual([]);
  });

  it('joins several unknown fields in document order, top level included', () => {
    const pod = { apiVersionn: 'v1', ...typoPod('web', { containerz: [], foo: 1 }) };
    const status = expectStatus(client.create(PODS, 'default', pod, STRICT));
    expect(status.message).toBe(
      'Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "apiVersionn", ' +
        'unknown field "spec.containers[0].imagee", unknown field "spec.containerz", unknown field "spec.foo"',
    );
  });

  it('accepts maps, IntOrString, Quantity, metadata and status fields', () => {
    const pod = podManifest('web', { cpu: '100m', memory: 128 as unknown as string, labels: { 'app.kubernetes.io/name': 'web' } });
    pod.metadata.annotations = { 'any/key': 'x' };
    pod.metadata.finalizers = ['example.com/keep'];
    pod.spec!.nodeSelector = { 'kubernetes.io/os': 'linux' };
    pod.spec!.containers[0]!.readinessProbe = { httpGet: { path: '/', port: 'http' }, periodSeconds: 5 };
    pod.status = { phase: 'Pending' };
    expectOk(client.create(PODS, 'default', pod, STRICT));
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: {
        selector: { matchLabels: { app: 'web' } },
        strategy: { rollingUpdate: { maxSurge: '25%', maxUnavailable: 1 } },
        template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.25' }] } },
      },
    };
    expectOk(client.create(DEPLOYMENTS, 'default', deployment, STRICT));
    expectOk(client.create(CONFIG_MAPS, 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' }, data: { 'any.key': 'v' } }, STRICT));
  });

  it('refuses an unknown field on update, and in a patch without the decoder prefix', () => {
    const created = expectOk(client.create(PODS, 'default', podManifest('web'), STRICT));
    const updated = { ...created, metadata: { ...created.metadata, labelz: { a: 'b' } } };
    expect(expectStatus(client.update(PODS, 'default', updated, STRICT)).message).toBe(
      'Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "metadata.labelz"',
    );
    const patched = expectStatus(client.patch(PODS, 'default', 'web', 'strategic', { spec: { foo: 1 } }, { query: STRICT }));
    expect(patched).toMatchObject({ code: 400, reason: 'BadRequest', message: 'strict decoding error: unknown field "spec.foo"' });
  });

  it('lets the request through with Warn, Ignore or no fieldValidation, and never stores the unknown fields', () => {
    for (const [name, fieldValidation] of [['warn', 'Warn'], ['ignore', 'Ignore'], ['default', undefined]] as const) {
      const created = expectOk(client.create(PODS, 'default', typoPod(name, { foo: 1 }), { fieldValidation }));
      const container = (created.spec as { containers: Array<Record<string, unknown>> }).containers[0]!;
      expect(container).not.toHaveProperty('imagee');
      expect(created.spec).not.toHaveProperty('foo');
      const saved = stored(`/registry/pods/default/${name}`) as { spec: { containers: Array<Record<string, unknown>> } };
      expect(saved.spec).not.toHaveProperty('foo');
      expect(saved.spec.containers[0]).not.toHaveProperty('imagee');
      expect(saved.spec.containers[0]).toMatchObject({ name, image: 'nginx:1.25' });
    }
  });

  it('reports a type error before unknown fields, as Go does', () => {
    const status = expectStatus(
      client.create(CONFIG_MAPS, 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' }, data: { port: 80 }, dataa: {} } as KubeObject, STRICT),
    );
    expect(status.message).toBe('ConfigMap in version "v1" cannot be handled as a ConfigMap: json: cannot unmarshal number into Go struct field ConfigMap.data of type string');
  });

  it('skips kinds without a schema entry and checks a Pod quickly', () => {
    expect(pruneUnknownFields('example.com/v1', 'Widget', { foo: 1 })).toEqual([]);
    const pod = podManifest('web', { containers: 3, cpu: '1' });
    pruneUnknownFields('v1', 'Pod', structuredClone(pod));
    const started = performance.now();
    for (let i = 0; i < 1000; i++) pruneUnknownFields('v1', 'Pod', structuredClone(pod));
    expect((performance.now() - started) / 1000).toBeLessThan(1);
  });
});
