/**
 * Property test of the list cache: after random ConfigMap creates, updates and deletes in two
 * namespaces whose keys share a prefix — some written behind the API server's back straight to
 * etcd — every list (all namespaces and one, paged or not, objects or Table) shows exactly what etcd
 * holds, at etcd's revision.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ConfigMap } from '../../../../src/shared/api/core.js';
import type { Table } from '../../../../src/shared/api/meta.js';
import { CONFIG_MAPS } from '../../../../src/main/cluster/client/resources.js';
import { expectOk, listAllPages, makeCluster } from '../../helpers/cluster.js';

const FC = { seed: 11, numRuns: 150 };

type Op =
  | { kind: 'list'; ns: string | undefined }
  | { kind: 'put'; ns: string; name: string; value: string }
  | { kind: 'delete'; ns: string; name: string }
  | { kind: 'foreign'; ns: string; name: string; value: string };

// `ns-a` is a prefix of `ns-ab`: a namespace's list must not reach into the other's keys.
const ns = fc.constantFrom('ns-a', 'ns-ab');
const name = fc.constantFrom('a', 'b', 'c', 'd');
const value = fc.constantFrom('1', '2', '3');
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('list' as const), ns: fc.constantFrom(undefined, 'ns-a', 'ns-ab') }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('put' as const), ns, name, value }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), ns, name }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('foreign' as const), ns, name, value }) },
);

describe('list cache property', () => {
  it('every list shows what etcd holds after any history', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), fc.integer({ min: 1, max: 3 }), (ops, limit) => {
        const cluster = makeCluster({ namespaces: ['default', 'ns-a', 'ns-ab'] });
        try {
          const client = cluster.client();
          for (const o of ops) {
            if (o.kind === 'list') {
              // Lists in between build the cache, so later writes exercise its upkeep.
              client.list(CONFIG_MAPS, o.ns);
              continue;
            }
            const current = client.get<ConfigMap>(CONFIG_MAPS, o.ns, o.name);
            if (o.kind === 'delete') {
              if (current.ok) expectOk(client.delete(CONFIG_MAPS, o.ns, o.name));
            } else if (o.kind === 'foreign') {
              // Another etcd client writes the object: the API server never hears of it.
              const stored = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: o.name, namespace: o.ns, uid: 'x' }, data: { v: o.value } };
              cluster.store.put(`/registry/configmaps/${o.ns}/${o.name}`, JSON.stringify(stored));
            } else if (current.ok) {
              expectOk(client.update(CONFIG_MAPS, o.ns, { ...current.value, data: { v: o.value } }));
            } else {
              expectOk(client.create(CONFIG_MAPS, o.ns, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: o.name }, data: { v: o.value } }));
            }
          }
          for (const namespace of [undefined, 'ns-a', 'ns-ab']) {
            const prefix = namespace ? `/registry/configmaps/${namespace}/` : '/registry/configmaps/';
            const stored = cluster.store.range(prefix, { prefix: true });
            const want = stored.kvs.map((kv) => {
              const c = JSON.parse(kv.value) as ConfigMap;
              return `${c.metadata.namespace ?? ''}/${c.metadata.name ?? ''}=${c.data?.v ?? ''}@${kv.modRevision}`;
            });
            const show = (c: ConfigMap): string => `${c.metadata.namespace ?? ''}/${c.metadata.name ?? ''}=${c.data?.v ?? ''}@${c.metadata.resourceVersion ?? ''}`;
            const listed = expectOk(client.list<ConfigMap>(CONFIG_MAPS, namespace));
            expect(listed.items.map(show)).toEqual(want);
            expect(listed.metadata.resourceVersion).toBe(String(stored.revision));
            const table = expectOk(client.request<Table>({ verb: 'list', resource: 'configmaps', group: '', version: 'v1', namespace, query: { asTable: true } }));
            expect(table.rows.map((r) => `${r.object?.metadata.namespace ?? ''}/${r.cells[0] as string}`)).toEqual(want.map((w) => w.slice(0, w.indexOf('='))));
            expect(listAllPages<ConfigMap>(client, CONFIG_MAPS, namespace, { limit }).map(show)).toEqual(want);
          }
        } finally {
          cluster.dispose();
        }
      }),
      FC,
    );
  });
});
