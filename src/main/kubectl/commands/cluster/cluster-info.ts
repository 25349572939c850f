/**
 * `kubectl cluster-info`: the API server's address and each `kubernetes.io/cluster-service=true`
 * Service of kube-system (or `-n`) with its API server proxy URL, coloured with go-colortext's
 * escape codes, which kubectl writes whether or not the output is a terminal.
 */
import type { Service } from '../../../../shared/api/core.js';
import { SERVICES } from '../../../cluster/client/resources.js';
import type { KubectlCommand } from '../../command.js';
import { KubectlError, formatStatusError } from '../../errors.js';
import type { FlagSpec } from '../../flags.js';
import type { Invocation } from '../../invocation.js';
import { PRINT_FLAGS } from '../../print-flags.js';
import { subcommandWord } from '../../command-group.js';
import { runClusterInfoDump } from './cluster-info-dump.js';

const GREEN = '\x1b[0;32m';
const YELLOW = '\x1b[0;33m';
const RESET = '\x1b[0m';

function serviceLine(name: string, link: string): string {
  return `${GREEN}${name}${RESET} is running at ${YELLOW}${link}${RESET}\n`;
}

/** The proxy link, or the load balancer's addresses when it has one. */
function serviceLink(host: string, service: Service): string {
  const ingress = service.status?.loadBalancer?.ingress?.[0];
  const ports = service.spec?.ports ?? [];
  if (ingress) return ports.map((p) => `http://${ingress.ip || ingress.hostname || ''}:${p.port} `).join('');
  let name = service.metadata.name ?? '';
  const port = ports[0];
  if (port) {
    // utilnet.JoinSchemeNamePort: <scheme>:<service-name>:<port-name>, empty parts left out.
    const scheme = port.name === 'https' || port.port === 443 ? 'https' : '';
    name = scheme ? `${scheme}:${name}:${port.name ?? ''}` : port.name ? `${name}:${port.name}` : name;
  }
  return `${host}/api/v1/namespaces/${service.metadata.namespace ?? ''}/services/${name}/proxy`;
}

async function runClusterInfo(inv: Invocation): Promise<number> {
  const [sub] = inv.flags.positional;
  if (sub === 'dump') return runClusterInfoDump(inv);
  const namespace = inv.flags.string('namespace') || 'kube-system';
  const listed = inv.client().list<Service>(SERVICES, namespace, { labelSelector: 'kubernetes.io/cluster-service=true' });
  if (!listed.ok) throw new KubectlError(formatStatusError(listed.status));
  const host = inv.config().server.replace(/\/+$/, '');
  let text = serviceLine('Kubernetes control plane', host);
  for (const service of listed.value.items) {
    text += serviceLine(service.metadata.labels?.['kubernetes.io/name'] || service.metadata.name || '', serviceLink(host, service));
  }
  inv.out(`${text}\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n`);
  return 0;
}

/** `cluster-info dump`'s flags. */
const DUMP_FLAGS: FlagSpec[] = [
  ...PRINT_FLAGS,
  { name: 'all-namespaces', short: 'A', type: 'bool' },
  { name: 'namespaces', type: 'stringArray' },
  { name: 'output-directory', type: 'string' },
  { name: 'pod-running-timeout', type: 'duration' },
];

export const CLUSTER_INFO_COMMAND: KubectlCommand = { flags: (args) => (subcommandWord(args) === 'dump' ? DUMP_FLAGS : []), run: runClusterInfo };
