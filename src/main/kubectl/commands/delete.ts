/**
 * `kubectl delete`: by type and name, `type/name`, `-f`, `-l` or `--all`; graceful by default and
 * waiting until the objects are gone (`--wait`), `--grace-period`, `--now` and `--force`.
 */
import { type KubeObject, isStatus } from '../../../shared/api/meta.js';
import type { DeleteOptions } from '../../cluster/apiserver/types.js';
import { KubectlError, formatStatusError } from '../errors.js';
import type { FlagSpec } from '../flags.js';
import type { Invocation } from '../invocation.js';
import { DRY_RUN_FLAG, dryRunOf, dryRunSuffix } from '../print-flags.js';
import { manifestResource, resourceRef, typeName } from '../resource-resolver.js';
import { hasManifestSources, loadManifests } from './apply.js';
import { runRawDelete } from './delete-raw.js';
import { parseResourceArgs } from './get.js';

export const DELETE_FLAGS: FlagSpec[] = [
  { name: 'filename', short: 'f', type: 'stringArray' },
  { name: 'kustomize', short: 'k', type: 'string' },
  { name: 'recursive', short: 'R', type: 'bool' },
  { name: 'all', type: 'bool' },
  { name: 'all-namespaces', short: 'A', type: 'bool' },
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'field-selector', type: 'string' },
  { name: 'grace-period', type: 'int' },
  { name: 'now', type: 'bool' },
  { name: 'force', type: 'bool' },
  { name: 'wait', type: 'bool' },
  { name: 'timeout', type: 'duration' },
  { name: 'ignore-not-found', type: 'bool' },
  { name: 'output', short: 'o', type: 'string' },
  { name: 'cascade', type: 'string', noOptDefault: 'background' },
  DRY_RUN_FLAG,
  { name: 'interactive', short: 'i', type: 'bool' },
  { name: 'raw', type: 'string' },
];

interface Target {
  ref: { group: string; version: string; resource: string };
  label: string;
  namespace: string | undefined;
  name: string;
}

