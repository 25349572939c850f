/** Secrets: base64 decoding, stringData, type defaults and rules, selectors, the printer and storage. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Secret } from '../../../../src/shared/api/core.js';
import type { ApiClient } from '../../../../src/main/cluster/client/api-client.js';
import { SECRETS } from '../../../../src/main/cluster/client/resources.js';
import { base64Error } from '../../../../src/main/cluster/apiserver/registry/decoding.js';
import { type TestCluster, expectOk, expectStatus, makeCluster } from '../../helpers/cluster.js';

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

function secret(name: string, fields: Partial<Secret>): Secret {
  return { apiVersion: 'v1', kind: 'Secret', metadata: { name }, ...fields };
}

describe('base64 in Secret data (Go encoding/base64 StdEncoding)', () => {
  it.each<[string, string | undefined]>([
    ['YWRtaW4=', undefined],
    ['YWRtaW4=\n', undefined],
    ['cGFzcw==', undefined],
    ['', undefined],
    // Plain text under data: the error names the first byte Go cannot use.
    ['admin', 'illegal base64 data at input byte 4'],
    ['My-pass-123', 'illegal base64 data at input byte 2'],
    ['s3cr3t-not-for-production', 'illegal base64 data at input byte 6'],
    ['abc', 'illegal base64 data at input byte 0'],
    ['a===', 'illegal base64 data at input byte 1'],
    ['YWRtaW4=YWRt', 'illegal base64 data at input byte 8'],
    ['YWRtaW4', 'illegal base64 data at input byte 4'],
  ])('%j → %s', (text, error) => {
    expect(base64Error(text)).toBe(error);
  });

  it('answers 400 before anything else is looked at', () => {
    const status = expectStatus(client.create(SECRETS, 'default', secret('db', { data: { password: 'admin' } })));
    expect(status).toMatchObject({ code: 400, reason: 'BadRequest', message: 'Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 4' });
  });
});

describe('Secret', () => {
  it('defaults type to Opaque and stores data under /registry/secrets/<namespace>/<name>', () => {
    const created = expectOk(client.create<Secret>(SECRETS, 'default', secret('db', { data: { password: 'czNjcjN0' } })));
    expect(created.type).toBe('Opaque');
    const stored = JSON.parse(cluster.store.range('/registry/secrets/default/db').kvs[0]!.value) as Secret;
    expect(stored.data).toEqual({ password: 'czNjcjN0' });
  });

  it('merges stringData into data base64-encoded, stringData winning, and never stores it', () => {
    const created = expectOk(
      client.create<Secret>(SECRETS, 'default', secret('db', { data: { user: 'cm9vdA==', password: 'b2xk' }, stringData: { password: 's3cr3t', 'note.txt': '密碼' } })),
    );
    expect(created.data).toEqual({ user: 'cm9vdA==', password: 'czNjcjN0', 'note.txt': Buffer.from('密碼').toString('base64') });
    expect(created.stringData).toBeUndefined();
    expect(cluster.store.range('/registry/secrets/default/db').kvs[0]!.value).not.toContain('stringData');
    const patched = expectOk(client.patch<Secret>(SECRETS, 'default', 'db', 'strategic', { stringData: { user: 'admin' } }));
    expect(patched.data!.user).toBe('YWRtaW4=');
    expect(patched.stringData).toBeUndefined();
  });

  it.each<[string, Partial<Secret>, string]>([
    ['a bad key', { data: { 'db password': 'eA==' } }, `Secret "db" is invalid: data[db password]: Invalid value: "db password": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')`],
    ['a TLS Secret without its keys', { type: 'kubernetes.io/tls' }, 'Secret "db" is invalid: [data[tls.crt]: Required value, data[tls.key]: Required value]'],
    ['basic-auth with neither username nor password', { type: 'kubernetes.io/basic-auth' }, 'Secret "db" is invalid: [data[username]: Required value, data[password]: Required value]'],
    ['dockerconfigjson without .dockerconfigjson', { type: 'kubernetes.io/dockerconfigjson' }, 'Secret "db" is invalid: data[.dockerconfigjson]: Required value'],
    ['ssh-auth with an empty key', { type: 'kubernetes.io/ssh-auth', data: { 'ssh-privatekey': '' } }, 'Secret "db" is invalid: data[ssh-privatekey]: Required value'],
    [
      'a service-account-token without its account',
      { type: 'kubernetes.io/service-account-token' },
      'Secret "db" is invalid: metadata.annotations[kubernetes.io/service-account.name]: Required value',
    ],
  ])('refuses %s', (_name, fields, message) => {
    expect(expectStatus(client.create(SECRETS, 'default', secret('db', fields))).message).toBe(message);
  });

  it('accepts a service-account-token naming its account (the token controller fills it later)', () => {
    const created = expectOk(
      client.create<Secret>(SECRETS, 'default', {
        ...secret('build-token', { type: 'kubernetes.io/service-account-token' }),
        metadata: { name: 'build-token', annotations: { 'kubernetes.io/service-account.name': 'build' } },
      }),
    );
    expect(created.type).toBe('kubernetes.io/service-account-token');
    expect(created.data).toBeUndefined();
  });

  it('keeps type immutable, and an immutable Secret immutable', () => {
    const created = expectOk(client.create<Secret>(SECRETS, 'default', secret('db', { data: { a: 'eA==' }, immutable: true })));
    expect(expectStatus(client.update(SECRETS, 'default', { ...created, type: 'kubernetes.io/basic-auth' })).message).toBe(
      // The new type's own rules are checked too.
      'Secret "db" is invalid: [type: Invalid value: "kubernetes.io/basic-auth": field is immutable, data[username]: Required value, data[password]: Required value]',
    );
    expect(expectStatus(client.patch(SECRETS, 'default', 'db', 'merge', { data: { a: 'eQ==' } })).message).toBe(
      'Secret "db" is invalid: data: Forbidden: field is immutable when `immutable` is set',
    );
  });

  it('selects by type', () => {
    expectOk(client.create(SECRETS, 'default', secret('a', {})));
    expectOk(client.create(SECRETS, 'default', secret('b', { type: 'kubernetes.io/basic-auth', stringData: { username: 'u' } })));
    const names = expectOk(client.list(SECRETS, 'default', { fieldSelector: 'type=kubernetes.io/basic-auth' })).items.map((s) => s.metadata.name);
    expect(names).toEqual(['b']);
  });

  it('prints NAME TYPE DATA AGE', () => {
    expectOk(client.create(SECRETS, 'default', secret('db', { stringData: { user: 'root', password: 'x' } })));
    const table = expectOk(client.listTable(SECRETS, 'default'));
    expect(table.columnDefinitions.map((c) => c.name)).toEqual(['Name', 'Type', 'Data', 'Age']);
    expect(table.rows[0]!.cells).toEqual(['db', 'Opaque', 2, '0s']);
  });
});
