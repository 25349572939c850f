/** ToFieldSet, Compare, Merge and pruning over Kubernetes list types, as structured-merge-diff v4 does them. */
import { describe, expect, it } from 'vitest';
import { fieldElement as f, keyElement } from '../../../../../src/main/cluster/apiserver/patch/field-set.js';
import { listTypeAt } from '../../../../../src/main/cluster/apiserver/patch/list-types.js';
import { compare, merge, removeUnowned, toFieldSet } from '../../../../../src/main/cluster/apiserver/patch/typed-value.js';

describe('list types', () => {
  it.each<[string, string, unknown]>([
    ['Pod', 'spec.containers', { type: 'map', keys: ['name'] }],
    ['Deployment', 'spec.template.spec.containers.ports', { type: 'map', keys: ['containerPort', 'protocol'], defaults: { protocol: 'TCP' } }],
    ['Service', 'spec.ports', { type: 'map', keys: ['port', 'protocol'], defaults: { protocol: 'TCP' } }],
    ['Deployment', 'spec.template.spec.containers.env', { type: 'map', keys: ['name'] }],
    ['ConfigMap', 'metadata.finalizers', { type: 'set' }],
    ['Pod', 'spec.tolerations', { type: 'atomic' }],
    ['Pod', 'spec.containers.args', { type: 'atomic' }],
    ['Job', 'status.conditions', { type: 'atomic' }],
    ['Deployment', 'status.conditions', { type: 'map', keys: ['type'] }],
  ])('%s %s', (kind, path, type) => {
    expect(listTypeAt(kind, path.split('.'))).toEqual(type);
  });
});

describe('toFieldSet (what an applied configuration owns)', () => {
  it('owns leaves and list items, not the objects that hold them; atomic values whole', () => {
    const set = toFieldSet('Deployment', {
      metadata: { labels: { app: 'web' } },
      spec: { selector: { matchLabels: { app: 'web' } }, template: { spec: { containers: [{ name: 'c', ports: [{ containerPort: 80 }], args: ['a', 'b'] }] } } },
    });
    expect(set.toFieldsV1()).toEqual({
      'f:metadata': { 'f:labels': { 'f:app': {} } },
      'f:spec': {
        'f:selector': {},
        'f:template': {
          'f:spec': {
            'f:containers': {
              'k:{"name":"c"}': { '.': {}, 'f:args': {}, 'f:name': {}, 'f:ports': { 'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {} } } },
            },
          },
        },
      },
    });
  });

  it('owns a field set to an empty object or null', () => {
    expect(toFieldSet('Pod', { spec: { securityContext: {}, hostname: null } }).toFieldsV1()).toEqual({ 'f:spec': { 'f:hostname': {}, 'f:securityContext': {} } });
  });
});

describe('compare', () => {
  it('reports added containers, modified leaves and removed items', () => {
    const before = { spec: { replicas: 1, template: { spec: { containers: [{ name: 'a', image: 'x' }, { name: 'b', image: 'y' }] } } } };
    const after = { spec: { replicas: 2, template: { spec: { containers: [{ name: 'a', image: 'x' }], nodeSelector: { disk: 'ssd' } } } } };
    const diff = compare('Deployment', before, after);
    expect(diff.modified.paths()).toEqual([[f('spec'), f('replicas')]]);
    expect(diff.added.paths()).toEqual([[f('spec'), f('template'), f('spec'), f('nodeSelector')]]);
    const b = [f('spec'), f('template'), f('spec'), f('containers'), keyElement({ name: 'b' })];
    expect(diff.removed.paths()).toEqual([b, [...b, f('image')], [...b, f('name')]]);
  });

  it('treats a null container as present: its items are added, not the list', () => {
    const diff = compare('Pod', { spec: { containers: null } }, { spec: { containers: [{ name: 'a' }] } });
    expect(diff.added.has([f('spec'), f('containers')])).toBe(false);
    expect(diff.added.has([f('spec'), f('containers'), keyElement({ name: 'a' })])).toBe(true);
  });
});

describe('merge', () => {
  it('merges associative lists by key, keeping live items in place and replacing atomic lists', () => {
    const live = { spec: { containers: [{ name: 'a', image: 'x', args: ['1'] }, { name: 'b', image: 'y' }], tolerations: [{ key: 'k' }] } };
    const config = { spec: { containers: [{ name: 'b', image: 'z' }, { name: 'c', image: 'w' }, { name: 'a', args: ['2'] }], tolerations: [{ key: 'j' }] } };
    expect(merge('Pod', live, config)).toEqual({
      spec: {
        containers: [
          { name: 'b', image: 'z' },
          { name: 'c', image: 'w' },
          { name: 'a', image: 'x', args: ['2'] },
        ],
        tolerations: [{ key: 'j' }],
      },
    });
  });

  it('replaces an atomic selector instead of merging it', () => {
    const merged = merge('Deployment', { spec: { selector: { matchLabels: { a: '1' } } } }, { spec: { selector: { matchLabels: { b: '2' } } } });
    expect(merged).toEqual({ spec: { selector: { matchLabels: { b: '2' } } } });
  });
});

describe('removeUnowned', () => {
  it('removes what the applier owned before and nobody owns now, and the map it emptied', () => {
    const object = { metadata: { name: 'c', labels: { a: '1' } }, data: { x: '1', y: '2' } };
    const last = toFieldSet('ConfigMap', object);
    const owned = toFieldSet('ConfigMap', { metadata: { name: 'c' }, data: { y: '2' } });
    expect(removeUnowned('ConfigMap', object, last, owned)).toEqual({ metadata: { name: 'c' }, data: { y: '2' } });
  });
});
