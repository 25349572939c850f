/**
 * `kubectl apply -f`: client-side apply. A new object is created with its
 * `kubectl.kubernetes.io/last-applied-configuration`; an existing one gets the three-way
 * strategic merge patch, or nothing at all when the patch is empty ("unchanged"). With
 * `--server-side` the manifest is an apply patch instead (`apply-server-side.ts`).
 */
import { canonicalJson } from '../../base/canonical-json.js';
import type { KubeObject } from '../../../shared/api/meta.js';
import { KubectlError, formatStatusError, withSource } from '../errors.js';
import type { FlagSpec } from '../flags.js';
import type { Invocation } from '../invocation.js';
import { type Manifest, readManifests, validateManifest } from '../manifests.js';
import { resourceRef, typeName } from '../resource-resolver.js';
import { threeWayPatch } from '../apply-patch.js';
import { applyFieldManager, serverSideApplyOne, validateApplyFlags } from './apply-server-side.js';
import { kustomizeManifests } from './cluster/kustomize/index.js';

export const APPLY_FLAGS: FlagSpec[] = [
  { name: 'filename', short: 'f', type: 'stringArray' },
  { name: 'kustomize', short: 'k', type: 'string' },
  { name: 'recursive', short: 'R', type: 'bool' },
  { name: 'output', short: 'o', type: 'string' },
  { name: 'dry-run', type: 'string', noOptDefault: 'unchanged' },
  { name: 'validate', type: 'string', noOptDefault: 'strict' },
  { name: 'force', type: 'bool' },
  { name: 'server-side', type: 'bool' },
  { name: 'force-conflicts', type: 'bool' },
  { name: 'field-manager', type: 'string' },
  { name: 'overwrite', type: 'bool' },
  { name: 'prune', type: 'bool' },
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'wait', type: 'bool' },
];

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** Go's json.Marshal of the object plus the newline kubectl appends. */
function lastAppliedJson(object: KubeObject): string {
  return canonicalJson(object) + '\n';
}

/** cli-runtime's mapper error for a kind/version the server does not serve (the hint comes every time). */
export function mappingNotFound(object: KubeObject, source: string): string {
  return `resource mapping not found for name: "${object.metadata?.name ?? ''}" namespace: "${object.metadata?.namespace ?? ''}" from "${source}": no matches for kind "${object.kind}" in version "${object.apiVersion}"\nensure CRDs are installed first`;
}

const GO_TRUE = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const GO_FALSE = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

/** cmdutil.GetValidationDirective: `--validate` as the `fieldValidation` the server applies. */
export function fieldValidationOf(inv: Invocation): 'Strict' | 'Warn' | 'Ignore' {
  const flag = inv.flags.string('validate') || 'strict';
  if (GO_TRUE.has(flag) || flag === 'strict') return 'Strict';
  if (GO_FALSE.has(flag) || flag === 'ignore') return 'Ignore';
  if (flag === 'warn') return 'Warn';
  throw new KubectlError(`error: invalid - validate option "${flag}"; must be one of: strict (or true), warn, ignore (or false)\n`);
}

export function filesystemOf(inv: Invocation) {
  const fs = inv.ctx.shell.host.fs;
  return {
    exists: (p: string) => fs.exists(p),
    isDirectory: (p: string) => fs.stat(p).isDirectory,
    readFile: (p: string) => fs.readFile(p),
    readdir: (p: string) => fs.readdir(p),
  };
}

/** Whether `-f` or `-k` names manifests. */
export function hasManifestSources(inv: Invocation): boolean {
  return inv.flags.strings('filename').length > 0 || inv.flags.string('kustomize') !== '';
}

export function loadManifests(inv: Invocation, commandHint: string): Manifest[] {
  const files = inv.flags.strings('filename');
  const kustomization = inv.flags.string('kustomize');
  if (kustomization && files.length > 0) throw new KubectlError('error: only one of -f or -k can be specified\n');
  if (kustomization) return kustomizeManifests(inv, kustomization);
  if (files.length === 0) {
    throw new KubectlError(`error: must specify one of -f and -k\nSee '${commandHint} -h' for help and examples\n`);
  }
  const read = readManifests(files, filesystemOf(inv), inv.ctx.stdin, (p) => inv.ctx.shell.resolvePath(p), inv.env.readUrl);
  if (!read.ok) throw new KubectlError(`error: ${read.error}\n`);
  for (const m of read.manifests) {
    const problem = validateManifest(m);
    if (problem) throw new KubectlError(`error: ${problem}\n`);
  }
  return read.manifests;
}

