/**
 * `kubectl get --sort-by=<jsonpath>`: kubectl's sorter. Each object's first value at the path is
 * compared (ints and floats numerically, strings as quantities when both parse, else in natural
 * order); objects without the field sort first.
 */
import { parseQuantity } from '../../../base/quantity.js';
import { KubectlError } from '../../errors.js';
import { relaxedJsonPath } from '../../printers/custom-columns.js';
import { JsonPathError, findJsonPathResults, parseJsonPath } from '../../printers/jsonpath.js';

/** fvbommel/sortorder.NaturalLess: digit runs compare as numbers, the rest byte-wise. */
export function naturalLess(a: string, b: string): boolean {
  const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const da = isDigit(a[i]);
    const db = isDigit(b[j]);
    if (da && db) {
      let ei = i;
      while (a[ei] === '0') ei++;
      let ej = j;
      while (b[ej] === '0') ej++;
      let ni = ei;
      while (isDigit(a[ni])) ni++;
      let nj = ej;
      while (isDigit(b[nj])) nj++;
      const na = a.slice(ei, ni);
      const nb = b.slice(ej, nj);
      if (na.length !== nb.length) return na.length < nb.length;
      if (na !== nb) return na < nb;
      // Equal values: fewer leading zeros first.
      if (ni - i !== nj - j) return ni - i < nj - j;
      i = ni;
      j = nj;
      continue;
    }
    if (a[i] !== b[j]) return a[i]! < b[j]!;
    i++;
    j++;
  }
  return a.length - i < b.length - j;
}

function isLess(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a < b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return !a && b;
  if (typeof a === 'string' && typeof b === 'string') {
    const qa = /^\s|\s$/.test(a) ? undefined : parseQuantity(a);
    const qb = /^\s|\s$/.test(b) ? undefined : parseQuantity(b);
    if (qa !== undefined && qb !== undefined) return qa < qb;
    return naturalLess(a, b);
  }
  if (a === null && b === null) return false;
  throw new KubectlError(`error: unsortable type: ${typeof a}\n`);
}

/**
 * The objects' order by `field` (as typed on the command line), stable for equal values. A table's
 * sorter (`requireField`) fails when no row has the field at all.
 */
export function sortOrder(field: string, objects: readonly unknown[], requireField = false): number[] {
  let path: string;
  try {
    path = relaxedJsonPath(field);
  } catch {
    path = field;
  }
  let root;
  try {
    root = parseJsonPath(path);
  } catch (error) {
    if (error instanceof JsonPathError) throw new KubectlError(`error: sorting error: ${error.message}\n`);
    throw error;
  }
  const values = objects.map((o) => {
    const found = findJsonPathResults(root, JSON.parse(JSON.stringify(o ?? null)) as unknown, true);
    return found.length > 0 && found[0]!.length > 0 ? { value: found[0]![0] } : undefined;
  });
  if (requireField && objects.length > 0 && values.every((v) => v === undefined)) {
    throw new KubectlError(`error: couldn't find any field with path "${path}" in the list of objects\n`);
  }
  const less = (i: number, j: number): boolean => {
    if (!values[i] && !values[j]) return false;
    if (!values[i]) return true;
    if (!values[j]) return false;
    return isLess(values[i]!.value, values[j]!.value);
  };
  return objects.map((_, i) => i).sort((i, j) => (less(i, j) ? -1 : less(j, i) ? 1 : 0));
}
