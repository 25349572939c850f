/**
 * JSON patch (RFC 6902) as kube-apiserver applies it with evanphx/json-patch: add, remove, replace,
 * move, copy and test on JSON pointers (RFC 6901: `~1` is `/`, `~0` is `~`, `-` appends to an
 * array). Errors carry the library's wording; the API server turns a decoding error into 400 and an
 * error while applying into 422.
 */
import { isPlainObject } from './merge-patch.js';

export type JsonPatchResult = { ok: true; value: unknown } | { ok: false; stage: 'decode' | 'apply'; message: string };

interface Operation {
  op: string;
  path: string;
  from?: string;
  value?: unknown;
  hasValue: boolean;
}

type Container = Record<string, unknown> | unknown[];

const MISSING = 'missing value';
const INVALID_INDEX = 'invalid index referenced';

class PatchError extends Error {}

/** Apply `patch` (the request body) to a copy of `document`. */
export function applyJsonPatch(document: unknown, patch: unknown): JsonPatchResult {
  const ops = decodePatch(patch);
  if (typeof ops === 'string') return { ok: false, stage: 'decode', message: ops };
  const root = { doc: structuredClone(document) };
  try {
    for (const op of ops) applyOperation(root, op);
  } catch (error) {
    if (error instanceof PatchError) return { ok: false, stage: 'apply', message: error.message };
    throw error;
  }
  return { ok: true, value: root.doc };
}

function decodePatch(patch: unknown): Operation[] | string {
  if (!Array.isArray(patch)) {
    const kind = patch === null ? 'null' : isPlainObject(patch) ? 'object' : typeof patch;
    return `json: cannot unmarshal ${kind} into Go value of type jsonpatch.Patch`;
  }
  const ops: Operation[] = [];
  for (const entry of patch) {
    if (!isPlainObject(entry)) return 'json: cannot unmarshal ' + (Array.isArray(entry) ? 'array' : typeof entry) + ' into Go value of type jsonpatch.Operation';
    ops.push({
      op: typeof entry.op === 'string' ? entry.op : '',
      path: typeof entry.path === 'string' ? entry.path : '',
      from: typeof entry.from === 'string' ? entry.from : undefined,
      value: entry.value,
      hasValue: 'value' in entry,
    });
  }
  return ops;
}

function applyOperation(root: { doc: unknown }, op: Operation): void {
  switch (op.op) {
    case 'add':
      return add(root, op.path, structuredClone(op.value), 'add');
    case 'remove':
      remove(root, op.path, 'remove');
      return;
    case 'replace':
      return replace(root, op);
    case 'move':
      return move(root, op);
    case 'copy':
      return copy(root, op);
    case 'test':
      return test(root, op);
    default:
      throw new PatchError(`Unexpected kind: ${op.op}: unknown object type`);
  }
}

/** RFC 6901: split a pointer into unescaped tokens; '' is the whole document. */
export function parsePointer(pointer: string): string[] | undefined {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) return undefined;
  return pointer
    .slice(1)
    .split('/')
    .map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~'));
}

/** The container holding the pointer's last token, and that token (findObject). */
function findParent(root: { doc: unknown }, path: string): { container: Container; key: string } | undefined {
  const tokens = parsePointer(path);
  if (!tokens || tokens.length === 0) return undefined;
  let node: unknown = root.doc;
  for (const token of tokens.slice(0, -1)) {
    if (Array.isArray(node)) {
      const index = arrayIndex(token, node.length);
      if (index === undefined || index >= node.length) return undefined;
      node = node[index];
    } else if (isPlainObject(node)) {
      if (!Object.hasOwn(node, token)) return undefined;
      node = node[token];
    } else {
      return undefined;
    }
  }
  if (!Array.isArray(node) && !isPlainObject(node)) return undefined;
  return { container: node, key: tokens[tokens.length - 1]! };
}

function arrayIndex(token: string, length: number): number | undefined {
  if (token === '-') return length;
  if (!/^(0|[1-9][0-9]*)$/.test(token)) return undefined;
  return Number(token);
}

function get(container: Container, key: string): { found: boolean; value: unknown } {
  if (Array.isArray(container)) {
    const index = arrayIndex(key, container.length);
    if (index === undefined || index >= container.length) return { found: false, value: undefined };
    return { found: true, value: container[index] };
  }
  return Object.hasOwn(container, key) ? { found: true, value: container[key] } : { found: false, value: undefined };
}