export async function runApply(inv: Invocation): Promise<number> {
  if (inv.flags.positional.length > 0) {
    throw inv.usageError(`Unexpected args: [${inv.flags.positional.join(' ')}]`);
  }
  const fieldValidation = fieldValidationOf(inv);
  validateApplyFlags(inv);
  const manifests = loadManifests(inv, 'kubectl apply');
  const client = inv.client();
  const discovery = client.discovery();
  const dryRun = inv.flags.string('dry-run');
  const dryRunSuffix = dryRun === 'client' || dryRun === 'unchanged' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '';
  let status = 0;
  for (const { object, source } of manifests) {
    const [group, version] = object.apiVersion!.includes('/') ? object.apiVersion!.split('/') : ['', object.apiVersion!];
    const resource = discovery.find((r) => r.group === group && r.version === version && r.kind === object.kind);
    if (!resource) {
      inv.err(`error: ${mappingNotFound(object, source)}\n`);
      status = 1;
      continue;
    }
    const modified: KubeObject = structuredClone(object);
    modified.metadata ??= {};
    const name = modified.metadata.name ?? '';
    if (resource.namespaced) {
      const flagNs = inv.flags.string('namespace');
      if (modified.metadata.namespace && flagNs && modified.metadata.namespace !== flagNs) {
        inv.err(
          `error: the namespace from the provided object "${modified.metadata.namespace}" does not match the namespace "${flagNs}". You must pass '--namespace=${modified.metadata.namespace}' to perform this operation.\n`,
        );
        status = 1;
        continue;
      }
      modified.metadata.namespace ??= inv.namespace;
    }
    const ns = resource.namespaced ? modified.metadata.namespace : undefined;
    if (!name) {
      inv.err(`error: error when retrieving current configuration of:\nResource: "${resource.group ? resource.group + '/' : '/'}${resource.version}, Resource=${resource.name}", GroupVersionKind: "${resource.group ? resource.group + '/' : '/'}${resource.version}, Kind=${resource.kind}"\nName: "", Namespace: "${ns ?? ''}"\nfrom server for: "${source}": resource name may not be empty\n`);
      status = 1;
      continue;
    }
    if (inv.flags.bool('server-side')) {
      const label = `${typeName(resource)}/${name}`;
      status = serverSideApplyOne(inv, { client, ref: resourceRef(resource), namespace: ns, name, label, object: modified, fieldValidation }) || status;
      continue;
    }
    // The last-applied annotation records the manifest itself (with an annotations map, minus itself).
    const annotations = { ...(modified.metadata.annotations ?? {}) };
    delete annotations[LAST_APPLIED];
    modified.metadata.annotations = annotations;
    const applied = lastAppliedJson(modified);
    modified.metadata.annotations = { ...annotations, [LAST_APPLIED]: applied };
    const label = `${typeName(resource)}/${name}`;
    const fieldManager = applyFieldManager(inv, false);
    const query = dryRun === 'server' ? { dryRun: 'All' as const, fieldValidation, fieldManager } : { fieldValidation, fieldManager };
    const current = client.get(resourceRef(resource), ns, name);
    if (!current.ok && current.status.code !== 404) {
      inv.err(formatStatusError(current.status));
      status = 1;
      continue;
    }
    if (!current.ok) {
      if (dryRunSuffix && dryRun !== 'server') {
        inv.out(`${label} created${dryRunSuffix}\n`);
        continue;
      }
      const created = client.create(resourceRef(resource), ns, modified, query);
      if (!created.ok) {
        inv.err(formatStatusError(withSource(created.status, 'creating', source)));
        status = 1;
        continue;
      }
      inv.out(`${label} created${dryRunSuffix}\n`);
      continue;
    }
    const live = current.value;
    const originalText = live.metadata.annotations?.[LAST_APPLIED];
    let original: unknown;
    try {
      original = originalText ? JSON.parse(originalText) : undefined;
    } catch {
      original = undefined;
    }
    if (!originalText) {
      inv.err(
        `Warning: resource ${resource.name}/${name} is missing the ${LAST_APPLIED} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n`,
      );
    }
    const patch = threeWayPatch(original, modified, live);
    if (Object.keys(patch).length === 0) {
      inv.out(`${label} unchanged${dryRunSuffix}\n`);
      continue;
    }
    if (dryRunSuffix && dryRun !== 'server') {
      inv.out(`${label} configured${dryRunSuffix}\n`);
      continue;
    }
    const patched = client.patch(resourceRef(resource), ns, name, 'strategic', patch, { query });
    if (!patched.ok) {
      if (patched.status.reason === 'Invalid') {
        inv.err(formatStatusError(patched.status));
      } else {
        inv.err(
          `Error from server (${patched.status.reason ?? 'InternalError'}): error when applying patch:\n${JSON.stringify(patch)}\nto:\nResource: "${resource.group ? resource.group + '/' : '/'}${resource.version}, Resource=${resource.name}", GroupVersionKind: "${resource.group ? resource.group + '/' : '/'}${resource.version}, Kind=${resource.kind}"\nName: "${name}", Namespace: "${ns ?? ''}"\nfor: "${source}": error when patching "${source}": ${patched.status.message ?? ''}\n`,
        );
      }
      status = 1;
      continue;
    }
    inv.out(`${label} configured${dryRunSuffix}\n`);
  }
  return status;
}
