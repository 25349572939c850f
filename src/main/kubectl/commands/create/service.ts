/**
 * `create service clusterip|nodeport|loadbalancer|externalname`: a Service selecting `app=NAME`
 * with one port per `--tcp port[:targetPort]` (named `port-targetPort`), headless with
 * `--clusterip=None`, or pointing at `--external-name`.
 */
import type { KubeObject } from '../../../../shared/api/meta.js';
import { portNameErrors } from '../../../cluster/apiserver/registry/validation.js';
import { SERVICES } from '../../../cluster/client/resources.js';
import { KubectlError } from '../../errors.js';
import type { FlagSpec } from '../../flags.js';
import { type CreateContext, type GeneratorSubcommand, GENERATOR_FLAGS, objectMeta, sliceFlag } from './subcommand.js';

type ServiceType = 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';


const DNS_1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export function isDns1123Subdomain(value: string): boolean {
  return value.length <= 253 && DNS_1123_SUBDOMAIN.test(value);
}

/** parsePorts: `80` or `80:8080` or `80:http`, with strconv's and the validators' messages. */
function parsePorts(spec: string): { port: number; targetPort: number | string } {
  const [portText, target] = spec.split(':') as [string, string | undefined];
  if (!/^\d+$/.test(portText)) throw new KubectlError(`error: strconv.ParseUint: parsing ${JSON.stringify(portText)}: invalid syntax\n`);
  const port = Number(portText);
  if (port > 65535) throw new KubectlError(`error: strconv.ParseUint: parsing ${JSON.stringify(portText)}: value out of range\n`);
  if (target === undefined) return { port, targetPort: port };
  if (!/^[-+]?\d+$/.test(target)) {
    const errors = portNameErrors(target);
    if (errors.length > 0) throw new KubectlError(`error: ${errors.join(',')}\n`);
    return { port, targetPort: target };
  }
  const number = Number(target);
  if (number < 1 || number > 65535) throw new KubectlError('error: must be between 1 and 65535, inclusive\n');
  return { port, targetPort: number };
}

function buildService(type: ServiceType) {
  return ({ inv, name, enforcedNamespace }: CreateContext): KubeObject => {
    const tcp = sliceFlag(inv, 'tcp');
    const clusterIP = inv.flags.string('clusterip');
    const externalName = inv.flags.string('external-name');
    if (clusterIP === 'None' && type !== 'ClusterIP') throw new KubectlError('error: ClusterIP=None can only be used with ClusterIP service type\n');
    if (clusterIP !== 'None' && tcp.length === 0 && type !== 'ExternalName') throw new KubectlError('error: at least one tcp port specifier must be provided\n');
    if (type === 'ExternalName' && !isDns1123Subdomain(externalName)) throw new KubectlError(`error: invalid service external name ${externalName}\n`);
    const nodePort = inv.flags.number('node-port', 0);
    const ports = tcp.map((spec) => {
      const { port, targetPort } = parsePorts(spec);
      return { name: spec.replaceAll(':', '-'), protocol: 'TCP', port, targetPort, ...(nodePort ? { nodePort } : {}) };
    });
    const labels = { app: name };
    return {
      kind: 'Service',
      apiVersion: 'v1',
      metadata: objectMeta(name, enforcedNamespace, { labels }),
      spec: {
        ...(ports.length > 0 ? { ports } : {}),
        selector: { app: name },
        ...(clusterIP ? { clusterIP } : {}),
        type,
        ...(externalName ? { externalName } : {}),
      },
      status: { loadBalancer: {} },
    };
  };
}

function serviceSubcommand(type: ServiceType, flags: FlagSpec[], required: string[] = []): GeneratorSubcommand {
  return {
    ref: SERVICES,
    namespaced: true,
    flags: [...GENERATOR_FLAGS, { name: 'tcp', type: 'stringArray' }, ...flags],
    required,
    failurePrefix: `failed to create ${type} service: `,
    build: buildService(type),
  };
}

export const SERVICE_CLUSTER_IP = serviceSubcommand('ClusterIP', [{ name: 'clusterip', type: 'string' }]);
export const SERVICE_NODE_PORT = serviceSubcommand('NodePort', [{ name: 'node-port', type: 'int' }]);
export const SERVICE_LOAD_BALANCER = serviceSubcommand('LoadBalancer', []);
export const SERVICE_EXTERNAL_NAME = serviceSubcommand('ExternalName', [{ name: 'external-name', type: 'string' }], ['external-name']);
