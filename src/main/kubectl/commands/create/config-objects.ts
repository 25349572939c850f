/**
 * `create configmap` and `create secret generic|tls|docker-registry`: data from files, literals
 * and env files (secrets base64-encoded), TLS pairs, and registry credentials as a
 * `.dockerconfigjson`.
 */
import type { KubeObject } from '../../../../shared/api/meta.js';
import { CONFIG_MAPS, SECRETS } from '../../../cluster/client/resources.js';
import { KubectlError } from '../../errors.js';
import type { Invocation } from '../../invocation.js';
import { configKeyErrors, readDataSources } from './data-sources.js';
import { type CreateContext, type GeneratorSubcommand, GENERATOR_FLAGS, objectMeta } from './subcommand.js';

const SOURCE_FLAGS = [
  { name: 'from-file', type: 'stringArray' as const },
  { name: 'from-literal', type: 'stringArray' as const },
  { name: 'from-env-file', type: 'stringArray' as const },
  { name: 'append-hash', type: 'bool' as const },
];

function buildConfigMap({ inv, name, enforcedNamespace }: CreateContext): KubeObject {
  const data: Record<string, string> = {};
  readDataSources(
    inv,
    {
      add: (key, value) => {
        const errors = configKeyErrors(key);
        if (errors.length > 0) return `"${key}" is not a valid key name for a ConfigMap: ${errors.join(',')}`;
        if (key in data) return `cannot add key "${key}", another key by that name already exists in Data for ConfigMap "${name}"`;
        data[key] = value;
        return undefined;
      },
      envDirectoryError: 'env config file cannot be a directory',
    },
    'from-env-file cannot be combined with from-file or from-literal',
  );
  return { kind: 'ConfigMap', apiVersion: 'v1', metadata: objectMeta(name, enforcedNamespace), ...(Object.keys(data).length > 0 ? { data } : {}) };
}

export const CONFIG_MAP: GeneratorSubcommand = {
  ref: CONFIG_MAPS,
  namespaced: true,
  flags: [...GENERATOR_FLAGS, ...SOURCE_FLAGS],
  failurePrefix: 'failed to create configmap: ',
  build: buildConfigMap,
};

function secretObject(name: string, namespace: string, data: Record<string, string>, type: string): KubeObject {
  const encoded = Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v, 'utf8').toString('base64')]));
  return { kind: 'Secret', apiVersion: 'v1', metadata: objectMeta(name, namespace), ...(Object.keys(encoded).length > 0 ? { data: encoded } : {}), ...(type ? { type } : {}) };
}

/** The secret data the sources give, with the Secret command's own wording for bad keys. */
function secretData(inv: Invocation): Record<string, string> {
  const data: Record<string, string> = {};
  readDataSources(
    inv,
    {
      add: (key, value) => {
        const errors = configKeyErrors(key);
        if (errors.length > 0) return `"${key}" is not valid key name for a Secret ${errors.join(';')}`;
        if (key in data) return `cannot add key ${key}, another key by that name already exists`;
        data[key] = value;
        return undefined;
      },
      envDirectoryError: 'env secret file cannot be a directory',
    },
    'from-env-file cannot be combined with from-file or from-literal',
  );
  return data;
}

export const SECRET_GENERIC: GeneratorSubcommand = {
  ref: SECRETS,
  namespaced: true,
  flags: [...GENERATOR_FLAGS, ...SOURCE_FLAGS, { name: 'type', type: 'string' }],
  failurePrefix: 'failed to create secret ',
  build: ({ inv, name, enforcedNamespace }) => secretObject(name, enforcedNamespace, secretData(inv), inv.flags.string('type')),
};

function readTlsFile(inv: Invocation, path: string): string {
  const fs = inv.ctx.shell.host.fs;
  const absolute = inv.ctx.shell.resolvePath(path);
  if (!fs.exists(absolute)) throw new KubectlError(`error: Cannot read file ${path}, open ${path}: no such file or directory\n`);
  if (fs.stat(absolute).isDirectory) throw new KubectlError(`error: Cannot read file ${path}, read ${path}: is a directory\n`);
  return fs.readFile(absolute);
}

function buildTlsSecret({ inv, name, enforcedNamespace }: CreateContext): KubeObject {
  const certPath = inv.flags.string('cert');
  const keyPath = inv.flags.string('key');
  if (!certPath || !keyPath) throw new KubectlError('error: key and cert must be specified\n');
  const cert = readTlsFile(inv, certPath);
  const key = readTlsFile(inv, keyPath);
  // tls.X509KeyPair's first checks: both inputs must hold PEM blocks.
  if (!/-----BEGIN [A-Z ]+-----/.test(cert)) throw new KubectlError('error: tls: failed to find any PEM data in certificate input\n');
  if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(key)) throw new KubectlError('error: tls: failed to find any PEM data in key input\n');
  return secretObject(name, enforcedNamespace, { 'tls.crt': cert, 'tls.key': key }, 'kubernetes.io/tls');
}

export const SECRET_TLS: GeneratorSubcommand = {
  ref: SECRETS,
  namespaced: true,
  flags: [...GENERATOR_FLAGS, { name: 'cert', type: 'string' }, { name: 'key', type: 'string' }, { name: 'append-hash', type: 'bool' }],
  failurePrefix: 'failed to create secret ',
  build: buildTlsSecret,
};

/** The `--docker-server` default. */
const DOCKER_HUB = 'https://index.docker.io/v1/';

function buildDockerRegistrySecret({ inv, name, enforcedNamespace }: CreateContext): KubeObject {
  const [username, password, email] = ['docker-username', 'docker-password', 'docker-email'].map((f) => inv.flags.string(f)) as [string, string, string];
  const server = inv.flags.string('docker-server', DOCKER_HUB);
  const fromFiles = inv.flags.strings('from-file');
  if (fromFiles.length === 0 && (!username || !password || !server)) {
    throw new KubectlError('error: either --from-file or the combination of --docker-username, --docker-password and --docker-server is required\n');
  }
  if (fromFiles.length > 0) return secretObject(name, enforcedNamespace, secretData(inv), 'kubernetes.io/dockerconfigjson');
  const auth = Buffer.from(`${username}:${password}`, 'utf8').toString('base64');
  const config = JSON.stringify({ auths: { [server]: { username, password, ...(email ? { email } : {}), auth } } });
  return secretObject(name, enforcedNamespace, { '.dockerconfigjson': config }, 'kubernetes.io/dockerconfigjson');
}

export const SECRET_DOCKER_REGISTRY: GeneratorSubcommand = {
  ref: SECRETS,
  namespaced: true,
  flags: [
    ...GENERATOR_FLAGS,
    { name: 'docker-username', type: 'string' },
    { name: 'docker-password', type: 'string' },
    { name: 'docker-email', type: 'string' },
    { name: 'docker-server', type: 'string' },
    { name: 'from-file', type: 'stringArray' },
    { name: 'append-hash', type: 'bool' },
  ],
  failurePrefix: 'failed to create secret ',
  build: buildDockerRegistrySecret,
};
