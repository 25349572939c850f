/**
 * `kubeadm` v1.32.4 on a node: `version`, `token create|list|delete`, `certs check-expiration`,
 * `upgrade plan|apply`, and a ClusterConfiguration for the `kubeadm-config` ConfigMap that
 * `kubeadm init` uploads. kubeadm talks to the cluster with /etc/kubernetes/admin.conf, so on a
 * host without that file it stops as the real one does; everything else it reads from the node's
 * disk (certificates, kubeconfigs, static Pod manifests).
 */
import type { ConfigMap } from '../../../shared/api/core.js';
import type { Random } from '../../base/random.js';
import { parseDuration, rfc3339 } from '../../base/duration.js';
import { tabwrite } from '../../kubectl/printers/tabwriter.js';
import type { CommandContext, CommandHandler } from '../../shell/types.js';
import type { ApiClient } from '../client/api-client.js';
import { type FlagSpec, type ParsedFlags, boolFlag, parseFlags, stringFlag } from './command-flags.js';
import { checkExpiration } from './kubeadm-certs.js';
import { DEFAULT_TOKEN_GROUP, TOKEN_PATTERN, caCertHash, createBootstrapToken, generateToken, listBootstrapTokens, shortHumanDuration } from './kubeadm-token.js';
import { upgradeApply, upgradePlan } from './kubeadm-upgrade.js';

export const KUBEADM_VERSION = 'v1.32.4';

export interface KubeadmDeps {
  /** The cluster as admin.conf's user (kubernetes-admin). */
  client(): ApiClient;
  now(): number;
  /** Tokens and klog process ids. */
  readonly random: Random;
  /** Where workers join: `192.168.200.10:6443`. */
  readonly controlPlaneEndpoint: string;
  /** The cluster CA (`/etc/kubernetes/pki/ca.crt`), pinned by `--discovery-token-ca-cert-hash`. */
  caCertificate(): string;
  /** This kubeadm binary's version (default v1.32.4). */
  readonly kubeadmVersion?: string;
  /** dl.k8s.io's release channels as the lab mirrors them (default: stable v1.33.1, stable-1.32 v1.32.4). */
  readonly releases?: Readonly<Record<string, string>>;
}

export const DEFAULT_RELEASES: Readonly<Record<string, string>> = { stable: 'v1.33.1', 'stable-1.33': 'v1.33.1', 'stable-1.32': 'v1.32.4', 'stable-1.31': 'v1.31.8' };

const GIT_COMMIT = '59526cd4867447956156ae3a602fcbac10a2c335';
const ADMIN_CONF = '/etc/kubernetes/admin.conf';
const DAY_MS = 24 * 60 * 60 * 1000;

const FLAGS: Record<string, FlagSpec> = {
  'print-join-command': { kind: 'bool' },
  ttl: { kind: 'string' },
  description: { kind: 'string' },
  groups: { kind: 'string' },
  usages: { kind: 'string' },
  output: { kind: 'string', short: 'o' },
  kubeconfig: { kind: 'string' },
  'dry-run': { kind: 'bool' },
  yes: { kind: 'bool', short: 'y' },
  force: { kind: 'bool', short: 'f' },
  'certificate-renewal': { kind: 'bool' },
  'etcd-upgrade': { kind: 'bool' },
  'ignore-preflight-errors': { kind: 'string' },
  v: { kind: 'string' },
  help: { kind: 'bool', short: 'h' },
};

/** The kubeadm command. */
export function createKubeadmCommand(deps: KubeadmDeps): CommandHandler {
  const pid = deps.random.fork('kubeadm-pid').int(2000, 40000);
  const klog = (severity: 'I' | 'W' | 'E'): string => {
    const d = new Date(deps.now());
    const two = (n: number): string => String(n).padStart(2, '0');
    const micros = String(d.getUTCMilliseconds() * 1000).padStart(6, '0');
    return `${severity}${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}.${micros} ${String(pid).padStart(7)} `;
  };
  return (ctx) => runKubeadm(ctx, deps, klog);
}

function fail(ctx: CommandContext, message: string): number {
  ctx.stderr.write(`${message}\nTo see the stack trace of this error execute with --v=5 or higher\n`);
  return 1;
}

