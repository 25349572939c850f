import { describe, expect, it } from 'vitest';
import { NAME_SUFFIX_ALPHABET, SeededRandom } from '../../../src/main/base/random.js';

const draw = (r: SeededRandom | ReturnType<SeededRandom['fork']>, n = 20): number[] => Array.from({ length: n }, () => r.next());

describe('SeededRandom', () => {
  it('gives the same sequence for the same seed', () => {
    expect(draw(new SeededRandom(42))).toEqual(draw(new SeededRandom(42)));
  });

  it('gives a different sequence for a different seed', () => {
    expect(draw(new SeededRandom(42))).not.toEqual(draw(new SeededRandom(43)));
  });

  it('draws floats in [0, 1) that are spread out', () => {
    const values = draw(new SeededRandom(7), 2000);
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    expect(mean).toBeGreaterThan(0.45);
    expect(mean).toBeLessThan(0.55);
    expect(new Set(values).size).toBe(values.length);
  });

  it('int(min, max) is inclusive on both ends and reaches both', () => {
    const r = new SeededRandom(3);
    const seen = new Set<number>();
    for (let i = 0; i < 500; i++) {
      const v = r.int(1, 6);
      expect(Number.isInteger(v)).toBe(true);
      expect(v).toBeGreaterThanOrEqual(1);
      expect(v).toBeLessThanOrEqual(6);
      seen.add(v);
    }
    expect([...seen].sort()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(r.int(9, 9)).toBe(9);
  });

  it('jitter(base, fraction) stays within base ± fraction and is an integer', () => {
    const r = new SeededRandom(11);
    const values = Array.from({ length: 500 }, () => r.jitter(2000, 0.25));
    expect(values.every((v) => Number.isInteger(v) && v >= 1500 && v <= 2500)).toBe(true);
    expect(Math.min(...values)).toBeLessThan(1600);
    expect(Math.max(...values)).toBeGreaterThan(2400);
    expect(new SeededRandom(1).jitter(1000, 0)).toBe(1000);
  });

  it('string(length, alphabet) draws only from the alphabet', () => {
    const s = new SeededRandom(5).string(200, NAME_SUFFIX_ALPHABET);
    expect(s).toHaveLength(200);
    expect([...s].every((c) => NAME_SUFFIX_ALPHABET.includes(c))).toBe(true);
    // k8s.io/apimachinery/pkg/util/rand's alphanums: no vowels, no 0/1/3.
    expect(NAME_SUFFIX_ALPHABET).toBe('bcdfghjklmnpqrstvwxz2456789');
  });

  it('makes version-4 UUIDs with the RFC 4122 variant', () => {
    const r = new SeededRandom(9);
    const uuids = Array.from({ length: 200 }, () => r.uuid());
    for (const u of uuids) expect(u).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(uuids).size).toBe(uuids.length);
    expect(new Set(uuids.map((u) => u[19])).size).toBe(4);
  });

  it('repeats the same UUIDs for the same seed', () => {
    const a = new SeededRandom(1);
    const b = new SeededRandom(1);
    expect([a.uuid(), a.uuid()]).toEqual([b.uuid(), b.uuid()]);
  });

  describe('fork', () => {
    it('is deterministic per seed and label', () => {
      expect(draw(new SeededRandom(1).fork('kubelet/node01'))).toEqual(draw(new SeededRandom(1).fork('kubelet/node01')));
    });

    it('gives different streams for different labels and for the parent', () => {
      const root = new SeededRandom(1);
      const a = draw(root.fork('kubelet/node01'));
      const b = draw(root.fork('kubelet/node02'));
      expect(a).not.toEqual(b);
      expect(a).not.toEqual(draw(new SeededRandom(1)));
    });

    it('gives different streams for the same label under different seeds', () => {
      expect(draw(new SeededRandom(1).fork('x'))).not.toEqual(draw(new SeededRandom(2).fork('x')));
    });

    it('does not depend on how much the parent has drawn', () => {
      const fresh = new SeededRandom(1);
      const used = new SeededRandom(1);
      draw(used, 100);
      used.uuid();
      expect(draw(used.fork('kube-scheduler'))).toEqual(draw(fresh.fork('kube-scheduler')));
    });

    it('does not shift the parent or sibling streams when a fork is used', () => {
      const a = new SeededRandom(1);
      const b = new SeededRandom(1);
      const siblingA = a.fork('one');
      draw(a.fork('two'), 50);
      expect(draw(a)).toEqual(draw(b));
      expect(draw(siblingA)).toEqual(draw(b.fork('one')));
    });

    it('can fork a fork deterministically', () => {
      const x = new SeededRandom(8).fork('a').fork('b');
      const y = new SeededRandom(8).fork('a').fork('b');
      expect(draw(x)).toEqual(draw(y));
      expect(draw(new SeededRandom(8).fork('a').fork('b'))).not.toEqual(draw(new SeededRandom(8).fork('b').fork('a')));
    });
  });
});
