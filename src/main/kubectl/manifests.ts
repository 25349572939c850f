/**
 * Reading manifests for `-f`: files, directories (their .yaml/.yml/.json files) or `-` for stdin,
 * split into documents, with YAML errors reported the way kubectl reports them — with the line.
 */
import { LineCounter, parseAllDocuments } from 'yaml';
import type { KubeObject } from '../../shared/api/meta.js';
import { canonicalJson } from '../base/canonical-json.js';

export interface Manifest {
  object: KubeObject;
  /** The file it came from, as the user named it (`STDIN` for `-`). */
  source: string;
}

export interface ManifestFs {
  exists(path: string): boolean;
  isDirectory(path: string): boolean;
  readFile(path: string): string;
  readdir(path: string): string[];
}

/** Fetching `-f https://…`: the body, or the error kubectl's HTTP visitor reports. */
export type UrlReader = (url: string) => { ok: true; text: string } | { ok: false; error: string };

export type ManifestResult = { ok: true; manifests: Manifest[] } | { ok: false; error: string };

interface YamlIssue {
  code: string;
  message: string;
  linePos?: [{ line: number; col: number }, { line: number; col: number }] | [{ line: number; col: number }];
}

/**
 * The error go-yaml v2 (which kubectl uses) would give for the same input: its wording, and its
 * line — scanner errors name the offending line, parser errors famously the line before it.
 */
function goYamlError(errors: readonly YamlIssue[], text: string): { line: number; message: string } {
  const start = (e: YamlIssue): number => e.linePos?.[0]?.line ?? 1;
  const end = (e: YamlIssue): number => e.linePos?.[1]?.line ?? start(e);
  const codes = new Set(errors.map((e) => e.code));
  const first = errors[0]!;
  if (codes.has('BLOCK_AS_IMPLICIT_KEY')) {
    return { line: Math.max(...errors.map(end)), message: 'mapping values are not allowed in this context' };
  }
  switch (first.code) {
    case 'MULTILINE_IMPLICIT_KEY':
      return { line: end(first), message: "could not find expected ':'" };
    case 'TAB_AS_INDENT':
    case 'BAD_SCALAR_START':
      return { line: start(first), message: 'found character that cannot start any token' };
    case 'MISSING_CHAR':
      if (first.message.startsWith('Implicit map keys need to be followed by map values')) {
        return { line: nextTokenLine(text, end(first)), message: "could not find expected ':'" };
      }
      return { line: start(first), message: 'found unexpected end of stream' };
    case 'BAD_INDENT':
      return { line: Math.max(1, start(first) - 1), message: 'did not find expected key' };
    default:
      return { line: start(first), message: first.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '') };
  }
}

/**
 * go-yaml only finds out that a key lacks its ':' when it reaches the next token: the first later
 * line with more than blanks and comments, or the end of the stream (the line after the text).
 */
function nextTokenLine(text: string, line: number): number {
  const lines = text.split('\n');
  for (let i = line; i < lines.length; i++) {
    if (!/^\s*(#.*)?$/.test(lines[i]!)) return i + 1;
  }
  return text.endsWith('\n') ? lines.length : lines.length + 1;
}

export function parseManifestText(text: string, source: string): ManifestResult {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, uniqueKeys: false, prettyErrors: true });
  const manifests: Manifest[] = [];
  for (const doc of docs) {
    if (doc.errors.length > 0) {
      const { line, message } = goYamlError(doc.errors, text);
      return { ok: false, error: `error parsing ${source}: error converting YAML to JSON: yaml: line ${line}: ${message}` };
    }
    const value: unknown = doc.toJS();
    if (value === null || value === undefined) continue;
    if (typeof value !== 'object' || Array.isArray(value)) {
      return { ok: false, error: `error validating "${source}": error validating data: invalid object to validate; if you choose to ignore these errors, turn validation off with --validate=false` };
    }
    const object = value as KubeObject;
    if (object.kind === 'List' && Array.isArray(object.items)) {
      for (const item of object.items as KubeObject[]) manifests.push({ object: item, source });
      continue;
    }
    manifests.push({ object, source });
  }
  return { ok: true, manifests };
}

export function readManifests(paths: string[], fs: ManifestFs, stdin: string, resolve: (p: string) => string, readUrl?: UrlReader): ManifestResult {
  const all: Manifest[] = [];
  for (const path of paths) {
    if (/^https?:\/\//.test(path)) {
      const fetched = readUrl?.(path) ?? { ok: false, error: `Get "${path}": dial tcp: lookup ${new URL(path).hostname} on 127.0.0.53:53: no such host` };
      if (!fetched.ok) return fetched;
      const parsed = parseManifestText(fetched.text, path);
      if (!parsed.ok) return parsed;
      all.push(...parsed.manifests);
      continue;
    }
    if (path === '-') {
      const parsed = parseManifestText(stdin, 'STDIN');
      if (!parsed.ok) return parsed;
      all.push(...parsed.manifests);
      continue;
    }
    const absolute = resolve(path);
    if (!fs.exists(absolute)) return { ok: false, error: `the path "${path}" does not exist` };
    const files = fs.isDirectory(absolute)
      ? fs
          .readdir(absolute)
          .filter((f) => /\.(ya?ml|json)$/.test(f))
          .map((f) => ({ shown: `${path.replace(/\/$/, '')}/${f}`, absolute: `${absolute}/${f}` }))
      : [{ shown: path, absolute }];
    for (const file of files) {
      const parsed = parseManifestText(fs.readFile(file.absolute), file.shown);
      if (!parsed.ok) return parsed;
      all.push(...parsed.manifests);
    }
  }
  return { ok: true, manifests: all };
}

/** The unstructured decoder's checks before anything is sent. */
export function validateManifest(m: Manifest): string | undefined {
  if (!m.object.kind) return `unable to decode "${m.source}": Object 'Kind' is missing in '${canonicalJson(m.object)}'`;
  if (!m.object.apiVersion) return `unable to decode "${m.source}": Object 'apiVersion' is missing in '${canonicalJson(m.object)}'`;
  return undefined;
}
