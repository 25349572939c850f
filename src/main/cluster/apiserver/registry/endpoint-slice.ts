/**
 * discovery.k8s.io/v1 EndpointSlices: port defaulting (name "", protocol TCP), kube-apiserver
 * 1.32's validation (pkg/apis/discovery/validation: address type, at most 1000 endpoints of 1–100
 * addresses in that family, hostnames, node names, zone hints, unique port names), a generation
 * that moves with any change beyond metadata, and the NAME ADDRESSTYPE PORTS ENDPOINTS AGE printer.
 */
import type { Endpoint, EndpointPort, EndpointSlice } from '../../../../shared/api/discovery.js';
import type { KubeObject } from '../../../../shared/api/meta.js';
import { type FieldError, duplicate, invalidValue, notSupported, required } from '../errors.js';
import { ipFamilyOf } from './ip.js';
import { age } from './printing.js';
import { ALL_VERBS, type ResourceDefinition, column } from './resource.js';
import {
  DNS1123_LABEL_ERROR,
  DNS1123_SUBDOMAIN_ERROR,
  validateDns1123Label,
  validateDns1123Subdomain,
  validateLabels,
  validateNonSpecialIP,
  validateObjectMeta,
  validateQualifiedName,
} from './validation.js';
import { ageColumn, nameColumn } from './workload-columns.js';
import { semanticEqual } from './workload-validation.js';

