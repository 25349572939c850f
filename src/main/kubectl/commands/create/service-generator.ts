/**
 * The Service `kubectl expose` and `kubectl run --expose` generate: a selector, one port per
 * exposed port (`port-N` names when there are several, protocols introspected per port), the
 * target port, and the optional type, external IP, session affinity and cluster IP.
 */
import type { KubeObject } from '../../../../shared/api/meta.js';
import { KubectlError } from '../../errors.js';
import { objectMeta } from './subcommand.js';

export interface ServiceParams {
  name: string;
  namespace: string;
  /** `app=web,tier=x`. */
  selector: string;
  labels?: string;
  /** One port or a comma-separated list. */
  ports: string;
  protocol?: string;
  /** Introspected protocols per port (`53` → [`UDP`, `TCP`]). */
  protocols?: Map<string, string[]>;
  targetPort?: string;
  type?: string;
  externalIP?: string;
  loadBalancerIP?: string;
  sessionAffinity?: string;
  clusterIP?: string;
}

/** expose's parseLabels: `k=v` pairs only. */
export function parseLabelPairs(spec: string): Record<string, string> {
  if (!spec) throw new KubectlError('error: no label spec passed\n');
  const labels: Record<string, string> = {};
  for (const pair of spec.split(',')) {
    const parts = pair.split('=');
    if (parts.length !== 2) throw new KubectlError(`error: unexpected label spec: ${pair}\n`);
    if (!parts[0]) throw new KubectlError('error: unexpected empty label key\n');
    labels[parts[0]] = parts[1]!;
  }
  return labels;
}

function atoi(text: string): number {
  if (!/^[-+]?\d+$/.test(text)) throw new KubectlError(`error: strconv.Atoi: parsing ${JSON.stringify(text)}: invalid syntax\n`);
  return Number(text);
}

function servicePorts(p: ServiceParams): Record<string, unknown>[] {
  const ports: Record<string, unknown>[] = [];
  if (!p.ports) return ports;
  const list = p.ports.split(',');
  list.forEach((text, i) => {
    const port = atoi(text);
    const name = list.length > 1 ? `port-${i + 1}` : '';
    let protocol = p.protocol ?? '';
    const introspected = p.protocols && p.protocols.size > 0 ? p.protocols : undefined;
    if (!protocol && !introspected) protocol = 'TCP';
    else if (!protocol && introspected) {
      protocol = 'TCP';
      const found = introspected.get(text);
      if (found && found.length === 1) protocol = found[0]!;
      else if (found) {
        for (const each of found) ports.push({ name: `port-${i + 1}-${each.toLowerCase()}`, protocol: each, port });
        return;
      }
    }
    ports.push({ ...(name ? { name } : {}), protocol, port });
  });
  const target = p.targetPort ? (/^[-+]?\d+$/.test(p.targetPort) ? Number(p.targetPort) : p.targetPort) : undefined;
  return ports.map((sp) => ({ ...sp, targetPort: target ?? sp.port }));
}

export function generateService(p: ServiceParams): KubeObject {
  if (!p.selector) throw new KubectlError('error: selector must be specified\n');
  const selector = parseLabelPairs(p.selector);
  const labels = p.labels ? parseLabelPairs(p.labels) : undefined;
  if (!p.name) throw new KubectlError('error: name must be specified\n');
  const ports = servicePorts(p);
  const type = p.type ?? '';
  let sessionAffinity = '';
  if (p.sessionAffinity) {
    if (p.sessionAffinity !== 'None' && p.sessionAffinity !== 'ClientIP') throw new KubectlError(`error: unknown session affinity: ${p.sessionAffinity}\n`);
    sessionAffinity = p.sessionAffinity;
  }
  return {
    kind: 'Service',
    apiVersion: 'v1',
    metadata: objectMeta(p.name, p.namespace, labels ? { labels } : {}),
    spec: {
      ...(ports.length > 0 ? { ports } : {}),
      selector,
      ...(p.clusterIP ? { clusterIP: p.clusterIP } : {}),
      ...(type ? { type } : {}),
      ...(p.externalIP ? { externalIPs: [p.externalIP] } : {}),
      ...(sessionAffinity ? { sessionAffinity } : {}),
      ...(type === 'LoadBalancer' && p.loadBalancerIP ? { loadBalancerIP: p.loadBalancerIP } : {}),
    },
    status: { loadBalancer: {} },
  };
}
