/** ConfigMaps: key validation, decoding errors, immutability, the DATA column and storage. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConfigMap } from '../../../../src/shared/api/core.js';
import type { ApiClient } from '../../../../src/main/cluster/client/api-client.js';
import { CONFIG_MAPS } from '../../../../src/main/cluster/client/resources.js';
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

function configMap(name: string, fields: Partial<ConfigMap>): ConfigMap {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, ...fields };
}

const KEY_ERROR =
  "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";

describe('ConfigMap', () => {
  it('stores data as given under /registry/configmaps/<namespace>/<name>', () => {
    const created = expectOk(client.create<ConfigMap>(CONFIG_MAPS, 'default', configMap('app', { data: { 'app.properties': 'color=blue\n', MODE: 'prod' } })));
    expect(created.data).toEqual({ 'app.properties': 'color=blue\n', MODE: 'prod' });
    const stored = JSON.parse(cluster.store.range('/registry/configmaps/default/app').kvs[0]!.value) as ConfigMap;
    expect(stored.data).toEqual(created.data);
  });

  it.each<[string, Partial<ConfigMap>, string]>([
    ['a key with a space', { data: { 'my key': 'x' } }, `ConfigMap "app" is invalid: data[my key]: Invalid value: "my key": ${KEY_ERROR}`],
    ['a key of two dots', { data: { '..': 'x' } }, `ConfigMap "app" is invalid: data[..]: Invalid value: "..": must not be '..'`],
    ['a key starting with two dots', { binaryData: { '..data': 'eA==' } }, `ConfigMap "app" is invalid: binaryData[..data]: Invalid value: "..data": must not start with '..'`],
    ['the same key in data and binaryData', { data: { a: 'x' }, binaryData: { a: 'eA==' } }, 'ConfigMap "app" is invalid: data[a]: Invalid value: "a": duplicate of key present in binaryData'],
    ['more than 1 MiB', { data: { big: 'x'.repeat(1024 * 1024 + 1) } }, 'ConfigMap "app" is invalid: []: Too long: must have at most 1048576 bytes'],
  ])('refuses %s', (_name, fields, message) => {
    expect(expectStatus(client.create(CONFIG_MAPS, 'default', configMap('app', fields))).message).toBe(message);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['a number in data (an unquoted YAML value)', { data: { port: 8080 } }, 'json: cannot unmarshal number into Go struct field ConfigMap.data of type string'],
    ['a bool in data', { data: { debug: true } }, 'json: cannot unmarshal bool into Go struct field ConfigMap.data of type string'],
    ['binaryData that is not base64', { binaryData: { logo: 'not base64!' } }, 'illegal base64 data at input byte 3'],
  ])('answers 400 for %s, as the decoder does', (_name, fields, error) => {
    const status = expectStatus(client.create(CONFIG_MAPS, 'default', { ...configMap('app', {}), ...fields }));
    expect(status).toMatchObject({ code: 400, reason: 'BadRequest', message: `ConfigMap in version "v1" cannot be handled as a ConfigMap: ${error}` });
  });

  it('keeps an immutable ConfigMap as it is', () => {
    const created = expectOk(client.create<ConfigMap>(CONFIG_MAPS, 'default', configMap('app', { data: { a: '1' }, immutable: true })));
    const status = expectStatus(client.update(CONFIG_MAPS, 'default', { ...created, data: { a: '2' }, immutable: false }));
    expect(status.message).toBe(
      'ConfigMap "app" is invalid: [immutable: Forbidden: field is immutable when `immutable` is set, data: Forbidden: field is immutable when `immutable` is set]',
    );
    expectOk(client.update(CONFIG_MAPS, 'default', { ...created, metadata: { ...created.metadata, labels: { team: 'a' } } }));
  });

  it('prints NAME DATA AGE, DATA counting data and binaryData keys', () => {
    expectOk(client.create(CONFIG_MAPS, 'default', configMap('app', { data: { a: '1', b: '2' }, binaryData: { c: 'eA==' } })));
    expectOk(client.create(CONFIG_MAPS, 'default', configMap('empty', {})));
    const table = expectOk(client.listTable(CONFIG_MAPS, 'default'));
    expect(table.columnDefinitions.map((c) => c.name)).toEqual(['Name', 'Data', 'Age']);
    expect(table.rows.map((r) => r.cells)).toEqual([
      ['app', 3, '0s'],
      ['empty', 0, '0s'],
    ]);
  });
});
