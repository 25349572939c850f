/**
 * kubectl describe's PrefixWriter: lines written at an indent level (two spaces per level) into a
 * tabwriter, with `flush()` ending a tab-alignment block as Go's w.Flush() does.
 */
import { DESCRIBE_OPTIONS, tabwrite } from '../printers/tabwriter.js';

export const LEVEL_0 = 0;
export const LEVEL_1 = 1;
export const LEVEL_2 = 2;
export const LEVEL_3 = 3;

export class PrefixWriter {
  private segments: string[] = [''];

  write(level: number, text: string): void {
    this.segments[this.segments.length - 1] += '  '.repeat(level) + text;
  }

  flush(): void {
    this.segments.push('');
  }

  toString(): string {
    return this.segments.map((s) => tabwrite(s, DESCRIBE_OPTIONS)).join('');
  }

  /** The text as written, tabs and all: describe.NewPrefixWriter on a plain buffer (`rollout history --revision`). */
  raw(): string {
    return this.segments.join('');
  }
}

/** Go's time.RFC1123Z layout in UTC: `Wed, 01 Jan 2025 00:00:05 +0000`. */
export function rfc1123z(timestamp: string | null | undefined): string {
  if (!timestamp) return 'Mon, 01 Jan 0001 00:00:00 +0000';
  const d = new Date(timestamp);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${days[d.getUTCDay()]}, ${pad(d.getUTCDate())} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
}

/** printLabelsMultiline: sorted `key=value`, one per line, `<none>` when empty. */
export function writeLabels(w: PrefixWriter, title: string, labels: Record<string, string> | undefined): void {
  w.write(LEVEL_0, `${title}:\t`);
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) {
    w.write(LEVEL_0, '<none>\n');
    return;
  }
  keys.forEach((key, i) => {
    if (i > 0) w.write(LEVEL_0, '\t');
    w.write(LEVEL_0, `${key}=${labels![key]}\n`);
  });
}

const MAX_ANNOTATION_LEN = 140;
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** printAnnotationsMultiline: skips last-applied-configuration, shortens long values. */
export function writeAnnotations(w: PrefixWriter, annotations: Record<string, string> | undefined, title = 'Annotations'): void {
  w.write(LEVEL_0, `${title}:\t`);
  const keys = Object.keys(annotations ?? {})
    .filter((k) => k !== LAST_APPLIED)
    .sort();
  if (keys.length === 0) {
    w.write(LEVEL_0, '<none>\n');
    return;
  }
  keys.forEach((key, i) => {
    if (i > 0) w.write(LEVEL_0, '\t');
    const value = annotations![key]!.replace(/\n$/, '');
    if (value.length + key.length + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      w.write(LEVEL_0, `${key}:\n`);
      for (const line of value.split('\n')) {
        const short = line.length > MAX_ANNOTATION_LEN - 2 ? `${line.slice(0, MAX_ANNOTATION_LEN - 2)}...` : line;
        w.write(LEVEL_0, `\t  ${short}\n`);
      }
    } else {
      w.write(LEVEL_0, `${key}: ${value}\n`);
    }
  });
}