export async function runDelete(inv: Invocation): Promise<number> {
  if (inv.flags.string('raw')) return runRawDelete(inv);
  const args = inv.flags.positional;
  const hasFiles = hasManifestSources(inv);
  if (args.length === 0 && !hasFiles) {
    throw new KubectlError(
      "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n",
    );
  }
  const force = inv.flags.bool('force');
  let grace = inv.flags.has('grace-period') ? inv.flags.number('grace-period', -1) : -1;
  if (inv.flags.bool('now')) {
    if (grace !== -1) throw new KubectlError('error: --now and --grace-period cannot be specified together\n');
    grace = 1;
  }
  // --grace-period=0 means 1 unless --force: kubectl guards against accidental immediate deletion.
  if (grace === 0 && !force) grace = 1;
  if (force && grace === -1) grace = 0;
  const dryRun = dryRunOf(inv);
  if (inv.flags.bool('all') && inv.flags.string('selector')) throw new KubectlError('error: cannot set --all and --selector at the same time\n');
  if (inv.flags.bool('all') && inv.flags.string('field-selector')) {
    throw new KubectlError('error: cannot set --all and --field-selector at the same time\n');
  }
  const output = inv.flags.string('output');
  if (output && output !== 'name') throw new KubectlError(`error: unexpected -o output mode: ${output}. We only support '-o name'\n`);
  if (force && grace > 0) throw new KubectlError('error: --force and --grace-period greater than 0 cannot be specified together\n');
  if (force && grace === 0) {
    inv.err(
      'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n',
    );
  }
  const client = inv.client();
  const targets: Target[] = [];
  const errors: string[] = [];
  const ignoreNotFound = inv.flags.bool('ignore-not-found');
  if (hasFiles) {
    const discovery = client.discovery();
    for (const { object, source } of loadManifests(inv)) {
      const resource = manifestResource(object, source, discovery);
      targets.push({
        ref: resourceRef(resource),
        label: typeName(resource),
        namespace: resource.namespaced ? (object.metadata?.namespace ?? inv.namespace) : undefined,
        name: object.metadata?.name ?? '',
      });
    }
  } else {
    const requests = parseResourceArgs(inv, client, args);
    const selector = inv.flags.string('selector');
    const fieldSelector = inv.flags.string('field-selector');
    const all = inv.flags.bool('all');
    for (const req of requests) {
      const ns = req.resource.namespaced ? (inv.flags.bool('all-namespaces') ? undefined : inv.namespace) : undefined;
      if (req.names.length === 0) {
        if (!all && !selector && !fieldSelector) {
          throw new KubectlError('error: resource(s) were provided, but no name was specified\n');
        }
        const listed = client.list(resourceRef(req.resource), ns, {
          labelSelector: selector || undefined,
          fieldSelector: fieldSelector || undefined,
        });
        if (!listed.ok) throw new KubectlError(formatStatusError(listed.status));
        for (const item of listed.value.items) {
          targets.push({ ref: resourceRef(req.resource), label: typeName(req.resource), namespace: item.metadata.namespace, name: item.metadata.name ?? '' });
        }
      } else {
        for (const name of req.names) targets.push({ ref: resourceRef(req.resource), label: typeName(req.resource), namespace: ns, name });
      }
    }
  }
  if (targets.length === 0) {
    // DeleteResult: nothing matched the selector or --all, said once and on stdout.
    inv.out('No resources found\n');
    return 0;
  }
  const options: DeleteOptions = {};
  if (grace >= 0) options.gracePeriodSeconds = grace;
  const cascade = inv.flags.string('cascade', 'background');
  options.propagationPolicy = cascade === 'orphan' ? 'Orphan' : cascade === 'foreground' ? 'Foreground' : 'Background';
  // A client dry run only prints (even for names that do not exist); a server dry run asks first.
  const clientDryRun = dryRun === 'client';
  if (dryRun === 'server') options.dryRun = ['All'];
  const operation = `${force && grace === 0 ? 'force deleted' : 'deleted'}${dryRunSuffix(dryRun)}`;
  const deleted: Array<{ target: Target; uid: string | undefined }> = [];
  for (const target of targets) {
    if (!clientDryRun) {
      const result = client.delete(target.ref, target.namespace, target.name, options);
      if (!result.ok) {
        if (!(ignoreNotFound && result.status.code === 404)) errors.push(formatStatusError(result.status));
        continue;
      }
      // The uid to wait on: a Status names it in its details (most kinds), else the object has it.
      const answer = result.value as KubeObject;
      deleted.push({ target, uid: isStatus(answer) ? answer.details?.uid : answer.metadata?.uid });
    }
    inv.out(output === 'name' ? `${target.label}/${target.name}\n` : `${target.label} "${target.name}" ${operation}\n`);
  }
  for (const e of errors) inv.err(e);
  const wait = dryRun !== 'server' && (inv.flags.has('wait') ? inv.flags.bool('wait') : true);
  if (wait && deleted.length > 0) {
    const timeout = inv.flags.has('timeout') && inv.flags.number('timeout', 0) > 0 ? inv.flags.number('timeout', 0) : 7 * 24 * 3_600_000;
    const gone = (): boolean =>
      deleted.every(({ target, uid }) => {
        const got = client.get(target.ref, target.namespace, target.name);
        return !got.ok || got.value.metadata.uid !== uid;
      });
    const done = await inv.env.waitUntil(gone, timeout, inv.ctx.signal);
    if (!done && !inv.ctx.signal.aborted) {
      inv.err(`error: timed out waiting for the condition on ${deleted.map((d) => `${d.target.ref.resource}/${d.target.name}`).join(', ')}\n`);
      return 1;
    }
  }
  return errors.length > 0 ? 1 : 0;
}
