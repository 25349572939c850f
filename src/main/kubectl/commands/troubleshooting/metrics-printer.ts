/**
 * kubectl's metricsutil.TopCmdPrinter: the `kubectl top` tables — every cell tab-terminated
 * (so the last column is padded too), CPU as millicores (`12m`), memory in whole MiB (`18Mi`),
 * node percentages of allocatable, `<unknown>` for nodes without metrics, and `--sum` totals.
 */
import type { ContainerMetrics, NodeMetrics, PodMetrics, ResourceUsage } from '../../../../shared/api/metrics.js';
import { milliValue, parseQuantity } from '../../../base/quantity.js';
import { TABLE_OPTIONS, tabwrite } from '../../printers/tabwriter.js';

export type SortBy = '' | 'cpu' | 'memory';

const NODE_COLUMNS = ['NAME', 'CPU(cores)', 'CPU(%)', 'MEMORY(bytes)', 'MEMORY(%)'];
const POD_COLUMNS = ['NAME', 'CPU(cores)', 'MEMORY(bytes)'];

/** Usage in the units kubectl compares and prints: millicores and bytes. */
interface Usage {
  cpuMilli: number;
  memoryBytes: number;
}

function usageOf(usage: ResourceUsage): Usage {
  return { cpuMilli: milliValue(usage['cpu'] ?? '0'), memoryBytes: Math.ceil(parseQuantity(usage['memory'] ?? '0') ?? 0) };
}

function add(a: Usage, b: Usage): Usage {
  return { cpuMilli: a.cpuMilli + b.cpuMilli, memoryBytes: a.memoryBytes + b.memoryBytes };
}

function podUsage(m: PodMetrics): Usage {
  return m.containers.map((c) => usageOf(c.usage)).reduce(add, { cpuMilli: 0, memoryBytes: 0 });
}

const cells = (values: string[]): string => values.map((v) => `${v}\t`).join('');

/**
 * printAllResourceUsages: each resource's usage, and its share of `available` when known
 * (float64 of the milli-values, truncated, as kubectl computes it).
 */
function usageCells(usage: Usage, available?: Usage): string[] {
  const out = [`${usage.cpuMilli}m`];
  if (available) out.push(`${Math.trunc((usage.cpuMilli / available.cpuMilli) * 100)}%`);
  out.push(`${Math.floor(usage.memoryBytes / (1024 * 1024))}Mi`);
  if (available) out.push(`${Math.trunc(((usage.memoryBytes * 1000) / (available.memoryBytes * 1000)) * 100)}%`);
  return out;
}

/** Descending by the chosen resource (Go's sort.Sort; stable here), else by `byName`. */
function sorter<T>(sortBy: SortBy, usage: (x: T) => Usage, byName: (a: T, b: T) => number): (a: T, b: T) => number {
  if (sortBy === 'cpu') return (a, b) => usage(b).cpuMilli - usage(a).cpuMilli;
  if (sortBy === 'memory') return (a, b) => usage(b).memoryBytes - usage(a).memoryBytes;
  return byName;
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** PrintNodeMetrics: `allocatable` by node name (Allocatable, or Capacity with --show-capacity). */
export function nodeMetricsTable(metrics: NodeMetrics[], allocatable: Map<string, ResourceUsage>, noHeaders: boolean, sortBy: SortBy): string {
  if (metrics.length === 0) return '';
  const sorted = [...metrics].sort(sorter(sortBy, (m) => usageOf(m.usage), (a, b) => compare(a.metadata.name ?? '', b.metadata.name ?? '')));
  let text = noHeaders ? '' : `${cells(NODE_COLUMNS)}\n`;
  const missing = new Map(allocatable);
  for (const m of sorted) {
    const name = m.metadata.name ?? '';
    const available = allocatable.get(name);
    text += `${cells([name, ...usageCells(usageOf(m.usage), available ? usageOf(available) : undefined)])}\n`;
    missing.delete(name);
  }
  for (const name of [...missing.keys()].sort()) text += `${cells([name, '<unknown>', '<unknown>', '<unknown>', '<unknown>'])}\n`;
  return tabwrite(text, TABLE_OPTIONS);
}

export interface PodTableOptions {
  containers: boolean;
  withNamespace: boolean;
  noHeaders: boolean;
  sortBy: SortBy;
  sum: boolean;
}

/** PrintPodMetrics. */
export function podMetricsTable(metrics: PodMetrics[], options: PodTableOptions): string {
  if (metrics.length === 0) return '';
  let text = '';
  // The --sum line lines up with the header kubectl printed (none with --no-headers).
  let columnWidth = POD_COLUMNS.length;
  if (!options.noHeaders) {
    const header = [...POD_COLUMNS];
    if (options.containers) {
      header.unshift('POD');
      columnWidth++;
    }
    if (options.withNamespace) {
      header.unshift('NAMESPACE');
      columnWidth++;
    }
    text += `${cells(header)}\n`;
  }
  const byName = (a: PodMetrics, b: PodMetrics): number =>
    options.withNamespace && a.metadata.namespace !== b.metadata.namespace
      ? compare(a.metadata.namespace ?? '', b.metadata.namespace ?? '')
      : compare(a.metadata.name ?? '', b.metadata.name ?? '');
  const sorted = [...metrics].sort(sorter(options.sortBy, podUsage, byName));
  const namespace = (m: PodMetrics): string[] => (options.withNamespace ? [m.metadata.namespace ?? ''] : []);
  for (const m of sorted) {
    if (options.containers) {
      const containers = [...m.containers].sort(sorter<ContainerMetrics>(options.sortBy, (c) => usageOf(c.usage), (a, b) => compare(a.name, b.name)));
      for (const c of containers) text += `${cells([...namespace(m), m.metadata.name ?? '', c.name, ...usageCells(usageOf(c.usage))])}\n`;
    } else {
      text += `${cells([...namespace(m), m.metadata.name ?? '', ...usageCells(podUsage(m))])}\n`;
    }
  }
  if (options.sum) {
    const total = sorted.map(podUsage).reduce(add, { cpuMilli: 0, memoryBytes: 0 });
    text += `${cells([...Array<string>(Math.max(0, columnWidth - 2)).fill(''), '________', '________'])}\n`;
    text += `${cells([...Array<string>(Math.max(0, columnWidth - 3)).fill(''), '', ...usageCells(total)])}\n`;
  }
  return tabwrite(text, TABLE_OPTIONS);
}
