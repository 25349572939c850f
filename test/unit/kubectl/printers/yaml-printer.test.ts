/**
 * kubectl's YAML: sigs.k8s.io/yaml (JSON → go-yaml v2). Expectations follow go-yaml v2's resolver
 * and emitter (sigs.k8s.io/yaml v1.4.0 goyaml.v2): key order, indentation, scalar styles, folding.
 */
import { describe, expect, it } from 'vitest';
import { sortKeys, toYaml } from '../../../../src/main/kubectl/printers/yaml-printer.js';

/** One `key: value` line as the printer writes it. */
function line(value: unknown): string {
  return toYaml({ k: value });
}

describe('toYaml: structure', () => {
  it('sorts keys, comparing runs of digits as numbers', () => {
    expect(toYaml({ b: 1, a10: 2, a2: 3, a: 4 })).toBe('a: 4\na2: 3\na10: 2\nb: 1\n');
  });

  it('indents nested maps by two and keeps sequences at their key', () => {
    const pod = {
      spec: { containers: [{ name: 'nginx', image: 'nginx:1.25', ports: [{ containerPort: 80, protocol: 'TCP' }] }] },
      metadata: { name: 'nginx-pod', labels: { app: 'nginx' } },
    };
    expect(toYaml(pod)).toBe(
      [
        'metadata:',
        '  labels:',
        '    app: nginx',
        '  name: nginx-pod',
        'spec:',
        '  containers:',
        '  - image: nginx:1.25',
        '    name: nginx',
        '    ports:',
        '    - containerPort: 80',
        '      protocol: TCP',
        '',
      ].join('\n'),
    );
  });

  it('writes empty maps and lists in flow style and null as null', () => {
    expect(toYaml({ resources: {}, items: [], lastProbeTime: null })).toBe('items: []\nlastProbeTime: null\nresources: {}\n');
    expect(toYaml({ list: [{}, [], null, 'x'] })).toBe('list:\n- {}\n- []\n- null\n- x\n');
    expect(toYaml({})).toBe('{}\n');
    expect(toYaml([])).toBe('[]\n');
  });

  it('skips undefined fields, and a map of only undefined fields is empty', () => {
    expect(toYaml({ a: undefined, b: 1 })).toBe('b: 1\n');
    expect(toYaml({ a: { x: undefined } })).toBe('a: {}\n');
  });

  it('writes top-level sequences and nested sequences', () => {
    expect(toYaml(['a', { b: 1, c: 2 }])).toBe('- a\n- b: 1\n  c: 2\n');
    expect(toYaml({ m: [[1, 2], [3]] })).toBe('m:\n- - 1\n  - 2\n- - 3\n');
  });

  it('keeps a sequence under a key of a map inside a sequence at that key', () => {
    expect(toYaml({ items: [{ sources: [{ configMap: { name: 'x' } }], name: 'v' }] })).toBe(
      'items:\n- name: v\n  sources:\n  - configMap:\n      name: x\n',
    );
  });

  it('writes numbers and booleans plainly', () => {
    expect(toYaml({ a: 0, b: -3, c: 1.5, d: true, e: false, f: 420 })).toBe('a: 0\nb: -3\nc: 1.5\nd: true\ne: false\nf: 420\n');
  });

  it('writes a top-level scalar', () => {
    expect(toYaml('hello')).toBe('hello\n');
    expect(toYaml(null)).toBe('null\n');
  });
});

describe('sortKeys: go-yaml v2 key order', () => {
  it.each([
    [['a10', 'a2', 'a1'], ['a1', 'a2', 'a10']],
    [['x-10', 'x-9', 'x'], ['x', 'x-9', 'x-10']],
    [['b', 'B', 'a', 'A'], ['A', 'B', 'a', 'b']],
    [['aa', 'a1'], ['a1', 'aa']],
    [['a01', 'a1'], ['a1', 'a01']],
    [['abc', 'ab'], ['ab', 'abc']],
    // A letter sorts after anything that is not one, even '_' (0x5F) after 'Z' (0x5A).
    [['Z', '_z'], ['_z', 'Z']],
    [['status', 'spec', 'metadata', 'kind', 'apiVersion'], ['apiVersion', 'kind', 'metadata', 'spec', 'status']],
    [['node.kubernetes.io/b', 'node-role.kubernetes.io/a'], ['node-role.kubernetes.io/a', 'node.kubernetes.io/b']],
  ])('orders %j as %j', (keys, sorted) => {
    expect(sortKeys(keys)).toEqual(sorted);
  });
});

