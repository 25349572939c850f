/**
 * What kubectl needs from the lab around it: a way to reach an API server by URL (the lab decides
 * whether anything listens there) and a way to wait on the simulated clock.
 */
import type { Disposable } from '../../shared/lifecycle.js';
import type { ApiClient } from '../cluster/client/api-client.js';
import type { Impersonation } from '../cluster/apiserver/types.js';
import type { UrlReader } from './manifests.js';
import type { Random } from '../base/random.js';

/** Who the client says it is: the kubeconfig user's credentials and `--as` impersonation. */
export interface ClientIdentity {
  credentials: { clientCertificate?: string; token?: string };
  impersonate?: Impersonation;
}

export type Connection = { ok: true; client: ApiClient } | { ok: false; message: string };

export interface KubectlEnvironment {
  /** Connect to `server` (a URL from the kubeconfig) as `agent`, authenticating with `identity`. */
  connect(server: string, agent: string, identity?: ClientIdentity): Connection;
  /** Resolve true once `condition()` holds, false after `timeoutMs` of simulated time or on abort. */
  waitUntil(condition: () => boolean, timeoutMs: number, signal: AbortSignal): Promise<boolean>;
  now(): number;
  /** utilrand's randomness for generated names (`debugger-xxxxx`), seeded by the lab so runs repeat. */
  readonly random?: Random;
  /** `-f https://…`: what the lab's network answers for a URL (an offline mirror of a few release files). */
  readUrl?: UrlReader;
  /**
   * Listen on `port` of the loopback of the host kubectl runs on until disposed (`port-forward`,
   * `proxy`); undefined when another process holds the port.
   */
  listen?(port: number, answer: LocalListener): Disposable | undefined;
  /**
   * `waitUntil` for kubectl in a background job (`&`): the clock is left to the foreground or real
   * time, `condition()` is checked whenever it moved.
   */
  waitInBackground?(condition: () => boolean, timeoutMs: number, signal: AbortSignal): Promise<boolean>;
}

/**
 * One connection to a port kubectl listens on: an HTTP request and its answer (undefined: the
 * connection closes empty), or with `probe` a client that connects and closes (`nc -z`).
 */
export type LocalListener = (request: {
  path: string;
  host: string;
  client: string;
  userAgent: string;
  probe?: boolean;
  /** The HTTP method (GET when unset), headers by lower-case name, and body. */
  method?: string;
  headers?: Readonly<Record<string, string>>;
  body?: string;
}) => { status: number; body?: string; server?: string } | undefined;
