/**
 * The output helpers etcdctl/etcdutl 3.5 print through: go-humanize's byte sizes, olekukonko's
 * tablewriter as etcd configures it (upper-case centred headers, right-aligned cells), zap's JSON
 * lines (`snapshot save`, client warnings) and zap's console lines (`snapshot restore`), and etcd's
 * member/cluster ids (sha1 of the peer URLs and cluster token, as etcdserver/api/membership does).
 */
import { createHash } from 'node:crypto';

const SI = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB'];

/** humanize.Bytes: SI units, one decimal below 10 (`5.9 MB`), none above (`29 MB`). */
export function humanizeBytes(bytes: number): string {
  if (bytes < 10) return `${bytes} B`;
  const e = Math.floor(Math.log(bytes) / Math.log(1000));
  const value = Math.floor((bytes / 1000 ** e) * 10 + 0.5) / 10;
  return value < 10 ? `${value.toFixed(1)} ${SI[e]}` : `${roundHalfEven(value)} ${SI[e]}`;
}

/** Go's `%.0f`: halves round to the even neighbour (20.5 → 20), unlike toFixed. */
function roundHalfEven(value: number): number {
  const floor = Math.floor(value);
  const diff = value - floor;
  if (diff > 0.5 || (diff === 0.5 && floor % 2 === 1)) return floor + 1;
  return floor;
}

function runeLength(text: string): number {
  return [...text].length;
}

/** tablewriter with SetAlignment(ALIGN_RIGHT), as every etcdctl 3.5 table is printed. */
export function renderTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const titles = header.map((h) => h.toUpperCase());
  const widths = titles.map((title, i) => Math.max(runeLength(title), ...rows.map((row) => runeLength(row[i] ?? ''))));
  const border = `+${widths.map((w) => '-'.repeat(w + 2)).join('+')}+\n`;
  const centre = (text: string, width: number): string => {
    const gap = width - runeLength(text);
    const left = Math.floor(gap / 2);
    return ' '.repeat(left) + text + ' '.repeat(gap - left);
  };
  const headerLine = `|${titles.map((t, i) => ` ${centre(t, widths[i]!)} `).join('|')}|\n`;
  const body = rows.map((row) => `|${widths.map((w, i) => ` ${' '.repeat(w - runeLength(row[i] ?? ''))}${row[i] ?? ''} `).join('|')}|\n`).join('');
  return border + headerLine + border + body + border;
}

/** RFC 3339 with nanosecond precision and trailing zeros dropped (Go's RFC3339Nano), in UTC. */
export function rfc3339Nano(ms: number): string {
  const iso = new Date(Math.floor(ms)).toISOString();
  const fraction = iso.slice(20, 23).replace(/0+$/, '');
  return `${iso.slice(0, 19)}${fraction ? `.${fraction}` : ''}Z`;
}

/** A zap production (JSON) log line, fields in the order given. */
export function zapJsonLine(level: 'info' | 'warn', ts: number, fields: ReadonlyArray<readonly [string, string | number]>, caller: string, msg: string, logger?: string): string {
  const head: Array<readonly [string, string | number]> = [['level', level], ['ts', rfc3339Nano(ts)]];
  if (logger) head.push(['logger', logger]);
  head.push(['caller', caller], ['msg', msg]);
  return `{${[...head, ...fields].map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',')}}\n`;
}

/** A zap development (console) line as etcdutl's restore logger writes it: tab-separated. */
export function zapConsoleLine(ts: number, caller: string, msg: string, fields?: string): string {
  const time = new Date(Math.floor(ts)).toISOString().slice(0, 19) + 'Z';
  return `${time}\tinfo\t${caller}\t${msg}${fields ? `\t${fields}` : ''}\n`;
}

/** etcd's member id: the first 8 bytes of sha1(peer URLs joined + cluster token), big-endian. */
export function memberId(peerUrls: readonly string[], clusterToken: string): bigint {
  return createHash('sha1').update([...peerUrls].sort().join('') + clusterToken).digest().readBigUInt64BE(0);
}

/** etcd's cluster id: the first 8 bytes of sha1 over the sorted member ids (8 bytes each). */
export function clusterId(memberIds: readonly bigint[]): bigint {
  const sorted = [...memberIds].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const bytes = Buffer.alloc(8 * sorted.length);
  sorted.forEach((id, i) => bytes.writeBigUInt64BE(id, i * 8));
  return createHash('sha1').update(bytes).digest().readBigUInt64BE(0);
}

/** `%x` of an id. */
export function hexId(id: bigint): string {
  return id.toString(16);
}
