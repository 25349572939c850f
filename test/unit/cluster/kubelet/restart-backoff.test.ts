import { describe, expect, it } from 'vitest';
import { RestartBackoff } from '../../../../src/main/cluster/kubelet/restart-backoff.js';

describe('RestartBackoff (flowcontrol.Backoff as the kubelet uses it: 10 s doubling to 5 min)', () => {
  it('lets the first restart through and then doubles up to the cap', () => {
    const b = new RestartBackoff(10_000, 300_000);
    expect(b.isInBackOffSince('c', 0, 1000)).toBe(false);
    const seen: number[] = [];
    let now = 0;
    for (let i = 0; i < 8; i++) {
      b.next('c', now);
      seen.push(b.get('c'));
      now += 1000;
    }
    expect(seen).toEqual([10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000, 300_000]);
  });

  it('holds a restart until the back-off has passed since the exit', () => {
    const b = new RestartBackoff(10_000, 300_000);
    b.next('c', 0);
    expect(b.isInBackOffSince('c', 1000, 5000)).toBe(true);
    expect(b.isInBackOffSince('c', 1000, 10_999)).toBe(true);
    expect(b.isInBackOffSince('c', 1000, 11_000)).toBe(false);
    expect(b.releaseAt('c', 1000)).toBe(11_000);
  });

  it('expires an entry not updated for twice the maximum (10 minutes): the next back-off is 10 s again', () => {
    const b = new RestartBackoff(10_000, 300_000);
    b.next('c', 0);
    b.next('c', 1000);
    expect(b.get('c')).toBe(20_000);
    expect(b.isInBackOffSince('c', 601_001, 601_002)).toBe(false);
    b.next('c', 601_002);
    expect(b.get('c')).toBe(10_000);
  });
});
