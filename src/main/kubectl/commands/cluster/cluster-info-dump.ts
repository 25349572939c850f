/**
 * `kubectl cluster-info dump`: kubectl 1.32's ClusterInfoDumpOptions.Run. The NodeList, then for
 * each namespace (kube-system and the current one; `--namespaces a,b`; `-A` every namespace) its
 * EventList, ReplicationControllerList, ServiceList, DaemonSetList, DeploymentList, ReplicaSetList
 * and PodList, each printed by one PrintFlags printer (default `-o json`: typed lists, four-space
 * indent, items without kind/apiVersion, managedFields left out), then every container's log
 * (init containers first) between `==== START logs for container …` and `==== END …` lines.
 * With `--output-directory DIR` each goes to its own file (nodes.json, NS/events.json …,
 * NS/POD/logs.txt) and kubectl says `Cluster info dumped to DIR`. `--pod-running-timeout` is
 * accepted and, as in kubectl, not used for the log requests.
 */
import type { KubeObject } from '../../../../shared/api/meta.js';
import type { Container, Pod } from '../../../../shared/api/core.js';
import type { ApiClient, ListValue } from '../../../cluster/client/api-client.js';
import type { ResourceRef } from '../../../cluster/client/resources.js';
import { KubectlError, formatStatusError } from '../../errors.js';
import type { Invocation } from '../../invocation.js';
import { toJsonInFieldOrder } from '../../printers/json-printer.js';
import { printTemplate } from '../../printers/template-printers.js';
import { toYaml } from '../../printers/yaml-printer.js';
import { omitManagedFields, validateOutputFormat } from '../../print-flags.js';
import { wireObject } from '../viewing/get-raw.js';
import { readLog } from '../troubleshooting/log-stream.js';

const core = (resource: string): ResourceRef => ({ group: '', version: 'v1', resource }) as ResourceRef;
const apps = (resource: string): ResourceRef => ({ group: 'apps', version: 'v1', resource }) as ResourceRef;

/** What Run dumps of each namespace, in its order, with the file each goes to. */
const NAMESPACED: ReadonlyArray<{ ref: ResourceRef; kind: string; apiVersion: string; file: string }> = [
  { ref: core('events'), kind: 'EventList', apiVersion: 'v1', file: 'events' },
  { ref: core('replicationcontrollers'), kind: 'ReplicationControllerList', apiVersion: 'v1', file: 'replication-controllers' },
  { ref: core('services'), kind: 'ServiceList', apiVersion: 'v1', file: 'services' },
  { ref: apps('daemonsets'), kind: 'DaemonSetList', apiVersion: 'apps/v1', file: 'daemonsets' },
  { ref: apps('deployments'), kind: 'DeploymentList', apiVersion: 'apps/v1', file: 'deployments' },
  { ref: apps('replicasets'), kind: 'ReplicaSetList', apiVersion: 'apps/v1', file: 'replicasets' },
  { ref: core('pods'), kind: 'PodList', apiVersion: 'v1', file: 'pods' },
];

/** Where one printed thing goes: stdout, or a file under the output directory. */
type Sink = (relative: string, text: string) => void;

/** A list as the typed client decodes it and the TypeSetter printer sees it. */
function typedList(list: ListValue, kind: string, apiVersion: string, showManagedFields: boolean): Record<string, unknown> {
  const items = showManagedFields ? list.items : list.items.map(omitManagedFields);
  return wireObject({ ...list, kind, apiVersion, items } as unknown as Record<string, unknown>, true);
}

