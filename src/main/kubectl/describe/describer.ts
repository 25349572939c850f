/**
 * What every describer shares: its inputs (the object, the API client, the clock, --show-events),
 * loose readers for the object's JSON, and small pieces of kubectl's describe.go (the Events
 * section, `Controlled By`, pod phase counts, access modes, Go's `%v` of string slices).
 */
import { controllerOf as controllerRefOf } from '../../../shared/api/owner-references.js';
import type { Pod } from '../../../shared/api/core.js';
import type { KubeObject } from '../../../shared/api/meta.js';
import { labelSelectorAsSelector } from '../../base/label-selector.js';
import type { ApiClient } from '../../cluster/client/api-client.js';
import { PODS } from '../../cluster/client/resources.js';
import { searchEvents, writeEvents } from './events.js';
import { LEVEL_0, LEVEL_1, type PrefixWriter } from './prefix-writer.js';

export interface DescribeContext {
  client: ApiClient;
  now: number;
  showEvents: boolean;
}

export type Describer = (object: KubeObject, ctx: DescribeContext) => string;

export type Json = Record<string, unknown>;

/** The value as an object ({} otherwise), to read nested fields without type noise. */
export function rec(value: unknown): Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};
}

export function arr(value: unknown): Json[] {
  return Array.isArray(value) ? value.map(rec) : [];
}

export function strs(value: unknown): string[] {
  return Array.isArray(value) ? value.map((v) => String(v)) : [];
}

/** A scalar as Go's %v prints it; '' for a missing one. */
export function text(value: unknown): string {
  return value === undefined || value === null ? '' : String(value);
}

/** `%d` of an int field that defaults to 0. */
export function int(value: unknown): number {
  return typeof value === 'number' ? value : 0;
}

/** fmt's `%v` of a []string: `[a b]`. */
export function goSlice(values: readonly string[]): string {
  return `[${values.join(' ')}]`;
}

/** printBoolPtr: `<unset>`, `True` or `False`. */
export function boolPtr(value: unknown): string {
  return typeof value === 'boolean' ? (value ? 'True' : 'False') : '<unset>';
}

/** labels.Selector's String() of a LabelSelector ('' when it selects everything or is invalid). */
export function selectorString(selector: unknown): string {
  const parsed = labelSelectorAsSelector(selector as Parameters<typeof labelSelectorAsSelector>[0]);
  return parsed.ok ? parsed.selector.toString() : '';
}

/** printController: `Kind/name` of the controlling owner, '' without one. */
export function controllerOf(object: KubeObject): string {
  const owner = controllerRefOf(object);
  return owner ? `${owner.kind}/${owner.name}` : '';
}

export function writeControlledBy(w: PrefixWriter, object: KubeObject): void {
  const controller = controllerOf(object);
  if (controller) w.write(LEVEL_0, `Controlled By:\t${controller}\n`);
}

/** The Events section, when --show-events (the default) asks for it. */
export function writeObjectEvents(w: PrefixWriter, object: KubeObject, ctx: DescribeContext): void {
  if (!ctx.showEvents) return;
  const meta = object.metadata;
  writeEvents(w, searchEvents(ctx.client, { kind: object.kind ?? '', name: meta.name ?? '', namespace: meta.namespace, uid: meta.uid }), ctx.now);
}

/** getPodStatusForController: the phases of the pods a controller owns. */
export function podPhases(ctx: DescribeContext, owner: KubeObject, selector: unknown): { running: number; waiting: number; succeeded: number; failed: number } {
  const counts = { running: 0, waiting: 0, succeeded: 0, failed: 0 };
  const listed = ctx.client.list<Pod>(PODS, owner.metadata.namespace, { labelSelector: selectorString(selector) });
  if (!listed.ok) return counts;
  for (const pod of listed.value.items) {
    const controller = controllerRefOf(pod);
    if (controller?.uid !== owner.metadata.uid) continue;
    const phase = pod.status?.phase;
    if (phase === 'Running') counts.running++;
    else if (phase === 'Pending') counts.waiting++;
    else if (phase === 'Succeeded') counts.succeeded++;
    else if (phase === 'Failed') counts.failed++;
  }
  return counts;
}

export function podsStatusLine(counts: ReturnType<typeof podPhases>): string {
  return `${counts.running} Running / ${counts.waiting} Waiting / ${counts.succeeded} Succeeded / ${counts.failed} Failed`;
}

const ACCESS_MODE_SHORT: Record<string, string> = { ReadWriteOnce: 'RWO', ReadOnlyMany: 'ROX', ReadWriteMany: 'RWX', ReadWriteOncePod: 'RWOP' };

/** storageutil.GetAccessModesAsString: `RWO,RWX` in kubectl's fixed order. */
export function accessModesText(modes: unknown): string {
  const present = new Set(strs(modes));
  return ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod']
    .filter((m) => present.has(m))
    .map((m) => ACCESS_MODE_SHORT[m])
    .join(',');
}

/** The Conditions table of workloads: `Type\tStatus\tReason`. */
export function writeWorkloadConditions(w: PrefixWriter, conditions: unknown): void {
  const list = arr(conditions);
  if (list.length === 0) return;
  w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tReason\n');
  w.write(LEVEL_1, '----\t------\t------\n');
  for (const c of list) w.write(LEVEL_1, `${text(c.type)} \t${text(c.status)}\t${text(c.reason)}\n`);
}
