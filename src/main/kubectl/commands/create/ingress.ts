/**
 * `create ingress`: rules `host/path=service:port[,tls[=secret]]` (a trailing `*` makes the path
 * a Prefix, else Exact; rules of one host share its paths), `--default-backend`, `--class` and
 * `--annotation`.
 */
import type { KubeObject } from '../../../../shared/api/meta.js';
import { INGRESSES } from '../../../cluster/client/resources.js';
import { KubectlError } from '../../errors.js';
import { type CreateContext, type GeneratorSubcommand, GENERATOR_FLAGS, objectMeta } from './subcommand.js';

const RULE = /^([\w*\-.]*)(\/.*)=([\w-]+):([\w-]+)(,(tls)=?([\w-]+)?)?/;

interface TlsEntry {
  hosts?: string[];
  secretName?: string;
}

interface RuleEntry {
  host?: string;
  http: { paths: Record<string, unknown>[] };
}

/** An IngressBackend for `service:port`, the port a number when it parses as one. */
function backend(service: string): Record<string, unknown> {
  const [name, port = ''] = service.split(':');
  return { service: { name, port: /^[-+]?\d+$/.test(port) ? { number: Number(port) } : { name: port } } };
}

function httpPath(pathAndService: string): Record<string, unknown> {
  const [pathPart = '', service = ''] = pathAndService.split('=');
  let path = `/${pathPart}`;
  let pathType = 'Exact';
  if (path.endsWith('*')) {
    pathType = 'Prefix';
    path = path.slice(0, -1);
  }
  return { path, pathType, backend: backend(service) };
}

function tlsEntries(rules: string[]): TlsEntry[] {
  const seen = new Set<string>();
  const entries: TlsEntry[] = [];
  for (const rule of rules) {
    const parts = rule.split(',');
    if (parts.length !== 2) continue;
    const host = rule.split('/')[0]!;
    const secretParts = parts[1]!.split('=');
    const secret = secretParts.length > 1 ? secretParts[1]! : '';
    if (seen.has(host)) continue;
    seen.add(host);
    const existing = entries.find((e) => (e.secretName ?? '') === secret);
    if (existing) {
      existing.hosts = [...(existing.hosts ?? []), host];
      continue;
    }
    const entry: TlsEntry = { ...(host ? { hosts: [host] } : {}), ...(secret ? { secretName: secret } : {}) };
    if (entry.hosts || entry.secretName) entries.push(entry);
  }
  return entries;
}

function ingressRules(rules: string[]): RuleEntry[] {
  const entries: RuleEntry[] = [];
  for (const rule of rules) {
    const withoutTls = rule.split(',')[0]!;
    const slash = withoutTls.indexOf('/');
    const host = withoutTls.slice(0, slash);
    const path = httpPath(withoutTls.slice(slash + 1));
    const existing = entries.find((e) => (e.host ?? '') === host);
    if (existing) existing.http.paths.push(path);
    else entries.push({ ...(host ? { host } : {}), http: { paths: [path] } });
  }
  return entries;
}

function buildIngress({ inv, name, enforcedNamespace }: CreateContext): KubeObject {
  const rules = inv.flags.strings('rule');
  const annotationArgs = inv.flags.strings('annotation');
  const defaultBackend = inv.flags.string('default-backend');
  const ingressClass = inv.flags.string('class');
  if (!defaultBackend && rules.length === 0) {
    throw new KubectlError(
      'error: not enough information provided: every ingress has to either specify a default-backend (which catches all traffic) or a list of rules (which catch specific paths)\n',
    );
  }
  for (const rule of rules) {
    if (!RULE.test(rule)) throw new KubectlError(`error: rule ${rule} is invalid and should be in format host/path=svcname:svcport[,tls[=secret]]\n`);
  }
  const annotations: Record<string, string> = {};
  for (const annotation of annotationArgs) {
    const eq = annotation.indexOf('=');
    if (eq < 0) throw new KubectlError(`error: annotation ${annotation} is invalid and should be in format key=[value]\n`);
    annotations[annotation.slice(0, eq)] = annotation.slice(eq + 1);
  }
  if (defaultBackend && defaultBackend.split(':').length !== 2) throw new KubectlError('error: default-backend should be in format servicename:serviceport\n');
  const tls = tlsEntries(rules);
  const ruleEntries = ingressRules(rules);
  return {
    kind: 'Ingress',
    apiVersion: 'networking.k8s.io/v1',
    metadata: objectMeta(name, enforcedNamespace, Object.keys(annotations).length > 0 ? { annotations } : {}),
    spec: {
      ...(ingressClass ? { ingressClassName: ingressClass } : {}),
      ...(defaultBackend ? { defaultBackend: backend(defaultBackend) } : {}),
      ...(tls.length > 0 ? { tls } : {}),
      ...(ruleEntries.length > 0 ? { rules: ruleEntries } : {}),
    },
    status: { loadBalancer: {} },
  };
}

export const INGRESS: GeneratorSubcommand = {
  ref: INGRESSES,
  namespaced: true,
  flags: [
    ...GENERATOR_FLAGS,
    { name: 'class', type: 'string' },
    { name: 'rule', type: 'stringArray' },
    { name: 'default-backend', type: 'string' },
    { name: 'annotation', type: 'stringArray' },
  ],
  failurePrefix: 'failed to create ingress: ',
  build: buildIngress,
};