function add(root: { doc: unknown }, path: string, value: unknown, verb: string): void {
  if (path === '') {
    root.doc = value;
    return;
  }
  const parent = findParent(root, path);
  if (!parent) throw new PatchError(`${verb} operation does not apply: doc is missing path: "${path}": ${MISSING}`);
  const { container, key } = parent;
  if (Array.isArray(container)) {
    const index = arrayIndex(key, container.length);
    if (index === undefined || index > container.length) {
      throw new PatchError(`error in ${verb} for path: '${path}': Unable to access invalid index: ${key}: ${INVALID_INDEX}`);
    }
    container.splice(index, 0, value);
  } else {
    container[key] = value;
  }
}

function remove(root: { doc: unknown }, path: string, verb: string): unknown {
  const parent = findParent(root, path);
  if (!parent) throw new PatchError(`unable to ${verb} nonexistent key: ${lastToken(path)}: ${MISSING}`);
  const { container, key } = parent;
  if (Array.isArray(container)) {
    const index = arrayIndex(key, container.length);
    if (index === undefined || index >= container.length) {
      throw new PatchError(`error in ${verb} for path: '${path}': Unable to access invalid index: ${key}: ${INVALID_INDEX}`);
    }
    return container.splice(index, 1)[0];
  }
  if (!Object.hasOwn(container, key)) {
    throw new PatchError(`error in ${verb} for path: '${path}': Unable to remove nonexistent key: ${key}: ${MISSING}`);
  }
  const value = container[key];
  delete container[key];
  return value;
}

function replace(root: { doc: unknown }, op: Operation): void {
  if (op.path === '') {
    root.doc = structuredClone(op.value);
    return;
  }
  const parent = findParent(root, op.path);
  if (!parent) throw new PatchError(`replace operation does not apply: doc is missing path: ${op.path}: ${MISSING}`);
  const { container, key } = parent;
  if (!get(container, key).found || (Array.isArray(container) && key === '-')) {
    throw new PatchError(`replace operation does not apply: doc is missing key: ${op.path}: ${MISSING}`);
  }
  if (Array.isArray(container)) container[Number(key)] = structuredClone(op.value);
  else container[key] = structuredClone(op.value);
}

function move(root: { doc: unknown }, op: Operation): void {
  const from = op.from ?? '';
  const source = findParent(root, from);
  if (!source) throw new PatchError(`move operation does not apply: doc is missing from path: ${from}: ${MISSING}`);
  if (op.path.startsWith(`${from}/`)) throw new PatchError(`move operation does not apply: cannot move a value into one of its children: ${from}`);
  const value = remove(root, from, 'move');
  const target = findParent(root, op.path);
  if (!target) throw new PatchError(`move operation does not apply: doc is missing destination path: ${op.path}: ${MISSING}`);
  add(root, op.path, value, 'move');
}

function copy(root: { doc: unknown }, op: Operation): void {
  const from = op.from ?? '';
  const source = findParent(root, from);
  if (!source) throw new PatchError(`copy operation does not apply: doc is missing from path: ${from}: ${MISSING}`);
  const value = get(source.container, source.key);
  if (!value.found) throw new PatchError(`error in copy for from: '${from}': Unable to get nonexistent key: ${source.key}: ${MISSING}`);
  add(root, op.path, structuredClone(value.value), 'copy');
}

function test(root: { doc: unknown }, op: Operation): void {
  if (op.path === '') {
    if (equalJson(root.doc, op.value)) return;
    throw new PatchError(`testing value ${op.path} failed: test failed`);
  }
  const parent = findParent(root, op.path);
  if (!parent) throw new PatchError(`test operation does not apply: is nil for path: ${op.path}: ${MISSING}`);
  const current = get(parent.container, parent.key);
  if (!current.found || current.value === null) {
    if (!op.hasValue || op.value === null) return;
    throw new PatchError(`testing value ${op.path} failed: test failed`);
  }
  if (equalJson(current.value, op.value)) return;
  throw new PatchError(`testing value ${op.path} failed: test failed`);
}

function lastToken(path: string): string {
  const tokens = parsePointer(path);
  return tokens?.[tokens.length - 1] ?? path;
}

/** Structural JSON equality (key order does not matter). */
export function equalJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => equalJson(x, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && equalJson(a[k], b[k]));
  }
  return false;
}