function runKubeadm(ctx: CommandContext, deps: KubeadmDeps, klog: (severity: 'I' | 'W' | 'E') => string): number {
  const parsed = parseFlags(ctx.argv.slice(1), FLAGS);
  if (!parsed.ok) {
    ctx.stderr.write(`${parsed.error}\nTo see the stack trace of this error execute with --v=5 or higher\n`);
    return 1;
  }
  const flags = parsed.value;
  const [command, sub, ...rest] = flags.args;
  const version = deps.kubeadmVersion ?? KUBEADM_VERSION;
  if (command === 'version') {
    const [major, minor] = version.slice(1).split('.');
    const info = `&version.Info{Major:"${major}", Minor:"${minor}", GitVersion:"${version}", GitCommit:"${GIT_COMMIT}", GitTreeState:"clean", BuildDate:"2025-04-22T16:02:27Z", GoVersion:"go1.23.6", Compiler:"gc", Platform:"linux/amd64"}`;
    const output = stringFlag(flags, 'output');
    if (output === 'short') ctx.stdout.write(`${version}\n`);
    else ctx.stdout.write(`kubeadm version: ${info}\n`);
    return 0;
  }
  if (command === undefined || command === 'help' || boolFlag(flags, 'help')) {
    ctx.stdout.write(USAGE);
    return 0;
  }
  const known = new Set(['token', 'certs', 'upgrade']);
  if (!known.has(command)) {
    ctx.stderr.write(`unknown command "${command}" for "kubeadm"\nTo see the stack trace of this error execute with --v=5 or higher\n`);
    return 1;
  }
  const kubeconfig = stringFlag(flags, 'kubeconfig') ?? ADMIN_CONF;
  const needsCluster = command !== 'certs';
  if (needsCluster && !ctx.shell.host.fs.tryStat(ctx.shell.resolvePath(kubeconfig))?.isFile) {
    return fail(ctx, `failed to load admin kubeconfig: open ${kubeconfig}: no such file or directory`);
  }
  if (command === 'token') return token(ctx, deps, sub, rest, flags);
  if (command === 'certs') {
    if (sub !== 'check-expiration') return fail(ctx, `unknown command "${sub ?? ''}" for "kubeadm certs"`);
    const configMap = deps.client().get<ConfigMap>({ group: '', version: 'v1', resource: 'configmaps' }, 'kube-system', 'kubeadm-config');
    if (configMap.ok) {
      ctx.stdout.write(`[check-expiration] Reading configuration from the "kubeadm-config" ConfigMap in namespace "kube-system"...\n[check-expiration] Use 'kubeadm init phase upload-config --config your-config.yaml' to re-upload it.\n\n`);
    } else {
      ctx.stderr.write(`${klog('W')}utils.go:69] [check-expiration] Error reading configuration from the Cluster. Falling back to default configuration\n`);
    }
    ctx.stdout.write(checkExpiration(ctx.shell.host.fs, deps.now()));
    return 0;
  }
  const env = { ctx, client: deps.client(), kubeadmVersion: version, releases: deps.releases ?? DEFAULT_RELEASES, klog, now: () => deps.now() };
  if (sub === 'plan') return upgradePlan(env);
  if (sub === 'apply') return upgradeApply(env, rest[0], { yes: boolFlag(flags, 'yes') || !ctx.interactive, dryRun: boolFlag(flags, 'dry-run') });
  return fail(ctx, `unknown command "${sub ?? ''}" for "kubeadm upgrade"`);
}

