/**
 * A node's systemd journal: lines from systemd itself and from the daemons it runs (kubelet,
 * containerd), each stamped with the lab clock, the writer's syslog identifier and PID and the unit
 * it belongs to. `journalctl` prints them in its default `short` format; kubelet writes its own
 * lines in klog's header format.
 */

export interface JournalEntry {
  readonly time: number;
  /** The syslog identifier: `systemd`, `kubelet`, `containerd`. */
  readonly identifier: string;
  readonly pid: number;
  /** The unit the line is about (`kubelet.service`), as `journalctl -u` selects. */
  readonly unit: string;
  readonly message: string;
}

/** Entries kept per node before the oldest are dropped (journald's size cap, roughly). */
const MAX_ENTRIES = 5000;

export class Journal {
  private entries: JournalEntry[] = [];
  private total = 0;

  /** How many entries were ever appended: a cursor for followers (`journalctl -f`). */
  get cursor(): number {
    return this.total;
  }

  append(entry: JournalEntry): void {
    this.entries.push(entry);
    this.total++;
    // Drop in chunks so a crash-looping unit costs O(1) amortised per line.
    if (this.entries.length > MAX_ENTRIES * 1.25) this.entries = this.entries.slice(-MAX_ENTRIES);
  }

  /** Entries appended after `cursor` (those still kept), oldest first. */
  readSince(cursor: number): readonly JournalEntry[] {
    const count = Math.min(this.total - cursor, this.entries.length);
    return count <= 0 ? [] : this.entries.slice(-count);
  }

  /** Entries of one unit (or all), oldest first. */
  read(unit?: string): readonly JournalEntry[] {
    const all = this.entries.length > MAX_ENTRIES ? this.entries.slice(-MAX_ENTRIES) : this.entries;
    return unit === undefined ? all : all.filter((e) => e.unit === unit);
  }
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** journalctl's `short` timestamp: `Jan 01 00:10:00` (the nodes run in UTC). */
export function shortTime(ms: number): string {
  const d = new Date(ms);
  return `${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** systemctl's absolute timestamp: `Wed 2025-01-01 00:00:00 UTC`. */
export function systemdTime(ms: number): string {
  const d = new Date(ms);
  return `${DAYS[d.getUTCDay()]} ${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} UTC`;
}

/** One line as `journalctl` prints it: `Jan 01 00:10:00 node01 kubelet[1234]: message`. */
export function formatEntry(entry: JournalEntry, hostname: string): string {
  return `${shortTime(entry.time)} ${hostname} ${entry.identifier}[${entry.pid}]: ${entry.message}`;
}

export { klogLine } from '../../base/klog.js';

/** klog's structured value quoting: a Go %q string (backslash-escaped quotes and backslashes). */
export function klogQuote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

/**
 * systemd's relative time (format_timestamp_relative): `5s ago`, `2min 3s ago`, `10min ago`,
 * `1h 5min ago`, `7h ago`, `1 day 2h ago`, `3 days ago`.
 */
export function relativeTime(deltaMs: number): string {
  const s = Math.floor(deltaMs / 1000);
  const min = Math.floor(s / 60);
  const h = Math.floor(min / 60);
  const days = Math.floor(h / 24);
  if (days >= 7) {
    const weeks = Math.floor(days / 7);
    return `${weeks} week${weeks > 1 ? 's' : ''} ${days % 7} day${days % 7 === 1 ? '' : 's'} ago`;
  }
  if (days >= 2) return `${days} days ago`;
  if (h >= 25) return `1 day ${h - 24}h ago`;
  if (h >= 6) return `${h}h ago`;
  if (h >= 1) return `${h}h ${min % 60}min ago`;
  if (min >= 5) return `${min}min ago`;
  if (min >= 1) return `${min}min ${s % 60}s ago`;
  if (s >= 1) return `${s}s ago`;
  if (deltaMs >= 1) return `${Math.floor(deltaMs)}ms ago`;
  return 'now';
}