describe('toYaml: plain and double-quoted scalars', () => {
  it.each([
    ['true', '"true"'],
    ['False', '"False"'],
    ['y', '"y"'],
    ['N', '"N"'],
    ['yes', '"yes"'],
    ['off', '"off"'],
    ['null', '"null"'],
    ['~', '"~"'],
    ['', '""'],
    ['80', '"80"'],
    ['-1', '"-1"'],
    ['+1', '"+1"'],
    ['012', '"012"'],
    ['09', '"09"'],
    ['0x1F', '"0x1F"'],
    ['0o17', '"0o17"'],
    ['0b101', '"0b101"'],
    ['1_000', '"1_000"'],
    ['1_', '"1_"'],
    ['1.25', '"1.25"'],
    ['.5', '".5"'],
    ['1e3', '"1e3"'],
    ['1.', '"1."'],
    ['.inf', '".inf"'],
    ['-.Inf', '"-.Inf"'],
    ['.NaN', '".NaN"'],
    ['12:30', '"12:30"'],
    ['2025-01-01T00:00:00Z', '"2025-01-01T00:00:00Z"'],
    ['2025-01-01', '"2025-01-01"'],
    ['2025-1-2', '"2025-1-2"'],
    ['2025-01-01T00:00:00.123+02:00', '"2025-01-01T00:00:00.123+02:00"'],
    ['2025-01-01 10:00:00', '"2025-01-01 10:00:00"'],
  ])('double-quotes %j, which would read back as another type', (value, quoted) => {
    expect(line(value)).toBe(`k: ${quoted}\n`);
  });

  it.each([
    'nginx:1.25',
    'nginx',
    'v1.32.4',
    '1.2.3',
    '10.96.0.1',
    'yes please',
    '-foo',
    ':foo',
    '?foo',
    'a#b',
    'a:b',
    'http://example.com/a?b=c',
    'unix:///var/run/containerd/containerd.sock',
    '<<',
    '_1',
    '+inf',
    'Infinity',
    '0x',
    '2025-13-01',
    '2025-02-30',
    '2025-01-01T00:00:00',
    '2025-01-01T25:00:00Z',
    '2025-01-01 10:00:00Z',
    '172.16.0.0/16',
    'kube-api-access-lltx7',
    '名前',
  ])('writes %j plainly', (value) => {
    expect(line(value)).toBe(`k: ${value}\n`);
  });

  it('double-quotes keys that would read back as another type', () => {
    expect(toYaml({ '80': 'http', true: 'x', '': 'empty' })).toBe('"": empty\n"80": http\n"true": x\n');
  });

  it('double-quotes strings with characters go-yaml cannot print, using its escapes', () => {
    expect(line('a\tb')).toBe('k: "a\\tb"\n');
    expect(line('a\rb')).toBe('k: "a\\rb"\n');
    expect(line('\u0000')).toBe('k: "\\0"\n');
    expect(line('\u0007\u0008\u000b\u000c\u001b')).toBe('k: "\\a\\b\\v\\f\\e"\n');
    expect(line('\u0001\u007f')).toBe('k: "\\x01\\x7F"\n');
    expect(line('x\u0085y')).toBe('k: "x\\Ny"\n');
    expect(line('\ufeffbom')).toBe('k: "\\uFEFFbom"\n');
    expect(line('smile 😀')).toBe('k: "smile \\U0001F600"\n');
    expect(line('say "hi"\t\\')).toBe('k: "say \\"hi\\"\\t\\\\"\n');
  });

  it('double-quotes a multi-line string that cannot be a literal block, escaping its breaks', () => {
    expect(line('trailing \nspace')).toBe('k: "trailing \\nspace"\n');
    expect(line('ends with space\n ')).toBe('k: "ends with space\\n "\n');
    expect(line('tab\tinside\nlines')).toBe('k: "tab\\tinside\\nlines"\n');
  });
});

describe('toYaml: single-quoted scalars', () => {
  it.each([
    ['a: b', "'a: b'"],
    ['key:', "'key:'"],
    ['a #comment', "'a #comment'"],
    ['*star', "'*star'"],
    ['&anchor', "'&anchor'"],
    ['!tag', "'!tag'"],
    ['[x', "'[x'"],
    [']x', "']x'"],
    ['{x', "'{x'"],
    ['}x', "'}x'"],
    [',x', "',x'"],
    ['#x', "'#x'"],
    ['|x', "'|x'"],
    ['>x', "'>x'"],
    ['%x', "'%x'"],
    ['@x', "'@x'"],
    ['`x', "'`x'"],
    ['"x', `'"x'`],
    ["'x", "'''x'"],
    ["it's: here", "'it''s: here'"],
    ['- item', "'- item'"],
    ['-', "'-'"],
    ['?', "'?'"],
    [':', "':'"],
    ['? x', "'? x'"],
    ['---', "'---'"],
    ['...x', "'...x'"],
    [' leading', "' leading'"],
    ['trailing ', "'trailing '"],
  ])('single-quotes %j', (value, quoted) => {
    expect(line(value)).toBe(`k: ${quoted}\n`);
  });
});

