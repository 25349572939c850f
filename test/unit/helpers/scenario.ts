/**
 * Golden scenarios for controllers (kwok's stage tests, STYLE.md): a YAML file of objects is
 * created through the API in a test cluster, the virtual clock runs for the given time with the
 * components the test started, and the objects the scenario names are printed as YAML (volatile
 * fields — uids, resourceVersions, managedFields — replaced by stable stand-ins) and compared with
 * a checked-in `<name>.out.yaml` next to the input. `UPDATE_GOLDEN=1` rewrites the outputs;
 * review the diff.
 *
 *   const out = runScenario(cluster, 'test/scenarios/deployment/rolling-update.yaml', {
 *     steps: [{ advance: '30s' }, { apply: 'update.yaml' }, { advance: '2m' }],
 *     show: [{ resource: DEPLOYMENTS, namespace: 'default' }, { resource: REPLICA_SETS, namespace: 'default' }],
 *   });
 *   expectGolden('test/scenarios/deployment/rolling-update.out.yaml', out);
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { parseAllDocuments, stringify } from 'yaml';
import type { KubeObject } from '../../../src/shared/api/meta.js';
import { parseDuration } from '../../../src/main/base/duration.js';
import type { ApiClient } from '../../../src/main/cluster/client/api-client.js';
import type { ResourceRef } from '../../../src/main/cluster/client/resources.js';
import type { TestCluster } from './cluster.js';

const root = join(import.meta.dirname, '..', '..', '..');
const update = process.env.UPDATE_GOLDEN === '1';

export interface ScenarioStep {
  /** Run the clock forward (Go duration). */
  advance?: string;
  /** Create or replace the objects of this YAML file (relative to the scenario file's directory, or inline YAML). */
  apply?: string;
  /** Call back into the test (delete something, patch status …). */
  run?: (client: ApiClient) => void;
}

export interface ScenarioOptions {
  steps?: ScenarioStep[];
  /** What to print at the end, in order. */
  show: Array<{ resource: ResourceRef; namespace?: string; name?: string }>;
}

/** The resource for a manifest's apiVersion/kind, from the server's discovery. */
function resourceOf(client: ApiClient, object: KubeObject): ResourceRef {
  const [group, version] = object.apiVersion?.includes('/') ? object.apiVersion.split('/') : ['', object.apiVersion ?? ''];
  const found = client.discovery().find((r) => r.group === group && r.version === version && r.kind === object.kind);
  if (!found) throw new Error(`scenario: no resource for ${object.apiVersion}/${object.kind}`);
  return { group: found.group, version: found.version, resource: found.name };
}

function readObjects(text: string): KubeObject[] {
  return parseAllDocuments(text)
    .map((d) => d.toJS() as KubeObject | null)
    .filter((o): o is KubeObject => o !== null);
}

function applyObjects(client: ApiClient, objects: KubeObject[]): void {
  for (const object of objects) {
    const ref = resourceOf(client, object);
    const namespace = object.metadata.namespace ?? 'default';
    const created = client.create(ref, namespace, object);
    if (created.ok) continue;
    if (created.status.reason !== 'AlreadyExists') throw new Error(`scenario: ${created.status.message ?? ''}`);
    const updated = client.patch(ref, namespace, object.metadata.name ?? '', 'merge', object);
    if (!updated.ok) throw new Error(`scenario: ${updated.status.message ?? ''}`);
  }
}

/** Stable stand-ins for what changes from run to run or with unrelated code: uids, revisions, managedFields. */
function normalize(object: KubeObject, uids: Map<string, string>): KubeObject {
  const text = JSON.stringify(object, (key, value: unknown) => {
    if (key === 'managedFields' || key === 'resourceVersion') return undefined;
    return value;
  });
  const replaced = text.replace(/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/g, (uid) => {
    if (!uids.has(uid)) uids.set(uid, `uid-${uids.size + 1}`);
    return uids.get(uid)!;
  });
  return JSON.parse(replaced) as KubeObject;
}

/** Play a scenario on `cluster` (its components already started) and return the printed YAML. */
export function runScenario(cluster: TestCluster, inputFile: string, options: ScenarioOptions): string {
  const client = cluster.client('scenario');
  const dir = join(root, inputFile, '..');
  applyObjects(client, readObjects(readFileSync(join(root, inputFile), 'utf8')));
  cluster.settle();
  for (const step of options.steps ?? []) {
    if (step.apply) {
      const text = step.apply.includes('\n') ? step.apply : readFileSync(join(dir, step.apply), 'utf8');
      applyObjects(client, readObjects(text));
    }
    step.run?.(client);
    cluster.settle();
    if (step.advance) {
      const ms = parseDuration(step.advance);
      if (ms === undefined) throw new Error(`scenario: bad duration ${step.advance}`);
      cluster.clock.advance(ms);
    }
    cluster.settle();
  }
  const uids = new Map<string, string>();
  const out: KubeObject[] = [];
  for (const show of options.show) {
    if (show.name) {
      const got = client.get(show.resource, show.namespace, show.name);
      if (got.ok) out.push(normalize(got.value, uids));
      continue;
    }
    const listed = client.list(show.resource, show.namespace);
    if (!listed.ok) throw new Error(`scenario: ${listed.status.message ?? ''}`);
    for (const item of listed.value.items) out.push(normalize({ ...item, apiVersion: item.apiVersion ?? listed.value.apiVersion.replace(/List$/, '') }, uids));
  }
  return out.map((o) => stringify(o, { lineWidth: 0 })).join('---\n');
}

/** Compare with the checked-in golden file (or write it under UPDATE_GOLDEN=1 / when missing). */
export function expectGolden(goldenFile: string, actual: string): void {
  const path = join(root, goldenFile);
  if (update || !existsSync(path)) {
    writeFileSync(path, actual);
    if (!update) throw new Error(`${goldenFile} did not exist; wrote it — review and commit it`);
  }
  expect(actual).toBe(readFileSync(path, 'utf8'));
}
