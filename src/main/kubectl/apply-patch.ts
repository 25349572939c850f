/**
 * The three-way strategic merge patch `kubectl apply` sends: fields the last applied configuration
 * had but the new manifest drops are deleted; fields of the manifest that differ from the live
 * object are set. Lists with a merge key are diffed element by element, so server defaults inside
 * containers do not count as changes.
 */
import { mergeKeyFor } from '../../shared/api/merge-keys.js';

type Obj = Record<string, unknown>;

function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function equal(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function threeWayPatch(original: unknown, modified: unknown, current: unknown): Obj {
  return diffMap(isObj(original) ? original : {}, isObj(modified) ? modified : {}, isObj(current) ? current : {}, []);
}

/** `path`: the field names from the root down to this map, for merge keys that depend on place. */
function diffMap(original: Obj, modified: Obj, current: Obj, path: readonly string[]): Obj {
  const patch: Obj = {};
  for (const key of Object.keys(original)) {
    if (!(key in modified) && key in current) patch[key] = null;
  }
  for (const [key, want] of Object.entries(modified)) {
    const have = current[key];
    if (equal(want, have)) continue;
    if (isObj(want) && isObj(have)) {
      const sub = diffMap(isObj(original[key]) ? (original[key] as Obj) : {}, want, have, [...path, key]);
      if (Object.keys(sub).length > 0) patch[key] = sub;
      continue;
    }
    const mergeKey = mergeKeyFor(path, key);
    if (mergeKey && Array.isArray(want) && Array.isArray(have)) {
      const sub = diffList(Array.isArray(original[key]) ? (original[key] as unknown[]) : [], want, have, mergeKey, [...path, key]);
      if (sub) patch[key] = sub;
      continue;
    }
    patch[key] = want;
  }
  return patch;
}

function diffList(original: unknown[], modified: unknown[], current: unknown[], mergeKey: string, path: readonly string[]): unknown[] | undefined {
  const find = (list: unknown[], value: unknown): Obj | undefined =>
    list.find((item): item is Obj => isObj(item) && item[mergeKey] === value);
  const out: unknown[] = [];
  for (const element of modified) {
    if (!isObj(element)) return modified;
    const live = find(current, element[mergeKey]);
    if (!live) {
      out.push(element);
      continue;
    }
    const sub = diffMap(find(original, element[mergeKey]) ?? {}, element, live, path);
    if (Object.keys(sub).length > 0) out.push({ [mergeKey]: element[mergeKey], ...sub });
  }
  for (const element of original) {
    if (!isObj(element)) continue;
    const stillWanted = find(modified, element[mergeKey]);
    if (!stillWanted && find(current, element[mergeKey])) out.push({ [mergeKey]: element[mergeKey], $patch: 'delete' });
  }
  return out.length > 0 ? out : undefined;
}
