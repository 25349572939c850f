/**
 * `kubeadm upgrade plan | apply` of kubeadm v1.32. The versions come from where kubeadm reads
 * them: the cluster's from the kube-apiserver static Pod manifest on this node, kubelets' from the
 * Nodes, etcd's from its manifest, CoreDNS's and kube-proxy's from their workloads, the available
 * ones from the release channels (`stable`, `stable-1.32` …; the lab's offline mirror of dl.k8s.io,
 * handed in). As the real tool, kubeadm never targets a minor version newer than its own: with a
 * v1.33 release out, kubeadm v1.32.4 falls back to `stable-1.32`, and `upgrade apply v1.33.x`
 * asks to upgrade kubeadm first. An apply it accepts rewrites the static Pod manifests' image tags
 * (backing the old ones up), which the kubelet then runs.
 */
import type { DaemonSet, Deployment } from '../../../shared/api/apps.js';
import type { Node } from '../../../shared/api/core.js';
import type { VirtualFs } from '../../hosts/vfs.js';
import { tabwrite } from '../../kubectl/printers/tabwriter.js';
import type { CommandContext } from '../../shell/types.js';
import type { ApiClient } from '../client/api-client.js';
import { DAEMON_SETS, DEPLOYMENTS, NODES } from '../client/resources.js';

const MANIFESTS = '/etc/kubernetes/manifests';
const TABWRITER = { minWidth: 10, padding: 3 };
const RULE = '_'.repeat(69);

/** The etcd and CoreDNS versions kubeadm pins for each minor release. */
const ADDON_VERSIONS: Record<string, { etcd: string; coredns: string }> = {
  '1.31': { etcd: '3.5.15-0', coredns: 'v1.11.3' },
  '1.32': { etcd: '3.5.16-0', coredns: 'v1.11.3' },
  '1.33': { etcd: '3.5.21-0', coredns: 'v1.12.0' },
};

export interface Semver {
  major: number;
  minor: number;
  patch: number;
}

export function parseVersion(text: string): Semver | undefined {
  const m = /^v?(\d+)\.(\d+)\.(\d+)$/.exec(text.trim());
  return m ? { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]) } : undefined;
}

function compare(a: Semver, b: Semver): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch;
}

const series = (v: Semver): string => `${v.major}.${v.minor}`;
const tag = (v: Semver): string => `v${v.major}.${v.minor}.${v.patch}`;

export interface UpgradeEnvironment {
  ctx: CommandContext;
  client: ApiClient;
  kubeadmVersion: string;
  /** Release channel → version, e.g. { stable: 'v1.33.1', 'stable-1.32': 'v1.32.4' }. */
  releases: Readonly<Record<string, string>>;
  /** A klog header for the moment (`I1123 17:50:01.000000    4321 `). */
  klog(severity: 'I' | 'W' | 'E'): string;
  now(): number;
}

function manifestImageTag(fs: VirtualFs, file: string, image: string): string | undefined {
  const path = `${MANIFESTS}/${file}`;
  if (!fs.tryStat(path)?.isFile) return undefined;
  return new RegExp(`image:\\s*\\S*/${image}:(\\S+)`).exec(fs.readFile(path))?.[1];
}

interface ClusterState {
  cluster: Semver;
  nodes: Array<{ name: string; kubelet: string }>;
  controlPlane: string;
  etcd: string;
  coredns: string;
  kubeProxy: string;
}

function readState(env: UpgradeEnvironment): ClusterState | string {
  const fs = env.ctx.shell.host.fs;
  const apiserver = manifestImageTag(fs, 'kube-apiserver.yaml', 'kube-apiserver');
  const cluster = apiserver ? parseVersion(apiserver) : undefined;
  if (!cluster) return 'the kube-apiserver static Pod manifest is missing or has no image tag';
  const nodes = env.client.list<Node>(NODES);
  const items = nodes.ok ? nodes.value.items : [];
  const controlPlane = items.find((n) => n.metadata.labels?.['node-role.kubernetes.io/control-plane'] !== undefined)?.metadata.name ?? env.ctx.shell.host.name;
  const image = (obj: Deployment | DaemonSet | undefined): string => obj?.spec?.template.spec?.containers[0]?.image?.split(':').at(-1) ?? '';
  const coredns = env.client.get<Deployment>(DEPLOYMENTS, 'kube-system', 'coredns');
  const proxy = env.client.get<DaemonSet>(DAEMON_SETS, 'kube-system', 'kube-proxy');
  return {
    cluster,
    nodes: items.map((n) => ({ name: n.metadata.name ?? '', kubelet: n.status?.nodeInfo?.kubeletVersion ?? '' })),
    controlPlane,
    etcd: manifestImageTag(fs, 'etcd.yaml', 'etcd') ?? '',
    coredns: image(coredns.ok ? coredns.value : undefined),
    kubeProxy: image(proxy.ok ? proxy.value : undefined),
  };
}

