/**
 * Seeded randomness. Components get their own stream (`fork('kubelet/node01')`) so that adding a
 * component or a call in one place never shifts the numbers another component sees.
 */

export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  /** `base` ± `fraction` of itself, e.g. jitter(2000, 0.25) is in [1500, 2500]. */
  jitter(base: number, fraction: number): number;
  /** `length` characters drawn from `alphabet`. */
  string(length: number, alphabet: string): string;
  /** A version-4 UUID, as Kubernetes uses for metadata.uid. */
  uuid(): string;
  /** An independent stream derived from this one's seed and a label. */
  fork(label: string): Random;
}

/** FNV-1a, to turn a label into a 32-bit seed component. */
function hashLabel(label: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: tiny, fast and good enough for a simulation (not for cryptography). */
export class SeededRandom implements Random {
  private state: number;

  constructor(private readonly seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  jitter(base: number, fraction: number): number {
    return Math.round(base * (1 - fraction + 2 * fraction * this.next()));
  }

  string(length: number, alphabet: string): string {
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[Math.floor(this.next() * alphabet.length)];
    return out;
  }

  uuid(): string {
    const hex = this.string(32, '0123456789abcdef').split('');
    hex[12] = '4';
    hex[16] = '89ab'[Math.floor(this.next() * 4)]!;
    const s = hex.join('');
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
  }

  fork(label: string): Random {
    return new SeededRandom((Math.imul(this.seed ^ hashLabel(label), 0x9e3779b1) ^ hashLabel(label)) >>> 0);
  }
}

/** The alphabet Kubernetes uses for generated name suffixes (no vowels, no look-alikes). */
export const NAME_SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
