/** resource.Quantity arithmetic and canonical printing, as apimachinery's Quantity.String() gives it. */
import { describe, expect, it } from 'vitest';
import { add, format, milli, parse, prettyPrint, toQuantities } from '../../../src/main/base/resource-list.js';

describe('Quantity', () => {
  it.each([
    ['500m', '500m'],
    ['1000m', '1'],
    ['0.5', '500m'],
    ['1500m', '1500m'],
    ['2', '2'],
    ['1000', '1k'],
    ['1500000', '1500k'],
    ['100Mi', '100Mi'],
    ['1024Mi', '1Gi'],
    ['1536', '1536'],
    ['2048Ki', '2Mi'],
    ['0.5Gi', '512Mi'],
    ['1G', '1G'],
    ['1e3', '1e3'],
    ['0', '0'],
    ['1.5Ki', '1536'],
  ])('prints %s canonically as %s', (text, canonical) => {
    expect(format(parse(text)!)).toBe(canonical);
  });

  it('refuses text that is not a quantity', () => {
    for (const text of ['abc', '1.2.3', '', 'Mi']) expect(parse(text)).toBeUndefined();
  });

  it('rounds milli-values up, as MilliValue does', () => {
    expect(milli(parse('1')!)).toBe(1000n);
    expect(milli(parse('0.0001')!)).toBe(1n);
  });

  it('adds in the first operand format unless it is zero, as Quantity.Add does', () => {
    expect(format(add(parse('100Mi')!, parse('100Mi')!))).toBe('200Mi');
    expect(format(add(parse('500m')!, parse('500m')!))).toBe('1');
    expect(format(add(parse('0')!, parse('64Mi')!))).toBe('64Mi');
    expect(format(add(parse('1')!, parse('1024')!))).toBe('1025');
  });

  it('pretty-prints a list sorted by name as the quota plugin does', () => {
    expect(prettyPrint(toQuantities({ 'requests.memory': '1Gi', 'requests.cpu': '500m' }))).toBe('requests.cpu=500m,requests.memory=1Gi');
  });
});
