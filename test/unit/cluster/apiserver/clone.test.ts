import { describe, expect, it } from 'vitest';
import { clonePlain } from '../../../../src/main/cluster/apiserver/clone.js';

describe('clonePlain', () => {
  it('deep-copies JSON-shaped data, undefined members included', () => {
    const value = { a: [1, { b: 'x' }], c: { d: null, e: undefined }, f: true };
    const copy = clonePlain(value);
    expect(copy).toStrictEqual(value);
    expect(copy.a).not.toBe(value.a);
    expect(copy.a[1]).not.toBe(value.a[1]);
    expect('e' in copy.c).toBe(true);
  });

  it('keeps an own __proto__ key a plain property and hands other objects to structuredClone', () => {
    const parsed = JSON.parse('{"__proto__": {"polluted": true}, "when": 1}') as Record<string, unknown>;
    const copy = clonePlain(parsed);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.keys(copy)).toEqual(['__proto__', 'when']);
    const date = new Date(0);
    const withDate = clonePlain({ date });
    expect(withDate.date).toEqual(date);
    expect(withDate.date).not.toBe(date);
  });
});
