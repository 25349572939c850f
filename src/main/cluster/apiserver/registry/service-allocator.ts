/**
 * The Service IP and node port allocators (pkg/registry/core/service/ipallocator, portallocator
 * and allocator/bitmap.go as in kube-apiserver 1.32). A range is split at an offset: random
 * allocation searches the upper band first, so addresses and ports a user may ask for by hand
 * (10.96.0.10 for DNS, 30000–30085) stay free unless the upper band is full.
 *
 * What is taken is read from the stored Services rather than from a bitmap of its own: the result
 * is the same, and it cannot drift from what etcd holds (kube-apiserver needs a repair loop for that).
 */
import type { Random } from '../../../base/random.js';
import { formatIPv4, parseIPv4, parseIPv4Cidr } from './ip.js';

export const ERR_ALLOCATED_IP = 'provided IP is already allocated';
export const ERR_ALLOCATED_PORT = 'provided port is already allocated';
export const ERR_FULL = 'range is full';

/**
 * The random scan with offset: a random start in the upper band [offset, max), then wrapping;
 * only then the lower band [0, offset). Undefined when everything is taken.
 */
function allocateBit(max: number, offset: number, taken: (index: number) => boolean, count: number, random: Random): number | undefined {
  if (count >= max) return undefined;
  const upper = max - offset;
  let start = random.int(0, upper - 1);
  for (let i = 0; i < upper; i++) {
    const at = offset + ((start + i) % upper);
    if (!taken(at)) return at;
  }
  if (offset === 0) return undefined;
  start = random.int(0, offset - 1);
  for (let i = 0; i < offset; i++) {
    const at = (start + i) % offset;
    if (!taken(at)) return at;
  }
  return undefined;
}

/** min(max(min, size/step), max), or 0 for a range of `min` or fewer (calculateRangeOffset). */
function rangeOffset(size: number, min: number, max: number, step: number): number {
  if (size <= min) return 0;
  return Math.min(Math.max(min, Math.floor(size / step)), max);
}

/** An IPv4 Service CIDR: the network and broadcast addresses are never handed out. */
export class ServiceIPRange {
  readonly cidr: string;
  private readonly base: number;
  readonly max: number;
  readonly offset: number;

  constructor(cidr: string) {
    const parsed = parseIPv4Cidr(cidr);
    if (!parsed) throw new Error(`invalid service cluster IP range ${cidr}`);
    this.cidr = `${formatIPv4(parsed.network)}/${parsed.prefix}`;
    this.base = parsed.network + 1;
    this.max = Math.max(0, parsed.size - 2);
    this.offset = rangeOffset(parsed.size, 16, 256, 16);
  }

  private indexOf(ip: string): number | undefined {
    const value = parseIPv4(ip);
    if (value === undefined) return undefined;
    const index = value - this.base;
    return index >= 0 && index < this.max ? index : undefined;
  }

  private indices(taken: Iterable<string>): Set<number> {
    const indices = new Set<number>();
    for (const ip of taken) {
      const index = this.indexOf(ip);
      if (index !== undefined) indices.add(index);
    }
    return indices;
  }

  /** Allocate a chosen address: an error message, or undefined when it is now the caller's. */
  allocate(ip: string, taken: Iterable<string>): string | undefined {
    const index = this.indexOf(ip);
    if (index === undefined) {
      // Go prints the parsed net.IP: leading zeros are gone.
      const v4 = parseIPv4(ip);
      const shown = v4 === undefined ? ip : formatIPv4(v4);
      return `the provided IP (${shown}) is not in the valid range. The range of valid IPs is ${this.cidr}`;
    }
    return this.indices(taken).has(index) ? ERR_ALLOCATED_IP : undefined;
  }

  /** A random free address (AllocateNext), or undefined when the range is full. */
  allocateNext(taken: Iterable<string>, random: Random): string | undefined {
    const indices = this.indices(taken);
    const index = allocateBit(this.max, this.offset, (i) => indices.has(i), indices.size, random);
    return index === undefined ? undefined : formatIPv4(this.base + index);
  }
}

/** --service-node-port-range, `30000-32767`. */
export class NodePortRange {
  readonly text: string;
  private readonly base: number;
  readonly size: number;
  readonly offset: number;

  constructor(text: string) {
    const match = /^(\d+)-(\d+)$/.exec(text);
    if (!match) throw new Error(`invalid service node port range ${text}`);
    this.base = Number(match[1]);
    this.size = Number(match[2]) - this.base + 1;
    this.text = text;
    this.offset = rangeOffset(this.size, 16, 128, 32);
  }

  contains(port: number): boolean {
    return port >= this.base && port < this.base + this.size;
  }

  allocate(port: number, taken: ReadonlySet<number>): string | undefined {
    if (!this.contains(port)) return `provided port is not in the valid range. The range of valid ports is ${this.text}`;
    return taken.has(port) ? ERR_ALLOCATED_PORT : undefined;
  }

  allocateNext(taken: ReadonlySet<number>, random: Random): number | undefined {
    let count = 0;
    for (const port of taken) if (this.contains(port)) count++;
    const index = allocateBit(this.size, this.offset, (i) => taken.has(this.base + i), count, random);
    return index === undefined ? undefined : this.base + index;
  }
}

/**
 * One request's node port allocations (portallocator.PortAllocationOperation): ports handed out
 * earlier in the same request count as taken.
 */
export class NodePortOperation {
  private readonly taken: Set<number>;

  constructor(
    private readonly range: NodePortRange,
    taken: Iterable<number>,
    private readonly random: Random,
  ) {
    this.taken = new Set(taken);
  }

  allocate(port: number): string | undefined {
    const error = this.range.allocate(port, this.taken);
    if (!error) this.taken.add(port);
    return error;
  }

  allocateNext(): number | undefined {
    const port = this.range.allocateNext(this.taken, this.random);
    if (port !== undefined) this.taken.add(port);
    return port;
  }
}
