/**
 * Strategic merge patch: a merge patch that merges lists of objects by their merge key (containers
 * by `name`, container ports by `containerPort`, Service ports by `port` …) instead of replacing
 * them, with the `$patch` directives.
 * Merge keys are hand-coded from k8s.io/api's `patchMergeKey` tags (the schema does not carry them).
 */
import { mergeKeyFor } from '../../../../shared/api/merge-keys.js';
import { isPlainObject } from './merge-patch.js';

/** Lists merged as sets of primitive values. */
const SET_LISTS = new Set(['finalizers']);

export function applyStrategicMergePatch(target: unknown, patch: unknown, path: string[] = []): unknown {
  if (!isPlainObject(patch)) return structuredClone(patch);
  if (patch.$patch === 'replace') {
    const { $patch: _, ...rest } = patch;
    return structuredClone(rest);
  }
  if (patch.$patch === 'delete') return undefined;
  const result: Record<string, unknown> = isPlainObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (key.startsWith('$setElementOrder/') || key.startsWith('$deleteFromPrimitiveList/') || key === '$retainKeys') continue;
    if (value === null) {
      delete result[key];
      continue;
    }
    const current = result[key];
    const mergeKey = mergeKeyFor(path, key);
    if (Array.isArray(value) && mergeKey && Array.isArray(current)) {
      result[key] = mergeList(current, value, mergeKey, [...path, key]);
    } else if (Array.isArray(value) && SET_LISTS.has(key) && Array.isArray(current)) {
      result[key] = [...new Set([...current, ...value])];
    } else if (isPlainObject(value)) {
      const merged = applyStrategicMergePatch(current, value, [...path, key]);
      if (merged === undefined) delete result[key];
      else result[key] = merged;
    } else {
      result[key] = structuredClone(value);
    }
  }
  for (const [key, value] of Object.entries(patch)) {
    if (key.startsWith('$deleteFromPrimitiveList/') && Array.isArray(value)) {
      const field = key.slice('$deleteFromPrimitiveList/'.length);
      const list = result[field];
      if (Array.isArray(list)) result[field] = list.filter((item) => !value.includes(item));
    }
  }
  return result;
}

function mergeList(current: unknown[], patch: unknown[], mergeKey: string, path: string[]): unknown[] {
  const result = current.map((item) => structuredClone(item));
  for (const element of patch) {
    if (!isPlainObject(element)) {
      result.push(structuredClone(element));
      continue;
    }
    const keyValue = element[mergeKey];
    const index = result.findIndex((item) => isPlainObject(item) && item[mergeKey] === keyValue);
    if (element.$patch === 'delete') {
      if (index >= 0) result.splice(index, 1);
      continue;
    }
    if (index >= 0) result[index] = applyStrategicMergePatch(result[index], element, path);
    else result.push(applyStrategicMergePatch({}, element, path));
  }
  return result;
}
