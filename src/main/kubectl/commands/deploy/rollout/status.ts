/**
 * `kubectl rollout status`: list the object by name, then watch it, printing the status viewer's
 * line for every event until the rollout is done (or at once with `--watch=false`), the
 * `--timeout` passes on the lab clock, or Ctrl+C.
 */
import type { KubeObject } from '../../../../../shared/api/meta.js';
import { isStatus } from '../../../../../shared/api/meta.js';
import { KubectlError, formatStatusError } from '../../../errors.js';
import type { Invocation } from '../../../invocation.js';
import { resourceRef } from '../../../resource-resolver.js';
import type { Subcommand } from '../../../command-group.js';
import { TARGET_FLAGS, type Target, findTargets } from '../targets.js';
import { type RolloutStatus, statusViewerFor } from './status-viewers.js';

/** `--timeout=0`: never give up (a week of lab time stands in for forever). */
const FOREVER_MS = 7 * 24 * 3_600_000;

export const ROLLOUT_STATUS: Subcommand = {
  flags: [
    ...TARGET_FLAGS,
    { name: 'watch', short: 'w', type: 'bool' },
    { name: 'revision', type: 'int' },
    { name: 'timeout', type: 'duration' },
  ],
  run: async (inv, args) => {
    if (args.length === 0 && inv.flags.strings('filename').length === 0) throw new KubectlError('error: required resource not specified\n');
    const revision = inv.flags.number('revision', 0);
    if (revision < 0) throw new KubectlError(`error: revision must be a positive integer: ${revision}\n`);
    const targets = findTargets(inv, args, { allowEmptySelector: true });
    if (targets.length === 0) {
      inv.err(`No resources found in ${inv.namespace} namespace.\n`);
      return 0;
    }
    for (const target of targets) {
      const viewer = statusViewerFor(target.resource.group, target.resource.kind);
      if (typeof viewer === 'string') throw new KubectlError(`error: ${viewer}\n`);
      const result = await watchRollout(inv, target, (object) => viewer(object, revision));
      if (result !== 0) return result;
    }
    return 0;
  },
};

/** watchtools.UntilWithSync over a list+watch of the one object, printing each status. */
async function watchRollout(inv: Invocation, target: Target, view: (object: KubeObject) => RolloutStatus): Promise<number> {
  const client = inv.client();
  const ref = resourceRef(target.resource);
  const query = { fieldSelector: `metadata.name=${target.name}` };
  const watching = inv.flags.bool('watch', true);
  let finished = false;
  let failure: string | undefined;
  /** The condition function: print the status, and say whether to stop. */
  const onObject = (object: KubeObject): void => {
    const status = view(object);
    if (!status.ok) {
      failure = `error: ${status.error}\n`;
      finished = true;
      return;
    }
    inv.out(status.message);
    if (status.done || !watching) finished = true;
  };
  const listed = client.list(ref, target.namespace, query);
  if (!listed.ok) throw new KubectlError(formatStatusError(listed.status));
  for (const item of listed.value.items) if (!finished) onObject(item);
  if (finished) return report(inv, failure);
  const watch = client.watch(ref, target.namespace, { ...query, resourceVersion: listed.value.metadata.resourceVersion }, (event) => {
    if (finished) return;
    if (event.type === 'ADDED' || event.type === 'MODIFIED') {
      if (!isStatus(event.object)) onObject(event.object);
    } else if (event.type === 'DELETED') {
      failure = 'error: object has been deleted\n';
      finished = true;
    }
  });
  if (!watch.ok) throw new KubectlError(formatStatusError(watch.status));
  const timeout = inv.flags.number('timeout', 0);
  try {
    const done = await inv.env.waitUntil(() => finished, timeout > 0 ? timeout : FOREVER_MS, inv.ctx.signal);
    if (!done) {
      // Ctrl+C: kubectl's interrupt handler exits 1 without a word.
      if (inv.ctx.signal.aborted) return 1;
      return report(inv, 'error: timed out waiting for the condition\n');
    }
  } finally {
    watch.value.dispose();
  }
  return report(inv, failure);
}

function report(inv: Invocation, failure: string | undefined): number {
  if (failure === undefined) return 0;
  inv.err(failure);
  return 1;
}
