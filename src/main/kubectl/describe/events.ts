/** The Events section every describer ends with (DescribeEvents), from events about one object. */
import type { CoreEvent } from '../../../shared/api/core.js';
import { humanDuration } from '../../base/duration.js';
import type { ApiClient } from '../../cluster/client/api-client.js';
import { EVENTS } from '../../cluster/client/resources.js';
import { LEVEL_0, LEVEL_1, type PrefixWriter } from './prefix-writer.js';

export function searchEvents(
  client: ApiClient,
  involved: { kind: string; name: string; namespace?: string; uid?: string },
): CoreEvent[] {
  const selector = [
    `involvedObject.kind=${involved.kind}`,
    `involvedObject.name=${involved.name}`,
    ...(involved.namespace ? [`involvedObject.namespace=${involved.namespace}`] : []),
    ...(involved.uid ? [`involvedObject.uid=${involved.uid}`] : []),
  ].join(',');
  const listed = client.list<CoreEvent>(EVENTS, involved.namespace, { fieldSelector: selector });
  return listed.ok ? listed.value.items : [];
}

function since(timestamp: string | null | undefined, now: number): string {
  if (!timestamp) return '<unknown>';
  return humanDuration(now - Date.parse(timestamp));
}

export function writeEvents(w: PrefixWriter, events: CoreEvent[], now: number): void {
  if (events.length === 0) {
    w.write(LEVEL_0, 'Events:\t<none>\n');
    return;
  }
  w.flush();
  const sorted = [...events].sort((a, b) => Date.parse(a.lastTimestamp ?? '') - Date.parse(b.lastTimestamp ?? ''));
  w.write(LEVEL_0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(LEVEL_1, '----\t------\t----\t----\t-------\n');
  for (const e of sorted) {
    const first = since(e.eventTime || e.firstTimestamp, now);
    const interval = (e.count ?? 1) > 1 ? `${since(e.lastTimestamp, now)} (x${e.count} over ${first})` : first;
    const source = e.source?.component || e.reportingComponent || '';
    w.write(LEVEL_1, `${e.type ?? ''}\t${e.reason ?? ''}\t${interval}\t${source}\t${(e.message ?? '').trim()}\n`);
  }
}
