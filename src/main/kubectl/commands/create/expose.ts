/**
 * `kubectl expose TYPE NAME | -f FILE`: a Service for a Pod, Deployment, ReplicaSet,
 * ReplicationController or Service, its selector, ports and protocols introspected from the
 * object as kubectl's polymorphichelpers do unless given by flags; printed `service/x exposed`.
 */
import type { KubeObject } from '../../../../shared/api/meta.js';
import { SERVICES } from '../../../cluster/client/resources.js';
import type { KubectlCommand } from '../../command.js';
import { recordChangeCause } from '../../change-cause.js';
import { KubectlError, formatStatusError } from '../../errors.js';
import { type FlagSpec, RECORD_FLAG } from '../../flags.js';
import type { Invocation } from '../../invocation.js';
import { DRY_RUN_FLAG, PRINT_FLAGS, dryRunOf, dryRunQuery, printObjects, validateOutputFormat } from '../../print-flags.js';
import { resourceRef } from '../../resource-resolver.js';
import { loadManifests } from '../apply.js';
import { parseResourceArgs } from '../get.js';
import { generateService } from './service-generator.js';
import { saveConfig } from './subcommand.js';

const EXPOSE_FLAGS: FlagSpec[] = [
  ...PRINT_FLAGS,
  DRY_RUN_FLAG,
  { name: 'filename', short: 'f', type: 'stringArray' },
  { name: 'recursive', short: 'R', type: 'bool' },
  { name: 'kustomize', short: 'k', type: 'string' },
  RECORD_FLAG,
  { name: 'save-config', type: 'bool' },
  { name: 'field-manager', type: 'string' },
  { name: 'overrides', type: 'string' },
  { name: 'override-type', type: 'string' },
  { name: 'protocol', type: 'string' },
  { name: 'port', type: 'string' },
  { name: 'type', type: 'string' },
  { name: 'load-balancer-ip', type: 'string' },
  { name: 'selector', type: 'string' },
  { name: 'labels', short: 'l', type: 'string' },
  { name: 'target-port', type: 'string' },
  { name: 'external-ip', type: 'string' },
  { name: 'name', type: 'string' },
  { name: 'session-affinity', type: 'string' },
  { name: 'cluster-ip', type: 'string' },
];

const EXPOSABLE = new Set(['ReplicationController', 'Service', 'Pod', 'apps/Deployment', 'apps/ReplicaSet']);

interface PodTemplateHolder {
  spec?: {
    selector?: Record<string, string> | { matchLabels?: Record<string, string>; matchExpressions?: unknown[] };
    template?: { spec?: PodSpecPorts };
    ports?: { port: number; protocol?: string }[];
    containers?: PodSpecPorts['containers'];
  };
}

interface PodSpecPorts {
  containers?: { ports?: { containerPort: number; protocol?: string }[] }[];
}

function groupOf(object: KubeObject): string {
  const apiVersion = object.apiVersion ?? '';
  return apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
}

