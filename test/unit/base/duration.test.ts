import { describe, expect, it } from 'vitest';
import { formatGoDuration, humanDuration, parseDuration, rfc3339, rfc3339Micro } from '../../../src/main/base/duration.js';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

describe('parseDuration', () => {
  it.each([
    ['30s', 30 * S],
    ['2m', 2 * M],
    ['1h30m', 90 * M],
    ['1h30m15s', 90 * M + 15 * S],
    ['500ms', 500],
    ['1.5s', 1500],
    ['.5s', 500],
    ['1.5h', 90 * M],
    ['1us', 0.001],
    ['1µs', 0.001],
    ['2000ns', 0.002],
    ['0', 0],
    ['0s', 0],
    ['-2m', -2 * M],
    ['+5s', 5 * S],
    [' 10s ', 10 * S],
    ['1m1m', 2 * M],
  ])('%s is %d ms', (text, ms) => {
    expect(parseDuration(text)).toBeCloseTo(ms, 9);
  });

  it.each(['', '10', 's', '1x', '1d', 'abc', '-', '1 m', '1s2', '5 s'])('rejects %j', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });
});

describe('formatGoDuration', () => {
  it.each([
    [0, '0s'],
    [30 * S, '30s'],
    [2 * M, '2m0s'],
    [90 * S, '1m30s'],
    [H, '1h0m0s'],
    [90 * M, '1h30m0s'],
    [26 * H + 3 * M + 4 * S, '26h3m4s'],
    [1500, '1.5s'],
    [3537, '3.537s'],
    [500, '500ms'],
    [1, '1ms'],
    [0.5, '500µs'],
    [0.0001, '100ns'],
    [-1500, '-1.5s'],
    [-500, '-500ms'],
  ])('%d ms prints as %s', (ms, text) => {
    expect(formatGoDuration(ms)).toBe(text);
  });

  it('round-trips through parseDuration', () => {
    for (const ms of [1500, 90 * S, 26 * H + 3 * M + 4 * S, 500, 0.25]) {
      expect(parseDuration(formatGoDuration(ms))).toBeCloseTo(ms, 9);
    }
  });
});

describe('humanDuration (kubectl AGE)', () => {
  it.each([
    [0, '0s'],
    [999, '0s'],
    [59 * S, '59s'],
    [119 * S, '119s'],
    [2 * M, '2m'],
    [2 * M + 1 * S, '2m1s'],
    [9 * M + 59 * S, '9m59s'],
    [10 * M, '10m'],
    [10 * M + 59 * S, '10m'],
    [179 * M, '179m'],
    [3 * H, '3h'],
    [3 * H + 1 * M, '3h1m'],
    [7 * H + 59 * M, '7h59m'],
    [8 * H, '8h'],
    [8 * H + 59 * M, '8h'],
    [47 * H, '47h'],
    [2 * D, '2d'],
    [2 * D + 5 * H, '2d5h'],
    [7 * D + 23 * H, '7d23h'],
    [8 * D, '8d'],
    [8 * D + 23 * H, '8d'],
    [729 * D, '729d'],
    [730 * D, '2y'],
    [731 * D, '2y1d'],
    [3 * 365 * D + 10 * D, '3y10d'],
    [8 * 365 * D, '8y'],
    [8 * 365 * D + 100 * D, '8y'],
    [20 * 365 * D, '20y'],
  ])('%d ms is %s', (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });

  it('tolerates up to two seconds of clock skew, then says <invalid>', () => {
    expect(humanDuration(-500)).toBe('0s');
    expect(humanDuration(-1999)).toBe('0s');
    expect(humanDuration(-2000)).toBe('<invalid>');
    expect(humanDuration(-60 * S)).toBe('<invalid>');
  });
});

describe('RFC 3339 timestamps', () => {
  const t = Date.UTC(2025, 0, 1, 12, 34, 56, 789);

  it('rfc3339 drops the fraction, as metav1.Time does', () => {
    expect(rfc3339(t)).toBe('2025-01-01T12:34:56Z');
    expect(rfc3339(Date.UTC(2025, 0, 1))).toBe('2025-01-01T00:00:00Z');
  });

  it('rfc3339Micro keeps six fractional digits, as metav1.MicroTime does', () => {
    expect(rfc3339Micro(t)).toBe('2025-01-01T12:34:56.789000Z');
    expect(rfc3339Micro(Date.UTC(2025, 0, 1))).toBe('2025-01-01T00:00:00.000000Z');
    expect(rfc3339Micro(Date.UTC(2025, 0, 1) + 1.5)).toBe('2025-01-01T00:00:00.001500Z');
  });
});
