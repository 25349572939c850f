/**
 * The ustar archive format `tar cf -` writes and `tar xf -` reads — what `kubectl cp` moves
 * through an exec stream. Archives are byte strings (one char per byte, as Latin-1); file
 * contents are text, stored as their UTF-8 bytes.
 */

const BLOCK = 512;

export interface TarEntry {
  /** The member name (`tmp/app.conf`, `data/` for a directory). */
  name: string;
  type: 'file' | 'dir';
  /** A file's text. */
  content?: string;
  /** Permission bits (0644 for files, 0755 for directories by default). */
  mode?: number;
  /** Modification time, Unix seconds. */
  mtime?: number;
}

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, '0')}\0`;
}

function field(text: string, width: number): string {
  const bytes = Buffer.from(text, 'utf8').toString('latin1');
  return bytes.slice(0, width).padEnd(width, '\0');
}

/** Split a long name at a slash into ustar's prefix (155) and name (100). */
function splitName(name: string): { prefix: string; name: string } {
  if (Buffer.byteLength(name) <= 100) return { prefix: '', name };
  for (let i = name.lastIndexOf('/'); i > 0; i = name.lastIndexOf('/', i - 1)) {
    if (Buffer.byteLength(name.slice(i + 1)) <= 100 && Buffer.byteLength(name.slice(0, i)) <= 155) return { prefix: name.slice(0, i), name: name.slice(i + 1) };
  }
  return { prefix: '', name };
}

function header(entry: TarEntry, size: number): string {
  const { prefix, name } = splitName(entry.type === 'dir' && !entry.name.endsWith('/') ? `${entry.name}/` : entry.name);
  const mode = entry.mode ?? (entry.type === 'dir' ? 0o755 : 0o644);
  const fields = [
    field(name, 100),
    octal(mode, 8),
    octal(0, 8),
    octal(0, 8),
    octal(size, 12),
    octal(entry.mtime ?? 0, 12),
    '        ',
    entry.type === 'dir' ? '5' : '0',
    field('', 100),
    'ustar\0',
    '00',
    field('root', 32),
    field('root', 32),
    field('', 8),
    field('', 8),
    field(prefix, 155),
    field('', 12),
  ];
  let block = fields.join('');
  let sum = 0;
  for (let i = 0; i < block.length; i++) sum += block.charCodeAt(i);
  block = block.slice(0, 148) + `${sum.toString(8).padStart(6, '0')}\0 ` + block.slice(156);
  return block;
}

/** An archive of `entries`, ending in the two zero blocks. */
export function packTar(entries: readonly TarEntry[]): string {
  let out = '';
  for (const entry of entries) {
    const data = entry.type === 'file' ? Buffer.from(entry.content ?? '', 'utf8').toString('latin1') : '';
    out += header(entry, data.length) + data + '\0'.repeat((BLOCK - (data.length % BLOCK)) % BLOCK);
  }
  return out + '\0'.repeat(BLOCK * 2);
}

function cString(block: string, from: number, width: number): string {
  const raw = block.slice(from, from + width);
  const end = raw.indexOf('\0');
  return Buffer.from(end < 0 ? raw : raw.slice(0, end), 'latin1').toString('utf8');
}

/** The entries of an archive, or why it cannot be read (Go archive/tar's errors). */
export function unpackTar(archive: string): { ok: true; entries: TarEntry[] } | { ok: false; error: string } {
  const entries: TarEntry[] = [];
  let at = 0;
  while (at + BLOCK <= archive.length) {
    const block = archive.slice(at, at + BLOCK);
    if (/^\0*$/.test(block)) break;
    const size = parseInt(cString(block, 124, 12).trim() || '0', 8);
    if (Number.isNaN(size)) return { ok: false, error: 'archive/tar: invalid tar header' };
    const prefix = cString(block, 345, 155);
    const name = prefix ? `${prefix}/${cString(block, 0, 100)}` : cString(block, 0, 100);
    const type = block[156] === '5' ? 'dir' : 'file';
    const data = archive.slice(at + BLOCK, at + BLOCK + size);
    if (data.length < size) return { ok: false, error: 'unexpected EOF' };
    entries.push({
      name,
      type,
      mode: parseInt(cString(block, 100, 8).trim() || '0', 8),
      mtime: parseInt(cString(block, 136, 12).trim() || '0', 8),
      ...(type === 'file' ? { content: Buffer.from(data, 'latin1').toString('utf8') } : {}),
    });
    at += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
  }
  if (entries.length === 0 && archive.length < BLOCK) return { ok: false, error: 'unexpected EOF' };
  return { ok: true, entries };
}
