/**
 * Property tests of the API server's list/watch contract over random ConfigMap traffic in two
 * namespaces: creates, updates (current, unconditional and stale resourceVersions) and deletes.
 * Watches from "0" and from a list's resourceVersion, folded, must equal the final list; selector
 * watches the final selective list; stale updates get the exact 409; list resourceVersions are etcd's.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ConfigMap } from '../../../../src/shared/api/core.js';
import type { KubeObject } from '../../../../src/shared/api/meta.js';
import type { RequestQuery, WatchEventObject } from '../../../../src/main/cluster/apiserver/types.js';
import { CONFIG_MAPS } from '../../../../src/main/cluster/client/resources.js';
import { type TestCluster, expectOk, expectStatus, makeCluster } from '../../helpers/cluster.js';

const FC = { seed: 42, numRuns: 200 };

const NAMESPACES = ['ns-a', 'ns-b'];
const SELECTOR = 'tier=web';

type Op =
  | { kind: 'create'; ns: string; name: string; tier: string | undefined; value: string }
  | { kind: 'update'; ns: string; name: string; tier: string | undefined; value: string; rv: 'current' | 'none' | 'stale'; pick: number }
  | { kind: 'delete'; ns: string; name: string }
  | { kind: 'settle' };

const ns = fc.constantFrom(...NAMESPACES);
const name = fc.constantFrom('a', 'b', 'c');
const tier = fc.constantFrom<string | undefined>('web', 'db', undefined);
const value = fc.constantFrom('1', '2');

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('create' as const), ns, name, tier, value }) },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('update' as const),
      ns,
      name,
      tier,
      value,
      rv: fc.constantFrom<'current' | 'none' | 'stale'>('current', 'none', 'stale'),
      pick: fc.nat(),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), ns, name }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('settle' as const) }) },
);

interface Modelled {
  tier: string | undefined;
  value: string;
  rv: string;
}

/** What a test compares: name → labels, data and resourceVersion. */
type View = Map<string, { labels: Record<string, string>; data: Record<string, string>; rv: string }>;

function viewOf(objects: KubeObject[]): View {
  return new Map(
    objects.map((o) => [
      `${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`,
      { labels: o.metadata.labels ?? {}, data: (o as ConfigMap).data ?? {}, rv: o.metadata.resourceVersion ?? '' },
    ]),
  );
}

function body(op: { name: string; tier: string | undefined; value: string }, resourceVersion?: string): ConfigMap {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: op.name,
      ...(op.tier ? { labels: { tier: op.tier } } : {}),
      ...(resourceVersion ? { resourceVersion } : {}),
    },
    data: { v: op.value },
  };
}

/** A watch folded into a view as events arrive; it also checks rv order per object. */
function foldWatch(cluster: TestCluster, query: RequestQuery, initial: KubeObject[] = []): { view: View; events: WatchEventObject[] } {
  const view = viewOf(initial);
  const events: WatchEventObject[] = [];
  const watch = expectOk(
    cluster.client('watcher').watch(CONFIG_MAPS, undefined, query, (event) => {
      events.push(event);
      const object = event.object as KubeObject;
      const id = `${object.metadata.namespace ?? ''}/${object.metadata.name ?? ''}`;
      const seen = view.get(id);
      if (event.type === 'ADDED' || event.type === 'MODIFIED') {
        expect(event.type === 'ADDED').toBe(seen === undefined);
        if (seen) expect(Number(object.metadata.resourceVersion)).toBeGreaterThan(Number(seen.rv));
        view.set(id, viewOf([object]).get(id)!);
      } else if (event.type === 'DELETED') {
        expect(seen).toBeDefined();
        view.delete(id);
      } else {
        throw new Error(`unexpected watch event ${event.type}: ${JSON.stringify(event.object)}`);
      }
    }),
  );
  cluster.disposables.add(watch);
  return { view, events };
}

function conflictMessage(name: string): string {
  return `Operation cannot be fulfilled on configmaps "${name}": the object has been modified; please apply your changes to the latest version and try again`;
}

