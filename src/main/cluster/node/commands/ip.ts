/**
 * `ip addr` / `ip a` (optionally `show dev NAME`, `-4`, `-br`) and `ip route` on a host, iproute2's
 * layout: loopback, eth0 with the host's address on the lab's /24, and on cluster nodes the CNI
 * bridge `cni0` on the first address of the node's Pod CIDR. MACs are stable per host.
 */
import type { CommandContext } from '../../../shell/types.js';
import { hexId } from './crictl.js';

export interface IpHost {
  name: string;
  address: string;
  /** The node's Pod CIDR (cluster nodes with a running CNI only). */
  podCIDR?: string;
}

function mac(label: string): string {
  const hex = hexId(`mac/${label}`);
  return `52:54:00:${hex.slice(0, 2)}:${hex.slice(2, 4)}:${hex.slice(4, 6)}`;
}

/** The EUI-64 link-local address from a MAC (as the kernel assigns it). */
function linkLocal(m: string): string {
  const b = m.split(':').map((x) => parseInt(x, 16));
  const first = (b[0]! ^ 2).toString(16);
  const word = (x: number, y: number): string => ((x << 8) | y).toString(16);
  return `fe80::${word(parseInt(first, 16), b[1]!)}:${word(b[2]!, 0xff)}:${word(0xfe, b[3]!)}:${word(b[4]!, b[5]!)}`;
}

interface Iface {
  name: string;
  block: (index: number, ipv4Only: boolean) => string;
  brief: string;
}

function interfaces(host: IpHost): Iface[] {
  const list: Iface[] = [];
  list.push({
    name: 'lo',
    brief: `${'lo'.padEnd(16)} ${'UNKNOWN'.padEnd(14)} 127.0.0.1/8 ::1/128 `,
    block: (i, v4) =>
      `${i}: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000\n    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n    inet 127.0.0.1/8 scope host lo\n       valid_lft forever preferred_lft forever\n` +
      (v4 ? '' : '    inet6 ::1/128 scope host noprefixroute \n       valid_lft forever preferred_lft forever\n'),
  });
  const ethMac = mac(host.name);
  const prefix = host.address.split('.').slice(0, 3).join('.');
  list.push({
    name: 'eth0',
    brief: `${'eth0'.padEnd(16)} ${'UP'.padEnd(14)} ${host.address}/24 ${linkLocal(ethMac)}/64 `,
    block: (i, v4) =>
      `${i}: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc fq_codel state UP group default qlen 1000\n    link/ether ${ethMac} brd ff:ff:ff:ff:ff:ff\n    altname enp0s3\n    inet ${host.address}/24 brd ${prefix}.255 scope global eth0\n       valid_lft forever preferred_lft forever\n` +
      (v4 ? '' : `    inet6 ${linkLocal(ethMac)}/64 scope link \n       valid_lft forever preferred_lft forever\n`),
  });
  if (host.podCIDR) {
    const [net, bits] = host.podCIDR.split('/');
    const base = net!.split('.').slice(0, 3).join('.');
    const cniMac = mac(`${host.name}/cni0`);
    list.push({
      name: 'cni0',
      brief: `${'cni0'.padEnd(16)} ${'UP'.padEnd(14)} ${base}.1/${bits} ${linkLocal(cniMac)}/64 `,
      block: (i, v4) =>
        `${i}: cni0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue state UP group default qlen 1000\n    link/ether ${cniMac} brd ff:ff:ff:ff:ff:ff\n    inet ${base}.1/${bits} brd ${base}.255 scope global cni0\n       valid_lft forever preferred_lft forever\n` +
        (v4 ? '' : `    inet6 ${linkLocal(cniMac)}/64 scope link \n       valid_lft forever preferred_lft forever\n`),
    });
  }
  return list;
}

export function runIp(ctx: CommandContext, host: IpHost): number {
  let args = ctx.argv.slice(1);
  let ipv4Only = false;
  let brief = false;
  while (args[0]?.startsWith('-')) {
    const option = args[0];
    if (option === '-4') ipv4Only = true;
    else if (option === '-br' || option === '-brief') brief = true;
    else if (option !== '-c' && option !== '-color') {
      ctx.stderr.write(`Option "${option}" is unknown, try "ip -help".\n`);
      return 255;
    }
    args = args.slice(1);
  }
  const [object = 'help', verb = 'show', ...rest] = args;
  if (['a', 'addr', 'address'].includes(object) && ['show', 'list', 'ls', 's'].includes(verb)) {
    const dev = rest[0] === 'dev' ? rest[1] : rest[0];
    const all = interfaces(host);
    const chosen = dev === undefined ? all : all.filter((i) => i.name === dev);
    if (chosen.length === 0) {
      ctx.stderr.write(`Device "${dev ?? ''}" does not exist.\n`);
      return 1;
    }
    ctx.stdout.write(chosen.map((i) => (brief ? i.brief + '\n' : i.block(all.indexOf(i) + 1, ipv4Only))).join(''));
    return 0;
  }
  if (['r', 'route', 'ro'].includes(object)) {
    const prefix = host.address.split('.').slice(0, 3).join('.');
    let out = `default via ${prefix}.1 dev eth0 proto static \n${prefix}.0/24 dev eth0 proto kernel scope link src ${host.address} \n`;
    if (host.podCIDR) {
      const [net, bits] = host.podCIDR.split('/');
      out += `${net}/${bits} dev cni0 proto kernel scope link src ${net!.split('.').slice(0, 3).join('.')}.1 \n`;
    }
    ctx.stdout.write(out);
    return 0;
  }
  if (object === 'help') {
    ctx.stderr.write('Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }\nwhere  OBJECT := { address | route | ... }\n');
    return 255;
  }
  ctx.stderr.write(`Object "${object}" is unknown, try "ip help".\n`);
  return 255;
}
