/**
 * NetworkPolicy (networking.k8s.io/v1) decisions for one connection, with the semantics the
 * Kubernetes documentation gives every conforming plugin:
 *
 * - A Pod is isolated for ingress (egress) when some policy in its namespace selects it and lists
 *   Ingress (Egress) in policyTypes; otherwise that direction is open.
 * - Policies are additive: an isolated direction is allowed when any selecting policy has a rule
 *   allowing it. A connection needs both the source's egress and the destination's ingress.
 * - A rule matches when one of its peers matches (none listed: every peer) and one of its ports
 *   matches (none listed: every port). podSelector alone means Pods in the policy's namespace;
 *   namespaceSelector alone, every Pod in matching namespaces; both, matching Pods in matching
 *   namespaces; ipBlock, addresses in the CIDR and not in `except`.
 * - Ports are the destination Pod's (after kube-proxy's DNAT); a named port is the destination
 *   container port of that name; endPort makes a range.
 * - Traffic from a Pod's own node is always allowed (kubelet probes); hostNetwork Pods are not
 *   subject to policies (they are the node).
 */
import type { Namespace, Pod } from '../../../shared/api/core.js';
import { labelSelectorAsSelector } from '../../base/label-selector.js';
import { cidrContains, parseCidr } from './ipv4.js';
import type { NetworkPolicy, NetworkPolicyPeer, NetworkPolicyPort } from './network-state.js';

/** One side of a connection as policies see it. */
export interface PolicyEndpoint {
  ip: string;
  /** Set when the address is a (non-hostNetwork) Pod. */
  pod?: Pod;
  namespace?: Namespace;
}

export interface DirectionDecision {
  /** Whether policies select the Pod for this direction. */
  isolated: boolean;
  allowed: boolean;
  /** `namespace/name` of the selecting policies that allow the connection. */
  allowedBy: string[];
  /** `namespace/name` of every policy that selects the Pod for this direction. */
  selectedBy: string[];
}

export interface PolicyDecision {
  allowed: boolean;
  /** The source Pod's egress (absent when the source is not a Pod). */
  egress?: DirectionDecision;
  /** The destination Pod's ingress (absent when the destination is not a Pod). */
  ingress?: DirectionDecision;
  /** Why, in a sentence. */
  reason: string;
}

export interface PolicyLookup {
  policiesIn(namespace: string): NetworkPolicy[];
}

function matches(selector: Parameters<typeof labelSelectorAsSelector>[0], labels: Record<string, string> | undefined): boolean {
  const compiled = labelSelectorAsSelector(selector);
  return compiled.ok && compiled.selector.matches(labels);
}

function policyName(policy: NetworkPolicy): string {
  return `${policy.metadata.namespace ?? ''}/${policy.metadata.name ?? ''}`;
}

function selects(policy: NetworkPolicy, pod: Pod, type: 'Ingress' | 'Egress'): boolean {
  // The API server defaults policyTypes; a missing list still means Ingress (plus Egress with egress rules).
  const types = policy.spec?.policyTypes ?? ((policy.spec?.egress ?? []).length > 0 ? ['Ingress', 'Egress'] : ['Ingress']);
  // An empty podSelector selects every Pod in the namespace.
  return types.includes(type) && matches(policy.spec?.podSelector ?? {}, pod.metadata.labels);
}

function peerMatches(peer: NetworkPolicyPeer, policyNamespace: string, other: PolicyEndpoint): boolean {
  if (peer.ipBlock) {
    const cidr = parseCidr(peer.ipBlock.cidr);
    if (!cidr || !cidrContains(cidr, other.ip)) return false;
    return !(peer.ipBlock.except ?? []).some((e) => {
      const except = parseCidr(e);
      return except !== undefined && cidrContains(except, other.ip);
    });
  }
  if (!other.pod) return false;
  const otherNamespace = other.pod.metadata.namespace ?? '';
  if (peer.namespaceSelector) {
    if (!matches(peer.namespaceSelector, other.namespace?.metadata.labels)) return false;
  } else if (otherNamespace !== policyNamespace) {
    return false;
  }
  return peer.podSelector ? matches(peer.podSelector, other.pod.metadata.labels) : true;
}

