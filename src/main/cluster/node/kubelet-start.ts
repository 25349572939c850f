/**
 * What the kubelet binary checks before it runs, with its 1.32 error texts: its flags, the
 * KubeletConfiguration file (read, decoded strictly then leniently), the client CA, a kubeconfig
 * (or the bootstrap one), and the CRI endpoint. A failure is the `"command failed" err=…` line
 * and exit status 1.
 */
import { parseDocument } from 'yaml';
import type { VirtualFs } from '../../hosts/vfs.js';

export type KubeletStart =
  | { ok: true; configPath: string; warnings: string[]; flags: ReadonlyMap<string, string> }
  | { ok: false; err: string; warnings: string[] };

/** The kubelet flags a kubeadm node uses, plus the common ones learners add. */
const KNOWN_FLAGS = new Set([
  'bootstrap-kubeconfig', 'kubeconfig', 'config', 'container-runtime-endpoint', 'pod-infra-container-image', 'node-ip',
  'hostname-override', 'v', 'node-labels', 'register-with-taints', 'cgroup-driver', 'resolv-conf', 'cloud-provider',
  'fail-swap-on', 'max-pods', 'cluster-dns', 'cluster-domain', 'root-dir', 'runtime-request-timeout', 'image-service-endpoint',
  'rotate-certificates', 'address', 'port', 'logging-format', 'feature-gates', 'provider-id', 'pod-manifest-path',
]);
const BOOLEAN_FLAGS = new Set(['fail-swap-on', 'rotate-certificates']);

const SOCKETS = new Set(['unix:///var/run/containerd/containerd.sock', 'unix:///run/containerd/containerd.sock']);

function noSuchFile(fs: VirtualFs, path: string): boolean {
  return !fs.tryStat(path)?.isFile;
}

/** KubeletConfiguration fields and the Go types a wrong shape reports. */
const FIELD_TYPES: Record<string, 'string' | '[]string' | 'bool' | 'int32' | 'object'> = {
  clusterDNS: '[]string',
  clusterDomain: 'string',
  staticPodPath: 'string',
  cgroupDriver: 'string',
  containerRuntimeEndpoint: 'string',
  healthzBindAddress: 'string',
  healthzPort: 'int32',
  rotateCertificates: 'bool',
  authentication: 'object',
  authorization: 'object',
  resolvConf: 'string',
  maxPods: 'int32',
};

function goTypeOf(value: unknown): string {
  if (typeof value === 'string') return 'string';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'bool';
  if (Array.isArray(value)) return 'array';
  return 'object';
}

function typeMismatch(field: string, value: unknown): string | undefined {
  const want = FIELD_TYPES[field];
  if (!want || value === null || value === undefined) return undefined;
  const got = goTypeOf(value);
  const ok = (want === 'string' && got === 'string') || (want === '[]string' && got === 'array') || (want === 'bool' && got === 'bool') || (want === 'int32' && got === 'number') || (want === 'object' && got === 'object');
  if (ok) return undefined;
  return `json: cannot unmarshal ${got} into Go struct field KubeletConfiguration.${field} of type ${want}`;
}

/** Decode the config file as the kubelet's codec does; errors carry its wording after `error `. */
function decodeConfig(text: string, path: string): { ok: true; config: Record<string, unknown>; warnings: string[] } | { ok: false; err: string } {
  if (text.trim() === '') return { ok: false, err: `kubelet config file "${path}" was empty` };
  const doc = parseDocument(text);
  if (doc.errors.length > 0) {
    const error = doc.errors[0]!;
    const line = (error.linePos?.[0]?.line ?? 1);
    const what = error.code === 'BAD_INDENT' || error.code === 'MISSING_CHAR' ? 'did not find expected key' : 'mapping values are not allowed in this context';
    return { ok: false, err: `failed to decode: error converting YAML to JSON: yaml: line ${line}: ${what}` };
  }
  const value: unknown = doc.toJS();
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, err: 'failed to decode: Object \'Kind\' is missing in \'' + String(text.trim()).slice(0, 60) + '\'' };
  }
  const config = value as Record<string, unknown>;
  const kind = typeof config.kind === 'string' ? config.kind : '';
  const apiVersion = typeof config.apiVersion === 'string' ? config.apiVersion : '';
  if (kind === '') return { ok: false, err: `failed to decode: Object 'Kind' is missing in '${JSON.stringify(config)}'` };
  if (kind !== 'KubeletConfiguration' || apiVersion !== 'kubelet.config.k8s.io/v1beta1') {
    return { ok: false, err: `failed to decode: no kind "${kind}" is registered for version "${apiVersion}" in scheme "pkg/kubelet/apis/config/scheme/scheme.go:33"` };
  }
  for (const [field, v] of Object.entries(config)) {
    const mismatch = typeMismatch(field, v);
    if (mismatch) return { ok: false, err: `failed to decode: ${mismatch}` };
  }
  const known = new Set([...Object.keys(FIELD_TYPES), 'apiVersion', 'kind', 'cpuManagerReconcilePeriod', 'crashLoopBackOff', 'evictionPressureTransitionPeriod', 'fileCheckFrequency', 'httpCheckFrequency', 'imageMaximumGCAge', 'imageMinimumGCAge', 'logging', 'memorySwap', 'nodeStatusReportFrequency', 'nodeStatusUpdateFrequency', 'runtimeRequestTimeout', 'shutdownGracePeriod', 'shutdownGracePeriodCriticalPods', 'streamingConnectionIdleTimeout', 'syncFrequency', 'volumeStatsAggIdlePeriod', 'failSwapOn', 'serverTLSBootstrap', 'evictionHard', 'systemReserved', 'kubeReserved', 'featureGates', 'address', 'port', 'readOnlyPort']);
  const unknown = Object.keys(config).filter((k) => !known.has(k));
  const warnings = unknown.length > 0 ? [`"Using lenient decoding as strict decoding failed" err="strict decoding error: ${unknown.map((k) => `unknown field \\"${k}\\"`).join(', ')}"`] : [];
  return { ok: true, config, warnings };
}

