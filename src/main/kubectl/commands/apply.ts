/**
 * `kubectl apply -f`: client-side apply. A new object is created with its
 * `kubectl.kubernetes.io/last-applied-configuration`; an existing one gets the three-way
 * strategic merge patch, or nothing at all when the patch is empty ("unchanged"). With
 * `--server-side` the manifest is an apply patch instead (`apply-server-side.ts`).
 */
import { canonicalJson } from '../../base/canonical-json.js';
import type { KubeObject } from '../../../shared/api/meta.js';
import type { DiscoveredResource } from '../../cluster/apiserver/api-server.js';
import { KubectlError, formatStatusError, withSource } from '../errors.js';
import { type FlagSpec, RECORD_FLAG } from '../flags.js';
import { DRY_RUN_FLAG, GO_FALSE, GO_TRUE, PRINT_FLAGS, dryRunOf, dryRunSuffix } from '../print-flags.js';
import { recordChangeCause } from '../change-cause.js';
import type { Invocation } from '../invocation.js';
import { type Manifest, readManifests, validateManifest } from '../manifests.js';
import { mappingNotFound, resourceOfKind, resourceRef, typeName } from '../resource-resolver.js';
import { threeWayPatch } from '../apply-patch.js';
import { applyFieldManager, serverSideApplyOne, validateApplyFlags } from './apply-server-side.js';
import { kustomizeManifests } from './cluster/kustomize/index.js';

export const APPLY_FLAGS: FlagSpec[] = [
  { name: 'filename', short: 'f', type: 'stringArray' },
  { name: 'kustomize', short: 'k', type: 'string' },
  { name: 'recursive', short: 'R', type: 'bool' },
  ...PRINT_FLAGS,
  DRY_RUN_FLAG,
  { name: 'validate', type: 'string', noOptDefault: 'strict' },
  { name: 'force', type: 'bool' },
  { name: 'server-side', type: 'bool' },
  { name: 'force-conflicts', type: 'bool' },
  { name: 'field-manager', type: 'string' },
  { name: 'overwrite', type: 'bool' },
  { name: 'openapi-patch', type: 'bool' },
  { name: 'subresource', type: 'string' },
  { name: 'prune', type: 'bool' },
  { name: 'prune-allowlist', type: 'stringArray' },
  { name: 'all', type: 'bool' },
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'cascade', type: 'string', noOptDefault: 'background' },
  { name: 'grace-period', type: 'int' },
  { name: 'timeout', type: 'duration' },
  { name: 'wait', type: 'bool' },
  RECORD_FLAG,
];

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** Go's json.Marshal of the object plus the newline kubectl appends. */
function lastAppliedJson(object: KubeObject): string {
  return canonicalJson(object) + '\n';
}

/** util.GetModifiedConfiguration's manifest: always an annotations map, without last-applied in it (changes `object`). */
export function removeLastApplied(object: KubeObject): void {
  const annotations = { ...(object.metadata.annotations ?? {}) };
  delete annotations[LAST_APPLIED];
  object.metadata.annotations = annotations;
}

/** The live object's last-applied annotation and the configuration it holds (undefined when missing or not JSON). */
export function lastAppliedOf(live: KubeObject): { text: string | undefined; original: unknown } {
  const text = live.metadata.annotations?.[LAST_APPLIED];
  try {
    return { text, original: text ? JSON.parse(text) : undefined };
  } catch {
    return { text, original: undefined };
  }
}

/** get.ts still imports the mapper's error from here; resource-resolver.ts holds it. */
export { mappingNotFound } from '../resource-resolver.js';

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

