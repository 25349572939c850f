/**
 * Sets of field paths, as structured-merge-diff's `fieldpath.Set`: what a field manager owns.
 * A path is a list of path elements (`f:spec`, `k:{"name":"nginx"}`, `v:"finalizer"`, `i:0`),
 * each kept in its serialized FieldsV1 form. Also the FieldsV1 encoding itself
 * (`{"f:spec":{"f:replicas":{}}}`, with `.` for a path that is both owned and a parent) and the
 * `.spec.template.spec.containers[name="nginx"].image` form conflicts are reported in.
 */
import { canonicalJson } from '../../../base/canonical-json.js';

/** One serialized path element: `f:<name>`, `k:<json object>`, `v:<json value>` or `i:<index>`. */
export type PathElement = string;
export type FieldPath = readonly PathElement[];

export function fieldElement(name: string): PathElement {
  return `f:${name}`;
}

/** An associative-list item: its key fields as compact JSON with sorted names (Kubernetes' form). */
export function keyElement(keys: Readonly<Record<string, unknown>>): PathElement {
  return `k:${canonicalJson(keys)}`;
}

/** A set-list item: the value itself. */
export function valueElement(value: unknown): PathElement {
  return `v:${canonicalJson(value)}`;
}

export function indexElement(index: number): PathElement {
  return `i:${index}`;
}

/** Field names, then keys, then values, then indices — fieldpath.PathElement.Compare. */
export function comparePathElements(a: PathElement, b: PathElement): number {
  const rank = (e: PathElement): number => 'fkvi'.indexOf(e[0] ?? 'f');
  const byKind = rank(a) - rank(b);
  if (byKind !== 0) return byKind;
  const ra = a.slice(2);
  const rb = b.slice(2);
  if (a[0] === 'f') return ra < rb ? -1 : ra > rb ? 1 : 0;
  if (a[0] === 'i') return Number(ra) - Number(rb);
  if (a[0] === 'v') return compareValues(JSON.parse(ra) as unknown, JSON.parse(rb) as unknown);
  return compareKeys(JSON.parse(ra) as Record<string, unknown>, JSON.parse(rb) as Record<string, unknown>);
}

/** value.FieldList.Compare: field by field (name, then value); the shorter list first. */
function compareKeys(a: Record<string, unknown>, b: Record<string, unknown>): number {
  const ea = Object.entries(a).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
  const eb = Object.entries(b).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
  for (let i = 0; ; i++) {
    if (i >= ea.length && i >= eb.length) return 0;
    if (i >= ea.length) return -1;
    if (i >= eb.length) return 1;
    const [na, va] = ea[i]!;
    const [nb, vb] = eb[i]!;
    if (na !== nb) return na < nb ? -1 : 1;
    const c = compareValues(va, vb);
    if (c !== 0) return c;
  }
}

