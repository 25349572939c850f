/**
 * Property test of the label index behind selective lists: after random ConfigMap creates,
 * relabels and deletes in two namespaces — some written behind the API server's back straight to
 * etcd — every selective list (all namespaces and one, paged or not) equals the plain list filtered
 * by the same selector.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ConfigMap } from '../../../../src/shared/api/core.js';
import { parseLabelSelector } from '../../../../src/main/cluster/apiserver/selectors.js';
import { CONFIG_MAPS } from '../../../../src/main/cluster/client/resources.js';
import { expectOk, listAllPages, makeCluster } from '../../helpers/cluster.js';

const FC = { seed: 7, numRuns: 150 };

type Op =
  | { kind: 'list' }
  | { kind: 'put'; ns: string; name: string; labels: Record<string, string> }
  | { kind: 'delete'; ns: string; name: string }
  | { kind: 'foreign'; ns: string; name: string; labels: Record<string, string> };

const ns = fc.constantFrom('ns-a', 'ns-b');
const name = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f');
const labels = fc.record({ tier: fc.constantFrom('web', 'db', 'cache'), env: fc.constantFrom('prod', 'dev') }, { requiredKeys: [] });
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 2, arbitrary: fc.constant({ kind: 'list' as const }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('put' as const), ns, name, labels }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), ns, name }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('foreign' as const), ns, name, labels }) },
);
const SELECTORS = ['tier=web', 'tier in (web,db)', 'tier=db,env=prod', 'env=dev,tier!=web', 'tier=cache,env in (prod)', 'tier notin (web)'];

describe('label index property', () => {
  it('selective lists equal the filtered full list after any history', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), fc.constantFrom(...SELECTORS), fc.integer({ min: 1, max: 4 }), (ops, selector, limit) => {
        const cluster = makeCluster({ namespaces: ['default', 'ns-a', 'ns-b'] });
        try {
          const client = cluster.client();
          for (const o of ops) {
            if (o.kind === 'list') {
              // Lists in between warm the index, so later writes exercise its upkeep.
              client.list(CONFIG_MAPS, undefined, { labelSelector: selector });
              continue;
            }
            const current = client.get<ConfigMap>(CONFIG_MAPS, o.ns, o.name);
            if (o.kind === 'delete') {
              if (current.ok) expectOk(client.delete(CONFIG_MAPS, o.ns, o.name));
            } else if (o.kind === 'foreign') {
              // Another etcd client writes the object: the API server never hears of it.
              const stored = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: o.name, namespace: o.ns, uid: 'x', labels: o.labels } };
              cluster.store.put(`/registry/configmaps/${o.ns}/${o.name}`, JSON.stringify(stored));
            } else if (current.ok) {
              expectOk(client.update(CONFIG_MAPS, o.ns, { ...current.value, metadata: { ...current.value.metadata, labels: o.labels } }));
            } else {
              expectOk(client.create(CONFIG_MAPS, o.ns, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: o.name, labels: o.labels } }));
            }
          }
          const parsed = parseLabelSelector(selector);
          if (!parsed.ok) throw new Error(parsed.error);
          for (const namespace of [undefined, 'ns-a']) {
            const all = expectOk(client.list<ConfigMap>(CONFIG_MAPS, namespace)).items;
            const want = all.filter((c) => parsed.selector.matches(c.metadata.labels)).map((c) => `${c.metadata.namespace ?? ''}/${c.metadata.name ?? ''}`);
            const got = expectOk(client.list<ConfigMap>(CONFIG_MAPS, namespace, { labelSelector: selector })).items.map(
              (c) => `${c.metadata.namespace ?? ''}/${c.metadata.name ?? ''}`,
            );
            expect(got).toEqual(want);
            const paged = listAllPages<ConfigMap>(client, CONFIG_MAPS, namespace, { labelSelector: selector, limit });
            expect(paged.map((c) => `${c.metadata.namespace ?? ''}/${c.metadata.name ?? ''}`)).toEqual(want);
          }
        } finally {
          cluster.dispose();
        }
      }),
      FC,
    );
  });
});
