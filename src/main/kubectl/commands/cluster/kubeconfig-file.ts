/**
 * The kubeconfig as `kubectl config` edits it (clientcmd's api.Config): the files it is loaded
 * from (`--kubeconfig`, else `$KUBECONFIG` merged, else `~/.kube/config`), the file changes go to
 * (PathOptions.GetDefaultFilename), and the v1 serialisation kubectl writes and prints — entries
 * sorted by name, the fields each v1 struct keeps in its own order, `null` for empty lists.
 */
import { parse } from 'yaml';
import { KubectlError } from '../../errors.js';
import type { Invocation } from '../../invocation.js';
import { toYaml } from '../../printers/yaml-printer.js';

export type Entry = Record<string, unknown>;

export interface KubeconfigDocument {
  clusters: Map<string, Entry>;
  users: Map<string, Entry>;
  contexts: Map<string, Entry>;
  currentContext: string;
  preferences: Entry;
}

/** The v1 structs' JSON fields in declaration order; `always` ones have no omitempty. */
const CLUSTER_FIELDS = ['server', 'tls-server-name', 'insecure-skip-tls-verify', 'certificate-authority', 'certificate-authority-data', 'proxy-url', 'disable-compression', 'extensions'];
const USER_FIELDS = [
  'client-certificate', 'client-certificate-data', 'client-key', 'client-key-data', 'token', 'tokenFile', 'as', 'as-uid', 'as-groups',
  'as-user-extra', 'username', 'password', 'auth-provider', 'exec', 'extensions',
];
const CONTEXT_FIELDS = ['cluster', 'user', 'namespace', 'extensions'];
const ALWAYS = new Set(['server', 'cluster', 'user']);

export const SECTION_FIELDS = { clusters: CLUSTER_FIELDS, users: USER_FIELDS, contexts: CONTEXT_FIELDS } as const;
export type Section = keyof typeof SECTION_FIELDS;
/** The name each section's entries carry their body under (`- name: x\n  cluster: …`). */
export const ENTRY_KEY: Record<Section, string> = { clusters: 'cluster', users: 'user', contexts: 'context' };

export function emptyDocument(): KubeconfigDocument {
  return { clusters: new Map(), users: new Map(), contexts: new Map(), currentContext: '', preferences: {} };
}

interface RawEntry {
  name?: unknown;
  [body: string]: unknown;
}

function readSection(raw: unknown, section: Section, into: Map<string, Entry>): void {
  if (!Array.isArray(raw)) return;
  for (const item of raw as RawEntry[]) {
    if (!item || typeof item.name !== 'string' || into.has(item.name)) continue;
    const body = item[ENTRY_KEY[section]];
    into.set(item.name, body && typeof body === 'object' ? { ...(body as Entry) } : {});
  }
}

/** The loaded kubeconfig and where `kubectl config` writes it back. */
export class KubeconfigFile {
  private constructor(
    private readonly inv: Invocation,
    readonly doc: KubeconfigDocument,
    /** The file changes are written to, as the user would name it in messages. */
    readonly path: string,
  ) {}

  static load(inv: Invocation): KubeconfigFile {
    const fs = inv.ctx.shell.host.fs;
    const read = (path: string): string | undefined => {
      const absolute = inv.ctx.shell.resolvePath(path);
      return fs.exists(absolute) && !fs.stat(absolute).isDirectory ? fs.readFile(absolute) : undefined;
    };
    const explicit = inv.flags.string('kubeconfig');
    const envFiles = (inv.ctx.shell.env.get('KUBECONFIG') ?? '').split(':').filter(Boolean);
    const home = inv.ctx.shell.env.get('HOME') ?? inv.ctx.shell.host.home;
    const files = explicit ? [explicit] : envFiles.length > 0 ? envFiles : [`${home}/.kube/config`];
    const doc = emptyDocument();
    for (const path of files) {
      const text = read(path);
      if (text === undefined) {
        if (explicit) throw new KubectlError(`error: stat ${path}: no such file or directory\n`);
        continue;
      }
      let raw: Record<string, unknown>;
      try {
        raw = (parse(text) as Record<string, unknown> | null) ?? {};
      } catch (error) {
        throw new KubectlError(`error: error loading config file "${path}": ${error instanceof Error ? error.message.split('\n')[0] : String(error)}\n`);
      }
      readSection(raw.clusters, 'clusters', doc.clusters);
      readSection(raw.users, 'users', doc.users);
      readSection(raw.contexts, 'contexts', doc.contexts);
      if (!doc.currentContext && typeof raw['current-context'] === 'string') doc.currentContext = raw['current-context'];
      if (raw.preferences && typeof raw.preferences === 'object' && Object.keys(doc.preferences).length === 0) doc.preferences = raw.preferences as Entry;
    }
    // GetDefaultFilename: the explicit file; one $KUBECONFIG file; else the first that exists, else the last.
    const target = explicit || (envFiles.length === 1 ? envFiles[0]! : envFiles.length > 0 ? (envFiles.find((f) => read(f) !== undefined) ?? envFiles[envFiles.length - 1]!) : files[0]!);
    return new KubeconfigFile(inv, doc, target);
  }

  /** ModifyConfig: the whole document, as kubectl serialises it, readable only by its owner. */
  save(): void {
    const fs = this.inv.ctx.shell.host.fs;
    const absolute = this.inv.ctx.shell.resolvePath(this.path);
    const dir = absolute.slice(0, absolute.lastIndexOf('/')) || '/';
    if (!fs.exists(dir)) fs.mkdir(dir, { parents: true });
    fs.writeFile(absolute, toYaml(serialize(this.doc)), 0o600);
  }

  /** A path the user typed, absolute on the shell's host (kubectl stores flags' paths made absolute). */
  absolutePath(path: string): string {
    return this.inv.ctx.shell.resolvePath(path);
  }

  /** A file's content on the shell's host, or kubectl's error for a missing one. */
  readFile(path: string): string {
    const fs = this.inv.ctx.shell.host.fs;
    const absolute = this.absolutePath(path);
    if (!fs.exists(absolute) || fs.stat(absolute).isDirectory) throw new KubectlError(`error: open ${path}: no such file or directory\n`);
    return fs.readFile(absolute);
  }
}

function ordered(body: Entry, fields: readonly string[]): Entry {
  const out: Entry = {};
  for (const field of fields) {
    const value = body[field];
    if (ALWAYS.has(field)) out[field] = value ?? '';
    else if (value !== undefined && value !== null && value !== '' && value !== false) out[field] = value;
  }
  return out;
}

function sectionList(entries: Map<string, Entry>, section: Section): Entry[] | null {
  if (entries.size === 0) return null;
  return [...entries.keys()].sort().map((name) => ({ name, [ENTRY_KEY[section]]: ordered(entries.get(name)!, SECTION_FIELDS[section]) }));
}

/** The v1.Config object in its struct's field order (JSON keeps it; YAML sorts the keys). */
export function serialize(doc: KubeconfigDocument): Entry {
  return {
    kind: 'Config',
    apiVersion: 'v1',
    preferences: doc.preferences,
    clusters: sectionList(doc.clusters, 'clusters'),
    users: sectionList(doc.users, 'users'),
    contexts: sectionList(doc.contexts, 'contexts'),
    'current-context': doc.currentContext,
  };
}
