/** Field paths and their FieldsV1 encoding, as structured-merge-diff v4 serializes them. */
import { describe, expect, it } from 'vitest';
import { FieldSet, comparePathElements, fieldElement, keyElement, pathString, valueElement } from '../../../../../src/main/cluster/apiserver/patch/field-set.js';

const f = fieldElement;

describe('path elements', () => {
  it('serializes keys as compact JSON with sorted names', () => {
    expect(keyElement({ protocol: 'TCP', containerPort: 80 })).toBe('k:{"containerPort":80,"protocol":"TCP"}');
    expect(valueElement('kubernetes.io/pvc-protection')).toBe('v:"kubernetes.io/pvc-protection"');
  });

  it.each<[string, string, number]>([
    ['f:a', 'f:b', -1],
    ['f:z', 'k:{"name":"a"}', -1],
    ['k:{"port":80}', 'k:{"port":443}', -1],
    ['k:{"name":"b"}', 'v:"a"', -1],
    ['v:"a"', 'i:0', -1],
  ])('orders %s before %s (fields, keys, values, indices; numbers numerically)', (a, b, sign) => {
    expect(Math.sign(comparePathElements(a, b))).toBe(sign);
    expect(Math.sign(comparePathElements(b, a))).toBe(-sign);
  });

  it('prints paths the way conflicts name them', () => {
    expect(pathString([f('spec'), f('template'), f('spec'), f('containers'), keyElement({ name: 'nginx' }), f('image')])).toBe('.spec.template.spec.containers[name="nginx"].image');
    expect(pathString([f('spec'), f('ports'), keyElement({ port: 80, protocol: 'TCP' })])).toBe('.spec.ports[port=80,protocol="TCP"]');
    expect(pathString([f('metadata'), f('finalizers'), valueElement('x')])).toBe('.metadata.finalizers[="x"]');
  });
});

describe('FieldSet', () => {
  const set = FieldSet.of([
    [f('spec'), f('replicas')],
    [f('metadata'), f('labels')],
    [f('metadata'), f('labels'), f('app')],
    [f('spec'), f('ports'), keyElement({ port: 443 })],
    [f('spec'), f('ports'), keyElement({ port: 80 })],
  ]);

  it('encodes FieldsV1 with `.` for a path that is owned and a parent, elements in Kubernetes order', () => {
    const encoded = set.toFieldsV1();
    expect(encoded).toEqual({
      'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
      'f:spec': { 'f:ports': { 'k:{"port":80}': {}, 'k:{"port":443}': {} }, 'f:replicas': {} },
    });
    expect(JSON.stringify(encoded)).toBe('{"f:metadata":{"f:labels":{".":{},"f:app":{}}},"f:spec":{"f:ports":{"k:{\\"port\\":80}":{},"k:{\\"port\\":443}":{}},"f:replicas":{}}}');
  });

  it('decodes what it encodes', () => {
    const decoded = FieldSet.fromFieldsV1(set.toFieldsV1());
    expect(decoded.paths()).toEqual(set.paths());
    expect(decoded.has([f('metadata'), f('labels')])).toBe(true);
    expect(decoded.has([f('metadata')])).toBe(false);
  });

  it('does set algebra on exact paths, and recursively for reset fields', () => {
    const other = FieldSet.of([[f('spec'), f('replicas')], [f('status'), f('replicas')]]);
    expect(set.intersection(other).paths()).toEqual([[f('spec'), f('replicas')]]);
    expect(set.difference(other).has([f('spec'), f('replicas')])).toBe(false);
    expect(set.union(other).has([f('status'), f('replicas')])).toBe(true);
    const withoutSpec = set.recursiveDifference(FieldSet.of([[f('spec')]]));
    expect(withoutSpec.paths()).toEqual([[f('metadata'), f('labels')], [f('metadata'), f('labels'), f('app')]]);
    expect(set.difference(FieldSet.of([[f('spec')]])).has([f('spec'), f('replicas')])).toBe(true);
  });

  it('knows a path is owned when something below it is', () => {
    expect(set.hasOrContains([f('spec')])).toBe(true);
    expect(set.hasOrContains([f('spec'), f('template')])).toBe(false);
    expect(new FieldSet().empty()).toBe(true);
  });
});
