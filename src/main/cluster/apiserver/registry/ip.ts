/**
 * IP address helpers with Go's semantics where validation depends on them: k8s.io/utils/net's
 * ParseIPSloppy (IPv4 octets may carry leading zeros), net.IP's IsLoopback/IsLinkLocal… checks,
 * and IPv4 CIDRs as integer ranges for the Service IP allocator.
 */
import { isIPv6 } from 'node:net';
import { parseIPv4 } from '../../../base/ipv4.js';

export type IPFamily = 'IPv4' | 'IPv6';

export { formatIPv4, parseIPv4 } from '../../../base/ipv4.js';

/** The eight 16-bit groups of an IPv6 address (zones refused, as Go's ParseIP does). */
function ipv6Groups(text: string): number[] | undefined {
  if (text.includes('%') || !isIPv6(text)) return undefined;
  let address = text;
  const lastColon = address.lastIndexOf(':');
  const tail = address.slice(lastColon + 1);
  if (tail.includes('.')) {
    const v4 = parseIPv4(tail);
    if (v4 === undefined) return undefined;
    address = `${address.slice(0, lastColon + 1)}${Math.floor(v4 / 65536).toString(16)}:${(v4 % 65536).toString(16)}`;
  }
  const [head, rest] = address.split('::') as [string, string | undefined];
  const left = head ? head.split(':') : [];
  const right = rest ? rest.split(':') : [];
  const fill = rest === undefined ? 0 : 8 - left.length - right.length;
  return [...left, ...Array<string>(fill).fill('0'), ...right].map((g) => parseInt(g, 16));
}

/** netutils.ParseIPSloppy: the family of a valid address, else undefined. */
export function ipFamilyOf(text: string): IPFamily | undefined {
  if (parseIPv4(text) !== undefined) return 'IPv4';
  if (ipv6Groups(text) !== undefined) return 'IPv6';
  return undefined;
}

export type SpecialRange = 'unspecified' | 'loopback' | 'link-local' | 'link-local-multicast';

/** Which of Go's special ranges (IsUnspecified, IsLoopback, IsLinkLocalUnicast, IsLinkLocalMulticast) holds the address. */
export function specialRanges(text: string): SpecialRange[] {
  const found: SpecialRange[] = [];
  const v4 = parseIPv4(text);
  if (v4 !== undefined) {
    if (v4 === 0) found.push('unspecified');
    if (Math.floor(v4 / 2 ** 24) === 127) found.push('loopback');
    if (Math.floor(v4 / 65536) === 169 * 256 + 254) found.push('link-local');
    if (Math.floor(v4 / 256) === (224 * 256 + 0) * 256 + 0) found.push('link-local-multicast');
    return found;
  }
  const groups = ipv6Groups(text);
  if (!groups) return found;
  if (groups.every((g) => g === 0)) found.push('unspecified');
  if (groups.slice(0, 7).every((g) => g === 0) && groups[7] === 1) found.push('loopback');
  if ((groups[0]! & 0xffc0) === 0xfe80) found.push('link-local');
  if ((groups[0]! & 0xff0f) === 0xff02) found.push('link-local-multicast');
  return found;
}

export interface Ipv4Cidr {
  /** As written, e.g. `10.96.0.0/12`. */
  text: string;
  network: number;
  prefix: number;
  /** Number of addresses, network and broadcast included. */
  size: number;
}

export function parseIPv4Cidr(text: string): Ipv4Cidr | undefined {
  const [address, bits] = text.split('/');
  const network = parseIPv4(address ?? '');
  const prefix = Number(bits);
  if (network === undefined || !/^\d{1,2}$/.test(bits ?? '') || prefix > 32) return undefined;
  const size = 2 ** (32 - prefix);
  return { text, network: network - (network % size), prefix, size };
}
