import { describe, expect, it } from 'vitest';
import { DEFAULT_LAB_OPTIONS, takeLabOption } from '../../src/main/lab-options.js';

describe('the options every lab-hosting command shares', () => {
  it('takes --virtual-clock, --seed, --state and --lessons', () => {
    const into = { ...DEFAULT_LAB_OPTIONS };
    const values = ['42', '/tmp/state', '/tmp/lessons'];
    for (const flag of ['--virtual-clock', '--seed', '--state', '--lessons']) {
      expect(takeLabOption('shell', flag, () => (flag === '--virtual-clock' ? undefined : values.shift()), into)).toBeUndefined();
    }
    expect(into).toEqual({ virtualClock: true, seed: 42, state: '/tmp/state', lessons: '/tmp/lessons' });
    expect(DEFAULT_LAB_OPTIONS).toEqual({ virtualClock: false, seed: 1 });
  });

  it('names the command in errors and leaves other flags to the caller', () => {
    const into = { ...DEFAULT_LAB_OPTIONS };
    expect(takeLabOption('web', '--seed', () => 'x', into)).toBe('kubelab web: --seed needs a whole number');
    expect(takeLabOption('shell', '--state', () => undefined, into)).toBe('kubelab shell: --state needs a directory');
    expect(takeLabOption('web', '--port', () => '1', into)).toBe('unknown');
  });
});
