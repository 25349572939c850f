import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../../../src/shared/api/meta.js';
import { CreateFieldsMemo } from '../../../../../src/main/cluster/apiserver/patch/create-fields-memo.js';
import { FieldSet } from '../../../../../src/main/cluster/apiserver/patch/field-set.js';
import { type UpdateOperation, recordUpdate } from '../../../../../src/main/cluster/apiserver/patch/managed-fields.js';

const op: UpdateOperation = { kind: 'Event', manager: 'kube-scheduler', apiVersion: 'v1', time: '2025-01-01T00:00:00Z', ignored: new FieldSet() };

function event(name: string, extra: Record<string, unknown> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Event', metadata: { name, namespace: 'default' }, involvedObject: { kind: 'Pod', name }, reason: 'Scheduled', count: 1, eventTime: null, ...extra } as KubeObject;
}

function plain(object: KubeObject): KubeObject {
  recordUpdate(undefined, object, op);
  return object;
}

describe('CreateFieldsMemo', () => {
  it('gives an object of a remembered shape what recordUpdate gives it, as a copy of its own', () => {
    const memo = new CreateFieldsMemo();
    const scope = {};
    const first = event('a');
    memo.recordCreate(scope, first, op);
    const second = event('b');
    memo.recordCreate(scope, second, op);
    expect(second).toEqual(plain(event('b')));
    expect(second.metadata.managedFields).not.toBe(first.metadata.managedFields);
    (second.metadata.managedFields![0]!.fieldsV1 as Record<string, unknown>)['f:x'] = {};
    const third = event('c');
    memo.recordCreate(scope, third, op);
    expect(third).toEqual(plain(event('c')));
  });

  it('tells shapes apart by presence, null and time, and leaves lists and sent managedFields to recordUpdate', () => {
    const memo = new CreateFieldsMemo();
    const scope = {};
    memo.recordCreate(scope, event('a'), op);
    const withNull = event('b', { eventTime: '2025-01-01T00:00:00.000000Z', message: null });
    memo.recordCreate(scope, withNull, op);
    expect(withNull).toEqual(plain(event('b', { eventTime: '2025-01-01T00:00:00.000000Z', message: null })));
    const later = event('c');
    memo.recordCreate(scope, later, { ...op, time: '2025-01-01T00:00:01Z' });
    expect(later.metadata.managedFields?.[0]?.time).toBe('2025-01-01T00:00:01Z');
    const withList = event('d', { related: [{ kind: 'Node' }] });
    memo.recordCreate(scope, withList, op);
    expect(withList).toEqual(plain(event('d', { related: [{ kind: 'Node' }] })));
    const sent = event('e');
    sent.metadata.managedFields = [{ manager: 'other', operation: 'Update', apiVersion: 'v1', fieldsType: 'FieldsV1', fieldsV1: { 'f:reason': {} } }];
    const expected = structuredClone(sent);
    memo.recordCreate(scope, sent, op);
    expect(sent).toEqual(plain(expected));
  });
});