function token(ctx: CommandContext, deps: KubeadmDeps, sub: string | undefined, rest: string[], flags: ParsedFlags): number {
  const client = deps.client();
  switch (sub) {
    case 'create': {
      const given = rest[0] ?? generateToken(deps.random);
      const match = TOKEN_PATTERN.exec(given);
      if (!match) return fail(ctx, `the bootstrap token "${given}" was not of the form "^([a-z0-9]{6})\\.([a-z0-9]{16})$"`);
      const ttlText = stringFlag(flags, 'ttl') ?? '24h0m0s';
      const ttl = parseDuration(ttlText);
      if (ttl === undefined) return fail(ctx, `invalid argument "${ttlText}" for "--ttl" flag: time: invalid duration "${ttlText}"`);
      const usages = (stringFlag(flags, 'usages') ?? 'signing,authentication').split(',').filter(Boolean);
      const groups = (stringFlag(flags, 'groups') ?? DEFAULT_TOKEN_GROUP).split(',').filter(Boolean);
      const created = createBootstrapToken(client, {
        id: match[1]!,
        secret: match[2]!,
        expires: ttl > 0 ? deps.now() + ttl : undefined,
        usages,
        groups,
        description: stringFlag(flags, 'description'),
      });
      if (!created.ok) return fail(ctx, `failed to create or update bootstrap token with name bootstrap-token-${match[1]}: ${created.message}`);
      if (boolFlag(flags, 'print-join-command')) {
        ctx.stdout.write(`kubeadm join ${deps.controlPlaneEndpoint} --token ${given} --discovery-token-ca-cert-hash ${caCertHash(deps.caCertificate())} \n`);
      } else {
        ctx.stdout.write(`${given}\n`);
      }
      return 0;
    }
    case 'list': {
      const listed = listBootstrapTokens(client);
      if (!listed.ok) return fail(ctx, `failed to list bootstrap tokens: ${listed.message}`);
      if (listed.tokens.length === 0) return 0;
      let text = 'TOKEN\tTTL\tEXPIRES\tUSAGES\tDESCRIPTION\tEXTRA GROUPS\n';
      for (const t of listed.tokens) {
        const ttl = t.expires === undefined ? '<forever>' : shortHumanDuration(t.expires - deps.now());
        const expires = t.expires === undefined ? '<never>' : rfc3339(t.expires);
        text += `${t.id}.${t.secret}\t${ttl}\t${expires}\t${t.usages.join(',')}\t${t.description ?? '<none>'}\t${t.groups.length > 0 ? t.groups.join(',') : '<none>'}\n`;
      }
      ctx.stdout.write(tabwrite(text, { minWidth: 10, padding: 3 }));
      return 0;
    }
    case 'delete': {
      if (rest.length === 0) return fail(ctx, 'missing argument; \'token delete\' is missing token of form "^([a-z0-9]{6})$" or "^([a-z0-9]{6})\\.([a-z0-9]{16})$"');
      for (const value of rest) {
        const id = TOKEN_PATTERN.exec(value)?.[1] ?? (/^[a-z0-9]{6}$/.test(value) ? value : undefined);
        if (!id) return fail(ctx, `given token didn't match pattern "^([a-z0-9]{6})$" or "^([a-z0-9]{6})\\.([a-z0-9]{16})$"`);
        const deleted = client.delete({ group: '', version: 'v1', resource: 'secrets' }, 'kube-system', `bootstrap-token-${id}`);
        if (!deleted.ok) return fail(ctx, `failed to delete bootstrap token "${id}": ${deleted.status.message ?? ''}`);
        ctx.stdout.write(`bootstrap token "${id}" deleted\n`);
      }
      return 0;
    }
    default:
      return fail(ctx, `unknown command "${sub ?? ''}" for "kubeadm token"`);
  }
}

/** The `kubeadm-config` ConfigMap `kubeadm init` uploads (ClusterConfiguration v1beta4). */
export function kubeadmConfigMap(options: { kubernetesVersion: string; controlPlaneEndpoint?: string; podSubnet: string; serviceSubnet: string; dnsDomain: string }): ConfigMap {
  const endpoint = options.controlPlaneEndpoint ? `controlPlaneEndpoint: ${options.controlPlaneEndpoint}\n` : '';
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'kubeadm-config', namespace: 'kube-system' },
    data: {
      ClusterConfiguration: `apiServer: {}
apiVersion: kubeadm.k8s.io/v1beta4
caCertificateValidityPeriod: 87600h0m0s
certificateValidityPeriod: 8760h0m0s
certificatesDir: /etc/kubernetes/pki
clusterName: kubernetes
${endpoint}controllerManager: {}
dns: {}
encryptionAlgorithm: RSA-2048
etcd:
  local:
    dataDir: /var/lib/etcd
imageRepository: registry.k8s.io
kind: ClusterConfiguration
kubernetesVersion: ${options.kubernetesVersion}
networking:
  dnsDomain: ${options.dnsDomain}
  podSubnet: ${options.podSubnet}
  serviceSubnet: ${options.serviceSubnet}
proxy: {}
scheduler: {}
`,
    },
  };
}

/** Milliseconds in the 24 h default token TTL (for callers creating kubeadm init's token). */
export const DEFAULT_TOKEN_TTL_MS = DAY_MS;

const USAGE = `

    ┌──────────────────────────────────────────────────────────┐
    │ KUBEADM                                                  │
    │ Easily bootstrap a secure Kubernetes cluster             │
    │                                                          │
    │ Please give us feedback at:                              │
    │ https://github.com/kubernetes/kubeadm/issues             │
    └──────────────────────────────────────────────────────────┘

Usage:
  kubeadm [command]

Available Commands:
  certs       Commands related to handling kubernetes certificates
  token       Manage bootstrap tokens
  upgrade     Upgrade your cluster smoothly to a newer version with this command
  version     Print the version of kubeadm

Flags:
  -h, --help   help for kubeadm

Use "kubeadm [command] --help" for more information about a command.
`;
