/** `kubectl describe TYPE [NAME…]`: each object through its kind's describer (the generic one otherwise). */
import type { KubeObject } from '../../../shared/api/meta.js';
import type { DescribeContext } from '../describe/describer.js';
import { describeObject } from '../describe/describers.js';
import { KubectlError, formatStatusError } from '../errors.js';
import type { FlagSpec } from '../flags.js';
import type { Invocation } from '../invocation.js';
import { resourceRef } from '../resource-resolver.js';
import { hasManifestSources } from './apply.js';
import { type GetTarget, parseResourceArgs, targetsFromFiles } from './get.js';

export const DESCRIBE_FLAGS: FlagSpec[] = [
  { name: 'all-namespaces', short: 'A', type: 'bool' },
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'filename', short: 'f', type: 'stringArray' },
  { name: 'kustomize', short: 'k', type: 'string' },
  { name: 'recursive', short: 'R', type: 'bool' },
  { name: 'show-events', type: 'bool' },
  { name: 'chunk-size', type: 'int' },
];

function apiVersionOf(resource: { group: string; version: string }): string {
  return resource.group ? `${resource.group}/${resource.version}` : resource.version;
}

export async function runDescribe(inv: Invocation): Promise<number> {
  const args = inv.flags.positional;
  const hasFiles = hasManifestSources(inv);
  if (args.length === 0 && !hasFiles) {
    throw new KubectlError('error: You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n');
  }
  const client = inv.client();
  const allNamespaces = inv.flags.bool('all-namespaces');
  const targets: GetTarget[] = hasFiles
    ? targetsFromFiles(inv, client)
    : parseResourceArgs(inv, client, args).map((req) => ({
        ...req,
        namespace: req.resource.namespaced ? (allNamespaces ? undefined : inv.namespace) : undefined,
      }));
  const ctx: DescribeContext = { client, now: inv.env.now(), showEvents: inv.flags.bool('show-events', true) };
  const outputs: string[] = [];
  const errors: Array<{ text: string; notFound: boolean }> = [];
  for (const req of targets) {
    const describer = (o: KubeObject): string => describeObject(req.resource.kind, o, ctx);
    const ns = req.namespace;
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
    }
    for (const o of objects) outputs.push(describer({ ...o, apiVersion: o.apiVersion ?? apiVersionOf(req.resource), kind: req.resource.kind }));
  }
  if (!hasFiles && args.length === 2 && targets.length === 1 && !args[0]!.includes('/') && errors.length === 1 && errors[0]!.notFound) {
    // DescribeMatchingResources: `describe TYPE NAME` falls back to every object whose name starts
    // with NAME, each description followed by a newline; with none, the NotFound error stands.
    const { resource } = targets[0]!;
    const ns = resource.namespaced ? inv.namespace : undefined;
    const listed = client.list(resourceRef(resource), ns);
    const matching = listed.ok ? listed.value.items.filter((o) => (o.metadata.name ?? '').startsWith(args[1]!)) : [];
    if (matching.length > 0) {
      for (const o of matching) inv.out(`${describeObject(resource.kind, { ...o, kind: resource.kind }, ctx)}\n`);
      return 0;
    }
  }
  inv.out(outputs.join('\n\n'));
  if (outputs.length === 0 && errors.length === 0) {
    // Whatever the types' scope, kubectl names the namespace unless --all-namespaces.
    inv.err(allNamespaces ? 'No resources found\n' : `No resources found in ${inv.namespace} namespace.\n`);
  }
  // The errors come after every description, as kubectl returns them at the end.
  for (const e of errors) inv.err(e.text);
  return errors.length > 0 ? 1 : 0;
}