function portMatches(rulePort: NetworkPolicyPort, port: number, protocol: string, destination: Pod | undefined): boolean {
  if ((rulePort.protocol ?? 'TCP') !== protocol) return false;
  if (rulePort.port === undefined) return true;
  if (typeof rulePort.port === 'string') {
    const named = destination?.spec.containers.flatMap((c) => c.ports ?? []).find((p) => p.name === rulePort.port && (p.protocol ?? 'TCP') === protocol);
    return named?.containerPort === port;
  }
  return rulePort.endPort !== undefined ? port >= rulePort.port && port <= rulePort.endPort : port === rulePort.port;
}

interface Rule {
  peers?: NetworkPolicyPeer[];
  ports?: NetworkPolicyPort[];
}

function ruleAllows(rule: Rule, policyNamespace: string, other: PolicyEndpoint, port: number, protocol: string, destination: Pod | undefined): boolean {
  const peerOk = !rule.peers || rule.peers.length === 0 || rule.peers.some((p) => peerMatches(p, policyNamespace, other));
  const portOk = !rule.ports || rule.ports.length === 0 || rule.ports.some((p) => portMatches(p, port, protocol, destination));
  return peerOk && portOk;
}

function decide(
  lookup: PolicyLookup,
  pod: Pod,
  type: 'Ingress' | 'Egress',
  other: PolicyEndpoint,
  port: number,
  protocol: string,
  destination: Pod | undefined,
): DirectionDecision {
  const namespace = pod.metadata.namespace ?? '';
  const selecting = lookup.policiesIn(namespace).filter((p) => selects(p, pod, type));
  const allowedBy = selecting
    .filter((policy) => {
      const rules: Rule[] =
        type === 'Ingress'
          ? (policy.spec?.ingress ?? []).map((r) => ({ peers: r.from, ports: r.ports }))
          : (policy.spec?.egress ?? []).map((r) => ({ peers: r.to, ports: r.ports }));
      return rules.some((rule) => ruleAllows(rule, namespace, other, port, protocol, destination));
    })
    .map(policyName);
  const isolated = selecting.length > 0;
  return { isolated, allowed: !isolated || allowedBy.length > 0, allowedBy, selectedBy: selecting.map(policyName) };
}

/** Is `source` → `destination`:`port`/`protocol` allowed? `sameNode`: the source is the destination's own node. */
export function evaluateNetworkPolicies(
  lookup: PolicyLookup,
  source: PolicyEndpoint,
  destination: PolicyEndpoint,
  port: number,
  protocol: string,
  options: { sourceIsDestinationNode?: boolean } = {},
): PolicyDecision {
  const egress = source.pod && source.pod.spec.hostNetwork !== true ? decide(lookup, source.pod, 'Egress', destination, port, protocol, destination.pod) : undefined;
  const ingress =
    destination.pod && destination.pod.spec.hostNetwork !== true && !options.sourceIsDestinationNode
      ? decide(lookup, destination.pod, 'Ingress', source, port, protocol, destination.pod)
      : undefined;
  const allowed = (egress?.allowed ?? true) && (ingress?.allowed ?? true);
  let reason: string;
  if (egress && !egress.allowed) reason = `egress from ${podName(source.pod)} is denied: selected by ${egress.selectedBy.join(', ')} and no rule allows it`;
  else if (ingress && !ingress.allowed) reason = `ingress to ${podName(destination.pod)} is denied: selected by ${ingress.selectedBy.join(', ')} and no rule allows it`;
  else if (options.sourceIsDestinationNode) reason = 'traffic from the Pod\'s own node is always allowed';
  else if (!egress?.isolated && !ingress?.isolated) reason = 'no NetworkPolicy selects either Pod';
  else reason = `allowed by ${[...(egress?.allowedBy ?? []), ...(ingress?.allowedBy ?? [])].join(', ')}`;
  return { allowed, egress, ingress, reason };
}

function podName(pod: Pod | undefined): string {
  return pod ? `${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}` : '';
}
