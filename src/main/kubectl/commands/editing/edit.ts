/**
 * `kubectl edit`: the objects as YAML (or JSON) under kubectl's header comment in a temp file,
 * opened in `$KUBE_EDITOR`, `$EDITOR` or vi (the workspace editor); on save the two-way patch
 * kubectl computes is sent (strategic merge for built-in types, JSON merge for custom ones) and
 * `TYPE/NAME edited` printed. A rejected edit reopens the file with the server's reasons as
 * comments; an unchanged one is cancelled, as editoptions.go does.
 */
import type { KubeObject, Status } from '../../../../shared/api/meta.js';
import { launchEditor } from '../../../shell/editor-launch.js';
import { threeWayPatch } from '../../apply-patch.js';
import { recordChangeCause } from '../../change-cause.js';
import type { KubectlCommand } from '../../command.js';
import { KubectlError } from '../../errors.js';
import { type FlagSpec, RECORD_FLAG } from '../../flags.js';
import type { Invocation } from '../../invocation.js';
import { parseManifestText } from '../../manifests.js';
import { omitManagedFields, printObjects } from '../../print-flags.js';
import { toYaml } from '../../printers/yaml-printer.js';
import { resourceRef } from '../../resource-resolver.js';
import { isEmptyPatch } from '../deploy/two-way-patch.js';
import { findTargets, groupResource, requireResources, type Target } from '../deploy/targets.js';

export const EDIT_FLAGS: FlagSpec[] = [
  { name: 'filename', short: 'f', type: 'stringArray' },
  { name: 'kustomize', short: 'k', type: 'string' },
  { name: 'recursive', short: 'R', type: 'bool' },
  { name: 'output', short: 'o', type: 'string' },
  { name: 'output-patch', type: 'bool' },
  { name: 'save-config', type: 'bool' },
  { name: 'show-managed-fields', type: 'bool' },
  { name: 'subresource', type: 'string' },
  { name: 'template', type: 'string' },
  { name: 'validate', type: 'string', noOptDefault: 'strict' },
  { name: 'windows-line-endings', type: 'bool' },
  { name: 'allow-missing-template-keys', type: 'bool' },
  { name: 'field-manager', type: 'string' },
  RECORD_FLAG,
];

const HEADER = `# Please edit the object below. Lines beginning with a '#' will be ignored,
# and an empty file will abort the edit. If an error occurs while saving this file will be
# reopened with the relevant failures.
#
`;

/** Groups of the types compiled into kubectl's scheme: their objects get strategic merge patches. */
const BUILT_IN_GROUPS = new Set([
  '', 'apps', 'batch', 'autoscaling', 'policy', 'networking.k8s.io', 'rbac.authorization.k8s.io', 'storage.k8s.io', 'coordination.k8s.io', 'discovery.k8s.io',
  'apiextensions.k8s.io', 'admissionregistration.k8s.io', 'certificates.k8s.io', 'scheduling.k8s.io', 'node.k8s.io', 'events.k8s.io', 'flowcontrol.apiserver.k8s.io',
  'apiregistration.k8s.io', 'authentication.k8s.io', 'authorization.k8s.io', 'resource.k8s.io', 'storagemigration.k8s.io',
]);

interface EditReason {
  head: string;
  other: string[];
}

/** cmdutil.StripComments: lines whose first non-blank character is `#` (not `#!`) go. */
function stripComments(text: string): string {
  return text
    .split('\n')
    .filter((line) => {
      const trimmed = line.trim();
      return !(trimmed.startsWith('#') && !trimmed.startsWith('#!'));
    })
    .join('\n');
}

/** cmdutil.ManualStrip: drop the comment lines, keep the rest. */
function manualStrip(text: string): string {
  return text
    .split('\n')
    .filter((line) => !line.trim().startsWith('#'))
    .join('\n');
}

function hasLines(text: string): boolean {
  return text.split('\n').some((line) => line.trim() !== '' && !line.trim().startsWith('#'));
}

