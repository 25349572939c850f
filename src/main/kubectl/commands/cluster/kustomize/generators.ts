/**
 * configMapGenerator and secretGenerator: data from `literals`, `files` (`[key=]path`) and `envs`
 * files, the generator options' labels and annotations, and the content hash suffix kustomize
 * appends to the name (sha256 of the kind, data and type, with kustomize's letter substitutions).
 */
import { createHash } from 'node:crypto';
import type { KubeObject } from '../../../../../shared/api/meta.js';
import { KustomizeError, type KustomizeFs, readRelative } from './files.js';

interface GeneratorArgs {
  name?: string;
  namespace?: string;
  type?: string;
  literals?: string[];
  files?: string[];
  envs?: string[];
  env?: string;
  options?: GeneratorOptions;
}

export interface GeneratorOptions {
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  disableNameSuffixHash?: boolean;
  immutable?: boolean;
}

/** A generated object and whether its name still needs the hash suffix. */
export interface Generated {
  object: KubeObject;
  hash: boolean;
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function collectData(fs: KustomizeFs, dir: string, args: GeneratorArgs): Record<string, string> {
  const data: Record<string, string> = {};
  const put = (key: string, value: string): void => {
    if (key in data) throw new KustomizeError(`configmap ${args.name ?? ''} illegally repeats the key \`${key}\``);
    data[key] = value;
  };
  for (const env of [...(args.envs ?? []), ...(args.env ? [args.env] : [])]) {
    for (const line of readRelative(fs, dir, env).split('\n')) {
      const trimmed = line.trim();
      if (!trimmed || trimmed.startsWith('#')) continue;
      const eq = trimmed.indexOf('=');
      if (eq > 0) put(trimmed.slice(0, eq), trimmed.slice(eq + 1));
    }
  }
  for (const literal of args.literals ?? []) {
    const eq = literal.indexOf('=');
    if (eq <= 0) throw new KustomizeError(`invalid literal source ${literal}, expected key=value`);
    put(literal.slice(0, eq), literal.slice(eq + 1).replace(/^(["'])(.*)\1$/s, '$2'));
  }
  for (const file of args.files ?? []) {
    const eq = file.indexOf('=');
    const key = eq > 0 ? file.slice(0, eq) : basename(file);
    put(key, readRelative(fs, dir, eq > 0 ? file.slice(eq + 1) : file));
  }
  return data;
}

/** Go's json.Marshal of a map: keys sorted, HTML characters escaped. */
function goJson(value: unknown): string {
  const sorted = (v: unknown): unknown =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted((v as Record<string, unknown>)[k])])) : v;
  return JSON.stringify(sorted(value)).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** kustomize's hash of a ConfigMap or Secret: the first ten hex digits, some replaced by letters. */
export function contentHash(object: KubeObject): string {
  const encoded: Record<string, unknown> = { kind: object.kind, name: '', data: object.data ?? {} };
  if (object.kind === 'Secret') encoded.type = object.type;
  if (object.immutable !== undefined) encoded.immutable = object.immutable;
  if (object.binaryData) encoded.binaryData = object.binaryData;
  const hex = createHash('sha256').update(goJson(encoded)).digest('hex');
  return hex.slice(0, 10).replace(/[013ae]/g, (c) => ({ '0': 'g', '1': 'h', '3': 'k', a: 'm', e: 't' })[c]!);
}

function generate(fs: KustomizeFs, dir: string, kind: 'ConfigMap' | 'Secret', args: GeneratorArgs, defaults: GeneratorOptions): Generated {
  const options = { ...defaults, ...(args.options ?? {}), labels: { ...defaults.labels, ...args.options?.labels }, annotations: { ...defaults.annotations, ...args.options?.annotations } };
  const data = collectData(fs, dir, args);
  const metadata: KubeObject['metadata'] = { name: args.name ?? '' };
  if (args.namespace) metadata.namespace = args.namespace;
  if (Object.keys(options.labels).length > 0) metadata.labels = options.labels;
  if (Object.keys(options.annotations).length > 0) metadata.annotations = options.annotations;
  const object: KubeObject =
    kind === 'ConfigMap'
      ? { apiVersion: 'v1', kind, metadata, ...(Object.keys(data).length > 0 ? { data } : {}) }
      : {
          apiVersion: 'v1',
          kind,
          metadata,
          ...(Object.keys(data).length > 0 ? { data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v).toString('base64')])) } : {}),
          type: args.type ?? 'Opaque',
        };
  if (options.immutable) object.immutable = true;
  return { object, hash: !options.disableNameSuffixHash };
}

export function runGenerators(fs: KustomizeFs, dir: string, configMaps: unknown, secrets: unknown, options: GeneratorOptions): Generated[] {
  const list = (value: unknown): GeneratorArgs[] => (Array.isArray(value) ? (value as GeneratorArgs[]) : []);
  return [...list(configMaps).map((a) => generate(fs, dir, 'ConfigMap', a, options)), ...list(secrets).map((a) => generate(fs, dir, 'Secret', a, options))];
}
