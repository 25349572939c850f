/**
 * Tab completion for kubectl in the lab's terminal, like `source <(kubectl completion bash)`:
 * subcommands, then resource types, then names of that type in the namespace given with -n
 * (`TYPE/NAME` too), and the command's flags for a word starting with `-`.
 */
import type { ApiClient } from '../cluster/client/api-client.js';
import { NAMESPACES } from '../cluster/client/resources.js';
import { completionFlags } from './kubectl.js';
import { resolveResource, resourceRef } from './resource-resolver.js';

/** `kubectl __complete ''` in kubectl 1.32. */
export const COMPLETABLE_COMMANDS = [
  'annotate', 'api-resources', 'api-versions', 'apply', 'attach', 'auth', 'autoscale', 'certificate', 'cluster-info', 'completion', 'config', 'cordon', 'cp',
  'create', 'debug', 'delete', 'describe', 'diff', 'drain', 'edit', 'events', 'exec', 'explain', 'expose', 'get', 'help', 'kustomize', 'label', 'logs',
  'options', 'patch', 'plugin', 'port-forward', 'proxy', 'replace', 'rollout', 'run', 'scale', 'set', 'taint', 'top', 'uncordon', 'version', 'wait',
];

/** Commands whose first argument is a resource type and the next ones names of that type. */
const TAKES_RESOURCE = new Set(['get', 'describe', 'delete', 'edit', 'label', 'annotate', 'patch', 'scale', 'explain', 'autoscale', 'expose', 'wait']);
/** Commands whose arguments are names of one type. */
const TAKES_NAMES_OF: Readonly<Record<string, string>> = {
  logs: 'pods',
  exec: 'pods',
  attach: 'pods',
  'port-forward': 'pods',
  cordon: 'nodes',
  uncordon: 'nodes',
  drain: 'nodes',
  taint: 'nodes',
};

function names(client: ApiClient, typed: string, namespace: string): string[] {
  const resource = resolveResource(typed, client.discovery());
  if (!resource) return [];
  const listed = client.list(resourceRef(resource), resource.namespaced ? namespace : undefined);
  return listed.ok ? listed.value.items.map((o) => o.metadata.name ?? '').sort() : [];
}

export function completeKubectl(words: readonly string[], client: ApiClient | undefined, current = ''): string[] {
  const args = words.slice(1);
  const positional: string[] = [];
  let namespace = 'default';
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '-n' || arg === '--namespace') namespace = args[++i] ?? namespace;
    else if (arg.startsWith('--namespace=')) namespace = arg.slice('--namespace='.length);
    else if (!arg.startsWith('-')) positional.push(arg);
  }
  const last = args[args.length - 1];
  if (last === '-n' || last === '--namespace') {
    // The word being completed is the namespace itself, as kubectl's flag completion offers.
    const namespaces = client?.list(NAMESPACES, undefined);
    return namespaces?.ok ? namespaces.value.items.map((o) => o.metadata.name ?? '').sort() : [];
  }
  if (current.startsWith('-')) {
    const flags = completionFlags(positional[0] ?? '', positional.slice(1));
    return [...new Set(flags.map((f) => `--${f.name}`))].sort();
  }
  if (positional.length === 0) return COMPLETABLE_COMMANDS;
  const command = positional[0]!;
  if (!client) return [];
  const ofType = TAKES_NAMES_OF[command];
  if (ofType) return names(client, ofType, namespace);
  if (!TAKES_RESOURCE.has(command)) return [];
  // `kubectl get pod/<Tab>`: names in TYPE/NAME form.
  const slash = current.indexOf('/');
  if (slash > 0) return names(client, current.slice(0, slash), namespace).map((name) => `${current.slice(0, slash)}/${name}`);
  const discovery = client.discovery();
  if (positional.length === 1) return discovery.map((r) => r.name).sort();
  return names(client, positional[1]!, namespace);
}