function hashOnLineBreak(text: string): string {
  return text.replace(/\n(?!#)/g, '\n# ');
}

function header(reasons: readonly EditReason[]): string {
  let text = HEADER;
  for (const reason of reasons) {
    text += reason.other.length > 0 ? `# ${hashOnLineBreak(reason.head)}:\n` : `# ${hashOnLineBreak(reason.head)}\n`;
    for (const other of reason.other) text += `# * ${hashOnLineBreak(other)}\n`;
    text += '#\n';
  }
  return text;
}

/**
 * The temp file editor.LaunchTempFile makes with os.CreateTemp: `kubectl-edit-<random uint32>.yaml`
 * in /tmp, a new name for every reopening. The number comes from the lab's seeded stream.
 */
function tempPath(inv: Invocation, extension: string, attempt: number): string {
  const random = inv.env.random ? inv.env.random.int(0, 4294967295) : (Math.imul(Math.floor(inv.env.now() / 1000) ^ 0x5bd1e995, 2654435761) + Math.imul(attempt + 1, 40503)) >>> 0;
  return `/tmp/kubectl-edit-${random}${extension}`;
}

async function runEdit(inv: Invocation): Promise<number> {
  const args = inv.flags.positional;
  requireResources(inv, args);
  const output = inv.flags.string('output');
  if (output && output !== 'yaml' && output !== 'json') throw new KubectlError(`error: the flag 'output' must be one of yaml|json\n`);
  const targets = findTargets(inv, args, { allowEmptySelector: true });
  if (targets.length === 0) throw new KubectlError('error: edit cancelled, no objects found\n');
  const json = output === 'json';
  const extension = json ? '.json' : '.yaml';
  const showManaged = inv.flags.bool('show-managed-fields');
  const originals = targets.map((t) => (showManaged ? t.object : omitManagedFields(t.object)));
  const shown: KubeObject = originals.length === 1 ? originals[0]! : ({ apiVersion: 'v1', kind: 'List', metadata: {}, items: originals } as unknown as KubeObject);
  const render = (value: unknown): string => (json ? JSON.stringify(value, null, 4) + '\n' : toYaml(value));
  const editorName = inv.ctx.shell.env.get('KUBE_EDITOR') || inv.ctx.shell.env.get('EDITOR') || 'vi';
  const fs = inv.ctx.shell.host.fs;

  let reasons: EditReason[] = [];
  let containsError = false;
  let original = '';
  let edited = '';
  let file = '';
  let previousFile = '';
  const preserved = (message: string): number => {
    if (file !== '' && fs.exists(file)) inv.err(`A copy of your changes has been stored to ${JSON.stringify(file)}\n`);
    inv.err(message);
    return 1;
  };
  for (let attempt = 0; ; attempt++) {
    let buffer = header(reasons);
    if (!containsError) {
      buffer += render(shown);
      original = buffer;
    } else {
      buffer += manualStrip(edited);
    }
    const editedBefore = edited;
    file = tempPath(inv, extension, attempt);
    fs.writeFile(file, buffer);
    const outcome = await launchEditor(inv.ctx, editorName.split(/\s+/)[0]!.split('/').pop()!, file);
    if (outcome.kind === 'interrupted') return 130;
    if (outcome.kind === 'unavailable') {
      fs.rm(file);
      file = previousFile;
      return preserved(`error: there was a problem with the editor ${JSON.stringify(editorName)}\n`);
    }
    edited = fs.exists(file) ? fs.readFile(file) : '';
    if (containsError && stripComments(editedBefore) === stripComments(edited)) return preserved('error: Edit cancelled, no valid changes were saved.\n');
    if (previousFile !== '' && fs.exists(previousFile)) fs.rm(previousFile);
    previousFile = file;
    if (stripComments(original) === stripComments(edited)) {
      fs.rm(file);
      inv.err('Edit cancelled, no changes made.\n');
      return 0;
    }
    if (!hasLines(edited)) {
      fs.rm(file);
      inv.err('Edit cancelled, saved file was empty.\n');
      return 0;
    }
    reasons = [];
    const parsed = parseManifestText(stripComments(edited), 'edited-file');
    if (!parsed.ok) {
      containsError = true;
      reasons.push({ head: `The edited file had a syntax error: ${parsed.error.replace(/^error parsing edited-file: /, '')}`, other: [] });
      continue;
    }
    const result = patchEdited(inv, targets, parsed.manifests.map((m) => m.object), reasons);
    if (typeof result === 'string') return preserved(result);
    if (result.retryable > 0) {
      inv.err(`You can run \`kubectl replace -f ${file}\` to try this update again.\n`);
      return 1;
    }
    if (result.notfound > 0) {
      inv.err(`The edits you made on deleted resources have been saved to ${JSON.stringify(file)}\n`);
      return 1;
    }
    if (result.invalid === 0) {
      fs.rm(file);
      return 0;
    }
    // Rejected as invalid: reopen what the learner wrote under the server's reasons.
    containsError = true;
  }
}

interface PatchResults {
  invalid: number;
  notfound: number;
  retryable: number;
}

/** visitToPatch: each edited object against its original (matched by UID), one PATCH each. */
function patchEdited(inv: Invocation, targets: readonly Target[], editedObjects: readonly KubeObject[], reasons: EditReason[]): PatchResults | string {
  const results: PatchResults = { invalid: 0, notfound: 0, retryable: 0 };
  const fieldManager = inv.flags.string('field-manager', 'kubectl-edit');
  for (const editedObject of editedObjects) {
    const target = targets.find((t) => t.object.metadata?.uid !== undefined && t.object.metadata.uid === editedObject.metadata?.uid);
    if (!target) return `error: no original object found for ${JSON.stringify(editedObject)}\n`;
    const original = omitManagedFields(target.object);
    const changed =
      editedObject.apiVersion !== original.apiVersion || editedObject.kind !== original.kind || editedObject.metadata?.name !== original.metadata?.name;
    if (changed) return 'error: At least one of apiVersion, kind and name was changed\n';
    // visitAnnotation: `--record` writes the command line into the edited object before the diff.
    recordChangeCause(inv, editedObject);
    const patch = threeWayPatch(original, editedObject, original);
    if (isEmptyPatch(patch)) {
      printObjects(inv, [target.object], 'skipped');
      continue;
    }
    const patchType = BUILT_IN_GROUPS.has(target.resource.group) ? 'strategic' : 'merge';
    if (inv.flags.bool('output-patch')) inv.out(`Patch: ${JSON.stringify(patch)}\n`);
    const patched = inv.client().patch(resourceRef(target.resource), target.namespace, target.name, patchType, patch, { query: fieldManager ? { fieldManager } : {} });
    if (patched.ok) {
      printObjects(inv, [patched.value], 'edited');
      continue;
    }
    inv.err(addError(patched.status, target, reasons, results) + '\n');
  }
  return results;
}

function addError(status: Status, target: Target, reasons: EditReason[], results: PatchResults): string {
  const resource = groupResource(target.resource);
  if (status.reason === 'Invalid') {
    results.invalid++;
    reasons.push({ head: `${resource} ${JSON.stringify(target.name)} was not valid`, other: (status.details?.causes ?? []).map((c) => `${c.field ?? ''}: ${c.message ?? ''}`) });
    return `error: ${resource} ${JSON.stringify(target.name)} is invalid`;
  }
  if (status.reason === 'NotFound') {
    results.notfound++;
    return `error: ${resource} ${JSON.stringify(target.name)} could not be found on the server`;
  }
  results.retryable++;
  return `error: ${resource} ${JSON.stringify(target.name)} could not be patched: ${status.message ?? ''}`;
}

export const EDIT_COMMAND: KubectlCommand = { flags: EDIT_FLAGS, run: runEdit };
