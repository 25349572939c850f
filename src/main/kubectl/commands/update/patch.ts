/**
 * `kubectl patch TYPE NAME -p PATCH` (or `--patch-file`, `-f`): the object is fetched, the patch
 * (YAML or JSON) sent with its type — strategic by default, `merge` or `json` — optionally to the
 * `status` or `scale` subresource, and the result printed as `patched` or `patched (no change)`.
 */
import { parse as parseYaml } from 'yaml';
import type { KubeObject } from '../../../../shared/api/meta.js';
import type { KubectlCommand } from '../../command.js';
import { patchChangeCause } from '../../change-cause.js';
import { KubectlError } from '../../errors.js';
import { type FlagSpec, RECORD_FLAG } from '../../flags.js';
import type { Invocation } from '../../invocation.js';
import { DRY_RUN_FLAG, PRINT_FLAGS, dryRunOf, dryRunQuery, printObjects, validateOutputFormat } from '../../print-flags.js';
import { applyPatch } from '../../../cluster/apiserver/patch/apply-patch.js';
import type { PatchType } from '../../../cluster/apiserver/types.js';
import { type VisitError, collectTargets, reportErrors } from './targets.js';

const PATCH_FLAGS: FlagSpec[] = [
  ...PRINT_FLAGS,
  DRY_RUN_FLAG,
  { name: 'patch', short: 'p', type: 'string' },
  { name: 'patch-file', type: 'string' },
  { name: 'type', type: 'string' },
  { name: 'subresource', type: 'string' },
  { name: 'filename', short: 'f', type: 'stringArray' },
  { name: 'recursive', short: 'R', type: 'bool' },
  { name: 'kustomize', short: 'k', type: 'string' },
  { name: 'local', type: 'bool' },
  { name: 'field-manager', type: 'string' },
  RECORD_FLAG,
];

const PATCH_TYPES: Record<string, Exclude<PatchType, 'apply'>> = { json: 'json', merge: 'merge', strategic: 'strategic' };
const MEDIA_TYPES: Record<string, string> = {
  json: 'application/json-patch+json',
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
};

/** yaml.ToJSON: the patch text as JSON (YAML is accepted too). */
function parsePatch(inv: Invocation, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    try {
      return parseYaml(text) as unknown;
    } catch (error) {
      throw new KubectlError(`error: unable to parse ${JSON.stringify(inv.flags.string('patch'))}: ${(error as Error).message.split('\n')[0]}\n`);
    }
  }
}

function readPatch(inv: Invocation): unknown {
  const file = inv.flags.string('patch-file');
  if (!file) return parsePatch(inv, inv.flags.string('patch'));
  const fs = inv.ctx.shell.host.fs;
  const path = inv.ctx.shell.resolvePath(file);
  if (!fs.exists(path)) throw new KubectlError(`error: unable to read patch file: open ${file}: no such file or directory\n`);
  return parsePatch(inv, fs.readFile(path));
}

function sameObject(a: KubeObject, b: KubeObject): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

async function runPatch(inv: Invocation): Promise<number> {
  const dryRun = dryRunOf(inv);
  validateOutputFormat(inv);
  const patchText = inv.flags.string('patch');
  const patchFile = inv.flags.string('patch-file');
  if (patchText && patchFile) throw new KubectlError('error: cannot specify --patch and --patch-file together\n');
  if (!patchText && !patchFile) throw new KubectlError('error: must specify --patch or --patch-file containing the contents of the patch\n');
  if (inv.flags.bool('local')) throw new KubectlError('error: --local is not supported in this lab yet\n');
  const typeName = inv.flags.string('type');
  const patchType = typeName ? PATCH_TYPES[typeName.toLowerCase()] : 'strategic';
  if (!patchType) throw new KubectlError(`error: --type must be one of [json merge strategic], not ${JSON.stringify(typeName)}\n`);
  const subresource = inv.flags.string('subresource') || undefined;
  if (subresource && subresource !== 'status' && subresource !== 'scale') {
    throw inv.usageError(`invalid subresource value: "${subresource}". Must be one of [status scale]`);
  }
  const body = readPatch(inv);
  const args = inv.flags.positional;
  if (args.length === 0 && inv.flags.strings('filename').length === 0) {
    throw new KubectlError(
      "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n",
    );
  }
  const client = inv.client();
  const { targets, errors } = collectTargets(inv, client, args);
  const failures: VisitError[] = [...errors];
  for (const target of targets) {
    let live = target.object;
    if (subresource) {
      const got = client.request<KubeObject>({ verb: 'get', ...target.ref, subresource, namespace: target.namespace, name: target.name });
      if (!got.ok) {
        failures.push({ status: got.status });
        continue;
      }
      live = got.value;
    }
    if (dryRun === 'client') {
      // getPatchedJSON: the same patch applied locally (strategicpatch and jsonpatch are shared code).
      const local = applyPatch(structuredClone(live), patchType, body);
      if (!local.ok) {
        failures.push({ message: local.status.message ?? '' });
        continue;
      }
      const result = local.value as KubeObject;
      printObjects(inv, [result], sameObject(live, result) ? 'patched (no change)' : 'patched', dryRun);
      continue;
    }
    const fieldManager = inv.flags.string('field-manager') || 'kubectl-patch';
    const patched = client.patch(target.ref, target.namespace, target.name, patchType, body, {
      subresource,
      query: { fieldManager, ...dryRunQuery(dryRun) },
    });
    if (!patched.ok) {
      if (patched.status.code === 415) {
        const gvk = `${target.resource.group ? `${target.resource.group}/` : ''}${target.resource.version}, Kind=${target.resource.kind}`;
        failures.push({ message: `${MEDIA_TYPES[patchType]} is not supported by ${gvk}: ${patched.status.message ?? ''}` });
      } else {
        failures.push({ status: patched.status });
      }
      continue;
    }
    const didPatch = !sameObject(live, patched.value);
    const recorded = patchChangeCause(inv, target.ref, target.namespace, target.name, dryRunQuery(dryRun));
    printObjects(inv, [recorded ?? patched.value], didPatch ? 'patched' : 'patched (no change)', dryRun);
  }
  if (targets.length === 0 && errors.length === 0) failures.push({ message: 'no objects passed to patch' });
  return reportErrors(inv, failures);
}

export const PATCH_COMMAND: KubectlCommand = { flags: PATCH_FLAGS, run: runPatch };
