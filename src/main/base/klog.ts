/** klog's line format, as Kubernetes components and kubectl write their warnings and logs. */
const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/**
 * klog's header: severity letter, `MMDD hh:mm:ss.uuuuuu`, the thread id right-aligned in 7
 * columns, `file:line]`. `micros` places lines written in the same simulated instant apart.
 */
export function klogLine(severity: 'I' | 'W' | 'E', time: number, micros: number, pid: number, source: string, message: string): string {
  const d = new Date(time);
  const fraction = pad((d.getUTCMilliseconds() * 1000 + micros) % 1_000_000, 6);
  const stamp = `${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${fraction}`;
  return `${severity}${stamp} ${String(pid).padStart(7)} ${source}] ${message}`;
}