function configLines(prefix: string): string {
  return `${prefix} Reading configuration from the "kubeadm-config" ConfigMap in namespace "kube-system"...\n${prefix} Use 'kubeadm init phase upload-config --config your-config.yaml' to re-upload it.\n`;
}

/** The component table of one possible upgrade. */
function upgradeTable(state: ClusterState, target: Semver): string {
  const addons = ADDON_VERSIONS[series(target)] ?? { etcd: state.etcd, coredns: state.coredns };
  const cp = state.controlPlane;
  const current = tag(state.cluster);
  let text = 'COMPONENT\tNODE\tCURRENT\tTARGET\n';
  for (const component of ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler']) text += `${component}\t${cp}\t${current}\t${tag(target)}\n`;
  text += `kube-proxy\t\t${state.kubeProxy.replace(/^v/, '')}\t${tag(target)}\n`;
  text += `CoreDNS\t\t${state.coredns}\t${addons.coredns}\n`;
  text += `etcd\t${cp}\t${state.etcd}\t${addons.etcd}\n`;
  return tabwrite(text, TABWRITER);
}

const COMPONENT_CONFIGS = `The table below shows the current state of component configs as understood by this version of kubeadm.
Configs that have a "yes" mark in the "MANUAL UPGRADE REQUIRED" column require manual config upgrade or
resetting to kubeadm defaults before a successful upgrade can be performed. The version to manually
upgrade to is denoted in the "PREFERRED VERSION" column.

${tabwrite('API GROUP\tCURRENT VERSION\tPREFERRED VERSION\tMANUAL UPGRADE REQUIRED\nkubeproxy.config.k8s.io\tv1alpha1\tv1alpha1\tno\nkubelet.config.k8s.io\tv1beta1\tv1beta1\tno\n', TABWRITER)}${RULE}
`;

/** The version kubeadm targets: the newest stable, or its own series' when that is too new. */
function targetVersion(env: UpgradeEnvironment, kubeadm: Semver): { target: Semver; fallback?: string } | string {
  const stable = parseVersion(env.releases.stable ?? '');
  if (!stable) return 'unable to get the latest stable Kubernetes version';
  if (stable.major > kubeadm.major || (stable.major === kubeadm.major && stable.minor > kubeadm.minor)) {
    const channel = `stable-${series(kubeadm)}`;
    const fallback = parseVersion(env.releases[channel] ?? '') ?? kubeadm;
    return { target: fallback, fallback: `remote version is much newer: ${tag(stable)}; falling back to: ${channel}` };
  }
  return { target: stable };
}

export function upgradePlan(env: UpgradeEnvironment): number {
  const { ctx } = env;
  const kubeadm = parseVersion(env.kubeadmVersion)!;
  const state = readState(env);
  ctx.stdout.write('[preflight] Running pre-flight checks.\n');
  if (typeof state === 'string') return fatal(ctx, `[upgrade/versions] FATAL: ${state}`);
  ctx.stdout.write(`${configLines('[upgrade/config]')}[upgrade] Running cluster health checks\n[upgrade] Fetching available versions to upgrade to\n`);
  ctx.stdout.write(`[upgrade/versions] Cluster version: ${tag(state.cluster).slice(1)}\n[upgrade/versions] kubeadm version: ${tag(kubeadm)}\n`);
  const chosen = targetVersion(env, kubeadm);
  if (typeof chosen === 'string') return fatal(ctx, `[upgrade/versions] FATAL: ${chosen}`);
  if (chosen.fallback) ctx.stderr.write(`${env.klog('I')}version.go:261] ${chosen.fallback}\n`);
  const target = chosen.target;
  const latestInSeries = parseVersion(env.releases[`stable-${series(state.cluster)}`] ?? '') ?? state.cluster;
  ctx.stdout.write(`[upgrade/versions] Target version: ${tag(target)}\n[upgrade/versions] Latest version in the v${series(state.cluster)} series: ${tag(latestInSeries)}\n\n`);
  const upgrades: Array<{ title: string; to: Semver }> = [];
  if (compare(latestInSeries, state.cluster) > 0 && compare(latestInSeries, kubeadm) <= 0) upgrades.push({ title: `Upgrade to the latest version in the v${series(state.cluster)} series:`, to: latestInSeries });
  if (compare(target, state.cluster) > 0 && series(target) !== series(state.cluster)) upgrades.push({ title: 'Upgrade to the latest stable version:', to: target });
  if (upgrades.length === 0) ctx.stdout.write("Awesome, you're up-to-date! Enjoy!\n");
  for (const upgrade of upgrades) {
    const kubelets = state.nodes.filter((n) => n.kubelet !== tag(upgrade.to));
    if (kubelets.length > 0) {
      ctx.stdout.write("Components that must be upgraded manually after you have upgraded the control plane with 'kubeadm upgrade apply':\n");
      ctx.stdout.write(tabwrite(`COMPONENT\tNODE\tCURRENT\tTARGET\n${kubelets.map((n) => `kubelet\t${n.name}\t${n.kubelet}\t${tag(upgrade.to)}\n`).join('')}`, TABWRITER));
      ctx.stdout.write('\n');
    }
    ctx.stdout.write(`${upgrade.title}\n\n${upgradeTable(state, upgrade.to)}\n`);
    ctx.stdout.write(`You can now apply the upgrade by executing the following command:\n\n\tkubeadm upgrade apply ${tag(upgrade.to)}\n\n${RULE}\n\n`);
  }
  ctx.stdout.write(`\n${COMPONENT_CONFIGS}\n`);
  return 0;
}

function setImage(client: ApiClient, ref: typeof DEPLOYMENTS, name: string, container: string, image: string): void {
  const current = client.get<Deployment | DaemonSet>(ref, 'kube-system', name);
  if (!current.ok || current.value.spec?.template.spec?.containers.find((c) => c.name === container)?.image === image) return;
  client.patch(ref, 'kube-system', name, 'strategic', { spec: { template: { spec: { containers: [{ name: container, image }] } } } });
}

function fatal(ctx: CommandContext, message: string): number {
  ctx.stderr.write(`${message}\nTo see the stack trace of this error execute with --v=5 or higher\n`);
  return 1;
}

export function upgradeApply(env: UpgradeEnvironment, requested: string | undefined, options: { yes: boolean; dryRun: boolean }): number {
  const { ctx } = env;
  if (requested === undefined) return fatal(ctx, 'missing one or more required arguments. Required arguments: [version]');
  const kubeadm = parseVersion(env.kubeadmVersion)!;
  const target = parseVersion(requested);
  if (!target) return fatal(ctx, `[upgrade/version] FATAL: couldn't parse version "${requested}": could not parse "${requested}" as version`);
  const state = readState(env);
  ctx.stdout.write(configLines('[upgrade]'));
  if (typeof state === 'string') return fatal(ctx, `[upgrade] FATAL: ${state}`);
  ctx.stdout.write(`[upgrade/preflight] Running preflight checks\n[upgrade] Running cluster health checks\n[upgrade/preflight] You have chosen to upgrade the cluster version to "${tag(target)}"\n`);
  ctx.stdout.write(`[upgrade/versions] Cluster version: ${tag(state.cluster)}\n[upgrade/versions] kubeadm version: ${tag(kubeadm)}\n`);
  const problems: string[] = [];
  if (compare(target, kubeadm) > 0) problems.push(`Specified version to upgrade to "${tag(target)}" is higher than the kubeadm version "${tag(kubeadm)}". Upgrade kubeadm first using the tool you used to install kubeadm`);
  if (compare(target, state.cluster) < 0) problems.push(`Specified version to upgrade to "${tag(target)}" is equal to or lower than the cluster version "${tag(state.cluster)}". Downgrades are not supported yet`);
  if (target.minor > state.cluster.minor + 1) problems.push(`Specified version to upgrade to "${tag(target)}" is too high; kubeadm can upgrade only 1 minor version at a time`);
  if (!ADDON_VERSIONS[series(target)]) problems.push(`Specified version to upgrade to "${tag(target)}" is not a release the lab's image mirror carries`);
  if (problems.length > 0) {
    return fatal(ctx, `[upgrade/version] FATAL: the --version argument is invalid due to these errors:\n\n${problems.map((p) => `\t- ${p}\n`).join('')}\nCan be bypassed if you pass the --force flag`);
  }
  if (!options.yes && ctx.interactive) {
    ctx.stdout.write('[upgrade] Are you sure you want to proceed? [y/N]: ');
    if (!/^\s*[yY]/.test(ctx.stdin)) {
      ctx.stdout.write('\n');
      return fatal(ctx, "won't proceed; the user didn't answer (Y|y) in order to continue");
    }
    ctx.stdout.write('y\n');
  }
  ctx.stdout.write(
    '[upgrade/preflight] Pulling images required for setting up a Kubernetes cluster\n[upgrade/preflight] This might take a minute or two, depending on the speed of your internet connection\n[upgrade/preflight] You can also perform this action beforehand using \'kubeadm config images pull\'\n',
  );
  ctx.stdout.write(`[upgrade/control-plane] Upgrading your static Pod-hosted control plane to version "${tag(target)}" (timeout: 5m0s)...\n`);
  const fs = ctx.shell.host.fs;
  const stamp = new Date(env.now()).toISOString().slice(0, 19).replace(/[T:]/g, '-');
  const backup = `/etc/kubernetes/tmp/kubeadm-backup-manifests-${stamp}`;
  const addons = ADDON_VERSIONS[series(target)]!;
  const components: Array<{ name: string; image: string; version: string; certs: string[] }> = [
    { name: 'etcd', image: 'etcd', version: addons.etcd, certs: ['etcd-server', 'etcd-peer', 'etcd-healthcheck-client'] },
    { name: 'kube-apiserver', image: 'kube-apiserver', version: tag(target), certs: ['apiserver', 'apiserver-kubelet-client', 'front-proxy-client', 'apiserver-etcd-client'] },
    { name: 'kube-controller-manager', image: 'kube-controller-manager', version: tag(target), certs: ['controller-manager.conf'] },
    { name: 'kube-scheduler', image: 'kube-scheduler', version: tag(target), certs: ['scheduler.conf'] },
  ];
  if (!options.dryRun) fs.mkdir(backup, { parents: true });
  for (const component of components) {
    const path = `${MANIFESTS}/${component.name}.yaml`;
    ctx.stdout.write(`[upgrade/staticpods] Preparing for "${component.name}" upgrade\n`);
    for (const cert of component.certs) ctx.stdout.write(`[upgrade/staticpods] Renewing ${cert} certificate\n`);
    if (!fs.tryStat(path)?.isFile) return fatal(ctx, `[upgrade/apply] FATAL: couldn't upgrade control plane. kubeadm has tried to recover everything into the earlier state. Errors faced: open ${path}: no such file or directory`);
    const content = fs.readFile(path);
    const updated = content.replace(new RegExp(`(image:\\s*\\S*/${component.image}:)\\S+`), `$1${component.version}`);
    if (updated === content) {
      ctx.stdout.write(`[upgrade/staticpods] Current and new manifests of ${component.name} are equal, skipping upgrade\n`);
      continue;
    }
    ctx.stdout.write(`[upgrade/staticpods] Moving new manifest to "${path}" and backing up old manifest to "${backup}/${component.name}.yaml"\n`);
    if (!options.dryRun) {
      fs.writeFile(`${backup}/${component.name}.yaml`, content, 0o600);
      fs.writeFile(path, updated, 0o600);
    }
    ctx.stdout.write(`[upgrade/staticpods] Waiting for the kubelet to restart the component\n[upgrade/staticpods] This can take up to 5m0s\n`);
    ctx.stdout.write(`[apiclient] Found 1 Pods for label selector component=${component.name}\n[upgrade/staticpods] Component "${component.name}" upgraded successfully!\n`);
    if (component.name === 'etcd') ctx.stdout.write('[upgrade/etcd] Waiting for etcd to become available\n');
  }
  ctx.stdout.write('[upgrade/control-plane] The control plane instance for this node was successfully upgraded!\n');
  if (!options.dryRun) {
    // The add-ons follow the control plane: CoreDNS's Deployment and kube-proxy's DaemonSet get the new images.
    setImage(env.client, DEPLOYMENTS, 'coredns', 'coredns', `registry.k8s.io/coredns/coredns:${addons.coredns}`);
    setImage(env.client, DAEMON_SETS, 'kube-proxy', 'kube-proxy', `registry.k8s.io/kube-proxy:${tag(target)}`);
  }
  ctx.stdout.write(
    '[addons] Applied essential addon: CoreDNS\n[addons] Applied essential addon: kube-proxy\n\n' +
      `[upgrade] SUCCESS! A control plane node of your cluster was upgraded to "${tag(target)}".\n\n` +
      '[upgrade] Now please proceed with upgrading the rest of the nodes by following the right order.\n',
  );
  return 0;
}
