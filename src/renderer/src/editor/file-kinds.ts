/**
 * Small rules about the files the editor opens: which Monaco language a name gets, whether
 * `kubectl apply -f` makes sense for it, how a path is quoted for the shell, and tab keys.
 */
export type EditorLanguage = 'yaml' | 'shell' | 'plaintext';

export function languageForPath(path: string): EditorLanguage {
  const name = baseName(path).toLowerCase();
  if (/\.(ya?ml)$/.test(name)) return 'yaml';
  if (/\.(sh|bash)$/.test(name) || name === '.bashrc' || name === '.profile' || name === '.bash_profile') return 'shell';
  return 'plaintext';
}

/** Manifests kubectl can apply. */
export function isManifest(path: string): boolean {
  return /\.(ya?ml|json)$/i.test(path);
}

export function baseName(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  return trimmed.slice(trimmed.lastIndexOf('/') + 1) || trimmed;
}

export function parentDir(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  const index = trimmed.lastIndexOf('/');
  return index <= 0 ? '/' : trimmed.slice(0, index);
}

/** A word the shell reads back as exactly `value` (POSIX single quotes when needed). */
export function shellQuote(value: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** The keystrokes Apply types: clear the line being edited (Ctrl+E, Ctrl+U), then the command. */
export function applyCommand(path: string): string {
  return `\x05\x15kubectl apply -f ${shellQuote(path)}\r`;
}

export function tabKey(host: string, path: string): string {
  return `${host}:${path}`;
}
