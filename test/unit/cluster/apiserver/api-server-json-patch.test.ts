import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Pod } from '../../../../src/shared/api/core.js';
import { PODS } from '../../../../src/main/cluster/client/resources.js';
import type { ApiClient } from '../../../../src/main/cluster/client/api-client.js';
import { applyJsonPatch } from '../../../../src/main/cluster/apiserver/patch/json-patch.js';
import { type TestCluster, createPod, expectOk, expectStatus, makeCluster } from '../../helpers/cluster.js';

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

describe('JSON patch (RFC 6902, application/json-patch+json)', () => {
  it('applies add, remove, replace, move, copy and test in order', () => {
    createPod(client, 'web', { labels: { app: 'web', tier: 'fe' }, containers: 2 });
    const patched = expectOk(
      client.patch<Pod>(PODS, 'default', 'web', 'json', [
        { op: 'test', path: '/metadata/labels/app', value: 'web' },
        { op: 'add', path: '/metadata/labels/env', value: 'prod' },
        { op: 'remove', path: '/metadata/labels/tier' },
        { op: 'replace', path: '/spec/containers/1/image', value: 'nginx:1.27' },
        { op: 'copy', from: '/metadata/labels/env', path: '/metadata/labels/stage' },
        { op: 'move', from: '/metadata/labels/stage', path: '/metadata/labels/was-stage' },
      ]),
    );
    expect(patched.metadata.labels).toEqual({ app: 'web', env: 'prod', 'was-stage': 'prod' });
    expect(patched.spec.containers.map((c) => c.image)).toEqual(['nginx:1.25', 'nginx:1.27']);
  });

  it('unescapes ~1 and ~0 in pointers and appends to an array with -', () => {
    createPod(client, 'web');
    const patched = expectOk(
      client.patch<Pod>(PODS, 'default', 'web', 'json', [
        { op: 'add', path: '/metadata/annotations', value: {} },
        { op: 'add', path: '/metadata/annotations/example.com~1owner', value: 'team~0a' },
        { op: 'add', path: '/spec/tolerations/-', value: { key: 'dedicated', operator: 'Exists' } },
      ]),
    );
    expect(patched.metadata.annotations).toEqual({ 'example.com/owner': 'team~0a' });
    expect(patched.spec.tolerations?.at(-1)).toMatchObject({ key: 'dedicated', operator: 'Exists' });
    expect(applyJsonPatch({ 'a~b': 1, list: [1] }, [{ op: 'copy', from: '/a~0b', path: '/list/-' }])).toEqual({ ok: true, value: { 'a~b': 1, list: [1, 1] } });
  });

  it('a failed test op is 422 with the generic message and the library error as the cause; nothing is written', () => {
    createPod(client, 'web', { labels: { app: 'web' } });
    const revision = cluster.revision();
    const status = expectStatus(
      client.patch(PODS, 'default', 'web', 'json', [
        { op: 'test', path: '/metadata/labels/app', value: 'api' },
        { op: 'replace', path: '/metadata/labels/app', value: 'db' },
      ]),
    );
    expect(status).toMatchObject({
      code: 422,
      reason: 'Invalid',
      message: 'the server rejected our request due to an error in our request',
      details: { causes: [{ reason: 'UnexpectedServerResponse', message: 'testing value /metadata/labels/app failed: test failed' }] },
    });
    expect(cluster.revision()).toBe(revision);
  });

  it('ops on missing paths fail with evanphx/json-patch wording', () => {
    createPod(client, 'web');
    const cause = (ops: unknown[]): string | undefined => expectStatus(client.patch(PODS, 'default', 'web', 'json', ops)).details?.causes?.[0]?.message;
    expect(cause([{ op: 'remove', path: '/metadata/labels/x' }])).toBe('unable to remove nonexistent key: x: missing value');
    expect(cause([{ op: 'replace', path: '/metadata/nope', value: 1 }])).toBe('replace operation does not apply: doc is missing key: /metadata/nope: missing value');
    expect(cause([{ op: 'add', path: '/a/b', value: 1 }])).toBe('add operation does not apply: doc is missing path: "/a/b": missing value');
    expect(cause([{ op: 'add', path: '/spec/containers/5', value: {} }])).toBe(
      "error in add for path: '/spec/containers/5': Unable to access invalid index: 5: invalid index referenced",
    );
    expect(cause([{ op: 'frobnicate', path: '/x' }])).toBe('Unexpected kind: frobnicate: unknown object type');
  });

  it('a body that is not a list of operations is 400', () => {
    createPod(client, 'web');
    expect(expectStatus(client.patch(PODS, 'default', 'web', 'json', { op: 'add' }))).toMatchObject({
      code: 400,
      reason: 'BadRequest',
      message: 'json: cannot unmarshal object into Go value of type jsonpatch.Patch',
    });
  });

  it('keeps the current resourceVersion unless the patch replaces it; a stale one conflicts', () => {
    const pod = createPod(client, 'web');
    expectOk(client.patch(PODS, 'default', 'web', 'json', [{ op: 'add', path: '/metadata/labels', value: { a: '1' } }]));
    const status = expectStatus(
      client.patch(PODS, 'default', 'web', 'json', [
        { op: 'replace', path: '/metadata/resourceVersion', value: pod.metadata.resourceVersion },
        { op: 'add', path: '/metadata/labels/b', value: '2' },
      ]),
    );
    expect(status.code).toBe(409);
  });

  it('the patched object is validated like an update (rollout undo replaces the template)', () => {
    createPod(client, 'web');
    const status = expectStatus(client.patch(PODS, 'default', 'web', 'json', [{ op: 'remove', path: '/spec/containers/0/image' }]));
    expect(status.code).toBe(422);
  });

  it('applyJsonPatch leaves its input untouched and handles the whole-document pointer', () => {
    const doc = { a: [1, 2], b: { c: 'd' } };
    const result = applyJsonPatch(doc, [
      { op: 'move', from: '/a/0', path: '/a/-' },
      { op: 'test', path: '', value: { a: [2, 1], b: { c: 'd' } } },
    ]);
    expect(result).toEqual({ ok: true, value: { a: [2, 1], b: { c: 'd' } } });
    expect(doc).toEqual({ a: [1, 2], b: { c: 'd' } });
    expect(applyJsonPatch(doc, [{ op: 'move', from: '/b', path: '/b/c/d' }])).toMatchObject({ ok: false, stage: 'apply' });
  });
});