const ADDRESS_TYPES = ['FQDN', 'IPv4', 'IPv6'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const MAX_TOPOLOGY_LABELS = 16;
const MAX_ADDRESSES = 100;
/** Raised from 100 in 1.21: a Service may expose many ports. */
const MAX_PORTS = 20000;
const MAX_ENDPOINTS = 1000;
const MAX_ZONE_HINTS = 8;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function tooMany(field: string, actual: number, max: number): FieldError {
  return { type: 'FieldValueTooMany', field, detail: `Too many: ${actual}: must have at most ${max} items` };
}

/** IsFullyQualifiedDomainName: a subdomain (one trailing dot allowed) of at least two labels. */
function validateFqdn(value: string, field: string): FieldError[] {
  if (!value) return [required(field)];
  const name = value.endsWith('.') ? value.slice(0, -1) : value;
  // IsDNS1123Subdomain's messages, joined into one error.
  const messages: string[] = [];
  if (name.length > 253) messages.push('must be no more than 253 characters');
  if (!DNS1123_SUBDOMAIN.test(name)) messages.push(DNS1123_SUBDOMAIN_ERROR);
  if (messages.length > 0) return [invalidValue(field, name, messages.join(','))];
  const labels = name.split('.');
  if (labels.length < 2) return [invalidValue(field, name, 'should be a domain with at least two segments separated by dots')];
  for (const label of labels) {
    const errors = validateDns1123Label(label, field);
    if (errors.length > 0) return [invalidValue(field, label, label.length > 63 ? 'must be no more than 63 characters' : DNS1123_LABEL_ERROR)];
  }
  return [];
}

function validateAddress(address: string, addressType: string, field: string): FieldError[] {
  switch (addressType) {
    case 'IPv4':
    case 'IPv6': {
      const errors = ipFamilyOf(address) === addressType ? [] : [invalidValue(field, address, `must be a valid ${addressType} address`)];
      // ValidateEndpointIP: no unspecified, loopback or link-local addresses.
      return [...errors, ...validateNonSpecialIP(address, field)];
    }
    case 'FQDN':
      return validateFqdn(address, field);
    default:
      // Unknown address types are refused on their own; their addresses are not checked.
      return [];
  }
}

const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const LABEL_VALUE_ERROR =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

function validateHints(hints: Endpoint['hints'], field: string): FieldError[] {
  const zones = hints?.forZones ?? [];
  if (zones.length > MAX_ZONE_HINTS) return [tooMany(`${field}.forZones`, zones.length, MAX_ZONE_HINTS)];
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  zones.forEach((zone, i) => {
    const path = `${field}.forZones[${i}].name`;
    const name = zone.name ?? '';
    if (seen.has(name)) errors.push(duplicate(path, name));
    else seen.add(name);
    if (name.length > 63) errors.push(invalidValue(path, name, 'must be no more than 63 characters'));
    if (!LABEL_VALUE.test(name)) errors.push(invalidValue(path, name, LABEL_VALUE_ERROR));
  });
  return errors;
}

function validateEndpoints(endpoints: readonly Endpoint[], addressType: string): FieldError[] {
  if (endpoints.length > MAX_ENDPOINTS) return [tooMany('endpoints', endpoints.length, MAX_ENDPOINTS)];
  const errors: FieldError[] = [];
  endpoints.forEach((endpoint, i) => {
    const path = `endpoints[${i}]`;
    const addresses = endpoint.addresses ?? [];
    if (addresses.length === 0) errors.push(required(`${path}.addresses`, 'must contain at least 1 address'));
    else if (addresses.length > MAX_ADDRESSES) errors.push(tooMany(`${path}.addresses`, addresses.length, MAX_ADDRESSES));
    addresses.forEach((address, j) => errors.push(...validateAddress(address, addressType, `${path}.addresses[${j}]`)));
    if (endpoint.nodeName !== undefined) {
      errors.push(...validateDns1123Subdomain(endpoint.nodeName, `${path}.nodeName`));
    }
    const topology = endpoint.deprecatedTopology ?? {};
    const topologyPath = `${path}.deprecatedTopology`;
    if (Object.keys(topology).length > MAX_TOPOLOGY_LABELS) errors.push(tooMany(topologyPath, Object.keys(topology).length, MAX_TOPOLOGY_LABELS));
    errors.push(...validateLabels(topology, topologyPath));
    if (endpoint.hostname !== undefined) errors.push(...validateDns1123Label(endpoint.hostname, `${path}.hostname`));
    if (endpoint.hints) errors.push(...validateHints(endpoint.hints, `${path}.hints`));
  });
  return errors;
}

function validatePorts(ports: readonly EndpointPort[]): FieldError[] {
  if (ports.length > MAX_PORTS) return [tooMany('ports', ports.length, MAX_PORTS)];
  const errors: FieldError[] = [];
  const names = new Set<string>();
  ports.forEach((port, i) => {
    const path = `ports[${i}]`;
    const name = port.name ?? '';
    if (name) errors.push(...validateDns1123Label(name, `${path}.name`));
    if (names.has(name)) errors.push(duplicate(`${path}.name`, name));
    else names.add(name);
    if (port.protocol === undefined) errors.push(required(`${path}.protocol`));
    else if (!PROTOCOLS.includes(port.protocol)) errors.push(notSupported(`${path}.protocol`, port.protocol, PROTOCOLS));
    if (port.appProtocol !== undefined) errors.push(...validateQualifiedName(port.appProtocol, `${path}.appProtocol`));
  });
  return errors;
}

function validateEndpointSlice(obj: KubeObject): FieldError[] {
  const slice = obj as EndpointSlice;
  const errors = validateObjectMeta(slice, { namespaced: true, nameRule: 'subdomain' });
  const addressType = slice.addressType ?? '';
  if (!addressType) errors.push(required('addressType'));
  else if (!ADDRESS_TYPES.includes(addressType)) errors.push(notSupported('addressType', addressType, ADDRESS_TYPES));
  errors.push(...validateEndpoints(slice.endpoints ?? [], addressType), ...validatePorts(slice.ports ?? []));
  return errors;
}

/** SetDefaults_EndpointPort: an unnamed port is named "", an unset protocol is TCP. */
function applyDefaults(obj: KubeObject): void {
  for (const port of (obj as EndpointSlice).ports ?? []) {
    port.name ??= '';
    port.protocol ??= 'TCP';
  }
}

/** Everything but metadata: what moves the generation on update. */
function content(slice: EndpointSlice): unknown {
  return { addressType: slice.addressType, endpoints: slice.endpoints, ports: slice.ports };
}

/** formatDiscoveryPorts / formatDiscoveryEndpoints: the first three, then `+ N more...`; `<unset>` when empty. */
function listWithMore(items: readonly string[]): string {
  const shown = items.slice(0, 3).join(',');
  if (items.length > 3) return `${shown} + ${items.length - 3} more...`;
  return shown === '' ? '<unset>' : shown;
}

function cells(obj: KubeObject, now: number): string[] {
  const slice = obj as EndpointSlice;
  // A port without a number is "all ports": its name, or `*` when even that is unset.
  const ports = (slice.ports ?? []).map((p) => (p.port !== undefined && p.port !== null ? String(p.port) : (p.name ?? '*')));
  const addresses = (slice.endpoints ?? []).flatMap((e) => e.addresses ?? []);
  return [slice.metadata.name ?? '', slice.addressType ?? '', listWithMore(ports), listWithMore(addresses), age(slice.metadata.creationTimestamp, now)];
}

export const endpointSliceResource: ResourceDefinition = {
  group: 'discovery.k8s.io',
  version: 'v1',
  kind: 'EndpointSlice',
  plural: 'endpointslices',
  singular: 'endpointslice',
  namespaced: true,
  shortNames: [],
  categories: [],
  storagePrefix: 'endpointslices',
  verbs: ALL_VERBS,
  subresources: [],
  strategy: {
    tracksGeneration: true,
    applyDefaults,
    prepareForUpdate(obj, old) {
      // The slice has no spec: any change outside metadata is a new generation.
      if (!semanticEqual(content(obj as EndpointSlice), content(old as EndpointSlice))) {
        obj.metadata.generation = (old.metadata.generation ?? 1) + 1;
      }
    },
    validate: validateEndpointSlice,
    validateUpdate(obj, old) {
      const errors = validateEndpointSlice(obj);
      const next = (obj as EndpointSlice).addressType;
      if (next !== (old as EndpointSlice).addressType) errors.push(invalidValue('addressType', next ?? '', 'field is immutable'));
      return errors;
    },
  },
  printer: {
    columns: [
      nameColumn,
      column(
        'AddressType',
        'string',
        'addressType specifies the type of address carried by this EndpointSlice. All addresses in this slice must be the same type. This field is immutable after creation. The following address types are currently supported: * IPv4: Represents an IPv4 Address. * IPv6: Represents an IPv6 Address. * FQDN: Represents a Fully Qualified Domain Name.',
      ),
      column(
        'Ports',
        'string',
        'ports specifies the list of network ports exposed by each endpoint in this slice. Each port must have a unique name. When ports is empty, it indicates that there are no defined ports. When a port is defined with a nil port value, it indicates "all ports". Each slice may include a maximum of 100 ports.',
      ),
      column('Endpoints', 'string', 'endpoints is a list of unique endpoints in this slice. Each slice may include a maximum of 1000 endpoints.'),
      ageColumn,
    ],
    cells,
  },
};
