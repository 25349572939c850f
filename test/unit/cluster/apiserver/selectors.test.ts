import { describe, expect, it } from 'vitest';
import { parseFieldSelector, parseLabelSelector } from '../../../../src/main/cluster/apiserver/selectors.js';

function labelMatches(selector: string, labels: Record<string, string> | undefined): boolean {
  const parsed = parseLabelSelector(selector);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.selector.matches(labels);
}

function labelError(selector: string): string {
  const parsed = parseLabelSelector(selector);
  if (parsed.ok) throw new Error(`${selector} parsed`);
  return parsed.error;
}

describe('parseLabelSelector', () => {
  it('parses every operator into requirements', () => {
    const parsed = parseLabelSelector('app=web, tier!=db,env in (a, b),zone notin (x),release,!legacy,replicas>2,age<10');
    expect(parsed.ok && parsed.selector.requirements).toEqual([
      { key: 'app', op: '=', value: 'web' },
      { key: 'tier', op: '!=', value: 'db' },
      { key: 'env', op: 'in', values: ['a', 'b'] },
      { key: 'zone', op: 'notin', values: ['x'] },
      { key: 'release', op: 'exists' },
      { key: 'legacy', op: 'notexists' },
      { key: 'replicas', op: 'gt', value: '2' },
      { key: 'age', op: 'lt', value: '10' },
    ]);
  });

  it('an empty selector matches everything', () => {
    const parsed = parseLabelSelector('');
    expect(parsed.ok && parsed.selector.empty).toBe(true);
    expect(labelMatches('', undefined)).toBe(true);
    expect(labelMatches('  ', { a: 'b' })).toBe(true);
  });

  it.each<[string, Record<string, string>, boolean]>([
    ['app=web', { app: 'web' }, true],
    ['app=web', { app: 'db' }, false],
    ['app=web', {}, false],
    ['app==web', { app: 'web' }, true],
    ['app!=web', { app: 'db' }, true],
    ['app!=web', {}, true],
    ['app!=web', { app: 'web' }, false],
    ['env in (a,b)', { env: 'b' }, true],
    ['env in (a,b)', { env: 'c' }, false],
    ['env in (a,b)', {}, false],
    ['env notin (a,b)', { env: 'c' }, true],
    ['env notin (a,b)', {}, true],
    ['env notin (a,b)', { env: 'a' }, false],
    ['app', { app: '' }, true],
    ['app', {}, false],
    ['!app', {}, true],
    ['!app', { app: 'x' }, false],
    ['app=', { app: '' }, true],
    ['app=', { app: 'x' }, false],
    ['n>2', { n: '3' }, true],
    ['n>2', { n: '2' }, false],
    ['n>2', { n: 'x' }, false],
    ['n>2', {}, false],
    ['n<2', { n: '-5' }, true],
    ['example.com/app=web', { 'example.com/app': 'web' }, true],
    ['a=1,b=2', { a: '1', b: '2' }, true],
    ['a=1,b=2', { a: '1' }, false],
  ])('%j against %j is %s', (selector, labels, expected) => {
    expect(labelMatches(selector, labels)).toBe(expected);
  });

  it('does not see inherited properties as labels', () => {
    expect(labelMatches('toString', {})).toBe(false);
  });

  it.each([
    ['=web', "found '=', expected: !, identifier, or 'end of string'"],
    ['app,', "found '', expected: identifier after ','"],
    ['app,=x', "found '=', expected: identifier after ','"],
    ['!', "unable to parse requirement: found '', expected: identifier"],
    ['app web', "unable to parse requirement: found 'web', expected: in, notin, =, ==, !=, gt, lt"],
    ['app in web', "unable to parse requirement: found 'web' expected: '('"],
    ['app in (a', "unable to parse requirement: found '', expected: ',', ')' or identifier"],
    ['app=(x)', "unable to parse requirement: found '(', expected: identifier"],
    ['n>x', `unable to parse requirement: values[0]: Invalid value: "x": for 'Gt', 'Lt' operators, the value must be an integer`],
    ['app=web)', "found ')', expected: ',' or 'end of string'"],
  ])('%j fails with %j', (selector, message) => {
    expect(labelError(selector)).toBe(message);
  });

  it('reports invalid keys and values inside the requirement', () => {
    expect(labelError('-app=x')).toMatch(/^unable to parse requirement: invalid label key "-app": name part must consist of alphanumeric characters/);
    expect(labelError('app=-x')).toMatch(/^unable to parse requirement: invalid label value: "-x"/);
  });
});

describe('parseFieldSelector', () => {
  const get = (fields: Record<string, string>) => (field: string) => fields[field];

  it('parses =, == and != terms', () => {
    const parsed = parseFieldSelector('spec.nodeName=node01,status.phase!=Running,metadata.name==x');
    expect(parsed.ok && parsed.selector.requirements).toEqual([
      { field: 'spec.nodeName', op: '=', value: 'node01' },
      { field: 'status.phase', op: '!=', value: 'Running' },
      { field: 'metadata.name', op: '=', value: 'x' },
    ]);
  });

  it('matches against field values, a missing field counting as empty', () => {
    const parsed = parseFieldSelector('spec.nodeName=node01,status.phase!=Running');
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.selector.matches(get({ 'spec.nodeName': 'node01', 'status.phase': 'Pending' }))).toBe(true);
    expect(parsed.selector.matches(get({ 'spec.nodeName': 'node01', 'status.phase': 'Running' }))).toBe(false);
    const empty = parseFieldSelector('spec.nodeName=');
    expect(empty.ok && empty.selector.matches(get({}))).toBe(true);
  });

  it('unescapes backslash-escaped commas and equals signs in values', () => {
    const parsed = parseFieldSelector('metadata.name=a\\,b,spec.x=c\\=d');
    expect(parsed.ok && parsed.selector.requirements.map((r) => r.value)).toEqual(['a,b', 'c=d']);
  });

  it('an empty selector matches everything', () => {
    const parsed = parseFieldSelector(undefined);
    expect(parsed.ok && parsed.selector.empty).toBe(true);
  });

  it('rejects a term without an operator', () => {
    const parsed = parseFieldSelector('a=b,c');
    expect(parsed).toEqual({ ok: false, error: "invalid selector: 'a=b,c'; can't understand 'c'" });
  });
});
