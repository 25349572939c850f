/**
 * `kubectl diff -f FILE`: for each manifest, the live object and the one a server-side dry run of
 * `kubectl apply` would leave (the three-way patch sent with `dryRun=All`, or a dry-run create),
 * both as YAML without managedFields, compared with `diff -u -N` over kubectl's LIVE-/MERGED- temp
 * directories. Exit 1 when they differ, 0 when not, and 2 (CheckDiffErr) on errors.
 */
import type { KubeObject } from '../../../../shared/api/meta.js';
import type { KubectlCommand } from '../../command.js';
import { threeWayPatch } from '../../apply-patch.js';
import { KubectlError, formatStatusError } from '../../errors.js';
import type { FlagSpec } from '../../flags.js';
import type { Invocation } from '../../invocation.js';
import { toYaml } from '../../printers/yaml-printer.js';
import { splitApiVersion } from '../../resource-resolver.js';
import { fieldValidationOf, lastAppliedOf, removeLastApplied } from '../apply.js';
import { applyFieldManager } from '../apply-server-side.js';
import { type Target, collectTargets } from './targets.js';
import { type DiffFile, diffDirectories } from './unified-diff.js';

const DIFF_FLAGS: FlagSpec[] = [
  { name: 'filename', short: 'f', type: 'stringArray' },
  { name: 'recursive', short: 'R', type: 'bool' },
  { name: 'kustomize', short: 'k', type: 'string' },
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'server-side', type: 'bool' },
  { name: 'force-conflicts', type: 'bool' },
  { name: 'field-manager', type: 'string' },
  { name: 'show-managed-fields', type: 'bool' },
  { name: 'concurrency', type: 'int' },
  { name: 'prune', type: 'bool' },
  { name: 'prune-allowlist', type: 'stringArray' },
];

/** InfoObject.Name: `apps.v1.Deployment.default.web`. */
function fileName(object: KubeObject, namespace: string | undefined): string {
  const { group, version } = splitApiVersion(object.apiVersion ?? '');
  return `${group ? `${group}.` : ''}${version}.${object.kind ?? ''}.${namespace ?? ''}.${object.metadata?.name ?? ''}`;
}

function printed(object: KubeObject | undefined, showManagedFields: boolean): string | undefined {
  if (!object) return undefined;
  const copy = structuredClone(object);
  if (!showManagedFields) delete copy.metadata.managedFields;
  return toYaml(copy);
}

/** os.MkdirTemp's random suffix, made repeatable from the clock. */
function tempDir(prefix: string, seed: number): string {
  let x = (seed ^ 0x9e3779b9) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b) >>> 0;
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35) >>> 0;
  return `/tmp/${prefix}-${(x ^ (x >>> 16)) >>> 0}`;
}

/** The diff program's file timestamp: `2025-01-01 00:01:00.000000000 +0000`. */
function timestampOf(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}.${iso.slice(20, 23)}000000 +0000`;
}

/** The object the dry-run apply returns. */
function merged(inv: Invocation, live: KubeObject | undefined, local: KubeObject, target: Target): KubeObject {
  const client = inv.client();
  const query = { dryRun: 'All' as const, fieldValidation: fieldValidationOf(inv) };
  if (inv.flags.bool('server-side')) {
    const fieldManager = applyFieldManager(inv, true);
    const result = client.patch(target.ref, target.namespace, target.name, 'apply', local, { query: { ...query, fieldManager, force: inv.flags.bool('force-conflicts') } });
    if (!result.ok) throw new KubectlError(formatStatusError(result.status));
    return result.value;
  }
  if (!live) {
    const created = client.create(target.ref, target.namespace, local, query);
    if (!created.ok) throw new KubectlError(formatStatusError(created.status));
    return created.value;
  }
  // GetModifiedConfiguration without the annotation: the manifest minus last-applied.
  const modified = structuredClone(local);
  removeLastApplied(modified);
  const patch = threeWayPatch(lastAppliedOf(live).original, modified, live);
  if (Object.keys(patch).length === 0) return live;
  const patched = client.patch(target.ref, target.namespace, target.name, 'strategic', patch, { query: { ...query, fieldManager: applyFieldManager(inv, false) } });
  if (!patched.ok) throw new KubectlError(formatStatusError(patched.status));
  return patched.value;
}

async function runDiff(inv: Invocation): Promise<number> {
  try {
    return runDiffOrThrow(inv);
  } catch (error) {
    // CheckDiffErr: kubectl's usual message, with the exit status one higher than diff's.
    if (error instanceof KubectlError) {
      inv.err(error.text);
      return 2;
    }
    throw error;
  }
}

function runDiffOrThrow(inv: Invocation): number {
  if (inv.flags.positional.length > 0) throw inv.usageError(`Unexpected args: [${inv.flags.positional.join(' ')}]`);
  if (inv.flags.strings('filename').length === 0) throw new KubectlError('error: must specify one of -f and -k\n');
  if (inv.flags.bool('force-conflicts') && !inv.flags.bool('server-side')) throw new KubectlError('error: --force-conflicts only works with --server-side\n');
  const client = inv.client();
  const { targets } = collectTargets(inv, client, [], { latest: false });
  const showManagedFields = inv.flags.bool('show-managed-fields');
  const from: DiffFile[] = [];
  const to: DiffFile[] = [];
  for (const target of targets) {
    const local = structuredClone(target.object);
    local.metadata ??= {};
    if (target.namespace) local.metadata.namespace = target.namespace;
    const got = client.get(target.ref, target.namespace, target.name);
    if (!got.ok && got.status.code !== 404) throw new KubectlError(formatStatusError(got.status));
    const live = got.ok ? got.value : undefined;
    const name = fileName(local, target.namespace);
    from.push({ path: name, text: printed(live, showManagedFields) });
    to.push({ path: name, text: printed(merged(inv, live, local, target), showManagedFields) });
  }
  const now = inv.env.now();
  const output = diffDirectories(from, to, tempDir('LIVE', now), tempDir('MERGED', now + 1), timestampOf(now));
  inv.out(output);
  return output ? 1 : 0;
}

export const DIFF_COMMAND: KubectlCommand = { flags: DIFF_FLAGS, run: runDiff };