/** The manifests `-f` or `-k` name, read and checked; FilenameOptions' error when neither is given. */
export function loadManifests(inv: Invocation): Manifest[] {
  const files = inv.flags.strings('filename');
  const kustomization = inv.flags.string('kustomize');
  if (kustomization && files.length > 0) throw new KubectlError('error: only one of -f or -k can be specified\n');
  if (kustomization) return kustomizeManifests(inv, kustomization);
  if (files.length === 0) {
    throw new KubectlError('error: must specify one of -f and -k\n');
  }
  const read = readManifests(files, filesystemOf(inv), inv.ctx.stdin, (p) => inv.ctx.shell.resolvePath(p), inv.env.readUrl);
  if (!read.ok) throw new KubectlError(`error: ${read.error}\n`);
  for (const m of read.manifests) {
    const problem = validateManifest(m);
    if (problem) throw new KubectlError(`error: ${problem}\n`);
  }
  return read.manifests;
}

/** The object as kubectl's errors describe it: its GroupVersionResource and GroupVersionKind, name and namespace. */
function objectInfo(resource: DiscoveredResource, name: string, namespace: string | undefined): string {
  const groupVersion = `${resource.group}/${resource.version}`;
  return `Resource: "${groupVersion}, Resource=${resource.name}", GroupVersionKind: "${groupVersion}, Kind=${resource.kind}"\nName: "${name}", Namespace: "${namespace ?? ''}"`;
}

export async function runApply(inv: Invocation): Promise<number> {
  if (inv.flags.positional.length > 0) {
    throw inv.usageError(`Unexpected args: [${inv.flags.positional.join(' ')}]`);
  }
  const dryRun = dryRunOf(inv);
  const suffix = dryRunSuffix(dryRun);
  const fieldValidation = fieldValidationOf(inv);
  validateApplyFlags(inv, dryRun);
  const manifests = loadManifests(inv);
  const client = inv.client();
  const discovery = client.discovery();
  let status = 0;
  for (const { object, source } of manifests) {
    const resource = resourceOfKind(object, discovery);
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
      inv.err(`error: error when retrieving current configuration of:\n${objectInfo(resource, name, ns)}\nfrom server for: "${source}": resource name may not be empty\n`);
      status = 1;
      continue;
    }
    recordChangeCause(inv, modified);
    if (inv.flags.bool('server-side')) {
      const label = `${typeName(resource)}/${name}`;
      status = serverSideApplyOne(inv, { client, ref: resourceRef(resource), namespace: ns, name, label, object: modified, fieldValidation, dryRun }) || status;
      continue;
    }
    // The last-applied annotation records the manifest itself (with an annotations map, minus itself).
    removeLastApplied(modified);
    modified.metadata.annotations = { ...modified.metadata.annotations, [LAST_APPLIED]: lastAppliedJson(modified) };
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
      if (dryRun === 'client') {
        inv.out(`${label} created${suffix}\n`);
        continue;
      }
      const created = client.create(resourceRef(resource), ns, modified, query);
      if (!created.ok) {
        inv.err(formatStatusError(withSource(created.status, 'creating', source)));
        status = 1;
        continue;
      }
      inv.out(`${label} created${suffix}\n`);
      continue;
    }
    const live = current.value;
    const { text: originalText, original } = lastAppliedOf(live);
    if (!originalText) {
      inv.err(
        `Warning: resource ${resource.name}/${name} is missing the ${LAST_APPLIED} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n`,
      );
    }
    const patch = threeWayPatch(original, modified, live);
    if (Object.keys(patch).length === 0) {
      inv.out(`${label} unchanged${suffix}\n`);
      continue;
    }
    if (dryRun === 'client') {
      inv.out(`${label} configured${suffix}\n`);
      continue;
    }
    const patched = client.patch(resourceRef(resource), ns, name, 'strategic', patch, { query });
    if (!patched.ok) {
      if (patched.status.reason === 'Invalid') {
        inv.err(formatStatusError(patched.status));
      } else {
        inv.err(
          `Error from server (${patched.status.reason ?? 'InternalError'}): error when applying patch:\n${JSON.stringify(patch)}\nto:\n${objectInfo(resource, name, ns)}\nfor: "${source}": error when patching "${source}": ${patched.status.message ?? ''}\n`,
        );
      }
      status = 1;
      continue;
    }
    inv.out(`${label} configured${suffix}\n`);
  }
  return status;
}
