/**
 * Host names and origins for `kubelab web`: whether the bind address is loopback (which decides
 * whether a join code is needed), how the server's own origin is recognised on a WebSocket
 * upgrade, and which addresses to tell people on the network.
 */
import { isIP } from 'node:net';
import { networkInterfaces } from 'node:os';

/** Loopback is judged by the address the server binds, not by who happens to connect. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  return /^::ffff:127\./.test(h);
}

/** Binding every interface (`0.0.0.0`, `::`). */
export function isWildcardHost(host: string): boolean {
  const h = host.replace(/^\[(.*)\]$/, '$1');
  return h === '0.0.0.0' || h === '::' || h === '0:0:0:0:0:0:0:0';
}

/** `host` as it goes in a URL: IPv6 literals in brackets. */
export function urlHost(host: string): string {
  return isIP(host) === 6 ? `[${host}]` : host;
}

/** The hostname part of a Host header (`[::1]:5173` → `[::1]`, `localhost:5173` → `localhost`). */
export function hostnameOf(hostHeader: string): string {
  const match = /^(\[[^\]]*\]|[^:]*)(?::\d+)?$/.exec(hostHeader);
  return match ? match[1]! : hostHeader;
}

/**
 * Is this WebSocket upgrade from a page the server itself served? The browser sets `Origin` and
 * no page can forge it, so a foreign site's script is refused; it must name the very host the
 * request was sent to. On a loopback bind the host must also be a loopback name, which defeats
 * DNS rebinding (evil.example resolving to 127.0.0.1 would send `Origin: http://evil.example`).
 */
export function isOwnOrigin(origin: string | undefined, hostHeader: string | undefined, bindHost: string): boolean {
  if (!origin || !hostHeader) return false;
  if (origin.toLowerCase() !== `http://${hostHeader.toLowerCase()}`) return false;
  return !isLoopbackHost(bindHost) || isLoopbackHost(hostnameOf(hostHeader));
}

/** Addresses others on the network can use when the server binds every interface. */
export function networkAddresses(): string[] {
  const addresses: string[] = [];
  for (const list of Object.values(networkInterfaces())) {
    for (const info of list ?? []) {
      if (info.internal || info.family !== 'IPv4') continue;
      addresses.push(info.address);
    }
  }
  return addresses;
}
