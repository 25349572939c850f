/**
 * What kustomize reads from the shell's filesystem: a directory's kustomization file and the files
 * it names, with paths relative to that directory, and kustomize's errors for missing ones.
 */
import { parse } from 'yaml';

export interface KustomizeFs {
  exists(path: string): boolean;
  isDirectory(path: string): boolean;
  readFile(path: string): string;
}

export class KustomizeError extends Error {}

export const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/** Go's filepath.Join for absolute paths: `..` and `.` resolved. */
export function joinPath(dir: string, path: string): string {
  const parts: string[] = [];
  for (const part of (path.startsWith('/') ? path : `${dir}/${path}`).split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

export interface Kustomization {
  [field: string]: unknown;
}

/** The kustomization file of `dir` (absolute), parsed. */
export function readKustomization(fs: KustomizeFs, dir: string): Kustomization {
  const name = KUSTOMIZATION_FILES.find((f) => fs.exists(`${dir}/${f}`) && !fs.isDirectory(`${dir}/${f}`));
  if (!name) throw new KustomizeError(`unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory '${dir}'`);
  const value: unknown = parse(fs.readFile(`${dir}/${name}`));
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Kustomization) : {};
}

/** A file a kustomization names, which must exist. */
export function readRelative(fs: KustomizeFs, dir: string, path: string): string {
  const absolute = joinPath(dir, path);
  if (!fs.exists(absolute) || fs.isDirectory(absolute)) throw new KustomizeError(`evalsymlink failure on '${absolute}' : lstat ${absolute}: no such file or directory`);
  return fs.readFile(absolute);
}
