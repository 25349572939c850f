/**
 * Tab completion for kubectl in the lab's terminal, like `source <(kubectl completion bash)`:
 * subcommands, then resource types, then names of that type in the namespace given with -n.
 */
import type { ApiClient } from '../cluster/client/api-client.js';
import { NAMESPACES } from '../cluster/client/resources.js';
import { resolveResource, resourceRef } from './resource-resolver.js';

export const COMPLETABLE_COMMANDS = ['apply', 'delete', 'describe', 'get', 'version'];
const TAKES_RESOURCE = new Set(['get', 'describe', 'delete']);

export function completeKubectl(words: readonly string[], client: ApiClient | undefined): string[] {
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
  if (positional.length === 0) return COMPLETABLE_COMMANDS;
  if (!client || !TAKES_RESOURCE.has(positional[0]!)) return [];
  const discovery = client.discovery();
  if (positional.length === 1) return discovery.map((r) => r.name).sort();
  const resource = resolveResource(positional[1]!, discovery);
  if (!resource) return [];
  const listed = client.list(resourceRef(resource), resource.namespaced ? namespace : undefined);
  return listed.ok ? listed.value.items.map((o) => o.metadata.name ?? '').sort() : [];
}
