/** kubectl -o json: json.MarshalIndent with four spaces, sorted keys, HTML-safe escapes, a final newline. */
import { describe, expect, it } from 'vitest';
import { toJson } from '../../../../src/main/kubectl/printers/json-printer.js';

describe('toJson', () => {
  it('indents by four spaces, sorts keys at every depth and ends with a newline', () => {
    const value = { metadata: { name: 'web', labels: { tier: 'front', app: 'web' } }, apiVersion: 'v1', kind: 'Pod' };
    expect(toJson(value)).toBe(
      [
        '{',
        '    "apiVersion": "v1",',
        '    "kind": "Pod",',
        '    "metadata": {',
        '        "labels": {',
        '            "app": "web",',
        '            "tier": "front"',
        '        },',
        '        "name": "web"',
        '    }',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('sorts keys byte-wise, not with go-yaml digit order', () => {
    expect(toJson({ a2: 1, a10: 2, B: 3, a: 4 })).toBe('{\n    "B": 3,\n    "a": 4,\n    "a10": 2,\n    "a2": 1\n}\n');
  });

  it('keeps array order and sorts maps inside arrays', () => {
    expect(toJson({ items: [{ b: 1, a: 2 }, 3, 'x', null, true] })).toBe(
      '{\n    "items": [\n        {\n            "a": 2,\n            "b": 1\n        },\n        3,\n        "x",\n        null,\n        true\n    ]\n}\n',
    );
  });

  it('writes empty objects and arrays compactly', () => {
    expect(toJson({ resources: {}, items: [] })).toBe('{\n    "items": [],\n    "resources": {}\n}\n');
    expect(toJson({})).toBe('{}\n');
    expect(toJson([])).toBe('[]\n');
  });

  it('escapes <, > and & as \\u003c, \\u003e and \\u0026, and the JavaScript line separators', () => {
    expect(toJson({ cmd: 'a && b > c < d' })).toBe('{\n    "cmd": "a \\u0026\\u0026 b \\u003e c \\u003c d"\n}\n');
    expect(toJson(['\u2028\u2029'])).toBe('[\n    "\\u2028\\u2029"\n]\n');
  });

  it('escapes quotes, backslashes and control characters as Go does', () => {
    expect(toJson(['"q" \\ \n\t\r\b\f\u0001'])).toBe('[\n    "\\"q\\" \\\\ \\n\\t\\r\\b\\f\\u0001"\n]\n');
  });

  it('drops undefined fields and leaves non-ASCII text as it is', () => {
    expect(toJson({ a: undefined, b: 'héllo 名前' })).toBe('{\n    "b": "héllo 名前"\n}\n');
  });

  it('writes numbers as Go does', () => {
    expect(toJson([0, -1, 1.5, 1e21, 1e-7])).toBe('[\n    0,\n    -1,\n    1.5,\n    1e+21,\n    1e-7\n]\n');
  });
});