describe('API server list/watch (property)', () => {
  it('folds watches into the final list for random ConfigMap traffic', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 15 }), fc.array(op, { maxLength: 15 }), fc.array(op, { maxLength: 25 }), (before, between, after) => {
        const cluster = makeCluster({ namespaces: NAMESPACES });
        try {
          const client = cluster.client('kubectl');
          const model = new Map<string, Modelled>();
          /** Every resourceVersion an object has had, for stale updates. */
          const history = new Map<string, string[]>();

          const run = (o: Op): void => {
            if (o.kind === 'settle') {
              cluster.settle();
              return;
            }
            const id = `${o.ns}/${o.name}`;
            const current = model.get(id);
            const revision = cluster.revision();
            const written = String(revision + 1);
            switch (o.kind) {
              case 'create': {
                const result = client.create<ConfigMap>(CONFIG_MAPS, o.ns, body(o));
                if (current) {
                  expect(expectStatus(result).code).toBe(409);
                  expect(cluster.revision()).toBe(revision);
                  return;
                }
                expect(expectOk(result).metadata.resourceVersion).toBe(written);
                model.set(id, { tier: o.tier, value: o.value, rv: written });
                history.set(id, [...(history.get(id) ?? []), written]);
                break;
              }
              case 'update': {
                if (!current) {
                  const result = client.update(CONFIG_MAPS, o.ns, body(o, o.rv === 'none' ? undefined : String(revision)));
                  expect(expectStatus(result).code).toBe(404);
                  return;
                }
                const older = (history.get(id) ?? []).filter((rv) => rv !== current.rv);
                const staleRv = older.length > 0 ? older[o.pick % older.length]! : String(Number(current.rv) - 1 - (o.pick % 3));
                const sent = o.rv === 'current' ? current.rv : o.rv === 'stale' ? staleRv : undefined;
                const result = client.update<ConfigMap>(CONFIG_MAPS, o.ns, body(o, sent));
                if (o.rv === 'stale') {
                  const status = expectStatus(result);
                  expect(status).toMatchObject({ code: 409, reason: 'Conflict', message: conflictMessage(o.name) });
                  expect(cluster.revision()).toBe(revision);
                  return;
                }
                const updated = expectOk(result);
                if (current.tier === o.tier && current.value === o.value) {
                  // A no-op update writes nothing and keeps the resourceVersion.
                  expect(updated.metadata.resourceVersion).toBe(current.rv);
                  expect(cluster.revision()).toBe(revision);
                  return;
                }
                expect(updated.metadata.resourceVersion).toBe(written);
                model.set(id, { tier: o.tier, value: o.value, rv: written });
                history.set(id, [...(history.get(id) ?? []), written]);
                break;
              }
              case 'delete': {
                const result = client.delete(CONFIG_MAPS, o.ns, o.name);
                if (!current) {
                  expect(expectStatus(result).code).toBe(404);
                  return;
                }
                expectOk(result);
                model.delete(id);
                break;
              }
            }
            expect(cluster.revision()).toBe(revision + 1);
          };

          for (const o of before) run(o);
          const first = expectOk(client.list(CONFIG_MAPS));
          const firstSelective = expectOk(client.list(CONFIG_MAPS, undefined, { labelSelector: SELECTOR }));
          expect(firstSelective.metadata.resourceVersion).toBe(first.metadata.resourceVersion);
          for (const o of between) run(o);

          const fromZero = foldWatch(cluster, { resourceVersion: '0' });
          const fromList = foldWatch(cluster, { resourceVersion: first.metadata.resourceVersion }, first.items);
          const selectiveFromZero = foldWatch(cluster, { resourceVersion: '0', labelSelector: SELECTOR });
          const selectiveFromList = foldWatch(
            cluster,
            { resourceVersion: first.metadata.resourceVersion, labelSelector: SELECTOR },
            firstSelective.items,
          );
          for (const o of after) run(o);
          cluster.settle();

          const final = expectOk(client.list(CONFIG_MAPS));
          const finalView = viewOf(final.items);
          // The model agrees with the list, and each resourceVersion is the key's etcd modRevision.
          expect(finalView).toEqual(
            new Map(
              [...model].map(([id, m]) => [id, { labels: m.tier ? { tier: m.tier } : {}, data: { v: m.value }, rv: m.rv }]),
            ),
          );
          expect(final.metadata.resourceVersion).toBe(String(cluster.revision()));
          for (const item of final.items) {
            const kv = cluster.store.range(`/registry/configmaps/${item.metadata.namespace ?? ''}/${item.metadata.name ?? ''}`).kvs[0];
            expect(item.metadata.resourceVersion).toBe(String(kv?.modRevision));
          }

          expect(fromZero.view).toEqual(finalView);
          expect(fromList.view).toEqual(finalView);
          const selective = viewOf(expectOk(client.list(CONFIG_MAPS, undefined, { labelSelector: SELECTOR })).items);
          expect(selective).toEqual(new Map([...finalView].filter(([, v]) => v.labels.tier === 'web')));
          expect(selectiveFromZero.view).toEqual(selective);
          expect(selectiveFromList.view).toEqual(selective);
          // A watch from a list's resourceVersion replays changes in revision order.
          const rvs = fromList.events.map((e) => Number((e.object as KubeObject).metadata.resourceVersion));
          expect(rvs).toEqual([...rvs].sort((a, b) => a - b));
          expect(cluster.taskErrors).toEqual([]);
        } finally {
          cluster.dispose();
        }
      }),
      FC,
    );
  });
});
