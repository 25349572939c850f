/**
 * kubeconfig loading as kubectl does it: `--kubeconfig`, else `$KUBECONFIG`, else `~/.kube/config`
 * on the host the shell is on; the current (or `--context`) context picks the cluster, user and
 * namespace. A missing file leaves kubectl talking to `localhost:8080`.
 */
import { parse } from 'yaml';

export interface KubeconfigCluster {
  name: string;
  server: string;
}

export interface ResolvedConfig {
  path: string | undefined;
  server: string;
  contextName: string;
  clusterName: string;
  userName: string;
  namespace: string;
  /** What the user entry (or `--token` / `--client-certificate`) presents to the server. */
  credentials: { clientCertificate?: string; token?: string };
}

interface RawUser {
  'client-certificate-data'?: string;
  'client-certificate'?: string;
  token?: string;
  tokenFile?: string;
}

interface RawKubeconfig {
  clusters?: Array<{ name?: string; cluster?: { server?: string } }>;
  contexts?: Array<{ name?: string; context?: { cluster?: string; user?: string; namespace?: string } }>;
  users?: Array<{ name?: string; user?: RawUser }>;
  'current-context'?: string;
}

export interface KubeconfigSource {
  /** File content, or undefined when there is no such file. */
  read(path: string): string | undefined;
  home: string;
  env(name: string): string | undefined;
}

/** `invalidConfiguration`: clientcmd's ConfirmUsable failed (kubectl prints `Error in configuration: …`). */
export type ConfigResult = { ok: true; config: ResolvedConfig } | { ok: false; error: string; invalidConfiguration?: boolean };

/**
 * The last kubeconfig text parsed, and its parse: every kubectl command reads the same file, and
 * the parse is only read, never changed.
 */
let lastParsed: { text: string; raw: RawKubeconfig } | undefined;

function parsedKubeconfig(text: string): RawKubeconfig {
  if (lastParsed?.text !== text) lastParsed = { text, raw: (parse(text) as RawKubeconfig | null) ?? {} };
  return lastParsed.raw;
}

export function loadKubeconfig(
  source: KubeconfigSource,
  overrides: {
    kubeconfig?: string;
    context?: string;
    cluster?: string;
    server?: string;
    namespace?: string;
    user?: string;
    token?: string;
    clientCertificate?: string;
  },
): ConfigResult {
  let path: string | undefined;
  let text: string | undefined;
  if (overrides.kubeconfig) {
    path = overrides.kubeconfig;
    text = source.read(path);
    if (text === undefined) return { ok: false, error: `stat ${path}: no such file or directory` };
  } else {
    const envPath = source.env('KUBECONFIG');
    const candidates = envPath ? envPath.split(':').filter(Boolean) : [`${source.home}/.kube/config`];
    for (const candidate of candidates) {
      const content = source.read(candidate);
      if (content !== undefined) {
        path = candidate;
        text = content;
        break;
      }
    }
  }
  let raw: RawKubeconfig = {};
  if (text !== undefined) {
    try {
      raw = parsedKubeconfig(text);
    } catch (error) {
      return { ok: false, error: `error loading config file "${path}": ${error instanceof Error ? error.message.split('\n')[0] : String(error)}` };
    }
  }
  const contextName = overrides.context ?? raw['current-context'] ?? '';
  const context = raw.contexts?.find((c) => c.name === contextName)?.context;
  if (overrides.context && !context) return { ok: false, error: `context was not found for specified context: ${overrides.context}` };
  const clusterName = overrides.cluster ?? context?.cluster ?? '';
  const cluster = raw.clusters?.find((c) => c.name === clusterName)?.cluster;
  const server = overrides.server ?? cluster?.server ?? 'http://localhost:8080';
  const userName = overrides.user ?? context?.user ?? '';
  const credentials = resolveCredentials(source, userName, raw.users?.find((u) => u.name === userName)?.user ?? {}, overrides);
  if (!credentials.ok) return { ...credentials, invalidConfiguration: true };
  return {
    ok: true,
    config: {
      path,
      server,
      contextName,
      clusterName,
      userName,
      namespace: overrides.namespace || context?.namespace || 'default',
      credentials: credentials.value,
    },
  };
}

/** client-go's TLS and bearer-token settings: inline data wins over files; flags win over the file. */
function resolveCredentials(
  source: KubeconfigSource,
  userName: string,
  user: RawUser,
  overrides: { token?: string; clientCertificate?: string },
): { ok: true; value: ResolvedConfig['credentials'] } | { ok: false; error: string } {
  const value: ResolvedConfig['credentials'] = {};
  const certificatePath = overrides.clientCertificate ?? (user['client-certificate-data'] ? undefined : user['client-certificate']);
  if (certificatePath) {
    const pem = source.read(certificatePath);
    if (pem === undefined) return { ok: false, error: `unable to read client-cert ${certificatePath} for ${userName} due to open ${certificatePath}: no such file or directory` };
    value.clientCertificate = pem;
  } else if (user['client-certificate-data']) {
    value.clientCertificate = Buffer.from(user['client-certificate-data'], 'base64').toString('utf8');
  }
  if (overrides.token) value.token = overrides.token;
  else if (user.token) value.token = user.token;
  else if (user.tokenFile) {
    const token = source.read(user.tokenFile);
    if (token === undefined) return { ok: false, error: `open ${user.tokenFile}: no such file or directory` };
    value.token = token.trim();
  }
  return { ok: true, value };
}

/** `https://192.168.200.10:6443` → `192.168.200.10:6443`, as kubectl names the server in errors. */
export function hostPort(server: string): string {
  try {
    const url = new URL(server.includes('://') ? server : `https://${server}`);
    const port = url.port || (url.protocol === 'http:' ? '80' : '443');
    return `${url.hostname}:${port}`;
  } catch {
    return server;
  }
}
