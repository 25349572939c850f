/**
 * The part of cli-runtime's resource builder the update commands share: the objects named by
 * `TYPE NAME…`, `TYPE/NAME…`, `-f FILE`, `-l`, `--field-selector`, `--all` and `-A`, fetched from the
 * server (`Latest()`), with the errors kept per object as `ContinueOnError` does, and kubectl's
 * way of reporting them (one error as is, several one per line).
 */
import type { KubeObject, Status } from '../../../../shared/api/meta.js';
import type { DiscoveredResource } from '../../../cluster/apiserver/api-server.js';
import type { ApiClient } from '../../../cluster/client/api-client.js';
import type { ResourceRef } from '../../../cluster/client/resources.js';
import { KubectlError, formatStatusError } from '../../errors.js';
import type { Invocation } from '../../invocation.js';
import { manifestResource, resourceRef } from '../../resource-resolver.js';
import { loadManifests } from '../apply.js';
import { parseResourceArgs } from '../get.js';

export interface Target {
  resource: DiscoveredResource;
  ref: ResourceRef;
  namespace: string | undefined;
  name: string;
  /** The live object (or, for `-f` without `latest`, the manifest). */
  object: KubeObject;
  /** The file it came from, for `-f`. */
  source?: string;
}

/** An error met while visiting: an API Status or a plain message. */
export type VisitError = { status: Status } | { message: string };

export interface Targets {
  targets: Target[];
  errors: VisitError[];
  /** IntoSingleItemImplied: exactly one object was named. */
  single: boolean;
}

export interface TargetOptions {
  /** Honour `--all` (label, annotate). */
  all?: boolean;
  /** Fetch `-f` objects from the server (`Latest()`); otherwise use the manifest. */
  latest?: boolean;
}

/** The objects the arguments and flags name, in the builder's order. */
export function collectTargets(inv: Invocation, client: ApiClient, args: string[], options: TargetOptions = {}): Targets {
  const targets: Target[] = [];
  const errors: VisitError[] = [];
  const files = inv.flags.strings('filename');
  if (files.length > 0) {
    const discovery = client.discovery();
    const manifests = loadManifests(inv);
    for (const { object, source } of manifests) {
      const resource = manifestResource(object, source, discovery);
      const namespace = resource.namespaced ? (object.metadata?.namespace ?? inv.namespace) : undefined;
      const name = object.metadata?.name ?? '';
      const target = { resource, ref: resourceRef(resource), namespace, name, object, source };
      if (options.latest === false) {
        targets.push(target);
        continue;
      }
      const got = client.get(target.ref, namespace, name);
      if (got.ok) targets.push({ ...target, object: got.value });
      else errors.push({ status: got.status });
    }
    return { targets, errors, single: manifests.length === 1 };
  }
  const allNamespaces = inv.flags.bool('all-namespaces');
  const selector = inv.flags.has('selector') ? inv.flags.string('selector') : '';
  const fieldSelector = inv.flags.has('field-selector') ? inv.flags.string('field-selector') : '';
  const all = options.all === true && inv.flags.bool('all');
  const requests = parseResourceArgs(inv, client, args);
  let named = 0;
  for (const req of requests) {
    const ref = resourceRef(req.resource);
    if (req.names.length === 0) {
      if (!all && !selector && !fieldSelector) throw new KubectlError('error: resource(s) were provided, but no name was specified\n');
      const ns = req.resource.namespaced && !allNamespaces ? inv.namespace : undefined;
      const listed = client.list(ref, ns, { labelSelector: selector || undefined, fieldSelector: fieldSelector || undefined });
      if (!listed.ok) throw new KubectlError(formatStatusError(listed.status));
      for (const item of listed.value.items) {
        const object = { ...item, apiVersion: listed.value.apiVersion, kind: req.resource.kind };
        targets.push({ resource: req.resource, ref, namespace: item.metadata.namespace, name: item.metadata.name ?? '', object });
      }
      continue;
    }
    const ns = req.resource.namespaced ? inv.namespace : undefined;
    for (const name of req.names) {
      named++;
      const got = client.get(ref, ns, name);
      if (got.ok) targets.push({ resource: req.resource, ref, namespace: ns, name, object: got.value });
      else errors.push({ status: got.status });
    }
  }
  return { targets, errors, single: named === 1 && requests.length === 1 && !selector && !all };
}

/** messageForError: a Status as `Error from server (Reason): …`, anything else as its message. */
function messageFor(error: VisitError): string {
  if ('message' in error) return error.message;
  const status = error.status;
  if (status.reason === 'Unauthorized') return `error: You must be logged in to the server (${status.message ?? ''})`;
  return status.reason ? `Error from server (${status.reason}): ${status.message ?? ''}` : `Error from server: ${status.message ?? ''}`;
}

/** cmdutil.CheckErr of the visit's aggregate: one error as CheckErr prints it, several one per line. */
export function errorsText(errors: readonly VisitError[]): string {
  if (errors.length === 0) return '';
  if (errors.length === 1) {
    const only = errors[0]!;
    if ('status' in only) return formatStatusError(only.status);
    return only.message.startsWith('error: ') ? `${only.message}\n` : `error: ${only.message}\n`;
  }
  return errors.map((e) => `${messageFor(e)}\n`).join('');
}

/** Print the collected errors to stderr; the exit status for them. */
export function reportErrors(inv: Invocation, errors: readonly VisitError[]): number {
  if (errors.length === 0) return 0;
  inv.err(errorsText(errors));
  return 1;
}

/** utilerrors.Aggregate's Error(): one message as is, several as `[a, b]`. */
export function aggregateMessage(messages: readonly string[]): string {
  const distinct = [...new Set(messages)];
  return distinct.length === 1 ? distinct[0]! : `[${distinct.join(', ')}]`;
}
