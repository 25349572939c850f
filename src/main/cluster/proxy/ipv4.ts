/**
 * IPv4 addresses and CIDRs as integers: what the proxy, DNS and NetworkPolicy code need to match
 * an address against a range (`--cluster-cidr`, an ipBlock) and to spell it in other forms
 * (CoreDNS's dashed Pod names, in-addr.arpa names).
 */

export interface Ipv4Cidr {
  base: number;
  prefix: number;
}

import { parseIPv4 } from '../../base/ipv4.js';

export { formatIPv4, parseIPv4 } from '../../base/ipv4.js';

export function parseCidr(text: string): Ipv4Cidr | undefined {
  const [address, bits] = text.split('/');
  const base = parseIPv4(address ?? '');
  const prefix = bits === undefined ? 32 : Number(bits);
  if (base === undefined || !Number.isInteger(prefix) || prefix < 0 || prefix > 32) return undefined;
  return { base: maskOf(base, prefix), prefix };
}

function maskOf(value: number, prefix: number): number {
  if (prefix === 0) return 0;
  return (value & (~0 << (32 - prefix))) >>> 0;
}

export function cidrContains(cidr: Ipv4Cidr, ip: string): boolean {
  const value = parseIPv4(ip);
  return value !== undefined && maskOf(value, cidr.prefix) === cidr.base;
}

/** `10.244.1.5` → `10-244-1-5`, the label CoreDNS gives Pods and unnamed endpoints. */
export function dashed(ip: string): string {
  return ip.replaceAll('.', '-');
}

/** `10.96.0.10` → `10.0.96.10.in-addr.arpa.` */
export function reverseName(ip: string): string {
  return `${ip.split('.').reverse().join('.')}.in-addr.arpa.`;
}
