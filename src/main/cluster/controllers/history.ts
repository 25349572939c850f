/**
 * ControllerRevision history shared by the StatefulSet and DaemonSet controllers
 * (pkg/controller/history and controller.ComputeHash): a revision holds a strategic-merge patch
 * that replaces the Pod template, is named `<owner>-<hash>`, and carries a revision number one
 * above the highest so far. Hashes are FNV-32 of the canonical JSON encoded with the
 * no-vowel alphabet of rand.SafeEncodeString, so they look like Kubernetes' (`web-7b9c5d6f8`) and
 * are stable across runs; they are not byte-identical to Go's (which hashes a spew dump).
 */
import type { ControllerRevision } from '../../../shared/api/apps.js';
import type { PodTemplateSpec } from '../../../shared/api/core.js';
import type { KubeObject, OwnerReference } from '../../../shared/api/meta.js';
import { canonicalJson } from '../../base/canonical-json.js';
import { NAME_SUFFIX_ALPHABET } from '../../base/random.js';

/** history.ControllerRevisionHashLabel, on every ControllerRevision the history package makes. */
export const CONTROLLER_REVISION_HASH_LABEL = 'controller.kubernetes.io/hash';
/** apps.DefaultDaemonSetUniqueLabelKey / StatefulSetRevisionLabel, on Pods. */
export const POD_REVISION_LABEL = 'controller-revision-hash';

/** revisionHistoryLimit's default for both kinds. */
export const DEFAULT_REVISION_HISTORY_LIMIT = 10;

/** rand.SafeEncodeString: every character mapped onto the alphabet that cannot spell words. */
export function safeEncodeString(text: string): string {
  let out = '';
  for (const ch of text) out += NAME_SUFFIX_ALPHABET[ch.codePointAt(0)! % NAME_SUFFIX_ALPHABET.length];
  return out;
}

function fnv32(bytes: Uint8Array, variantA: boolean, seed = 0x811c9dc5): number {
  let h = seed;
  for (const b of bytes) {
    if (variantA) {
      h ^= b;
      h = Math.imul(h, 0x01000193) >>> 0;
    } else {
      h = Math.imul(h, 0x01000193) >>> 0;
      h ^= b;
    }
  }
  return h >>> 0;
}

const encoder = new TextEncoder();

function collisionBytes(collisionCount: number | undefined): Uint8Array {
  if (collisionCount === undefined) return new Uint8Array();
  // binary.LittleEndian.PutUint32, as ComputeHash writes it.
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, collisionCount >>> 0, true);
  return out;
}

/** controller.ComputeHash(template, collisionCount): the DaemonSet's `controller-revision-hash`. */
export function computeTemplateHash(template: PodTemplateSpec, collisionCount: number | undefined): string {
  const bytes = encoder.encode(canonicalJson(template));
  const extra = collisionBytes(collisionCount);
  const all = new Uint8Array(bytes.length + extra.length);
  all.set(bytes);
  all.set(extra, bytes.length);
  return safeEncodeString(String(fnv32(all, true)));
}

/** history.HashControllerRevision: FNV-32 of the data, then the collision count as a decimal. */
export function hashRevisionData(data: unknown, collisionCount: number | undefined): string {
  const text = canonicalJson(data) + (collisionCount !== undefined ? String(collisionCount) : '');
  return safeEncodeString(String(fnv32(encoder.encode(text), false)));
}

/** history.ControllerRevisionName: the owner's name (at most 223 characters), a dash, the hash. */
export function controllerRevisionName(owner: string, hash: string): string {
  return `${owner.length > 223 ? owner.slice(0, 223) : owner}-${hash}`;
}

/** getPatch: the strategic-merge patch that replaces the whole template. */
export function templatePatch(template: PodTemplateSpec): Record<string, unknown> {
  return { spec: { template: { ...structuredClone(template), $patch: 'replace' } } };
}

/** The template a revision's patch holds (ApplyRevision for a replace patch). */
export function templateOfRevision(revision: ControllerRevision): PodTemplateSpec | undefined {
  const data = revision.data as { spec?: { template?: PodTemplateSpec & { $patch?: string } } } | undefined;
  const template = data?.spec?.template;
  if (!template) return undefined;
  const copy = structuredClone(template);
  delete copy.$patch;
  return copy;
}

/** history.EqualRevision: the same data, whatever the key order. */
export function equalRevision(a: ControllerRevision, b: ControllerRevision): boolean {
  return canonicalJson(a.data ?? null) === canonicalJson(b.data ?? null);
}

/** history.NextRevision: one above the highest revision number (1 for none). */
export function nextRevision(revisions: readonly ControllerRevision[]): number {
  let max = 0;
  for (const r of revisions) max = Math.max(max, r.revision);
  return max + 1;
}

/** history.SortControllerRevisions: by revision, then creation time, then name. */
export function sortRevisions(revisions: ControllerRevision[]): ControllerRevision[] {
  return revisions.sort(
    (a, b) =>
      a.revision - b.revision ||
      (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? '') ||
      (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''),
  );
}

/** metav1.NewControllerRef. */
export function controllerRef(owner: KubeObject, apiVersion: string, kind: string): OwnerReference {
  return { apiVersion, kind, name: owner.metadata.name ?? '', uid: owner.metadata.uid ?? '', controller: true, blockOwnerDeletion: true };
}

/** The controller reference of an object, if any. */
export { controllerOf } from '../../../shared/api/owner-references.js';
