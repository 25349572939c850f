/**
 * `kubectl get -w` / `--watch-only` / `--output-watch-events`: print the current state (a list's
 * table, or one object), then a row or object per watch event as it arrives on the lab clock,
 * until Ctrl+C (status 1, as kubectl's interrupt handler exits) or `--request-timeout` ends the
 * watch (quietly, with status 0).
 */
import type { KubeObject, Table } from '../../../../shared/api/meta.js';
import { parseDuration } from '../../../base/duration.js';
import type { ApiClient } from '../../../cluster/client/api-client.js';
import type { WatchEventObject } from '../../../cluster/apiserver/types.js';
import { KubectlError, formatStatusError } from '../../errors.js';
import type { Invocation } from '../../invocation.js';
import { resourceRef } from '../../resource-resolver.js';
import { type GetTarget, genericPrinter, labelColumnsOf, selectorQuery, withoutManagedFields } from '../get.js';
import { pause } from '../troubleshooting/blocking.js';
import { HumanTablePrinter } from './table-printer.js';

/** `--request-timeout`: a duration (`30s`) or a number of seconds; 0 or unset waits forever. */
function requestTimeoutMs(inv: Invocation): number {
  const text = inv.flags.string('request-timeout');
  if (!text || text === '0') return 0;
  const ms = /^\d+$/.test(text) ? Number(text) * 1000 : parseDuration(text);
  if (ms === undefined) {
    throw new KubectlError('error: Invalid timeout value. Timeout must be a single integer in seconds, or an integer followed by a unit (e.g. 1s | 2m | 3h)\n');
  }
  return ms;
}

export async function runGetWatch(inv: Invocation, client: ApiClient, targets: GetTarget[], output: string): Promise<number> {
  if (inv.flags.positional[0]?.includes(',') && !inv.flags.positional[0].includes('/')) {
    throw new KubectlError('error: you may only specify a single resource type\n');
  }
  if (new Set(targets.map((t) => t.resource)).size > 1) {
    throw new KubectlError('error: watch is only supported on individual resources and resource collections - more than 1 resource was found\n');
  }
  const timeout = requestTimeoutMs(inv);
  const target = targets[0]!;
  const ref = resourceRef(target.resource);
  const human = output === '' || output === 'wide';
  const watchOnly = inv.flags.bool('watch-only');
  const withEvents = inv.flags.bool('output-watch-events');
  const query = selectorQuery(inv);
  const singleItem = target.names.length === 1;

  const table = human
    ? new HumanTablePrinter({
        wide: output === 'wide',
        withNamespace: inv.flags.bool('all-namespaces'),
        labelColumns: labelColumnsOf(inv),
        showLabels: inv.flags.bool('show-labels'),
        noHeaders: inv.flags.bool('no-headers'),
      })
    : undefined;
  const generic = human ? undefined : genericPrinter(inv, output);
  let yamlCount = 0;
  const print = (object: KubeObject | Table, type: string): void => {
    if (table) {
      inv.out(table.print(object as Table, withEvents ? type : undefined));
      return;
    }
    const shown = withoutManagedFields(inv, object as KubeObject);
    // The YAML printer separates the documents it prints.
    if (output === 'yaml' && yamlCount++ > 0) inv.out('---\n');
    inv.out(generic!(withEvents ? { object: shown, type } : shown));
  };

  // The current state: the list (its resourceVersion starts the watch) or the named objects.
  const current: Array<KubeObject | Table> = [];
  let resourceVersion: string | undefined;
  if (target.names.length > 0) {
    for (const name of target.names) {
      const got = human
        ? client.request<Table>({ verb: 'get', ...ref, namespace: target.namespace, name, query: { asTable: true } })
        : client.get(ref, target.namespace, name);
      if (!got.ok) throw new KubectlError(formatStatusError(got.status));
      current.push(got.value);
    }
  } else {
    const listed = human ? client.listTable(ref, target.namespace, query) : client.list(ref, target.namespace, query);
    if (!listed.ok) throw new KubectlError(formatStatusError(listed.status));
    resourceVersion = listed.value.metadata.resourceVersion;
    if (human) current.push(listed.value as Table);
    else {
      const list = listed.value as { apiVersion: string; items: KubeObject[] };
      for (const item of list.items) current.push({ ...item, apiVersion: list.apiVersion, kind: target.resource.kind });
    }
  }
  if (!watchOnly) for (const object of current) print(object, 'ADDED');
  if (target.names.length > 1) throw new KubectlError('error: you may only watch a single resource or type of resource at a time\n');

  // A watch on one object starts at "0": its synthetic ADDED event repeats the current state.
  let skipNext = singleItem;
  const onEvent = (event: WatchEventObject): void => {
    if (event.type === 'BOOKMARK') return;
    if (event.type === 'ERROR') return;
    if (skipNext) {
      skipNext = false;
      return;
    }
    print(event.object as KubeObject | Table, event.type);
  };
  const watchQuery = {
    ...(singleItem ? { fieldSelector: `metadata.name=${target.names[0]}` } : query),
    resourceVersion: singleItem ? '0' : resourceVersion,
    ...(human ? { asTable: true } : {}),
  };
  const watch = client.watch(ref, target.namespace, watchQuery, onEvent);
  if (!watch.ok) throw new KubectlError(formatStatusError(watch.status));
  try {
    const started = inv.env.now();
    while (timeout === 0 || inv.env.now() - started < timeout) {
      const step = timeout === 0 ? undefined : Math.min(1000, timeout - (inv.env.now() - started));
      // Ctrl+C: kubectl's interrupt handler cancels the watch and exits 1.
      if (!(await pause(inv, step))) return 1;
    }
  } finally {
    watch.value.dispose();
  }
  return 0;
}
