import { describe, expect, it } from 'vitest';
import { formatIndexes, parseIndexes } from '../../../../../src/main/cluster/controllers/job/indexed.js';

describe('completedIndexes', () => {
  it('prints runs of three or more as a-b and pairs as a,b (orderedIntervals.String)', () => {
    expect(formatIndexes([0, 1, 2, 4, 5, 7])).toBe('0-2,4,5,7');
    expect(formatIndexes([3])).toBe('3');
    expect(formatIndexes([])).toBe('');
  });

  it('parses intervals and drops indexes at or beyond completions', () => {
    expect([...parseIndexes('0-2,4,5,7', 6)].sort()).toEqual([0, 1, 2, 4, 5]);
    expect(parseIndexes(undefined, 3).size).toBe(0);
  });
});
