/**
 * The field manager's work for a create, remembered by the object's shape: without lists, the
 * fields a create sets depend only on which fields are present (and which are null), so objects of
 * the same kind written the same way by the same manager in the same second — the Events a
 * component records — get the managedFields computed for the first of them, as a fresh copy.
 * Anything else (lists, managedFields sent by the client) goes through recordUpdate every time.
 */
import type { KubeObject, ManagedFieldsEntry } from '../../../../shared/api/meta.js';
import { clonePlain } from '../clone.js';
import { type UpdateOperation, recordUpdate } from './managed-fields.js';

/** Shapes remembered per resource, the oldest forgotten first. */
const REMEMBERED = 1024;

/** The presence structure of a value, or undefined when it holds a list (item keys would matter). */
function shapeOf(value: unknown): string | undefined {
  if (value === null) return 'n';
  if (typeof value !== 'object') return 'v';
  if (Array.isArray(value)) return undefined;
  let shape = '{';
  for (const key of Object.keys(value)) {
    const child = (value as Record<string, unknown>)[key];
    if (child === undefined) continue;
    const inner = shapeOf(child);
    if (inner === undefined) return undefined;
    shape += `${key.length}:${key}${inner}`;
  }
  return `${shape}}`;
}

export class CreateFieldsMemo {
  /** By resource (its kind and reset fields decide the result too): shape key → entries (null: none). */
  private readonly byResource = new WeakMap<object, Map<string, ManagedFieldsEntry[] | null>>();

  /** recordUpdate(undefined, object, op) for a create of the resource `scope`. */
  recordCreate(scope: object, object: KubeObject, op: UpdateOperation): void {
    const shape = object.metadata.managedFields === undefined ? shapeOf(object) : undefined;
    if (shape === undefined) {
      recordUpdate(undefined, object, op);
      return;
    }
    const key = `${op.manager}\u0000${op.apiVersion}\u0000${op.subresource ?? ''}\u0000${op.time}\u0000${shape}`;
    let memo = this.byResource.get(scope);
    if (!memo) this.byResource.set(scope, (memo = new Map()));
    const known = memo.get(key);
    if (known !== undefined) {
      if (known) object.metadata.managedFields = clonePlain(known);
      return;
    }
    recordUpdate(undefined, object, op);
    memo.set(key, object.metadata.managedFields ? clonePlain(object.metadata.managedFields) : null);
    if (memo.size > REMEMBERED) memo.delete(memo.keys().next().value as string);
  }
}