/** PrintFlags.ToPrinter's printer for `-o`: one instance for the whole run (YAML's `---` counts across it). */
function listPrinter(inv: Invocation, output: string): (list: Record<string, unknown>) => string {
  let printed = 0;
  if (output === 'json') return (list) => toJsonInFieldOrder(list);
  if (output === 'yaml') return (list) => (printed++ > 0 ? '---\n' : '') + toYaml(list);
  // NamePrintFlags also takes an empty `-o`.
  if (output === 'name' || output === '') {
    return (list) => {
      // NamePrinter prints each item, and a typed list's items carry no kind.
      if ((list.items as unknown[]).length > 0) throw new KubectlError('error: missing apiVersion or kind; try GetObjectKind().SetGroupVersionKind() if you know the type\n');
      return '';
    };
  }
  return (list) => printTemplate(inv, output, list);
}

function list(client: ApiClient, ref: ResourceRef, namespace?: string): ListValue {
  const got = client.list(ref, namespace);
  if (!got.ok) throw new KubectlError(formatStatusError(got.status));
  return got.value;
}

/** printContainer: one container's log between its START and END lines. */
function containerLog(client: ApiClient, pod: Pod, container: Container): string {
  const where = `container ${container.name} of pod ${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}`;
  const log = readLog(client, { pod, container: container.name }, {});
  const body = log.ok ? log.text : `Request log error: ${log.message}\n`;
  return `==== START logs for ${where} ====\n${body}==== END logs for ${where} ====\n`;
}

export async function runClusterInfoDump(inv: Invocation): Promise<number> {
  const output = inv.flags.has('output') ? inv.flags.string('output') : 'json';
  validateOutputFormat(inv);
  const client = inv.client();
  const print = listPrinter(inv, output);
  const showManagedFields = inv.flags.bool('show-managed-fields');
  const directory = inv.flags.string('output-directory');
  const toStdout = directory === '' || directory === '-';
  const fs = inv.ctx.shell.host.fs;
  const written = new Map<string, string>();
  const sink: Sink = (relative, text) => {
    if (toStdout) inv.out(text);
    else written.set(relative, (written.get(relative) ?? '') + text);
  };
  // setupOutputWriter creates each file (and its directories) as it goes: flush what is done on failure too.
  const flush = (): void => {
    for (const [relative, text] of written) {
      const absolute = inv.ctx.shell.resolvePath(`${directory.replace(/\/+$/, '')}/${relative}`);
      const parent = absolute.slice(0, absolute.lastIndexOf('/')) || '/';
      if (fs.tryStat(parent) && !fs.stat(parent).isDirectory) throw new KubectlError(`error: mkdir ${parent}: not a directory\n`);
      fs.mkdir(parent, { parents: true });
      fs.writeFile(absolute, text);
    }
    written.clear();
  };
  const extension = output === 'json' ? '.json' : output === 'yaml' ? '.yaml' : '.txt';
  try {
    sink(`nodes${extension}`, print(typedList(list(client, core('nodes')), 'NodeList', 'v1', showManagedFields)));
    let namespaces: string[];
    if (inv.flags.bool('all-namespaces')) namespaces = list(client, core('namespaces')).items.map((n: KubeObject) => n.metadata.name ?? '');
    else {
      const requested = inv.flags.strings('namespaces').flatMap((v) => v.split(','));
      namespaces = requested.length > 0 ? requested : ['kube-system', inv.namespace];
    }
    for (const namespace of namespaces) {
      let pods: Pod[] = [];
      for (const what of NAMESPACED) {
        const listed = list(client, what.ref, namespace);
        if (what.kind === 'PodList') pods = listed.items as Pod[];
        sink(`${namespace}/${what.file}${extension}`, print(typedList(listed, what.kind, what.apiVersion, showManagedFields)));
      }
      for (const pod of pods) {
        const containers = [...(pod.spec.initContainers ?? []), ...pod.spec.containers];
        const file = `${namespace}/${pod.metadata.name ?? ''}/logs.txt`;
        // The file is created even for a Pod without containers.
        sink(file, '');
        for (const container of containers) sink(file, containerLog(client, pod, container));
      }
    }
  } finally {
    if (!toStdout) flush();
  }
  if (!toStdout) inv.out(`Cluster info dumped to ${directory}\n`);
  return 0;
}
