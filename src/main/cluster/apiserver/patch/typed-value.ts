/**
 * Walks over objects that know their list and map types (structured-merge-diff's typed values):
 * the field set an object sets (ToFieldSet), the difference between two versions of an object
 * (Compare: added, modified, removed paths), the merge of an applied configuration into a live
 * object (Merge) and the removal of fields an applier gave up (RemoveItems).
 */
import { canonicalJson } from '../../../base/canonical-json.js';
import { FieldSet, type PathElement, fieldElement, keyElement, valueElement } from './field-set.js';
import { isAtomicItem, isAtomicObject, listTypeAt } from './list-types.js';

type Json = unknown;
type JsonObject = Record<string, Json>;

function isObject(v: Json): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Where a walk is: the path so far and the field names from the root (list items add none). */
interface Place {
  kind: string;
  path: PathElement[];
  names: string[];
  /** An item of a list whose items are atomic structs. */
  atomicItem?: boolean;
}

function field(place: Place, name: string): Place {
  return { kind: place.kind, path: [...place.path, fieldElement(name)], names: [...place.names, name] };
}

function item(place: Place, pe: PathElement): Place {
  return { kind: place.kind, path: [...place.path, pe], names: place.names, atomicItem: isAtomicItem(place.kind, place.names) };
}

/** The path element of an item of the list at `place`: `k:{…}` for associative lists, `v:…` for sets. */
function itemElement(place: Place, value: Json): PathElement | undefined {
  const type = listTypeAt(place.kind, place.names);
  if (type.type === 'set') return valueElement(value);
  if (type.type !== 'map' || !isObject(value)) return undefined;
  const keys: JsonObject = {};
  for (const key of type.keys) {
    const v = value[key] ?? type.defaults?.[key];
    if (v !== undefined) keys[key] = v;
  }
  return keyElement(keys);
}

/** Lists merged item by item; atomic lists are one value. */
function isGranularList(place: Place): boolean {
  return listTypeAt(place.kind, place.names).type !== 'atomic';
}

function isLeaf(place: Place, value: Json): boolean {
  if (place.atomicItem) return true;
  if (Array.isArray(value)) return !isGranularList(place);
  if (isObject(value)) return isAtomicObject(place.names);
  return true;
}

/** Items of a granular list by their path element (the first of duplicates wins). */
function itemsByElement(place: Place, list: Json): Map<PathElement, Json> {
  const items = new Map<PathElement, Json>();
  if (!Array.isArray(list)) return items;
  for (const value of list) {
    const pe = itemElement(place, value);
    if (pe !== undefined && !items.has(pe)) items.set(pe, value);
  }
  return items;
}

/** typed.ToFieldSet: every leaf, every list item, and fields set to null or an empty object. */
export function toFieldSet(kind: string, object: Json): FieldSet {
  const set = new FieldSet();
  const visit = (value: Json, place: Place): void => {
    if (isLeaf(place, value)) {
      set.insert(place.path);
      return;
    }
    if (Array.isArray(value)) {
      for (const [pe, child] of itemsByElement(place, value)) {
        const at = item(place, pe);
        visit(child, at);
        set.insert(at.path);
      }
      return;
    }
    for (const [key, child] of Object.entries(value as JsonObject)) {
      if (child === undefined) continue;
      const at = field(place, key);
      visit(child, at);
      if (child === null || (isObject(child) && Object.keys(child).length === 0)) set.insert(at.path);
    }
  };
  visit(object, { kind, path: [], names: [] });
  return set;
}

export interface Comparison {
  added: FieldSet;
  modified: FieldSet;
  removed: FieldSet;
}

/**
 * typed.Compare: leaves (scalars, atomic values) that appear, change or disappear, and the
 * containers (objects, list items) that appear or disappear. A null container counts as present
 * and empty, as Go's nil slices and maps do.
 */
export function compare(kind: string, lhs: Json, rhs: Json): Comparison {
  const result: Comparison = { added: new FieldSet(), modified: new FieldSet(), removed: new FieldSet() };
  const walk = (l: Json, r: Json, place: Place): void => {
    const shape = r !== undefined && r !== null ? r : l;
    const containersDiffer = l !== undefined && l !== null && r !== undefined && r !== null && Array.isArray(l) !== Array.isArray(r);
    const isRoot = place.path.length === 0;
    if (!isRoot && (containersDiffer || isLeaf(place, shape) || (!isObject(l) && !Array.isArray(l) && l !== null && l !== undefined))) {
      if (l === undefined) result.added.insert(place.path);
      else if (r === undefined) result.removed.insert(place.path);
      else if (canonicalJson(l) !== canonicalJson(r)) result.modified.insert(place.path);
      return;
    }
    if (Array.isArray(shape)) {
      const li = itemsByElement(place, l);
      const ri = itemsByElement(place, r);
      for (const pe of new Set([...li.keys(), ...ri.keys()])) walk(li.get(pe), ri.get(pe), item(place, pe));
    } else {
      const lo = isObject(l) ? l : {};
      const ro = isObject(r) ? r : {};
      for (const key of new Set([...Object.keys(lo), ...Object.keys(ro)])) {
        if (lo[key] === undefined && ro[key] === undefined) continue;
        walk(lo[key], ro[key], field(place, key));
      }
    }
    if (isRoot) return;
    if (l === undefined) result.added.insert(place.path);
    else if (r === undefined) result.removed.insert(place.path);
  };
  walk(lhs, rhs, { kind, path: [], names: [] });
  return result;
}

