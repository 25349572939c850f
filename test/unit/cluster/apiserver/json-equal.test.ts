import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../../src/main/base/canonical-json.js';
import { jsonEqual } from '../../../../src/main/cluster/apiserver/json-equal.js';

const cases: Array<[unknown, unknown]> = [
  [{ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 }],
  [{ a: 1, b: undefined }, { a: 1 }],
  [{ a: null }, { a: undefined }],
  [{ a: null }, {}],
  [[1, undefined], [1, null]],
  [[1, 2], [2, 1]],
  [{ a: { b: 1 } }, { a: { b: '1' } }],
  [{ a: [] }, { a: {} }],
  [{ a: Number.NaN }, { a: null }],
  [{ metadata: { labels: { x: 'y' } }, spec: { replicas: 3 } }, { metadata: { labels: { x: 'y' } }, spec: { replicas: 4 } }],
  ['a', 'a'],
  [0, false],
];

describe('jsonEqual', () => {
  it.each(cases)('agrees with comparing canonical JSON (%j vs %j)', (a, b) => {
    expect(jsonEqual(a, b)).toBe(canonicalJson(a) === canonicalJson(b));
    expect(jsonEqual(b, a)).toBe(canonicalJson(a) === canonicalJson(b));
  });
});
