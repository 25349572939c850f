/**
 * networking.k8s.io/v1 Ingresses and IngressClasses: the path checks of ValidateIngressSpec
 * (pathType required, absolute paths for Exact and Prefix), the IngressClass controller's
 * domain-prefixed path, and kubectl's printers (CLASS HOSTS ADDRESS PORTS; CONTROLLER PARAMETERS).
 */
import type { KubeObject } from '../../../../shared/api/meta.js';
import { type FieldError, invalidValue, notSupported, required, tooLong } from '../errors.js';
import { ipFamilyOf } from './ip.js';
import { age } from './printing.js';
import { ALL_VERBS, type ResourceDefinition, column } from './resource.js';
import { validateObjectMeta } from './validation.js';

export interface IngressPath {
  path?: string;
  pathType?: string;
  backend?: Record<string, unknown>;
}

export interface Ingress extends KubeObject {
  spec?: {
    ingressClassName?: string;
    defaultBackend?: Record<string, unknown>;
    tls?: Array<{ hosts?: string[]; secretName?: string }>;
    rules?: Array<{ host?: string; http?: { paths?: IngressPath[] } }>;
  };
  status?: { loadBalancer?: { ingress?: Array<{ ip?: string; hostname?: string }> } };
}

export interface IngressClass extends KubeObject {
  spec?: { controller?: string; parameters?: { apiGroup?: string; kind?: string; name?: string; namespace?: string; scope?: string } };
}

const PATH_TYPES = ['Exact', 'ImplementationSpecific', 'Prefix'];

function validatePath(path: IngressPath, field: string): FieldError[] {
  if (path.pathType === undefined || path.pathType === null) return [required(`${field}.pathType`, 'pathType must be specified')];
  if (!PATH_TYPES.includes(path.pathType)) return [notSupported(`${field}.pathType`, path.pathType, PATH_TYPES)];
  if (path.pathType !== 'ImplementationSpecific' && !(path.path ?? '').startsWith('/')) return [invalidValue(`${field}.path`, path.path ?? '', 'must be an absolute path')];
  return [];
}

function validateIngress(obj: KubeObject): FieldError[] {
  const ing = obj as Ingress;
  const errors = validateObjectMeta(obj, { namespaced: true, nameRule: 'subdomain' });
  (ing.spec?.rules ?? []).forEach((rule, i) => {
    const field = `spec.rules[${i}]`;
    if (rule.host && ipFamilyOf(rule.host)) errors.push(invalidValue(`${field}.host`, rule.host, 'must be a DNS name, not an IP address'));
    if (!rule.http) return;
    const paths = rule.http.paths ?? [];
    if (paths.length === 0) errors.push(required(`${field}.http.paths`));
    paths.forEach((path, j) => errors.push(...validatePath(path, `${field}.http.paths[${j}]`)));
  });
  return errors;
}

/** ValidateIngressClassSpec: a domain-prefixed controller of at most 250 characters. */
function validateIngressClass(obj: KubeObject): FieldError[] {
  const ic = obj as IngressClass;
  const errors = validateObjectMeta(obj, { namespaced: false, nameRule: 'subdomain' });
  const controller = ic.spec?.controller ?? '';
  if (controller.length > 250) errors.push(tooLong('spec.controller', 250));
  if (controller === '') errors.push(required('spec.controller'));
  else if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/./.test(controller)) {
    errors.push(invalidValue('spec.controller', controller, 'must be a domain-prefixed path (such as "acme.io/foo")'));
  }
  return errors;
}

function validateIngressClassUpdate(obj: KubeObject, old: KubeObject): FieldError[] {
  const next = (obj as IngressClass).spec?.controller ?? '';
  const errors = validateIngressClass(obj);
  if (next !== ((old as IngressClass).spec?.controller ?? '')) errors.push(invalidValue('spec.controller', next, 'field is immutable'));
  return errors;
}

/** formatHosts: up to three hosts, `*` when no rule names one. */
export function formatHosts(rules: ReadonlyArray<{ host?: string }> | undefined): string {
  const list: string[] = [];
  let more = false;
  for (const rule of rules ?? []) {
    if (list.length === 3) more = true;
    if (!more && rule.host) list.push(rule.host);
  }
  if (list.length === 0) return '*';
  const text = list.join(',');
  return more ? `${text} + ${(rules?.length ?? 0) - 3} more...` : text;
}

/** ingressLoadBalancerStatusStringer (not wide): IPs and hostnames, cut to 16 characters. */
function formatAddress(ing: Ingress): string {
  const text = (ing.status?.loadBalancer?.ingress ?? []).flatMap((i) => [i.ip, i.hostname].filter((v): v is string => !!v)).join(',');
  return text.length > 16 ? `${text.slice(0, 13)}...` : text;
}

const NAME_COLUMN = column('Name', 'string', 'Name must be unique within a namespace.', 0, 'name');
const AGE_COLUMN = column('Age', 'string', 'CreationTimestamp is a timestamp representing the server time when this object was created.');

export const ingressResource: ResourceDefinition = {
  group: 'networking.k8s.io',
  version: 'v1',
  kind: 'Ingress',
  plural: 'ingresses',
  singular: 'ingress',
  namespaced: true,
  shortNames: ['ing'],
  categories: [],
  storagePrefix: 'ingress',
  verbs: ALL_VERBS,
  subresources: ['status'],
  strategy: {
    tracksGeneration: true,
    hasStatusSubresource: true,
    prepareForCreate(obj) {
      (obj as Ingress).status = {};
    },
    validate: validateIngress,
    validateUpdate: (obj) => validateIngress(obj),
  },
  printer: {
    columns: [
      NAME_COLUMN,
      column('Class', 'string', 'ingressClassName is the name of an IngressClass cluster resource.'),
      column('Hosts', 'string', 'Hosts that incoming requests are matched against before the IngressRule takes effect.'),
      column('Address', 'string', 'Address is a list containing ingress points for the load-balancer'),
      column('Ports', 'string', 'Ports of TLS configurations that open'),
      AGE_COLUMN,
    ],
    cells: (obj, now) => {
      const ing = obj as Ingress;
      const ports = (ing.spec?.tls ?? []).length > 0 ? '80, 443' : '80';
      return [ing.metadata.name ?? '', ing.spec?.ingressClassName || '<none>', formatHosts(ing.spec?.rules), formatAddress(ing), ports, age(ing.metadata.creationTimestamp, now)];
    },
  },
};

export const ingressClassResource: ResourceDefinition = {
  group: 'networking.k8s.io',
  version: 'v1',
  kind: 'IngressClass',
  plural: 'ingressclasses',
  singular: 'ingressclass',
  namespaced: false,
  shortNames: [],
  categories: [],
  storagePrefix: 'ingressclasses',
  verbs: ALL_VERBS,
  subresources: [],
  strategy: { tracksGeneration: true, validate: validateIngressClass, validateUpdate: validateIngressClassUpdate },
  printer: {
    columns: [
      NAME_COLUMN,
      column('Controller', 'string', 'Controller that is responsible for handling this class'),
      column('Parameters', 'string', 'A reference to a resource with additional parameters'),
      AGE_COLUMN,
    ],
    cells: (obj, now) => {
      const ic = obj as IngressClass;
      const p = ic.spec?.parameters;
      const parameters = p ? `${p.kind ?? ''}${p.apiGroup !== undefined ? `.${p.apiGroup}` : ''}/${p.name ?? ''}` : '<none>';
      return [ic.metadata.name ?? '', ic.spec?.controller ?? '', parameters, age(ic.metadata.creationTimestamp, now)];
    },
  },
};
