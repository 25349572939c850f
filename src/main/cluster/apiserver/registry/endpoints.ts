/**
 * core/v1 Endpoints, stored under `/registry/services/endpoints/` beside the Services they belong
 * to: port protocol defaulting, address and port validation, and the ENDPOINTS column
 * (`10.0.0.1:80,10.0.0.2:80 + 3 more...`) of kube-apiserver 1.32's printer.
 */
import type { EndpointAddress, EndpointPort, Endpoints } from '../../../../shared/api/core.js';
import type { KubeObject } from '../../../../shared/api/meta.js';
import { type FieldError, invalidValue, notSupported, required } from '../errors.js';
import { GO_INT32, GO_STRING, decodeError, goSlice, goStruct } from './decoding.js';
import { age } from './printing.js';
import { PROTOCOLS } from './service-validation.js';
import { ALL_VERBS, type ResourceDefinition, column } from './resource.js';
import {
  PORT_RANGE_ERROR,
  isValidPortNum,
  validateDns1123Label,
  validateDns1123Subdomain,
  validateIP,
  validateNonSpecialIP,
  validateObjectMeta,
  validateQualifiedName,
} from './validation.js';

const ADDRESSES = goSlice(goStruct('EndpointAddress', { ip: GO_STRING, hostname: GO_STRING, nodeName: GO_STRING }));
const ENDPOINTS = goStruct('Endpoints', {
  subsets: goSlice(
    goStruct('EndpointSubset', {
      addresses: ADDRESSES,
      notReadyAddresses: ADDRESSES,
      ports: goSlice(goStruct('EndpointPort', { name: GO_STRING, port: GO_INT32, protocol: { kind: 'string', name: 'v1.Protocol' }, appProtocol: GO_STRING })),
    }),
  ),
});

function applyDefaults(obj: KubeObject): void {
  for (const subset of (obj as Endpoints).subsets ?? []) {
    for (const port of subset.ports ?? []) port.protocol ||= 'TCP';
  }
}

function validateAddress(address: EndpointAddress, path: string): FieldError[] {
  const errors = validateIP(address.ip, `${path}.ip`);
  if (address.hostname) errors.push(...validateDns1123Label(address.hostname, `${path}.hostname`));
  if (address.nodeName !== undefined) errors.push(...validateDns1123Subdomain(address.nodeName, `${path}.nodeName`));
  errors.push(...validateNonSpecialIP(String(address.ip ?? ''), `${path}.ip`));
  return errors;
}

function validatePort(port: EndpointPort, requireName: boolean, path: string): FieldError[] {
  const errors: FieldError[] = [];
  if (requireName && !port.name) errors.push(required(`${path}.name`));
  else if (port.name) errors.push(...validateDns1123Label(port.name, `${path}.name`));
  if (!isValidPortNum(port.port)) errors.push(invalidValue(`${path}.port`, port.port ?? 0, PORT_RANGE_ERROR));
  if (!port.protocol) errors.push(required(`${path}.protocol`));
  else if (!PROTOCOLS.includes(port.protocol)) errors.push(notSupported(`${path}.protocol`, port.protocol, PROTOCOLS));
  if (port.appProtocol !== undefined) errors.push(...validateQualifiedName(port.appProtocol, `${path}.appProtocol`));
  return errors;
}

function validate(obj: KubeObject): FieldError[] {
  const errors = validateObjectMeta(obj, { namespaced: true, nameRule: 'subdomain' });
  ((obj as Endpoints).subsets ?? []).forEach((subset, i) => {
    const path = `subsets[${i}]`;
    const addresses = subset.addresses ?? [];
    const notReady = subset.notReadyAddresses ?? [];
    if (addresses.length === 0 && notReady.length === 0) errors.push(required(path, 'must specify `addresses` or `notReadyAddresses`'));
    addresses.forEach((a, j) => errors.push(...validateAddress(a, `${path}.addresses[${j}]`)));
    notReady.forEach((a, j) => errors.push(...validateAddress(a, `${path}.notReadyAddresses[${j}]`)));
    const ports = subset.ports ?? [];
    ports.forEach((p, j) => errors.push(...validatePort(p, ports.length > 1, `${path}.ports[${j}]`)));
  });
  return errors;
}

/** net.JoinHostPort: IPv6 addresses in brackets. */
function joinHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** formatEndpoints: the first three ready endpoints, then `+ N more...`; `<none>` without subsets. */
export function formatEndpoints(endpoints: Endpoints): string {
  const subsets = endpoints.subsets ?? [];
  if (subsets.length === 0) return '<none>';
  const max = 3;
  const list: string[] = [];
  let more = false;
  let count = 0;
  for (const subset of subsets) {
    const addresses = subset.addresses ?? [];
    const ports = subset.ports ?? [];
    // A headless Service may have no ports: its endpoints are bare IPs.
    const targets = ports.length === 0 ? [undefined] : ports;
    for (const port of targets) {
      count += addresses.length;
      for (const address of addresses) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(port ? joinHostPort(address.ip, port.port) : address.ip);
      }
    }
  }
  const text = list.join(',');
  return more ? `${text} + ${count - max} more...` : text;
}

export const endpointsResource: ResourceDefinition = {
  group: '',
  version: 'v1',
  kind: 'Endpoints',
  plural: 'endpoints',
  singular: 'endpoints',
  namespaced: true,
  shortNames: ['ep'],
  categories: [],
  storagePrefix: 'services/endpoints',
  verbs: ALL_VERBS,
  subresources: [],
  strategy: { decode: (obj) => decodeError(obj, ENDPOINTS), applyDefaults, validate },
  printer: {
    columns: [
      column('Name', 'string', 'Name must be unique within a namespace.', 0, 'name'),
      column('Endpoints', 'string', 'The set of all endpoints is the union of all subsets.'),
      column('Age', 'string', 'CreationTimestamp is a timestamp representing the server time when this object was created.'),
    ],
    cells: (obj, now) => [obj.metadata.name ?? '', formatEndpoints(obj as Endpoints), age(obj.metadata.creationTimestamp, now)],
  },
};