/** Check a kubelet start with `argv` (argv[0] is the binary) on `fs`; `containerdUp` is the CRI socket's state. */
export function checkKubeletStart(fs: VirtualFs, argv: readonly string[], containerdUp: boolean): KubeletStart {
  const warnings: string[] = [];
  const flags = new Map<string, string>();
  const args = argv.slice(1);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('-')) continue;
    const body = arg.replace(/^--?/, '');
    const eq = body.indexOf('=');
    const name = eq < 0 ? body : body.slice(0, eq);
    if (!KNOWN_FLAGS.has(name)) return { ok: false, err: `failed to parse kubelet flag: unknown flag: --${name}`, warnings };
    let value = eq < 0 ? undefined : body.slice(eq + 1);
    if (value === undefined) value = BOOLEAN_FLAGS.has(name) ? 'true' : (args[++i] ?? '');
    flags.set(name, value);
  }
  if (flags.has('pod-infra-container-image')) {
    warnings.push('Flag --pod-infra-container-image has been deprecated, will be removed in 1.35. Image garbage collector will get sandbox image information from CRI.');
  }
  const configPath = flags.get('config');
  let config: Record<string, unknown> = {};
  if (configPath !== undefined) {
    const prefix = `failed to load kubelet config file, path: ${configPath}, error: failed to load Kubelet config file ${configPath}, error `;
    if (noSuchFile(fs, configPath)) {
      return { ok: false, err: `${prefix}failed to read kubelet config file "${configPath}", error: open ${configPath}: no such file or directory`, warnings };
    }
    const decoded = decodeConfig(fs.readFile(configPath), configPath);
    if (!decoded.ok) return { ok: false, err: prefix + decoded.err, warnings };
    config = decoded.config;
    warnings.push(...decoded.warnings);
  }
  const x509 = ((config.authentication as Record<string, unknown> | undefined)?.x509 as Record<string, unknown> | undefined)?.clientCAFile;
  if (typeof x509 === 'string' && x509 !== '' && noSuchFile(fs, x509)) {
    return { ok: false, err: `failed to construct kubelet dependencies: unable to load client CA file ${x509}: open ${x509}: no such file or directory`, warnings };
  }
  const kubeconfig = flags.get('kubeconfig');
  const bootstrap = flags.get('bootstrap-kubeconfig');
  if (kubeconfig === undefined || noSuchFile(fs, kubeconfig)) {
    if (bootstrap === undefined) return { ok: false, err: 'failed to run Kubelet: no kubeconfig given and no bootstrap kubeconfig', warnings };
    if (noSuchFile(fs, bootstrap)) {
      return { ok: false, err: `failed to run Kubelet: unable to load bootstrap kubeconfig: stat ${bootstrap}: no such file or directory`, warnings };
    }
  }
  const endpoint = flags.get('container-runtime-endpoint') || (typeof config.containerRuntimeEndpoint === 'string' && config.containerRuntimeEndpoint) || 'unix:///run/containerd/containerd.sock';
  if (!SOCKETS.has(endpoint) || !containerdUp) {
    const socket = endpoint.replace(/^unix:\/\//, '');
    const why = SOCKETS.has(endpoint) ? 'connect: connection refused' : 'connect: no such file or directory';
    return {
      ok: false,
      err: `failed to run Kubelet: validate service connection: validate CRI v1 runtime API for endpoint "${endpoint}": rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial unix ${socket}: ${why}"`,
      warnings,
    };
  }
  return { ok: true, configPath: configPath ?? '', warnings, flags };
}
