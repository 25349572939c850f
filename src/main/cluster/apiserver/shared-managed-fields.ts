/**
 * Decoding for the watch cache with structural sharing of managedFields: objects written the same
 * way (the Pods a ReplicaSet creates in the same second, the status a kubelet reports) carry the
 * same managedFields text, so it is parsed once and the frozen-by-contract result is shared by all
 * of them — as read-only as every object the watch cache hands out. The rest of the object is
 * parsed as usual; the entries keep their place in `metadata`.
 */
import type { KubeObject } from '../../../shared/api/meta.js';
import { jsonValueEnd } from './json-text.js';

const MARKER = '"managedFields":[';
/** Distinct managedFields texts remembered, the oldest forgotten first. */
const REMEMBERED = 4096;

export class SharedManagedFields {
  private readonly parsed = new Map<string, unknown>();

  /** JSON.parse of a stored object, its `metadata.managedFields` shared with identical ones. */
  parse(text: string): KubeObject {
    const at = text.indexOf(MARKER);
    if (at < 0) return JSON.parse(text) as KubeObject;
    const from = at + MARKER.length - 1;
    const end = jsonValueEnd(text, from);
    if (end < 0) return JSON.parse(text) as KubeObject;
    const object = JSON.parse(text.slice(0, from) + '0' + text.slice(end)) as KubeObject;
    // The key found may belong to something nested before `metadata`: then parse it plainly.
    if ((object.metadata?.managedFields as unknown) !== 0) return JSON.parse(text) as KubeObject;
    const entries = text.slice(from, end);
    let shared = this.parsed.get(entries);
    if (shared === undefined) {
      shared = JSON.parse(entries);
      this.parsed.set(entries, shared);
      if (this.parsed.size > REMEMBERED) this.parsed.delete(this.parsed.keys().next().value as string);
    }
    object.metadata.managedFields = shared as KubeObject['metadata']['managedFields'];
    return object;
  }
}
