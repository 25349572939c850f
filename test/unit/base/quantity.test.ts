import { describe, expect, it } from 'vitest';
import { milliValue, parseQuantity } from '../../../src/main/base/quantity.js';

describe('parseQuantity', () => {
  it.each([
    ['2', 2],
    ['500m', 0.5],
    ['100m', 0.1],
    ['1.5', 1.5],
    ['.5', 0.5],
    ['128Mi', 128 * 2 ** 20],
    ['1Gi', 2 ** 30],
    ['4015212Ki', 4015212 * 1024],
    ['1Ti', 2 ** 40],
    ['1k', 1000],
    ['1M', 1e6],
    ['1G', 1e9],
    ['1E', 1e18],
    ['1e3', 1000],
    ['1E3', 1000],
    ['1.5e-3', 0.0015],
    ['250u', 250e-6],
    ['7n', 7e-9],
    ['+3', 3],
    ['-1', -1],
    [' 5 ', 5],
  ])('%s is %d base units', (text, value) => {
    expect(parseQuantity(text)).toBeCloseTo(value, 12);
  });

  it('passes numbers through and undefined as undefined', () => {
    expect(parseQuantity(3)).toBe(3);
    expect(parseQuantity(undefined)).toBeUndefined();
  });

  it.each(['', 'abc', '1K', '1mi', '1 Gi', 'Gi', '1.2.3', '1e', '--1'])('rejects %j', (text) => {
    expect(parseQuantity(text)).toBeUndefined();
  });
});

describe('milliValue', () => {
  it.each([
    ['100m', 100],
    ['1', 1000],
    ['2', 2000],
    ['0.5', 500],
    ['1.5', 1500],
    ['250m', 250],
    ['1u', 1],
    ['1500u', 2],
  ])('%s is %d milli', (text, milli) => {
    expect(milliValue(text)).toBe(milli);
  });

  it('is 0 for a missing or malformed quantity', () => {
    expect(milliValue(undefined)).toBe(0);
    expect(milliValue('nonsense')).toBe(0);
  });

  it('does not suffer from binary floating point (0.1 + 0.2 style) errors', () => {
    expect(milliValue('0.3')).toBe(300);
    expect(milliValue('0.7')).toBe(700);
    expect(milliValue('1.1')).toBe(1100);
  });
});
