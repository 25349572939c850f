/**
 * The objects a deploy command acts on, found as cli-runtime's resource builder finds them with
 * `.Latest()`: `TYPE NAME…`, `TYPE/NAME…`, `TYPE -l selector`, `TYPE --all` or `-f` manifests,
 * each fetched fresh from the server.
 */
import type { KubeObject } from '../../../../shared/api/meta.js';
import type { DiscoveredResource } from '../../../cluster/apiserver/api-server.js';
import { KubectlError, formatStatusError } from '../../errors.js';
import type { FlagSpec } from '../../flags.js';
import type { Invocation } from '../../invocation.js';
import { manifestResource, resourceRef } from '../../resource-resolver.js';
import { loadManifests } from '../apply.js';
import { parseResourceArgs } from '../get.js';
import { asTypedObject } from './typed-object.js';

export interface Target {
  resource: DiscoveredResource;
  namespace: string | undefined;
  name: string;
  object: KubeObject;
}

/** AddFilenameOptionFlags and the label selector, which every deploy command has. */
export const TARGET_FLAGS: FlagSpec[] = [
  { name: 'filename', short: 'f', type: 'stringArray' },
  { name: 'kustomize', short: 'k', type: 'string' },
  { name: 'recursive', short: 'R', type: 'bool' },
  { name: 'selector', short: 'l', type: 'string' },
];

export interface TargetOptions {
  /** ResourceTypeOrNameArgs' allowEmptySelector: a bare TYPE means all of them. */
  allowEmptySelector: boolean;
  /** `--local`: the `-f` objects as their typed decoding leaves them, nothing asked of the server. */
  local?: boolean;
}

/** The objects named on the command line or in `-f` files, fetched from the server. */
export function findTargets(inv: Invocation, args: string[], options: TargetOptions): Target[] {
  const client = inv.client();
  const fetch = (resource: DiscoveredResource, namespace: string | undefined, name: string): Target => {
    const got = client.get(resourceRef(resource), namespace, name);
    if (!got.ok) throw new KubectlError(formatStatusError(got.status));
    return { resource, namespace, name, object: withKind(got.value, resource) };
  };
  if (inv.flags.strings('filename').length > 0) {
    const discovery = client.discovery();
    return loadManifests(inv).map(({ object, source }) => {
      const resource = manifestResource(object, source, discovery);
      if (options.local) return { resource, namespace: object.metadata?.namespace ?? inv.namespace, name: object.metadata?.name ?? '', object: asTypedObject(object) };
      return fetch(resource, resource.namespaced ? (object.metadata?.namespace ?? inv.namespace) : undefined, object.metadata?.name ?? '');
    });
  }
  const selector = inv.flags.string('selector');
  const targets: Target[] = [];
  for (const request of parseResourceArgs(inv, client, args)) {
    const namespace = request.resource.namespaced ? inv.namespace : undefined;
    if (request.names.length > 0) {
      for (const name of request.names) targets.push(fetch(request.resource, namespace, name));
      continue;
    }
    if (!selector && !options.allowEmptySelector) throw new KubectlError('error: resource(s) were provided, but no name was specified\n');
    const listed = client.list(resourceRef(request.resource), namespace, selector ? { labelSelector: selector } : {});
    if (!listed.ok) throw new KubectlError(formatStatusError(listed.status));
    for (const item of listed.value.items) {
      targets.push({ resource: request.resource, namespace, name: item.metadata.name ?? '', object: withKind(item, request.resource) });
    }
  }
  return targets;
}

/** List items come without apiVersion and kind; the builder's infos always have them. */
function withKind(object: KubeObject, resource: DiscoveredResource): KubeObject {
  return { ...object, apiVersion: resource.group ? `${resource.group}/${resource.version}` : resource.version, kind: resource.kind };
}

/** `deployments.apps`: the resource as error messages name it (Mapping.Resource with its group). */
export function groupResource(resource: Pick<DiscoveredResource, 'name' | 'group'>): string {
  return resource.group ? `${resource.name}.${resource.group}` : resource.name;
}

/** The builder's complaint when neither arguments nor `-f` name anything. */
export const NO_RESOURCES_ERROR =
  "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n";

export function requireResources(inv: Invocation, args: string[]): void {
  if (args.length === 0 && inv.flags.strings('filename').length === 0) throw new KubectlError(NO_RESOURCES_ERROR);
}

/**
 * cmdutil.CheckErr of an aggregate: one error as `error: message`, several each on its own line
 * as they are.
 */
export function aggregateError(messages: string[]): KubectlError | undefined {
  if (messages.length === 0) return undefined;
  if (messages.length === 1) return new KubectlError(messages[0]!.startsWith('error: ') ? `${messages[0]}\n` : `error: ${messages[0]}\n`);
  return new KubectlError(messages.map((m) => `${m}\n`).join(''));
}
