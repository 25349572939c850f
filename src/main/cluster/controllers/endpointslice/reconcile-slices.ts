/**
 * The slice reconciler shared by the EndpointSlice and mirroring controllers (a simpler cousin of
 * pkg/controller/endpointslice's reconciler): given the endpoints a Service should have, grouped by
 * address type and port list, and the slices the controller already manages, decide which slices
 * to create, update and delete. Endpoints stay in the slice they are in when they can; new ones
 * fill slices that change anyway, then slices with room, then new slices of at most
 * `maxEndpointsPerSlice`; emptied slices go away. Endpoints in a slice are ordered by address, so
 * a second pass over the same state changes nothing.
 */
import type { Endpoint, EndpointPort, EndpointSlice } from '../../../../shared/api/discovery.js';
import { canonicalJson } from '../../../base/canonical-json.js';
import { compareStrings } from './pod-endpoints.js';

export interface EndpointGroup {
  addressType: string;
  /** null: a placeholder's "no ports". */
  ports: EndpointPort[] | null;
  endpoints: Endpoint[];
}

export interface SlicePlan {
  create: EndpointSlice[];
  update: EndpointSlice[];
  delete: EndpointSlice[];
}

export interface ReconcileOptions {
  maxEndpointsPerSlice: number;
  /** A new slice (metadata, addressType, ports) for a group, without endpoints. */
  newSlice(group: EndpointGroup): EndpointSlice;
  /** Bring a kept slice's metadata (labels, owner) up to date in place; true when it changed. */
  updateMetadata(slice: EndpointSlice): boolean;
  /** Keep one empty slice when there are no endpoints at all (the EndpointSlice controller's placeholder). */
  placeholder?: EndpointGroup;
}

function groupKey(addressType: string, ports: readonly EndpointPort[] | null | undefined): string {
  return canonicalJson([addressType, ports && ports.length > 0 ? ports : null]);
}

/** The identity of an endpoint across syncs: its target, else its addresses. */
function endpointKey(endpoint: Endpoint): string {
  const ref = endpoint.targetRef;
  return ref?.name ? `${ref.kind ?? ''}/${ref.namespace ?? ''}/${ref.name}` : endpoint.addresses.join(',');
}

function compareEndpoints(a: Endpoint, b: Endpoint): number {
  return compareStrings(a.addresses[0] ?? '', b.addresses[0] ?? '') || compareStrings(endpointKey(a), endpointKey(b));
}

interface Working {
  slice: EndpointSlice;
  existing: boolean;
  endpoints: Endpoint[];
  changed: boolean;
}

export function planSlices(existing: readonly EndpointSlice[], groups: readonly EndpointGroup[], options: ReconcileOptions): SlicePlan {
  const plan: SlicePlan = { create: [], update: [], delete: [] };
  const total = groups.reduce((n, g) => n + g.endpoints.length, 0);
  const sorted = [...existing].sort((a, b) => compareStrings(a.metadata.name ?? '', b.metadata.name ?? ''));
  if (total === 0 && options.placeholder) {
    const wanted = groupKey(options.placeholder.addressType, options.placeholder.ports);
    const keep = sorted.find((s) => (s.endpoints ?? []).length === 0 && groupKey(s.addressType, s.ports) === wanted);
    for (const slice of sorted) if (slice !== keep) plan.delete.push(slice);
    if (!keep) plan.create.push(options.newSlice(options.placeholder));
    else {
      const copy = structuredClone(keep);
      if (options.updateMetadata(copy)) plan.update.push(copy);
    }
    return reuseDeletedSlices(plan);
  }
  const byGroup = new Map<string, EndpointSlice[]>();
  for (const slice of sorted) {
    const key = groupKey(slice.addressType, slice.ports);
    const list = byGroup.get(key);
    if (list) list.push(slice);
    else byGroup.set(key, [slice]);
  }
  const wantedGroups = new Set<string>();
  for (const group of groups) {
    if (group.endpoints.length === 0) continue;
    const key = groupKey(group.addressType, group.ports);
    wantedGroups.add(key);
    const desired = new Map<string, Endpoint>();
    for (const endpoint of group.endpoints) desired.set(endpointKey(endpoint), endpoint);
    const placed = new Set<string>();
    const working: Working[] = [];
    for (const slice of byGroup.get(key) ?? []) {
      const kept: Endpoint[] = [];
      for (const endpoint of slice.endpoints ?? []) {
        const id = endpointKey(endpoint);
        const want = desired.get(id);
        if (want && !placed.has(id)) {
          kept.push(want);
          placed.add(id);
        }
      }
      working.push({ slice, existing: true, endpoints: kept, changed: canonicalJson(kept) !== canonicalJson(slice.endpoints ?? []) });
    }
    const remaining = [...desired].filter(([id]) => !placed.has(id)).map(([, e]) => e);
    // Fill slices that are written anyway first, then any with room, then new ones.
    const fill = (candidates: Working[]): void => {
      for (const w of candidates) {
        while (remaining.length > 0 && w.endpoints.length < options.maxEndpointsPerSlice) {
          w.endpoints.push(remaining.shift()!);
          w.changed = true;
        }
      }
    };
    fill(working.filter((w) => w.changed && w.endpoints.length > 0));
    fill(working.filter((w) => w.endpoints.length > 0));
    while (remaining.length > 0) {
      const w: Working = { slice: options.newSlice(group), existing: false, endpoints: remaining.splice(0, options.maxEndpointsPerSlice), changed: true };
      working.push(w);
    }
    for (const w of working) {
      if (w.endpoints.length === 0) {
        if (w.existing) plan.delete.push(w.slice);
        continue;
      }
      const slice = w.existing ? structuredClone(w.slice) : w.slice;
      const relabeled = options.updateMetadata(slice);
      if (!w.changed && !relabeled && w.existing) continue;
      slice.endpoints = [...w.endpoints].sort(compareEndpoints);
      (w.existing ? plan.update : plan.create).push(slice);
    }
  }
  for (const [key, slices] of byGroup) if (!wantedGroups.has(key)) plan.delete.push(...slices);
  return reuseDeletedSlices(plan);
}

/**
 * finalize: rather than create one slice and delete another, update the one that would go (same
 * address type) into the new one — fewer writes, and a Service keeps its slice names.
 */
function reuseDeletedSlices(plan: SlicePlan): SlicePlan {
  for (let i = 0; i < plan.delete.length && plan.create.length > 0; ) {
    const doomed = plan.delete[i]!;
    const fresh = plan.create[plan.create.length - 1]!;
    if (doomed.addressType !== fresh.addressType) {
      i++;
      continue;
    }
    plan.create.pop();
    plan.delete.splice(i, 1);
    const { generateName: _unused, ...metadata } = fresh.metadata;
    plan.update.push({
      ...fresh,
      metadata: {
        ...metadata,
        name: doomed.metadata.name,
        ...(doomed.metadata.generateName !== undefined ? { generateName: doomed.metadata.generateName } : {}),
        uid: doomed.metadata.uid,
        resourceVersion: doomed.metadata.resourceVersion,
        creationTimestamp: doomed.metadata.creationTimestamp,
      },
    });
  }
  return plan;
}