function labelsText(labels: Record<string, string> | undefined): string {
  return Object.entries(labels ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

/** mapBasedSelectorForObject. */
function selectorOf(object: KubeObject): string {
  const holder = object as PodTemplateHolder;
  const fail = (why: string): never => {
    throw new KubectlError(`error: couldn't retrieve selectors via --selector flag or introspection: ${why}\n`);
  };
  switch (object.kind) {
    case 'ReplicationController':
      return labelsText(holder.spec?.selector as Record<string, string> | undefined);
    case 'Pod':
      if (Object.keys(object.metadata.labels ?? {}).length === 0) fail('the pod has no labels and cannot be exposed');
      return labelsText(object.metadata.labels);
    case 'Service':
      if (!holder.spec?.selector) fail('the service has no pod selector set');
      return labelsText(holder.spec!.selector as Record<string, string>);
    default: {
      const what = object.kind === 'Deployment' ? 'deployment' : 'replicaset';
      const selector = holder.spec?.selector as { matchLabels?: Record<string, string>; matchExpressions?: unknown[] } | undefined;
      if (!selector || Object.keys(selector.matchLabels ?? {}).length === 0) fail(`invalid ${what}: no selectors, therefore cannot be exposed`);
      if ((selector!.matchExpressions ?? []).length > 0) fail(`couldn't convert expressions - "${JSON.stringify(selector!.matchExpressions)}" to map-based selector format`);
      return labelsText(selector!.matchLabels);
    }
  }
}

/** portsForObject and multiProtocolsForObject: distinct ports in order, protocols per port. */
function portsOf(object: KubeObject): { ports: string[]; protocols: Map<string, string[]> } {
  const holder = object as PodTemplateHolder;
  const pairs: { port: number; protocol?: string }[] =
    object.kind === 'Service'
      ? (holder.spec?.ports ?? [])
      : ((object.kind === 'Pod' ? holder.spec?.containers : holder.spec?.template?.spec?.containers) ?? []).flatMap((c) =>
          (c.ports ?? []).map((p) => ({ port: p.containerPort, protocol: p.protocol })),
        );
  const ports: string[] = [];
  const protocols = new Map<string, string[]>();
  for (const { port, protocol } of pairs) {
    const key = String(port);
    if (!ports.includes(key)) ports.push(key);
    protocols.set(key, [...(protocols.get(key) ?? []), protocol || 'TCP']);
  }
  return { ports, protocols };
}

function exposeOne(inv: Invocation, object: KubeObject, dryRun: ReturnType<typeof dryRunOf>): void {
  const kindKey = groupOf(object) ? `${groupOf(object)}/${object.kind ?? ''}` : (object.kind ?? '');
  if (!EXPOSABLE.has(kindKey)) throw new KubectlError(`error: cannot expose a ${object.kind ?? ''}${groupOf(object) ? `.${groupOf(object)}` : ''}\n`);
  const flag = (name: string): string => inv.flags.string(name);
  const selector = flag('selector') || selectorOf(object);
  const clusterIP = flag('cluster-ip');
  let ports = flag('port');
  const introspected = portsOf(object);
  if (!ports) {
    if (introspected.ports.length === 0 && clusterIP !== 'None') throw new KubectlError("error: couldn't find port via --port flag or introspection\n");
    ports = introspected.ports.join(',');
  }
  const service = generateService({
    name: flag('name') || (object.metadata.name ?? '').slice(0, 63),
    namespace: dryRun === 'client' && inv.flags.has('namespace') ? inv.namespace : '',
    selector,
    labels: flag('labels') || labelsText(object.metadata.labels),
    ports,
    protocol: flag('protocol') || undefined,
    protocols: introspected.protocols,
    targetPort: flag('target-port') || undefined,
    type: flag('type') || undefined,
    externalIP: flag('external-ip') || undefined,
    loadBalancerIP: flag('load-balancer-ip') || undefined,
    sessionAffinity: flag('session-affinity') || undefined,
    clusterIP: clusterIP || undefined,
  });
  recordChangeCause(inv, service);
  if (dryRun === 'client') {
    printObjects(inv, [service], 'exposed', dryRun);
    return;
  }
  saveConfig(inv, service);
  const fieldManager = inv.flags.has('field-manager') ? flag('field-manager') : 'kubectl-expose';
  const created = inv.client().create(SERVICES, inv.namespace, service, { ...dryRunQuery(dryRun), ...(fieldManager ? { fieldManager } : {}) });
  if (!created.ok) throw new KubectlError(formatStatusError(created.status));
  printObjects(inv, [created.value], 'exposed', dryRun);
}

/** The objects named by `TYPE NAME`, `TYPE/NAME` or `-f`, as the resource builder finds them. */
function targets(inv: Invocation): KubeObject[] {
  const args = inv.flags.positional;
  if (inv.flags.strings('filename').length > 0) return loadManifests(inv).map((m) => m.object);
  if (args.length === 0) {
    throw new KubectlError(
      "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n",
    );
  }
  const client = inv.client();
  const objects: KubeObject[] = [];
  for (const request of parseResourceArgs(inv, client, args)) {
    if (request.names.length === 0) throw new KubectlError('error: resource(s) were provided, but no name was specified\n');
    for (const name of request.names) {
      const got = client.get(resourceRef(request.resource), request.resource.namespaced ? inv.namespace : undefined, name);
      if (!got.ok) throw new KubectlError(formatStatusError(got.status));
      objects.push(got.value);
    }
  }
  return objects;
}

async function runExpose(inv: Invocation): Promise<number> {
  const dryRun = dryRunOf(inv);
  validateOutputFormat(inv);
  for (const object of targets(inv)) exposeOne(inv, object, dryRun);
  return 0;
}

export const EXPOSE_COMMAND: KubectlCommand = { flags: EXPOSE_FLAGS, run: runExpose };