/** value.Compare for the scalars keys are made of: numbers numerically, strings bytewise. */
function compareValues(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const sa = typeof a === 'string' ? a : canonicalJson(a);
  const sb = typeof b === 'string' ? b : canonicalJson(b);
  if (typeof a !== typeof b) return typeof a < typeof b ? -1 : 1;
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/** `.spec`, `[name="nginx"]`, `[="x"]`, `[0]` — fieldpath.PathElement.String. */
export function pathElementString(e: PathElement): string {
  const rest = e.slice(2);
  switch (e[0]) {
    case 'f':
      return `.${rest}`;
    case 'i':
      return `[${rest}]`;
    case 'v':
      return `[=${goValueString(JSON.parse(rest) as unknown)}]`;
    default: {
      const keys = JSON.parse(rest) as Record<string, unknown>;
      return `[${Object.entries(keys)
        .map(([k, v]) => `${k}=${goValueString(v)}`)
        .join(',')}]`;
    }
  }
}

/** The whole path, as conflicts and errors print it: `.spec.template.spec.containers[name="nginx"].image`. */
export function pathString(path: FieldPath): string {
  return path.map(pathElementString).join('');
}

/** value.ToString: strings quoted (Go's %q), everything else as JSON. */
function goValueString(v: unknown): string {
  return typeof v === 'string' ? JSON.stringify(v) : canonicalJson(v);
}

/**
 * A tree of paths. `members` are the paths this node owns directly (leaves, list items, emptied
 * maps); `children` continue paths further down. Sets are built once (`of`, `fromFieldsV1`, the
 * walks' inserts) and never changed after: the set operations share untouched subtrees.
 */
export class FieldSet {
  private readonly members = new Set<PathElement>();
  private readonly children = new Map<PathElement, FieldSet>();

  static of(paths: Iterable<FieldPath>): FieldSet {
    const set = new FieldSet();
    for (const p of paths) set.insert(p);
    return set;
  }

  insert(path: FieldPath): void {
    this.insertFrom(path, 0);
  }

  private insertFrom(path: FieldPath, from: number): void {
    const head = path[from];
    if (head === undefined) return;
    if (from === path.length - 1) {
      this.members.add(head);
      return;
    }
    let child = this.children.get(head);
    if (!child) this.children.set(head, (child = new FieldSet()));
    child.insertFrom(path, from + 1);
  }

  has(path: FieldPath): boolean {
    const node = this.nodeAt(path.slice(0, -1));
    return path.length > 0 && node !== undefined && node.members.has(path[path.length - 1]!);
  }

  /** The path is owned, or something below it is (EnsureNamedFieldsAreMembers, then Has). */
  hasOrContains(path: FieldPath): boolean {
    if (path.length === 0) return !this.empty();
    const parent = this.nodeAt(path.slice(0, -1));
    if (!parent) return false;
    const last = path[path.length - 1]!;
    return parent.members.has(last) || !(parent.children.get(last)?.empty() ?? true);
  }

  private nodeAt(path: FieldPath, from = 0): FieldSet | undefined {
    const head = path[from];
    return head === undefined ? this : this.children.get(head)?.nodeAt(path, from + 1);
  }

  empty(): boolean {
    if (this.members.size > 0) return false;
    for (const child of this.children.values()) if (!child.empty()) return false;
    return true;
  }

  /** Every member path, in Kubernetes' order (depth first, elements sorted). */
  paths(): FieldPath[] {
    const out: FieldPath[] = [];
    const walk = (set: FieldSet, prefix: PathElement[]): void => {
      for (const key of set.sortedElements()) {
        if (set.members.has(key)) out.push([...prefix, key]);
        const child = set.children.get(key);
        if (child) walk(child, [...prefix, key]);
      }
    };
    walk(this, []);
    return out;
  }

  private sortedElements(): PathElement[] {
    return [...new Set([...this.members, ...this.children.keys()])].sort(comparePathElements);
  }

  union(other: FieldSet): FieldSet {
    if (other.empty()) return this;
    if (this.empty()) return other;
    const out = new FieldSet();
    for (const m of this.members) out.members.add(m);
    for (const m of other.members) out.members.add(m);
    for (const [k, child] of this.children) {
      const theirs = other.children.get(k);
      out.children.set(k, theirs ? child.union(theirs) : child);
    }
    for (const [k, child] of other.children) if (!this.children.has(k)) out.children.set(k, child);
    return out;
  }

  /** The paths of this set that are not in `other` (exact paths only). This set itself when none go. */
  difference(other: FieldSet): FieldSet {
    let changed = false;
    const out = new FieldSet();
    for (const m of this.members) {
      if (other.members.has(m)) changed = true;
      else out.members.add(m);
    }
    for (const [k, child] of this.children) {
      const theirs = other.children.get(k);
      const rest = theirs ? child.difference(theirs) : child;
      if (rest !== child) changed = true;
      if (!rest.empty()) out.children.set(k, rest);
    }
    return changed ? out : this;
  }

  intersection(other: FieldSet): FieldSet {
    const out = new FieldSet();
    for (const m of this.members) if (other.members.has(m)) out.members.add(m);
    for (const [k, child] of this.children) {
      const theirs = other.children.get(k);
      if (!theirs) continue;
      const both = child.intersection(theirs);
      if (!both.empty()) out.children.set(k, both);
    }
    return out;
  }

  /** Without the paths of `other` and everything below them. */
  recursiveDifference(other: FieldSet): FieldSet {
    if (other.empty()) return this;
    const out = new FieldSet();
    for (const m of this.members) if (!other.members.has(m)) out.members.add(m);
    for (const [k, child] of this.children) {
      if (other.members.has(k)) continue;
      const theirs = other.children.get(k);
      const rest = theirs ? child.recursiveDifference(theirs) : child;
      if (!rest.empty()) out.children.set(k, rest);
    }
    return out;
  }

  /** The FieldsV1 object: `.` for a path that is both a member and a parent, children by element. */
  toFieldsV1(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const key of this.sortedElements()) {
      const child = this.children.get(key);
      const nested = child && !child.empty() ? child.toFieldsV1() : {};
      out[key] = this.members.has(key) && child && !child.empty() ? { '.': {}, ...nested } : nested;
    }
    return out;
  }

  static fromFieldsV1(fields: unknown): FieldSet {
    const set = new FieldSet();
    if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) return set;
    for (const [key, child] of Object.entries(fields as Record<string, unknown>)) {
      if (key === '.') continue;
      const nested = typeof child === 'object' && child !== null ? (child as Record<string, unknown>) : {};
      const keys = Object.keys(nested);
      if (keys.length === 0 || '.' in nested) set.members.add(key);
      if (keys.some((k) => k !== '.')) set.children.set(key, FieldSet.fromFieldsV1(nested));
    }
    return set;
  }
}
