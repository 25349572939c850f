/** events.k8s.io/v1 Events: one stored resource with core v1 Events, strict validation, field selectors, the printer. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CoreEvent } from '../../../../src/shared/api/core.js';
import type { EventsV1Event } from '../../../../src/shared/api/events.js';
import type { ApiClient } from '../../../../src/main/cluster/client/api-client.js';
import { EVENTS, EVENTS_V1 } from '../../../../src/main/cluster/client/resources.js';
import { builtinResources } from '../../../../src/main/cluster/apiserver/registry/index.js';
import { type TestCluster, expectOk, expectStatus, makeCluster } from '../../helpers/cluster.js';

let cluster: TestCluster;
let client: ApiClient;

beforeEach(() => {
  cluster = makeCluster({ resources: builtinResources, start: Date.parse('2026-01-01T00:00:00Z') });
  client = cluster.client('kubectl');
});

afterEach(() => {
  expect(cluster.taskErrors).toEqual([]);
  cluster.dispose();
});

function newEvent(name: string, extra: Partial<EventsV1Event> = {}): EventsV1Event {
  return {
    apiVersion: 'events.k8s.io/v1',
    kind: 'Event',
    metadata: { name },
    eventTime: '2026-01-01T00:00:00.000000Z',
    reportingController: 'kubelab.io/demo',
    reportingInstance: 'demo-1',
    action: 'Pulling',
    reason: 'Pulling',
    regarding: { kind: 'Pod', namespace: 'default', name: 'web', apiVersion: 'v1' },
    note: 'Pulling image "nginx"',
    type: 'Normal',
    ...extra,
  };
}

describe('events.k8s.io/v1 Event', () => {
  it('is stored once, as a core v1 Event under /registry/events, and reads back through both versions', () => {
    const created = expectOk(client.create<EventsV1Event>(EVENTS_V1, 'default', newEvent('web.1')));
    expect(created.apiVersion).toBe('events.k8s.io/v1');
    expect(created.deprecatedSource).toEqual({});
    expect(created.deprecatedFirstTimestamp).toBeNull();
    const kvs = cluster.store.range('/registry/events/default/web.1').kvs;
    expect(kvs).toHaveLength(1);
    const stored = JSON.parse(kvs[0]!.value) as Record<string, unknown>;
    expect(stored).toMatchObject({ apiVersion: 'v1', message: 'Pulling image "nginx"', reportingComponent: 'kubelab.io/demo', involvedObject: { name: 'web' } });
    expect(stored.note).toBeUndefined();

    const core = expectOk(client.get<CoreEvent>(EVENTS, 'default', 'web.1'));
    expect(core.apiVersion).toBe('v1');
    expect(core.message).toBe('Pulling image "nginx"');
    expect(core.involvedObject).toEqual({ kind: 'Pod', namespace: 'default', name: 'web', apiVersion: 'v1' });
    expect(core.reportingComponent).toBe('kubelab.io/demo');
    expect(core.metadata.resourceVersion).toBe(created.metadata.resourceVersion);
  });

  it('shows a core v1 Event with note, regarding and the deprecated* fields', () => {
    expectOk(
      client.create<CoreEvent>(EVENTS, 'default', {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name: 'web.2' },
        involvedObject: { kind: 'Pod', namespace: 'default', name: 'web' },
        reason: 'Scheduled',
        message: 'Successfully assigned default/web to node-1',
        source: { component: 'default-scheduler' },
        firstTimestamp: '2026-01-01T00:00:00Z',
        lastTimestamp: '2026-01-01T00:00:00Z',
        count: 3,
        type: 'Normal',
      }),
    );
    const event = expectOk(client.get<EventsV1Event>(EVENTS_V1, 'default', 'web.2'));
    expect(event).toMatchObject({
      apiVersion: 'events.k8s.io/v1',
      kind: 'Event',
      eventTime: null,
      reason: 'Scheduled',
      note: 'Successfully assigned default/web to node-1',
      regarding: { kind: 'Pod', namespace: 'default', name: 'web' },
      deprecatedSource: { component: 'default-scheduler' },
      deprecatedFirstTimestamp: '2026-01-01T00:00:00Z',
      deprecatedLastTimestamp: '2026-01-01T00:00:00Z',
      deprecatedCount: 3,
    });
    expect(event.message).toBeUndefined();
    expect(event.involvedObject).toBeUndefined();
  });

  it('updates through events.k8s.io keep the stored core form', () => {
    const created = expectOk(client.create<EventsV1Event>(EVENTS_V1, 'default', newEvent('web.3')));
    const updated = expectOk(
      client.update<EventsV1Event>(EVENTS_V1, 'default', { ...created, series: { count: 2, lastObservedTime: '2026-01-01T00:00:05.000000Z' } }),
    );
    expect(updated.series).toEqual({ count: 2, lastObservedTime: '2026-01-01T00:00:05.000000Z' });
    const core = expectOk(client.get<CoreEvent & { series?: unknown }>(EVENTS, 'default', 'web.3'));
    expect(core.series).toEqual({ count: 2, lastObservedTime: '2026-01-01T00:00:05.000000Z' });
  });

  it('patches and watches through events.k8s.io in its own shape', () => {
    const seen: string[] = [];
    const watch = expectOk(
      client.watch(EVENTS_V1, 'default', {}, (event) => {
        const e = event.object as EventsV1Event;
        seen.push(`${event.type} ${e.apiVersion ?? ''} ${e.note ?? ''}`);
      }),
    );
    expectOk(client.create(EVENTS_V1, 'default', newEvent('web.5')));
    const patched = expectOk(
      client.patch<EventsV1Event>(EVENTS_V1, 'default', 'web.5', 'merge', { series: { count: 3, lastObservedTime: '2026-01-01T00:00:09.000000Z' } }),
    );
    expect(patched.series?.count).toBe(3);
    cluster.settle();
    watch.dispose();
    expect(seen).toEqual(['ADDED events.k8s.io/v1 Pulling image "nginx"', 'MODIFIED events.k8s.io/v1 Pulling image "nginx"']);
  });

  it.each<[string, Partial<EventsV1Event>, string]>([
    ['no eventTime', { eventTime: null }, 'Event.events.k8s.io "bad" is invalid: eventTime: Required value'],
    [
      'no reportingController',
      { reportingController: '' },
      'Event.events.k8s.io "bad" is invalid: [reportingController: Required value, reportingController: Invalid value: "": name part must be non-empty]',
    ],
    ['no reportingInstance', { reportingInstance: undefined }, 'Event.events.k8s.io "bad" is invalid: reportingInstance: Required value'],
    ['no action', { action: undefined }, 'Event.events.k8s.io "bad" is invalid: action: Required value'],
    ['a note over 1KB', { note: 'x'.repeat(1025) }, 'Event.events.k8s.io "bad" is invalid: message: Invalid value: "": can have at most 1024 characters'],
    ['an unknown type', { type: 'Info' }, 'Event.events.k8s.io "bad" is invalid: type: Invalid value: "": has invalid value: Info'],
    ['a deprecatedCount', { deprecatedCount: 2 }, 'Event.events.k8s.io "bad" is invalid: count: Invalid value: "": needs to be unset'],
    ['a deprecatedSource', { deprecatedSource: { component: 'kubelet' } }, 'Event.events.k8s.io "bad" is invalid: source: Invalid value: "": needs to be unset'],
    [
      'a series of one',
      { series: { count: 1, lastObservedTime: '2026-01-01T00:00:00.000000Z' } },
      'Event.events.k8s.io "bad" is invalid: series.count: Invalid value: "": should be at least 2',
    ],
    [
      'a cluster-scoped regarding object outside default and kube-system',
      { regarding: { kind: 'Node', name: 'node-1' } },
      'Event.events.k8s.io "bad" is invalid: involvedObject.namespace: Invalid value: "": does not match event.namespace',
    ],
  ])('refuses %s with the internal field names, as kube-apiserver 1.32 does', (_name, extra, message) => {
    const namespace = _name.startsWith('a cluster-scoped') ? 'kube-public' : 'default';
    const body = newEvent('bad', extra);
    if (extra.reportingInstance === undefined && 'reportingInstance' in extra) delete body.reportingInstance;
    if (extra.action === undefined && 'action' in extra) delete body.action;
    expect(expectStatus(client.create(EVENTS_V1, namespace, body)).message).toBe(message);
  });

  it('takes an update that spells the same eventTime differently', () => {
    const created = expectOk(client.create<EventsV1Event>(EVENTS_V1, 'default', newEvent('web.7')));
    expectOk(client.update(EVENTS_V1, 'default', { ...created, eventTime: '2026-01-01T00:00:00Z' }));
  });

  it('refuses changing the note of an existing Event (message is immutable)', () => {
    const created = expectOk(client.create<EventsV1Event>(EVENTS_V1, 'default', newEvent('web.4')));
    const status = expectStatus(client.update(EVENTS_V1, 'default', { ...created, note: 'changed' }));
    expect(status.message).toBe('Event.events.k8s.io "web.4" is invalid: message: Invalid value: "changed": field is immutable');
  });

  it.each<[string, Partial<EventsV1Event>, string]>([
    ['the eventTime', { eventTime: '2026-01-01T00:00:05.250000Z' }, 'eventTime: Invalid value: 2026-01-01 00:00:05.25 +0000 UTC: field is immutable'],
    ['the action', { action: 'Pulled' }, 'action: Invalid value: "Pulled": field is immutable'],
    ['the reportingController', { reportingController: 'other' }, 'reportingController: Invalid value: "other": field is immutable'],
    [
      'the regarding object',
      { regarding: { kind: 'Pod', namespace: 'default', name: 'api' } },
      'involvedObject: Invalid value: core.ObjectReference{Kind:"Pod", Namespace:"default", Name:"api", UID:"", APIVersion:"", ResourceVersion:"", FieldPath:""}: field is immutable',
    ],
  ])('refuses changing %s of an existing Event', (_name, change, detail) => {
    const created = expectOk(client.create<EventsV1Event>(EVENTS_V1, 'default', newEvent('web.6')));
    expect(expectStatus(client.update(EVENTS_V1, 'default', { ...created, ...change })).message).toBe(`Event.events.k8s.io "web.6" is invalid: ${detail}`);
  });

  it('selects by regarding.* and reportingController, and refuses core-only field labels', () => {
    expectOk(client.create(EVENTS_V1, 'default', newEvent('a')));
    expectOk(client.create(EVENTS_V1, 'default', newEvent('b', { regarding: { kind: 'Pod', namespace: 'default', name: 'api' } })));
    // A core list with a field selector first, so the remembered facts carry core's field names.
    expect(expectOk(client.list(EVENTS, 'default', { fieldSelector: 'involvedObject.name=api' })).items.map((e) => e.metadata.name)).toEqual(['b']);
    const names = (fieldSelector: string): string[] =>
      expectOk(client.list(EVENTS_V1, 'default', { fieldSelector })).items.map((e) => e.metadata.name ?? '');
    expect(names('regarding.name=api')).toEqual(['b']);
    expect(names('reportingController=kubelab.io/demo')).toEqual(['a', 'b']);
    expect(names('source=kubelab.io/demo,regarding.name=web')).toEqual(['a']);
    expect(expectStatus(client.list(EVENTS_V1, 'default', { fieldSelector: 'involvedObject.name=api' })).message).toBe(
      'field label not supported: involvedObject.name',
    );
  });

  it('prints the events table: a singleton counts 1, a series shows its count and last observation', () => {
    expectOk(client.create(EVENTS_V1, 'default', newEvent('a')));
    cluster.clock.advance(60_000);
    expectOk(client.create(EVENTS_V1, 'default', newEvent('b', { series: { count: 4, lastObservedTime: '2026-01-01T00:00:50.000000Z' } })));
    const table = expectOk(client.listTable(EVENTS_V1, 'default'));
    expect(table.columnDefinitions.map((c) => c.name)).toEqual(['Last Seen', 'Type', 'Reason', 'Object', 'Subobject', 'Source', 'Message', 'First Seen', 'Count', 'Name']);
    expect(table.rows.map((r) => r.cells)).toEqual([
      ['60s', 'Normal', 'Pulling', 'pod/web', '', 'kubelab.io/demo, demo-1', 'Pulling image "nginx"', '60s', 1, 'a'],
      ['10s', 'Normal', 'Pulling', 'pod/web', '', 'kubelab.io/demo, demo-1', 'Pulling image "nginx"', '60s', 4, 'b'],
    ]);
  });
});
