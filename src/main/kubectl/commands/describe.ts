/** `kubectl describe TYPE [NAME…]`: the pod and node describers (more kinds come with their issues). */
import type { KubeObject } from '../../../shared/api/meta.js';
import type { Node, Pod } from '../../../shared/api/core.js';
import type { ApiClient } from '../../cluster/client/api-client.js';
import { describeNode } from '../describe/describe-node.js';
import { describePod } from '../describe/describe-pod.js';
import { KubectlError, formatStatusError } from '../errors.js';
import type { FlagSpec } from '../flags.js';
import type { Invocation } from '../invocation.js';
import { resourceRef } from '../resource-resolver.js';
import { parseResourceArgs } from './get.js';

export const DESCRIBE_FLAGS: FlagSpec[] = [
  { name: 'all-namespaces', short: 'A', type: 'bool' },
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'filename', short: 'f', type: 'stringArray' },
  { name: 'show-events', type: 'bool' },
  { name: 'chunk-size', type: 'int' },
];

const DESCRIBERS: Record<string, (object: KubeObject, client: ApiClient, now: number) => string> = {
  Pod: (o, c, now) => describePod(o as Pod, c, now),
  Node: (o, c, now) => describeNode(o as Node, c, now),
};

export async function runDescribe(inv: Invocation): Promise<number> {
  const args = inv.flags.positional;
  if (args.length === 0) {
    throw new KubectlError(
      'You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee \'kubectl describe -h\' for help and examples\n',
    );
  }
  const client = inv.client();
  const requests = parseResourceArgs(inv, client, args);
  const outputs: string[] = [];
  const errors: Array<{ text: string; notFound: boolean }> = [];
  for (const req of requests) {
    const describer = DESCRIBERS[req.resource.kind];
    if (!describer) throw new KubectlError(`error: describing ${req.resource.name} is not supported in this lab yet\n`);
    const ns = req.resource.namespaced ? (inv.flags.bool('all-namespaces') ? undefined : inv.namespace) : undefined;
    let objects: KubeObject[] = [];
    if (req.names.length > 0) {
      for (const name of req.names) {
        const got = client.get(resourceRef(req.resource), ns, name);
        if (got.ok) objects.push(got.value);
        else errors.push({ text: formatStatusError(got.status), notFound: got.status.code === 404 });
      }
    } else {
      const listed = client.list(resourceRef(req.resource), ns, { labelSelector: inv.flags.string('selector') || undefined });
      if (!listed.ok) throw new KubectlError(formatStatusError(listed.status));
      objects = listed.value.items;
      if (objects.length === 0) {
        inv.err(req.resource.namespaced && ns ? `No resources found in ${ns} namespace.\n` : 'No resources found\n');
      }
    }
    for (const o of objects) outputs.push(describer(o, client, inv.env.now()));
  }
  if (args.length === 2 && requests.length === 1 && !args[0]!.includes('/') && errors.length === 1 && errors[0]!.notFound) {
    // DescribeMatchingResources: `describe TYPE NAME` falls back to every object whose name starts
    // with NAME, each description followed by a newline; with none, the NotFound error stands.
    const { resource } = requests[0]!;
    const ns = resource.namespaced ? inv.namespace : undefined;
    const listed = client.list(resourceRef(resource), ns);
    const matching = listed.ok ? listed.value.items.filter((o) => (o.metadata.name ?? '').startsWith(args[1]!)) : [];
    if (matching.length > 0) {
      for (const o of matching) inv.out(`${DESCRIBERS[resource.kind]!(o, client, inv.env.now())}\n`);
      return 0;
    }
  }
  inv.out(outputs.join('\n\n'));
  // The errors come after every description, as kubectl returns them at the end.
  for (const e of errors) inv.err(e.text);
  return errors.length > 0 ? 1 : 0;
}
