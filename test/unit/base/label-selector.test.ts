import { describe, expect, it } from 'vitest';
import type { LabelSelector } from '../../../src/shared/api/meta.js';
import { formatLabelSelector, formatLabels, labelSelectorAsSelector } from '../../../src/main/base/label-selector.js';

function compile(selector: LabelSelector | undefined) {
  const result = labelSelectorAsSelector(selector);
  if (!result.ok) throw new Error(result.error);
  return result.selector;
}

describe('LabelSelectorAsSelector', () => {
  it('selects nothing without a selector and everything with an empty one', () => {
    expect(compile(undefined).matches({ app: 'web' })).toBe(false);
    expect(compile({}).matches({})).toBe(true);
    expect(compile({ matchLabels: {}, matchExpressions: [] }).empty).toBe(true);
  });

  it.each<[string, LabelSelector, Record<string, string>, boolean]>([
    ['matchLabels', { matchLabels: { app: 'web' } }, { app: 'web', tier: 'a' }, true],
    ['matchLabels, another value', { matchLabels: { app: 'web' } }, { app: 'api' }, false],
    ['In', { matchExpressions: [{ key: 'tier', operator: 'In', values: ['a', 'b'] }] }, { tier: 'b' }, true],
    ['In without the key', { matchExpressions: [{ key: 'tier', operator: 'In', values: ['a'] }] }, {}, false],
    ['NotIn without the key', { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['a'] }] }, {}, true],
    ['NotIn', { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['a'] }] }, { tier: 'a' }, false],
    ['Exists', { matchExpressions: [{ key: 'tier', operator: 'Exists' }] }, { tier: '' }, true],
    ['DoesNotExist', { matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] }, { tier: 'a' }, false],
    ['all requirements together', { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'Exists' }] }, { app: 'web' }, false],
  ])('%s', (_name, selector, labels, expected) => {
    expect(compile(selector).matches(labels)).toBe(expected);
  });

  it("prints labels.Selector's String(): sorted by key, values sorted", () => {
    expect(
      compile({
        matchLabels: { z: '1', app: 'web' },
        matchExpressions: [
          { key: 'tier', operator: 'In', values: ['front', 'back'] },
          { key: 'legacy', operator: 'DoesNotExist' },
          { key: 'env', operator: 'NotIn', values: ['prod'] },
          { key: 'canary', operator: 'Exists' },
        ],
      }).toString(),
    ).toBe('app=web,canary,env notin (prod),!legacy,tier in (back,front),z=1');
  });

  it('fails for an unknown operator or values that do not fit it', () => {
    expect(labelSelectorAsSelector({ matchExpressions: [{ key: 'a', operator: 'Is' }] })).toEqual({ ok: false, error: '"Is" is not a valid label selector operator' });
    expect(labelSelectorAsSelector({ matchExpressions: [{ key: 'a', operator: 'In', values: [] }] }).ok).toBe(false);
    expect(labelSelectorAsSelector({ matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] }).ok).toBe(false);
  });
});

describe('printed selectors', () => {
  it('FormatLabelSelector: <none> for one that prints empty, <error> for an invalid one', () => {
    expect(formatLabelSelector(undefined)).toBe('<none>');
    expect(formatLabelSelector({})).toBe('<none>');
    expect(formatLabelSelector({ matchLabels: { app: 'web' } })).toBe('app=web');
    expect(formatLabelSelector({ matchExpressions: [{ key: 'a', operator: 'Is' }] })).toBe('<error>');
  });

  it('FormatLabels: sorted k=v, <none> when empty', () => {
    expect(formatLabels({ disk: 'ssd', arch: 'arm64' })).toBe('arch=arm64,disk=ssd');
    expect(formatLabels(undefined)).toBe('<none>');
  });
});
