/**
 * `kubectl events`: the namespace's (or every namespace's) events, oldest first, as
 * `LAST SEEN  TYPE  REASON  OBJECT  MESSAGE`, filtered by `--for TYPE/NAME` and `--types`, or
 * printed with `-o`; `-w` prints them as they are recorded until Ctrl+C.
 */
import type { CoreEvent } from '../../../../shared/api/core.js';
import type { KubeObject } from '../../../../shared/api/meta.js';
import { humanDuration } from '../../../base/duration.js';
import { EVENTS } from '../../../cluster/client/resources.js';
import type { KubectlCommand } from '../../command.js';
import { KubectlError, formatStatusError } from '../../errors.js';
import type { Invocation } from '../../invocation.js';
import { PRINT_FLAGS, validateOutputFormat } from '../../print-flags.js';
import { TABLE_OPTIONS, tabwrite } from '../../printers/tabwriter.js';
import { resolveResource } from '../../resource-resolver.js';
import { genericPrinter, withoutManagedFields } from '../get.js';
import { pause } from '../troubleshooting/blocking.js';

/** translateTimestampSince: `<unknown>` without a time. */
function since(timestamp: string | null | undefined, now: number): string {
  if (!timestamp) return '<unknown>';
  return humanDuration(now - Date.parse(timestamp));
}

/** getInterval: `5s`, or `2s (x3 over 10s)` for a repeated event. */
function interval(e: CoreEvent, now: number): string {
  const first = e.eventTime ? since(e.eventTime, now) : since(e.firstTimestamp, now);
  const series = e.series as { count?: number; lastObservedTime?: string } | undefined;
  if (series) return `${since(series.lastObservedTime, now)} (x${series.count ?? 0} over ${first})`;
  if ((e.count ?? 0) > 1) return `${since(e.lastTimestamp, now)} (x${e.count} over ${first})`;
  return first;
}

/** SortableEvents' eventTime: the series' last observation, else lastTimestamp, else eventTime. */
function sortTime(e: CoreEvent): number {
  const series = e.series as { lastObservedTime?: string } | undefined;
  return Date.parse(series?.lastObservedTime ?? e.lastTimestamp ?? e.eventTime ?? '') || 0;
}

/** escapeCell: a cell ends at its first line break, marked `...`. */
function cell(text: string | undefined): string {
  const value = text ?? '';
  const cut = value.search(/[\f\n\r]/);
  return cut >= 0 ? `${value.slice(0, cut)}...` : value;
}

class EventPrinter {
  private headersPrinted = false;
  private readonly widths: number[] = [];

  constructor(
    private readonly allNamespaces: boolean,
    private readonly noHeaders: boolean,
  ) {}

  print(events: CoreEvent[], now: number): string {
    const lines: string[] = [];
    if (!this.headersPrinted && !this.noHeaders) lines.push(`${this.allNamespaces ? 'NAMESPACE\t' : ''}LAST SEEN\tTYPE\tREASON\tOBJECT\tMESSAGE`);
    this.headersPrinted = true;
    for (const e of events) {
      const object = `${cell(e.involvedObject?.kind)}/${cell(e.involvedObject?.name)}`;
      lines.push(`${this.allNamespaces ? `${e.metadata.namespace ?? ''}\t` : ''}${interval(e, now)}\t${cell(e.type)}\t${cell(e.reason)}\t${object}\t${cell((e.message ?? '').trim())}`);
    }
    return lines.length === 0 ? '' : tabwrite(`${lines.join('\n')}\n`, TABLE_OPTIONS, this.widths);
  }
}

function fieldSelectorFor(inv: Invocation): string | undefined {
  const target = inv.flags.string('for');
  if (!target) return undefined;
  const slash = target.indexOf('/');
  if (slash < 0) throw new KubectlError(`error: --for must be in resource/name form\n`);
  if (target.indexOf('/', slash + 1) >= 0) throw new KubectlError('error: arguments in resource/name form may not have more than one slash\n');
  const resource = resolveResource(target.slice(0, slash), inv.client().discovery());
  if (!resource) throw new KubectlError(`error: the server doesn't have a resource type "${target.slice(0, slash)}"\n`);
  return `involvedObject.kind=${resource.kind},involvedObject.name=${target.slice(slash + 1)}`;
}

function typesOf(inv: Invocation): string[] {
  const types = inv.flags.strings('types').flatMap((t) => t.split(',')).filter(Boolean);
  for (const t of types) {
    if (t.toLowerCase() !== 'normal' && t.toLowerCase() !== 'warning') throw new KubectlError('error: valid --types are Normal or Warning\n');
  }
  return types.map((t) => t.toLowerCase());
}

async function runEvents(inv: Invocation): Promise<number> {
  // ToOptions (--for, then the printer), then Validate (--types), as kubectl checks them.
  const query = { fieldSelector: fieldSelectorFor(inv) };
  const output = inv.flags.string('output');
  validateOutputFormat(inv);
  const types = typesOf(inv);
  const allNamespaces = inv.flags.bool('all-namespaces');
  const client = inv.client();
  const namespace = allNamespaces ? undefined : inv.namespace;
  const wanted = (e: CoreEvent): boolean => types.length === 0 || types.includes((e.type ?? '').toLowerCase());
  const table = new EventPrinter(allNamespaces, inv.flags.bool('no-headers'));
  const generic = output ? genericPrinter(inv, output) : undefined;
  const asObject = (e: CoreEvent): KubeObject => withoutManagedFields(inv, { ...e, apiVersion: 'v1', kind: 'Event' });

  if (inv.flags.bool('watch')) {
    const watch = client.watch(EVENTS, namespace, query, (event) => {
      if (event.type === 'DELETED' || event.type === 'BOOKMARK' || event.type === 'ERROR') return;
      const e = event.object as CoreEvent;
      if (!wanted(e)) return;
      inv.out(generic ? generic(asObject(e)) : table.print([e], inv.env.now()));
    });
    if (!watch.ok) throw new KubectlError(formatStatusError(watch.status));
    try {
      let watching = true;
      while (watching) watching = await pause(inv);
    } finally {
      watch.value.dispose();
    }
    // Only Ctrl+C ends it: kubectl's interrupt handler exits 1.
    return 1;
  }

  const listed = client.list<CoreEvent>(EVENTS, namespace, query);
  if (!listed.ok) throw new KubectlError(formatStatusError(listed.status));
  const events = listed.value.items.filter(wanted);
  if (events.length === 0) {
    inv.err(allNamespaces ? 'No events found.\n' : `No events found in ${inv.namespace} namespace.\n`);
    return 0;
  }
  const sorted = events.map((e, i) => ({ e, i })).sort((a, b) => sortTime(a.e) - sortTime(b.e) || a.i - b.i).map(({ e }) => e);
  if (generic) inv.out(generic({ apiVersion: 'v1', items: sorted.map(asObject), kind: 'EventList', metadata: {} }));
  else inv.out(table.print(sorted, inv.env.now()));
  return 0;
}

export const EVENTS_COMMAND: KubectlCommand = {
  flags: [
    ...PRINT_FLAGS,
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'chunk-size', type: 'int' },
    { name: 'for', type: 'string' },
    { name: 'no-headers', type: 'bool' },
    { name: 'types', type: 'stringArray' },
    { name: 'watch', short: 'w', type: 'bool' },
  ],
  run: runEvents,
};