/** Without the paths under `ignored` (the strategy's reset fields). */
export function filterComparison(c: Comparison, ignored: FieldSet): Comparison {
  return { added: c.added.recursiveDifference(ignored), modified: c.modified.recursiveDifference(ignored), removed: c.removed.recursiveDifference(ignored) };
}

/**
 * typed.Merge of an applied configuration into the live object: the configuration's values win,
 * granular objects and associative lists merge entry by entry, atomic values are replaced. A null
 * in the configuration clears the field, as Go's decoding of a null does.
 */
export function merge(kind: string, live: Json, config: Json): Json {
  const walk = (l: Json, r: Json, place: Place): Json => {
    if (r === undefined) return structuredClone(l);
    if (l === undefined || l === null || r === null) return structuredClone(r);
    if (place.path.length > 0 && isLeaf(place, r)) return structuredClone(r);
    if (Array.isArray(r)) return Array.isArray(l) ? mergeList(l, r, place) : structuredClone(r);
    if (!isObject(l) || !isObject(r)) return structuredClone(r);
    const out: JsonObject = { ...structuredClone(l) };
    for (const [key, value] of Object.entries(r)) {
      if (value === undefined) continue;
      if (value === null) {
        delete out[key];
        continue;
      }
      out[key] = walk(l[key], value, field(place, key));
    }
    return out;
  };
  const mergeList = (l: Json[], r: Json[], place: Place): Json[] => {
    const rhs = itemsByElement(place, r);
    const element = (v: Json): PathElement | undefined => itemElement(place, v);
    const out: Json[] = [];
    const emitted = new Set<PathElement>();
    const rOrder = [...rhs.keys()];
    let next = 0;
    // Live items keep their places; items the configuration shares come in its order, each
    // configuration item before the shared one it precedes.
    const emitUpTo = (pe: PathElement): void => {
      while (next < rOrder.length) {
        const current = rOrder[next++]!;
        if (!emitted.has(current)) {
          emitted.add(current);
          const liveItem = l.find((v) => element(v) === current);
          out.push(walk(liveItem, rhs.get(current), item(place, current)));
        }
        if (current === pe) return;
      }
    };
    for (const value of l) {
      const pe = element(value);
      if (pe === undefined || !rhs.has(pe)) {
        if (pe === undefined || !emitted.has(pe)) out.push(structuredClone(value));
        continue;
      }
      if (!emitted.has(pe)) emitUpTo(pe);
    }
    emitUpTo('');
    return out;
  };
  return walk(live, config, { kind, path: [], names: [] });
}

/** Map-valued fields that Go drops when empty (omitempty maps and slices). */
const DROPPED_WHEN_EMPTIED = new Set(['labels', 'annotations', 'data', 'binaryData', 'matchLabels', 'limits', 'requests', 'finalizers']);

/**
 * The applier's prune: fields and list items it owned (`last`) that nobody owns now (`owned`)
 * are removed with everything below them.
 */
export function removeUnowned(kind: string, object: Json, last: FieldSet, owned: FieldSet): Json {
  const prune = (value: Json, place: Place): Json => {
    if (place.path.length > 0 && isLeaf(place, value)) return value;
    const gone = (at: Place): boolean => last.hasOrContains(at.path) && !owned.hasOrContains(at.path);
    if (Array.isArray(value)) {
      const out: Json[] = [];
      for (const child of value) {
        const pe = itemElement(place, child);
        if (pe === undefined) {
          out.push(child);
          continue;
        }
        const at = item(place, pe);
        if (!gone(at)) out.push(prune(child, at));
      }
      return out;
    }
    if (!isObject(value)) return value;
    const out: JsonObject = {};
    for (const [key, child] of Object.entries(value)) {
      const at = field(place, key);
      if (gone(at)) continue;
      const pruned = prune(child, at);
      const emptied = (Array.isArray(pruned) && pruned.length === 0 && Array.isArray(child) && child.length > 0) ||
        (isObject(pruned) && Object.keys(pruned).length === 0 && isObject(child) && Object.keys(child).length > 0 && DROPPED_WHEN_EMPTIED.has(key));
      if (!emptied) out[key] = pruned;
    }
    return out;
  };
  return prune(object, { kind, path: [], names: [] });
}

