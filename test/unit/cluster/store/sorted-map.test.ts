/** The store's ordered key index: stays sorted across block splits and answers prefix ranges with each key's value. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SortedMap } from '../../../../src/main/cluster/store/sorted-map.js';

describe('SortedMap', () => {
  it('lists every key, and the keys under any prefix, in order after inserts in any order, across many blocks', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ maxLength: 6 }), { maxLength: 3000 }), fc.string({ maxLength: 2 }), (keys, prefix) => {
        const set = new SortedMap<number>();
        keys.forEach((key, i) => set.insert(key, i));
        const sorted = [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
        expect(set.size).toBe(keys.length);
        expect(set.keysWithPrefix('')).toEqual(sorted);
        const under = sorted.filter((k) => k.startsWith(prefix));
        expect(set.keysWithPrefix(prefix)).toEqual(under);
        expect(set.valuesWithPrefix(prefix)).toEqual(under.map((k) => keys.indexOf(k)));
      }),
      { numRuns: 40 },
    );
  });

  it('keeps only what retain accepts, dropping emptied blocks', () => {
    const set = new SortedMap<number>();
    const all = Array.from({ length: 5000 }, (_, i) => `/registry/pods/default/p-${i}`);
    all.forEach((key, i) => set.insert(key, i));
    set.retain((k, value) => k.endsWith('7') && value === all.indexOf(k));
    const kept = all.filter((k) => k.endsWith('7')).sort();
    expect(set.size).toBe(500);
    expect(set.keysWithPrefix('')).toEqual(kept);
    expect(set.valuesWithPrefix('/registry/pods/default/p-17')).toEqual(kept.filter((k) => k.startsWith('/registry/pods/default/p-17')).map((k) => all.indexOf(k)));
    expect(set.keysWithPrefix('/registry/pods/default/p-99')).toEqual(kept.filter((k) => k.startsWith('/registry/pods/default/p-99')));
    set.retain(() => false);
    expect(set.keysWithPrefix('')).toEqual([]);
    set.insert('a', 1);
    expect(set.keysWithPrefix('')).toEqual(['a']);
  });
});
