/** kubectl's utilrand.String(5): five characters of consonants and digits, from the lab's seeded stream. */
import { NAME_SUFFIX_ALPHABET } from '../base/random.js';
import type { KubectlEnvironment } from './environment.js';

let fallbackCalls = 0;

export function randomSuffix(env: KubectlEnvironment): string {
  if (env.random) return env.random.string(5, NAME_SUFFIX_ALPHABET);
  // Without a lab (unit tests of a bare environment): a repeatable sequence from the clock.
  let x = (Math.floor(env.now() / 1000) * 2654435761 + ++fallbackCalls * 40503) >>> 0;
  let out = '';
  for (let i = 0; i < 5; i++) {
    x = (Math.imul(x ^ (x >>> 15), 0x2c1b3c6d) + 0x297a2d39) >>> 0;
    out += NAME_SUFFIX_ALPHABET[(x >>> 8) % NAME_SUFFIX_ALPHABET.length];
  }
  return out;
}
