/**
 * emptyDir volumes: one store of files per volume for the Pod's life (a container restart keeps
 * it), shared by every container that mounts it. A container's processes keep their files in a
 * `ContainerFiles` map, which routes the paths under the container's emptyDir mounts to those
 * stores: what one container writes there, the others read at once — the logging sidecar that
 * tails what the app writes, the init container that writes the page nginx serves.
 */
import type { Container, Pod } from '../../../shared/api/core.js';

/** Volume name → files by path relative to the volume. */
export type EmptyDirs = Map<string, Map<string, string>>;

interface EmptyDirMount {
  /** The mount path without a trailing slash. */
  mountPath: string;
  /** The part of the volume mounted (`subPath/`), '' for all of it. */
  prefix: string;
  files: Map<string, string>;
}

/** The container's emptyDir mounts, each with its volume's store (made on first use). */
export function emptyDirMounts(pod: Pod, container: Container, dirs: EmptyDirs): EmptyDirMount[] {
  const names = new Set((pod.spec.volumes ?? []).filter((v) => (v as { emptyDir?: object }).emptyDir !== undefined).map((v) => v.name));
  return (container.volumeMounts ?? [])
    .filter((m) => names.has(m.name))
    .map((m) => {
      let files = dirs.get(m.name);
      if (!files) dirs.set(m.name, (files = new Map()));
      const subPath = (m as { subPath?: string }).subPath;
      return { mountPath: m.mountPath.replace(/\/+$/, ''), prefix: subPath ? `${subPath.replace(/\/+$/, '')}/` : '', files };
    });
}

/** A container's own files, with the paths under its emptyDir mounts kept in the volumes' stores. */
export class ContainerFiles extends Map<string, string> {
  constructor(private readonly mounts: readonly EmptyDirMount[]) {
    super();
  }

  /** The store and key holding `path`, when it lies under an emptyDir mount (the last such mount wins). */
  private route(path: string): { files: Map<string, string>; key: string } | undefined {
    for (let i = this.mounts.length - 1; i >= 0; i--) {
      const m = this.mounts[i]!;
      if (path.startsWith(`${m.mountPath}/`)) return { files: m.files, key: m.prefix + path.slice(m.mountPath.length + 1) };
    }
    return undefined;
  }

  override get(path: string): string | undefined {
    const at = this.route(path);
    return at ? at.files.get(at.key) : super.get(path);
  }

  override has(path: string): boolean {
    const at = this.route(path);
    return at ? at.files.has(at.key) : super.has(path);
  }

  override set(path: string, content: string): this {
    const at = this.route(path);
    if (at) at.files.set(at.key, content);
    else super.set(path, content);
    return this;
  }

  override delete(path: string): boolean {
    const at = this.route(path);
    return at ? at.files.delete(at.key) : super.delete(path);
  }

  override get size(): number {
    let n = super.size;
    for (const _ of this.mounted()) n++;
    return n;
  }

  /** The volumes' files as this container sees them, by absolute path. */
  private *mounted(): Generator<[string, string]> {
    for (const m of this.mounts) {
      for (const [key, content] of m.files) if (key.startsWith(m.prefix)) yield [`${m.mountPath}/${key.slice(m.prefix.length)}`, content];
    }
  }

  override *entries(): MapIterator<[string, string]> {
    yield* super.entries();
    yield* this.mounted();
  }

  override *keys(): MapIterator<string> {
    for (const [path] of this.entries()) yield path;
  }

  override *values(): MapIterator<string> {
    for (const [, content] of this.entries()) yield content;
  }

  override [Symbol.iterator](): MapIterator<[string, string]> {
    return this.entries();
  }

  override forEach(callback: (content: string, path: string, map: Map<string, string>) => void, thisArg?: unknown): void {
    for (const [path, content] of this.entries()) callback.call(thisArg, content, path, this);
  }
}
