/**
 * `kubectl create -f FILE|DIR|-`: each manifest POSTed as it is (namespaced ones into their own or
 * the current namespace), printed as `pod/x created`; failures collected and reported at the end
 * as the resource builder's ContinueOnError does, with the file they came from.
 */
import { canonicalJson } from '../../../base/canonical-json.js';
import type { KubeObject } from '../../../../shared/api/meta.js';
import { recordChangeCause } from '../../change-cause.js';
import { KubectlError, formatStatusError, withSource } from '../../errors.js';
import { type FlagSpec, RECORD_FLAG } from '../../flags.js';
import type { Invocation } from '../../invocation.js';
import { DRY_RUN_FLAG, PRINT_FLAGS, dryRunOf, dryRunQuery, printObjects, validateOutputFormat } from '../../print-flags.js';
import { mappingNotFound, resourceOfKind, resourceRef } from '../../resource-resolver.js';
import { LAST_APPLIED, fieldValidationOf, loadManifests } from '../apply.js';

export const CREATE_FILE_FLAGS: FlagSpec[] = [
  ...PRINT_FLAGS,
  DRY_RUN_FLAG,
  { name: 'filename', short: 'f', type: 'stringArray' },
  { name: 'kustomize', short: 'k', type: 'string' },
  { name: 'recursive', short: 'R', type: 'bool' },
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'save-config', type: 'bool' },
  { name: 'validate', type: 'string', noOptDefault: 'strict' },
  { name: 'field-manager', type: 'string' },
  { name: 'edit', type: 'bool' },
  { name: 'raw', type: 'string' },
  { name: 'windows-line-endings', type: 'bool' },
  RECORD_FLAG,
];

export async function runCreateFromFiles(inv: Invocation): Promise<number> {
  if (inv.flags.positional.length > 0) throw inv.usageError(`Unexpected args: [${inv.flags.positional.join(' ')}]`);
  const dryRun = dryRunOf(inv);
  validateOutputFormat(inv);
  if (inv.flags.strings('filename').length === 0) throw new KubectlError('error: must specify one of -f and -k\n');
  const fieldValidation = fieldValidationOf(inv);
  const manifests = loadManifests(inv);
  const client = inv.client();
  const discovery = client.discovery();
  const flagNamespace = inv.flags.string('namespace');
  const fieldManager = inv.flags.has('field-manager') ? inv.flags.string('field-manager') : 'kubectl-create';
  const failures: string[] = [];
  let count = 0;
  for (const { object, source } of manifests) {
    const resource = resourceOfKind(object, discovery);
    if (!resource) {
      failures.push(`error: ${mappingNotFound(object, source)}\n`);
      continue;
    }
    const sent: KubeObject = structuredClone(object);
    sent.metadata ??= {};
    if (resource.namespaced) {
      const own = sent.metadata.namespace;
      if (own && flagNamespace && own !== flagNamespace) {
        throw new KubectlError(
          `error: the namespace from the provided object "${own}" does not match the namespace "${flagNamespace}". You must pass '--namespace=${own}' to perform this operation.\n`,
        );
      }
      sent.metadata.namespace = own || inv.namespace;
    }
    if (inv.flags.bool('save-config')) {
      const annotations = { ...(sent.metadata.annotations ?? {}) };
      delete annotations[LAST_APPLIED];
      sent.metadata.annotations = annotations;
      sent.metadata.annotations = { ...annotations, [LAST_APPLIED]: `${canonicalJson(sent)}\n` };
    }
    recordChangeCause(inv, sent);
    if (dryRun === 'client') {
      count++;
      printObjects(inv, [sent], 'created', dryRun);
      continue;
    }
    const namespace = resource.namespaced ? sent.metadata.namespace : undefined;
    const created = client.create(resourceRef(resource), namespace, sent, { ...dryRunQuery(dryRun), ...(fieldManager ? { fieldManager } : {}), fieldValidation });
    if (!created.ok) {
      failures.push(formatStatusError(withSource(created.status, 'creating', source)));
      continue;
    }
    count++;
    printObjects(inv, [created.value], 'created', dryRun);
  }
  if (failures.length > 0) {
    inv.err(failures.join(''));
    return 1;
  }
  if (count === 0) throw new KubectlError('error: no objects passed to create\n');
  return 0;
}