describe('toYaml: literal blocks', () => {
  it('chooses the chomping indicator from the trailing line breaks', () => {
    expect(line('a\nb')).toBe('k: |-\n  a\n  b\n');
    expect(line('a\nb\n')).toBe('k: |\n  a\n  b\n');
    expect(line('a\nb\n\n')).toBe('k: |+\n  a\n  b\n\n');
  });

  it('adds an indentation indicator when the text starts with a space or a break', () => {
    expect(line('  indented\nx')).toBe('k: |2-\n    indented\n  x\n');
    expect(line('\nx')).toBe('k: |2-\n\n  x\n');
    expect(line('\n')).toBe('k: |2+\n\n');
  });

  it('keeps empty lines empty and allows a space after a break', () => {
    expect(line('a\n\nb\n')).toBe('k: |\n  a\n\n  b\n');
    expect(line('a\n b')).toBe('k: |-\n  a\n   b\n');
  });

  it('indents the block two past its key, at any depth and in sequences', () => {
    expect(toYaml({ metadata: { annotations: { note: 'one\ntwo\n' } }, z: 1 })).toBe(
      'metadata:\n  annotations:\n    note: |\n      one\n      two\nz: 1\n',
    );
    expect(toYaml({ args: ['echo a\necho b', 'x'] })).toBe('args:\n- |-\n  echo a\n  echo b\n- x\n');
  });

  it('writes the last-applied-configuration annotation as kubectl shows it', () => {
    const applied = '{"apiVersion":"v1","kind":"Pod","metadata":{"annotations":{},"name":"nginx-pod","namespace":"default"}}\n';
    expect(toYaml({ metadata: { annotations: { 'kubectl.kubernetes.io/last-applied-configuration': applied } } })).toBe(
      `metadata:\n  annotations:\n    kubectl.kubernetes.io/last-applied-configuration: |\n      ${applied}`,
    );
  });
});

describe('toYaml: folding long scalars', () => {
  const words = (n: number): string => Array.from({ length: n }, () => 'word').join(' ');

  it('breaks a plain scalar at the first space past column 80, continuing two past the key', () => {
    // "description: " is 13 columns; the space after the 14th word is at column 82.
    expect(toYaml({ description: words(20) })).toBe(`description: ${words(14)}\n  ${words(6)}\n`);
  });

  it('keeps a plain scalar that ends before column 80 on one line', () => {
    expect(toYaml({ description: words(13) })).toBe(`description: ${words(13)}\n`);
  });

  it('folds again when a continuation line passes column 80', () => {
    // Continuation lines start at column 2: the space after the 16th word there is at column 81.
    expect(toYaml({ description: words(40) })).toBe(`description: ${words(14)}\n  ${words(16)}\n  ${words(10)}\n`);
  });

  it('continues nested values and sequence items two past their key or dash', () => {
    // "    description: " is 17 columns: the break comes after the 13th word (column 81).
    expect(toYaml({ a: { b: { description: words(20) } } }).split('\n')[2]).toBe(`    description: ${words(13)}`);
    expect(toYaml({ a: { b: { description: words(20) } } }).split('\n')[3]).toBe(`      ${words(7)}`);
    // "- " is 2 columns: the break comes after the 16th word (column 81).
    expect(toYaml({ args: [words(20)] })).toBe(`args:\n- ${words(16)}\n  ${words(4)}\n`);
    // "- message: " is 11 columns: the space after the 15th word is at column 85.
    expect(toYaml({ items: [{ message: words(20) }] })).toBe(`items:\n- message: ${words(15)}\n    ${words(5)}\n`);
  });

  it('never breaks at a run of spaces, nor a string without spaces', () => {
    const long = `${'x'.repeat(78)}  yz`;
    expect(line(long)).toBe(`k: ${long}\n`);
    // Past the run, the next single space (column 84) is a break.
    expect(line(`${'x'.repeat(78)}  y z`)).toBe(`k: ${'x'.repeat(78)}  y\n  z\n`);
    const url = `https://example.com/${'a'.repeat(100)}`;
    expect(line(url)).toBe(`k: ${url}\n`);
  });

  it('folds single-quoted scalars counting the quote', () => {
    // "k: '" is 4 columns and "note: " 6 more; each "word " adds 5: the space after word 15 is at column 84.
    expect(line(`note: ${words(20)}`)).toBe(`k: 'note: ${words(15)}\n  ${words(5)}'\n`);
  });

  it('folds double-quoted scalars, escaping a space that starts a continuation', () => {
    // `k: "tab\t` is 9 columns; the space after word 15 is at column 83.
    expect(line(`tab\t${words(20)}`)).toBe(`k: "tab\\t${words(15)}\n  ${words(5)}"\n`);
    expect(line(`tab\t${words(15)}  x`)).toBe(`k: "tab\\t${words(15)}\n  \\ x"\n`);
  });
});
