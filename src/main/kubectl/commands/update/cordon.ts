/**
 * `kubectl cordon` and `kubectl uncordon` (drain.go's RunCordonOrUncordon): the nodes named or
 * selected get `spec.unschedulable` set or cleared by a strategic merge patch, printed as
 * `node/x cordoned`, `already cordoned`, `uncordoned` or `already uncordoned`. Drain cordons first.
 */
import type { Node } from '../../../../shared/api/core.js';
import type { ApiClient } from '../../../cluster/client/api-client.js';
import { NODES } from '../../../cluster/client/resources.js';
import type { KubectlCommand } from '../../command.js';
import { KubectlError, formatStatusError } from '../../errors.js';
import type { FlagSpec } from '../../flags.js';
import type { Invocation } from '../../invocation.js';
import { DRY_RUN_FLAG, type DryRun, dryRunOf, dryRunQuery, printObjects } from '../../print-flags.js';
import { createMergePatch } from './merge-diff.js';

/** cordon/uncordon print only `node/x cordoned`: no `-o` (drain adds its own flags to these). */
export const CORDON_FLAGS: FlagSpec[] = [DRY_RUN_FLAG, { name: 'selector', short: 'l', type: 'string' }];

/** DrainCmdOptions.Complete: the nodes named (or selected), fetched; a usage error without any. */
export function resolveNodes(inv: Invocation, client: ApiClient, use: string): Node[] {
  const args = inv.flags.positional;
  const selector = inv.flags.string('selector');
  if (args.length === 0 && !inv.flags.has('selector')) throw inv.usageError(`USAGE: ${use} [flags]`);
  if (args.length > 0 && selector) throw inv.usageError('error: cannot specify both a node name and a --selector option');
  if (args.length === 0) {
    const listed = client.list<Node>(NODES, undefined, { labelSelector: selector || undefined });
    if (!listed.ok) throw new KubectlError(formatStatusError(listed.status));
    return listed.value.items.map((n) => ({ ...n, apiVersion: 'v1', kind: 'Node' }));
  }
  const nodes: Node[] = [];
  for (const name of args) {
    const got = client.get<Node>(NODES, undefined, name);
    if (!got.ok) throw new KubectlError(formatStatusError(got.status));
    nodes.push(got.value);
  }
  return nodes;
}

/** Set each node's schedulability as wanted; errors are printed and do not stop the others. */
export function cordonNodes(inv: Invocation, client: ApiClient, nodes: Node[], cordon: boolean, dryRun: DryRun): void {
  const verb = cordon ? 'cordon' : 'uncordon';
  for (const node of nodes) {
    const name = node.metadata.name ?? '';
    if ((node.spec?.unschedulable ?? false) === cordon) {
      printObjects(inv, [node], `already ${verb}ed`, dryRun);
      continue;
    }
    if (dryRun !== 'client') {
      const next = structuredClone(node);
      next.spec ??= {};
      if (cordon) next.spec.unschedulable = true;
      else delete next.spec.unschedulable;
      const patched = client.patch(NODES, undefined, name, 'strategic', createMergePatch(node, next), { query: dryRunQuery(dryRun) });
      if (!patched.ok) {
        inv.err(`error: unable to ${verb} node ${JSON.stringify(name)}: ${patched.status.message ?? ''}\n`);
        continue;
      }
    }
    printObjects(inv, [node], `${verb}ed`, dryRun);
  }
}

function cordonCommand(cordon: boolean): KubectlCommand {
  return {
    flags: CORDON_FLAGS,
    run: async (inv) => {
      const client = inv.client();
      const nodes = resolveNodes(inv, client, `${cordon ? 'cordon' : 'uncordon'} NODE`);
      cordonNodes(inv, client, nodes, cordon, dryRunOf(inv));
      return 0;
    },
  };
}

export const CORDON_COMMAND = cordonCommand(true);
export const UNCORDON_COMMAND = cordonCommand(false);
