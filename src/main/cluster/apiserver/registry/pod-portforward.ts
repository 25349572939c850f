/**
 * `POST pods/<name>/portforward`: the API server's side of kube-apiserver 1.32's PortForwardLocation
 * (the Pod must be on a node), then the upgrade is proxied to that node's kubelet. Authorization is
 * `create` on `pods/portforward`, done by the server before this. The upgraded connection is
 * modelled as the stream object the answer carries: each local connection kubectl accepts becomes
 * one data stream to a port inside the Pod's network namespace, answered by the kubelet until the
 * Pod's sandbox goes away (the connection then closes).
 */
import type { Pod } from '../../../../shared/api/core.js';
import type { Status } from '../../../../shared/api/meta.js';
import { badRequest } from '../errors.js';
import type { SubresourceHandler } from './resource.js';

/** One HTTP exchange over a forwarded connection (what curl or wget send through it). */
export interface ForwardedRequest {
  path: string;
  host: string;
  client: string;
  userAgent: string;
}

/** What the process listening in the Pod answered (no answer: it accepted but spoke no HTTP). */
export interface ForwardedAnswer {
  status: number;
  body?: string;
  server?: string;
}

/** The upgraded portforward connection. */
export interface PortForwardStream {
  /**
   * A data stream to `port` on the Pod's localhost carrying `request` (none: the local client
   * connected and closed without sending anything, as `nc -z` does); the kubelet's error message
   * on the error stream otherwise.
   */
  forward(port: number, request?: ForwardedRequest): { ok: true; answer: ForwardedAnswer | undefined } | { ok: false; message: string };
  /** True once the connection broke (the Pod's sandbox is gone). */
  closed(): boolean;
}

/** Where portforward goes: the kubelet of the Pod's node (kubelet/port-forward-source.ts implements it). */
export interface ContainerPortForwardSource {
  open(pod: Pod): { ok: true; stream: PortForwardStream } | { ok: false; message: string };
}

function failure(code: number, message: string): Status {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, code };
}

/** The handler for `pods/portforward`, connecting through `source` (none: no kubelet answers). */
export function podPortForwardHandler(source?: ContainerPortForwardSource): SubresourceHandler {
  return {
    verbs: ['create', 'get'],
    handle(_request, parent) {
      const pod = parent as Pod;
      if (!pod.spec.nodeName) return { ok: false, status: badRequest(`pod ${pod.metadata.name ?? ''} does not have a host assigned`) };
      if (!source) return { ok: false, status: failure(500, 'unable to upgrade connection: pod not found') };
      const opened = source.open(pod);
      if (!opened.ok) return { ok: false, status: failure(500, `unable to upgrade connection: ${opened.message}`) };
      return { ok: true, code: 101, value: opened.stream };
    },
  };
}
