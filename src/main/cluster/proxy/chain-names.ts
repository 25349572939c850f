/**
 * kube-proxy's iptables chain names. Chain names are limited to 28 characters, so kube-proxy names a
 * Service port's chains by a hash: the first 16 characters of the base32 (RFC 4648, padded
 * alphabet) SHA-256 of `namespace/name:port` + lower-case protocol, and an endpoint's chain by the
 * same hash over that string + `ip:port`. The names therefore match a real node's exactly:
 * `default/kubernetes:https` over TCP is always KUBE-SVC-NPX46M4PTMTKRN6Y.
 */
import { createHash } from 'node:crypto';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function base32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(buffer << (5 - bits)) & 31];
  return out;
}

function hash16(text: string): string {
  return base32(createHash('sha256').update(text).digest()).slice(0, 16);
}

/** ServicePortName.String(): `ns/name`, plus `:port` when the port is named. */
export function servicePortName(namespace: string, name: string, port: string | undefined): string {
  return `${namespace}/${name}${port ? `:${port}` : ''}`;
}

export interface ServiceChains {
  /** KUBE-SVC-…: dispatch to all usable endpoints (Cluster traffic policy). */
  cluster: string;
  /** KUBE-SVL-…: dispatch to this node's endpoints (Local traffic policy). */
  local: string;
  /** KUBE-EXT-…: where NodePort / external IP traffic enters. */
  external: string;
  /** KUBE-FW-…: loadBalancerSourceRanges filtering. */
  firewall: string;
}

/** `protocol` as the Service spells it (TCP, UDP, SCTP); the hash uses it lower-cased, as kube-proxy does. */
export function serviceChains(portName: string, protocol: string): ServiceChains {
  const hash = hash16(portName + protocol.toLowerCase());
  return { cluster: `KUBE-SVC-${hash}`, local: `KUBE-SVL-${hash}`, external: `KUBE-EXT-${hash}`, firewall: `KUBE-FW-${hash}` };
}

/** KUBE-SEP-…: one endpoint (`ip:port`) of a Service port. */
export function endpointChain(portName: string, protocol: string, endpoint: string): string {
  return `KUBE-SEP-${hash16(portName + protocol.toLowerCase() + endpoint)}`;
}
