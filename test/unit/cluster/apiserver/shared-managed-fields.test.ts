import { describe, expect, it } from 'vitest';
import { SharedManagedFields } from '../../../../src/main/cluster/apiserver/shared-managed-fields.js';

const entries = [
  { manager: 'replicaset-controller', operation: 'Update', apiVersion: 'v1', time: '2025-01-01T00:00:00Z', fieldsType: 'FieldsV1', fieldsV1: { 'f:metadata': { 'f:ownerReferences': { 'k:{"uid":"u1"}': {} } }, 'f:spec': { 'f:containers': { 'k:{"name":"a]}"}': {} } } } },
];

function pod(name: string, managedFields: unknown = entries): string {
  return JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name, managedFields, labels: { app: 'x' } }, spec: { containers: [{ name: 'a', args: ['"managedFields":[', '\\"]'] }] } });
}

describe('SharedManagedFields', () => {
  it('parses exactly as JSON.parse, keeping the entries in their place in metadata', () => {
    const shared = new SharedManagedFields();
    const text = pod('a');
    const parsed = shared.parse(text);
    expect(parsed).toEqual(JSON.parse(text));
    expect(Object.keys(parsed.metadata)).toEqual(['name', 'managedFields', 'labels']);
    expect(JSON.stringify(parsed)).toBe(text);
  });

  it('shares identical managedFields between objects, and only identical ones', () => {
    const shared = new SharedManagedFields();
    const a = shared.parse(pod('a'));
    const b = shared.parse(pod('b'));
    expect(b.metadata.managedFields).toBe(a.metadata.managedFields);
    expect(b.metadata.name).toBe('b');
    const other = [{ ...entries[0], time: '2025-01-01T00:00:01Z' }];
    const c = shared.parse(pod('c', other));
    expect(c.metadata.managedFields).not.toBe(a.metadata.managedFields);
    expect(c.metadata.managedFields).toEqual(other);
  });

  it('falls back to a plain parse when the first managedFields key is not the metadata one', () => {
    const shared = new SharedManagedFields();
    const text = JSON.stringify({ spec: { template: { metadata: { managedFields: [{ manager: 'x' }] } } }, metadata: { name: 'n', managedFields: entries } });
    expect(shared.parse(text)).toEqual(JSON.parse(text));
    const none = JSON.stringify({ metadata: { name: 'n' }, data: { k: '"managedFields":[' } });
    expect(shared.parse(none)).toEqual(JSON.parse(none));
  });
});
