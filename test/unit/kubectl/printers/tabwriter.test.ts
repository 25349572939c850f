/** Go's text/tabwriter as kubectl get (minwidth 6, padding 3) and describe (minwidth 0, padding 2) use it. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DESCRIBE_OPTIONS, TABLE_OPTIONS, tabwrite, tabwriteCells } from '../../../../src/main/kubectl/printers/tabwriter.js';
import { LEVEL_0, LEVEL_1, LEVEL_2, PrefixWriter } from '../../../../src/main/kubectl/describe/prefix-writer.js';

describe('tabwrite with kubectl get options', () => {
  it('lays out the namespace table', () => {
    const text = 'NAME\tSTATUS\tAGE\ndefault\tActive\t10m\nkube-node-lease\tActive\t10m\nkube-public\tActive\t10m\n';
    expect(tabwrite(text, TABLE_OPTIONS)).toBe(
      'NAME              STATUS   AGE\n' +
        'default           Active   10m\n' +
        'kube-node-lease   Active   10m\n' +
        'kube-public       Active   10m\n',
    );
  });

  it('pads short columns to the minimum width of 6', () => {
    expect(tabwrite('A\tB\tC\nx\ty\tz\n', TABLE_OPTIONS)).toBe('A     B     C\nx     y     z\n');
  });

  it('leaves the trailing cell of each line unpadded, even when it is the longest', () => {
    expect(tabwrite('NAME\tLABELS\nweb\tapp=web,tier=frontend\n', TABLE_OPTIONS)).toBe(
      'NAME   LABELS\nweb    app=web,tier=frontend\n',
    );
  });

  it('pads an empty last cell after a trailing tab', () => {
    expect(tabwrite('a\t\nbb\tc\n', TABLE_OPTIONS)).toBe('a     \nbb    c\n');
  });

  it('ends a column block at a line without that cell', () => {
    const text = 'a\tb\tc\naaaa\tb\nx\nlonger-cell\tb\n';
    expect(tabwrite(text, TABLE_OPTIONS)).toBe('a      b     c\naaaa   b\nx\nlonger-cell   b\n');
  });

  it('counts characters, not UTF-16 units or bytes', () => {
    expect(tabwrite('名前\tx\nabcdefgh\ty\n', TABLE_OPTIONS)).toBe('名前         x\nabcdefgh   y\n');
    expect(tabwrite('😀\tx\nab\ty\n', { minWidth: 0, padding: 1 })).toBe('😀  x\nab y\n');
  });

  it('keeps a final line without a newline as a line of the table', () => {
    expect(tabwrite('NAME\tAGE\nnginx-pod\t5s', TABLE_OPTIONS)).toBe('NAME        AGE\nnginx-pod   5s');
    expect(tabwrite('', TABLE_OPTIONS)).toBe('');
  });

  it('honours another pad character', () => {
    expect(tabwrite('a\tb\n', { minWidth: 0, padding: 2, padChar: '.' })).toBe('a..b\n');
  });
});

describe('tabwriteCells on tables (every line with the same cells)', () => {
  it('pads each column to its widest cell plus padding, at least the minimum width', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'b', '-', '/', '中', '😀'), maxLength: 12 });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }).chain((n) => fc.array(fc.array(cell, { minLength: n, maxLength: n }), { minLength: 1, maxLength: 20 })), (lines) => {
        const runes = (t: string): number => [...t].length;
        const widths = lines[0]!.slice(0, -1).map((_, c) => Math.max(6, ...lines.map((l) => runes(l[c]!) + 3)));
        const expected = lines.map((l) => l.map((text, c) => (c < widths.length ? text + ' '.repeat(widths[c]! - runes(text)) : text)).join('')).join('\n') + '\n';
        expect(tabwriteCells(lines, TABLE_OPTIONS)).toBe(expected);
        // The same text through the tab-separated entry point.
        expect(tabwrite(`${lines.map((l) => l.join('\t')).join('\n')}\n`, TABLE_OPTIONS)).toBe(expected);
      }),
      { numRuns: 200 },
    );
  });

  it('keeps remembered widths: a later, narrower table aligns with the earlier one', () => {
    const remembered: number[] = [];
    expect(tabwriteCells([['NAME', 'STATUS', 'AGE'], ['a-very-long-name', 'Running', '5s']], TABLE_OPTIONS, remembered)).toBe(
      'NAME               STATUS    AGE\na-very-long-name   Running   5s\n',
    );
    expect(tabwriteCells([['b', 'Pending', '1s']], TABLE_OPTIONS, remembered)).toBe('b                  Pending   1s\n');
  });
});

describe('tabwrite with kubectl describe options', () => {
  it('aligns each nested block on its own', () => {
    const text = [
      'Name:\tnginx-pod',
      'Namespace:\tdefault',
      'Containers:',
      '  nginx:',
      '    Image:\tnginx:1.25',
      '    Port:\t80/TCP',
      '    Host Port:\t0/TCP',
      'Conditions:',
      '  Type\tStatus',
      '  PodScheduled \tTrue ',
      '  Ready \tFalse ',
      '',
    ].join('\n');
    expect(tabwrite(text, DESCRIBE_OPTIONS)).toBe(
      [
        'Name:       nginx-pod',
        'Namespace:  default',
        'Containers:',
        '  nginx:',
        '    Image:      nginx:1.25',
        '    Port:       80/TCP',
        '    Host Port:  0/TCP',
        'Conditions:',
        '  Type           Status',
        '  PodScheduled   True ',
        '  Ready          False ',
        '',
      ].join('\n'),
    );
  });

  it('aligns a continuation line (empty first cell) with the block it belongs to', () => {
    const text = 'Labels:\tapp=nginx\n\ttier=web\nAnnotations:\t<none>\n';
    expect(tabwrite(text, DESCRIBE_OPTIONS)).toBe('Labels:       app=nginx\n              tier=web\nAnnotations:  <none>\n');
  });

  it('widens an outer column for all lines that share it, across inner blocks', () => {
    const text = 'a\tb\tc\nlong-first\tb\nz\tlonger-second\tc\n';
    expect(tabwrite(text, DESCRIBE_OPTIONS)).toBe('a           b  c\nlong-first  b\nz           longer-second  c\n');
  });
});

describe('PrefixWriter', () => {
  it('indents two spaces per level and aligns everything written between flushes as one block', () => {
    const w = new PrefixWriter();
    w.write(LEVEL_0, 'Name:\tx\n');
    w.write(LEVEL_1, 'Long Label:\ty\n');
    w.write(LEVEL_2, 'Deeper:\tz\n');
    expect(w.toString()).toBe('Name:          x\n  Long Label:  y\n    Deeper:    z\n');
  });

  it('starts a new alignment block after flush()', () => {
    const w = new PrefixWriter();
    w.write(LEVEL_0, 'Name:\tx\n');
    w.flush();
    w.write(LEVEL_0, 'Much Longer:\ty\n');
    expect(w.toString()).toBe('Name:  x\nMuch Longer:  y\n');
  });
});
