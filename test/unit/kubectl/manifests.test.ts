/** Reading `-f` manifests: documents, Lists, directories, and go-yaml-style errors with their lines. */
import { describe, expect, it } from 'vitest';
import { type ManifestFs, parseManifestText, readManifests, validateManifest } from '../../../src/main/kubectl/manifests.js';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n';

function names(text: string): string[] {
  const parsed = parseManifestText(text, 'f.yaml');
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.manifests.map((m) => String(m.object.metadata?.name));
}

function parseError(text: string, source = 'f.yaml'): string {
  const parsed = parseManifestText(text, source);
  if (parsed.ok) throw new Error('expected a parse error');
  return parsed.error;
}

const yamlError = (line: number, message: string): string => `error parsing f.yaml: error converting YAML to JSON: yaml: line ${line}: ${message}`;

describe('parseManifestText', () => {
  it('reads every document of a multi-document file and skips empty ones', () => {
    const text = `---\n---\n${POD}---\n# only a comment\n---\n${POD.replace('web', 'db')}\n---\n`;
    expect(names(text)).toEqual(['web', 'db']);
    expect(names('')).toEqual([]);
  });

  it('keeps the source with each object', () => {
    const parsed = parseManifestText(POD, 'pod.yaml');
    expect(parsed).toEqual({ ok: true, manifests: [{ object: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web' } }, source: 'pod.yaml' }] });
  });

  it('flattens a List into its items', () => {
    const list = 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata:\n    name: a\n- apiVersion: v1\n  kind: Pod\n  metadata:\n    name: b\n';
    expect(names(`${list}---\n${POD}`)).toEqual(['a', 'b', 'web']);
  });

  it('reads JSON documents', () => {
    expect(names('{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "j"}}')).toEqual(['j']);
  });

  it('rejects a document that is not an object', () => {
    expect(parseError('hello\n')).toBe(
      'error validating "f.yaml": error validating data: invalid object to validate; if you choose to ignore these errors, turn validation off with --validate=false',
    );
    expect(parseError('- a\n- b\n')).toContain('invalid object to validate');
  });

  it('reports a mis-indented key as go-yaml does, on the line of the stray colon', () => {
    const broken = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: broken\nspec:\n  containers:\n  - name: web\n     image: nginx\n';
    expect(parseError(broken, 'broken.yaml')).toBe(
      'error parsing broken.yaml: error converting YAML to JSON: yaml: line 8: mapping values are not allowed in this context',
    );
  });

  it('reports a tab used for indentation', () => {
    expect(parseError('apiVersion: v1\nkind: Pod\nmetadata:\n\tname: x\n')).toBe(yamlError(4, 'found character that cannot start any token'));
  });

  it("reports a key without ':' at the next token, as go-yaml notices it there", () => {
    expect(parseError('apiVersion: v1\nkind Pod\nmetadata:\n  name: x\n')).toBe(yamlError(3, "could not find expected ':'"));
    expect(parseError('spec:\n  containers:\n  - name: web\n    image nginx\n  restartPolicy: Never\n')).toBe(
      yamlError(5, "could not find expected ':'"),
    );
  });

  it("reports a key without ':' on the last line at the end of the stream", () => {
    expect(parseError('apiVersion: v1\nkind Pod\n')).toBe(yamlError(3, "could not find expected ':'"));
    expect(parseError('apiVersion: v1\nkind Pod')).toBe(yamlError(3, "could not find expected ':'"));
    expect(parseError('spec:\n  containers:\n  - name: web\n    image nginx\n\n# end\n')).toBe(yamlError(7, "could not find expected ':'"));
  });

  it('reports an unterminated quoted string at the end of the stream', () => {
    expect(parseError('apiVersion: v1\nkind: "Pod\n')).toBe(yamlError(3, 'found unexpected end of stream'));
  });

  it('reports an out-of-place key on the line before it, as go-yaml parser errors do', () => {
    expect(parseError('apiVersion: v1\nmetadata:\n    name: x\n  labels: {}\n')).toBe(yamlError(3, 'did not find expected key'));
  });

  it('stops at the first broken document', () => {
    expect(parseError(`${POD}---\nkind: Pod\nmetadata:\n\tname: x\n`)).toBe(yamlError(8, 'found character that cannot start any token'));
  });
});

/** A fake filesystem: paths ending in `/` in `files` are directories. */
function fakeFs(files: Record<string, string>): ManifestFs {
  const dirs = new Set(Object.keys(files).filter((p) => p.endsWith('/')).map((p) => p.slice(0, -1)));
  return {
    exists: (p) => p in files || dirs.has(p),
    isDirectory: (p) => dirs.has(p),
    readFile: (p) => files[p] ?? '',
    readdir: (p) =>
      Object.keys(files)
        .filter((f) => f.startsWith(`${p}/`) && !f.endsWith('/'))
        .map((f) => f.slice(p.length + 1))
        .sort(),
  };
}

/** Like the shell's resolvePath: absolute, without a trailing slash. */
const resolve = (p: string): string => (p.startsWith('/') ? p : `/home/student/${p}`).replace(/(.)\/$/, '$1');

describe('readManifests', () => {
  const fs = fakeFs({
    '/home/student/pod.yaml': POD,
    '/home/student/manifests/': '',
    '/home/student/manifests/a.yaml': POD.replace('web', 'a'),
    '/home/student/manifests/b.yml': POD.replace('web', 'b'),
    '/home/student/manifests/c.json': '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"c"}}',
    '/home/student/manifests/notes.txt': 'not a manifest',
  });

  it('reads files, directories (their .yaml, .yml and .json files) and stdin, in order', () => {
    const read = readManifests(['pod.yaml', 'manifests/', '-'], fs, POD.replace('web', 'in'), resolve);
    if (!read.ok) throw new Error(read.error);
    expect(read.manifests.map((m) => [m.source, m.object.metadata?.name])).toEqual([
      ['pod.yaml', 'web'],
      ['manifests/a.yaml', 'a'],
      ['manifests/b.yml', 'b'],
      ['manifests/c.json', 'c'],
      ['STDIN', 'in'],
    ]);
  });

  it('names files of a directory given without a trailing slash', () => {
    const read = readManifests(['/home/student/manifests'], fs, '', resolve);
    expect(read.ok && read.manifests.map((m) => m.source)).toEqual([
      '/home/student/manifests/a.yaml',
      '/home/student/manifests/b.yml',
      '/home/student/manifests/c.json',
    ]);
  });

  it('says which path does not exist', () => {
    expect(readManifests(['pod.yaml', 'nope.yaml'], fs, '', resolve)).toEqual({ ok: false, error: 'the path "nope.yaml" does not exist' });
  });

  it('passes parse errors through, naming the file', () => {
    const broken = fakeFs({ '/home/student/bad.yaml': 'a:\n\tb: 1\n' });
    expect(readManifests(['bad.yaml'], broken, '', resolve)).toEqual({
      ok: false,
      error: 'error parsing bad.yaml: error converting YAML to JSON: yaml: line 2: found character that cannot start any token',
    });
    expect(readManifests(['-'], broken, 'a:\n\tb: 1\n', resolve)).toEqual({
      ok: false,
      error: 'error parsing STDIN: error converting YAML to JSON: yaml: line 2: found character that cannot start any token',
    });
  });
});

describe('validateManifest', () => {
  it('requires a kind, then an apiVersion, quoting the document as compact sorted JSON', () => {
    expect(validateManifest({ object: { metadata: { name: 'nokind', labels: { b: '1', a: '2' } } }, source: 'STDIN' })).toBe(
      `unable to decode "STDIN": Object 'Kind' is missing in '{"metadata":{"labels":{"a":"2","b":"1"},"name":"nokind"}}'`,
    );
    expect(validateManifest({ object: { kind: 'Pod', metadata: { name: 'x' } }, source: 'p.yaml' })).toBe(
      `unable to decode "p.yaml": Object 'apiVersion' is missing in '{"kind":"Pod","metadata":{"name":"x"}}'`,
    );
    expect(validateManifest({ object: { apiVersion: 'v1', kind: 'Pod', metadata: {} }, source: 'p.yaml' })).toBeUndefined();
  });
});
