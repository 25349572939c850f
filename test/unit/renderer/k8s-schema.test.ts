/**
 * The editor's Kubernetes schema (scripts/generate-k8s-schema.mjs): generated into a temporary file
 * here so the test does not depend on a previous build.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtinResources } from '../../../src/main/cluster/apiserver/registry/index.js';

interface Schema {
  $schema: string;
  $ref?: string;
  title?: string;
  type?: string | string[];
  description?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  allOf?: Array<{ if: Schema; then: Schema }>;
  definitions: Record<string, Schema>;
  const?: unknown;
  'x-kubelab-kinds': Array<{ apiVersion: string; kind: string; ref: string }>;
}

const root = join(import.meta.dirname, '../../..');
let dir: string;
let schema: Schema;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kubelab-schema-'));
  const out = join(dir, 'kubernetes.schema.json');
  execFileSync(process.execPath, [join(root, 'scripts/generate-k8s-schema.mjs'), '--out', out], { cwd: root, stdio: 'pipe' });
  schema = JSON.parse(readFileSync(out, 'utf8')) as Schema;
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function resolve(ref: string): Schema {
  const definition = schema.definitions[decodeURIComponent(ref.replace('#/definitions/', ''))];
  if (!definition) throw new Error(`no definition for ${ref}`);
  return definition;
}

describe('the generated Kubernetes schema', () => {
  it('is draft-07 and covers the kinds the engine serves, each with its apiVersion', () => {
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    // Every kind the API server serves can be written in the editor, and nothing else is offered.
    const served = builtinResources.map((r) => `${r.group ? `${r.group}/` : ''}${r.version}/${r.kind}`).sort();
    expect(schema['x-kubelab-kinds'].map((k) => `${k.apiVersion}/${k.kind}`).sort()).toEqual(served);
    expect(schema['x-kubelab-kinds'][0]).toMatchObject({ apiVersion: 'v1', kind: 'Pod' });
    for (const k of schema['x-kubelab-kinds']) {
      const definition = resolve(k.ref);
      expect(definition.properties?.kind?.const).toBe(k.kind);
      expect(definition.properties?.apiVersion?.const).toBe(k.apiVersion);
    }
    expect(schema.required).toEqual(['apiVersion', 'kind']);
    expect(schema.allOf?.find((a) => a.if.properties?.kind?.const === 'Pod')?.then.$ref).toBe(schema['x-kubelab-kinds'][0]?.ref);
  });

  it('describes a Pod down to spec.containers[].image', () => {
    const pod = resolve(schema['x-kubelab-kinds'][0]!.ref);
    expect(pod.title).toBe('Pod');
    const spec = resolve(pod.properties!.spec!.$ref!);
    const containers = spec.properties!.containers!;
    expect(spec.required).toContain('containers');
    expect(containers.type).toBe('array');
    expect(containers.description).toMatch(/List of containers belonging to the pod/);
    const container = resolve(containers.items!.$ref!);
    expect(container.properties!.image!.description).toMatch(/Container image name/);
    expect(container.required).toContain('name');
  });

  it('accepts `creationTimestamp: null`, as kubectl --dry-run output has', () => {
    const pod = resolve(schema['x-kubelab-kinds'][0]!.ref);
    const meta = resolve(pod.properties!.metadata!.$ref!);
    expect(resolve(meta.properties!.creationTimestamp!.$ref!).type).toEqual(['string', 'null']);
  });
});
