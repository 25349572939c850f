/**
 * Where the lab's kubectl connects: the API server listens on the control-plane node at 6443.
 * Any other address behaves like a real network would — refused, unknown host, or no route —
 * so the bastion story (a kubeconfig pointing at 127.0.0.1:6443) fails as it does for real.
 */
import { DisposableStore } from '../../shared/lifecycle.js';
import type { Host } from '../hosts/host.js';
import type { ClientIdentity, Connection, KubectlEnvironment } from '../kubectl/environment.js';
import { formatStatusError } from '../kubectl/errors.js';
import type { HostPortListener, HostPorts } from './host-network.js';
import type { Lab } from './lab.js';
import { offlineMirror } from './offline-mirror.js';
import { CLUSTER } from './topology.js';

const mirror = offlineMirror();

/** Wait without driving the clock: true once `condition()` holds, false after `timeoutMs` or on abort. */
function waitInBackground(lab: Lab, condition: () => boolean, timeoutMs: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    const store = new DisposableStore();
    const finish = (value: boolean): void => {
      store.dispose();
      resolve(value);
    };
    if (condition() || signal.aborted) {
      resolve(!signal.aborted);
      return;
    }
    store.add(lab.clock.onDidRunTasks(() => condition() && finish(true)));
    // A background task: the foreground does not wait for it.
    store.add(lab.clock.schedule(timeoutMs, () => finish(condition()), { background: true }));
    const onAbort = (): void => finish(false);
    signal.addEventListener('abort', onAbort, { once: true });
    store.add({ dispose: () => signal.removeEventListener('abort', onAbort) });
  });
}

export function kubectlEnvironment(lab: Lab, currentHost: () => Host, hostPorts?: HostPorts): KubectlEnvironment {
  return {
    ...(hostPorts
      ? { listen: (port: number, answer: HostPortListener) => (hostPorts.listener(currentHost().name, port) ? undefined : hostPorts.listen(currentHost().name, port, answer)) }
      : {}),
    waitInBackground: (condition, timeoutMs, signal) => waitInBackground(lab, condition, timeoutMs, signal),
    random: lab.kubectlRandom,
    connect(server: string, agent: string, identity?: ClientIdentity): Connection {
      let url: URL;
      try {
        url = new URL(server.includes('://') ? server : `https://${server}`);
      } catch {
        return { ok: false, message: `error: couldn't parse server address "${server}"` };
      }
      const port = url.port || (url.protocol === 'http:' ? '80' : '443');
      const hostname = url.hostname.replace(/^\[|\]$/g, '');
      const shown = `${hostname.includes(':') ? `[${hostname}]` : hostname}:${port}`;
      const local = hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '::1';
      const target = local ? currentHost() : lab.findHost(hostname);
      if (!target) {
        if (/^[\d.]+$/.test(hostname) || hostname.includes(':')) {
          return { ok: false, message: `Unable to connect to the server: dial tcp ${shown}: i/o timeout` };
        }
        return { ok: false, message: `Unable to connect to the server: dial tcp: lookup ${hostname} on 127.0.0.53:53: no such host` };
      }
      const controlPlane = lab.machines.find((m) => m.role === 'control-plane')?.name;
      // kube-apiserver listens only while its static Pod's container runs (component-lifecycle.ts).
      if (target.name !== controlPlane || Number(port) !== CLUSTER.apiServerPort || !lab.apiServerServing) {
        return { ok: false, message: `The connection to the server ${shown} was refused - did you specify the right host or port?` };
      }
      const connected = lab.connect(agent, identity ?? { credentials: {} });
      if (!connected.ok) return { ok: false, message: formatStatusError(connected.status).trimEnd() };
      return connected;
    },
    waitUntil: (condition, timeoutMs, signal) => lab.waitUntil(condition, timeoutMs, signal),
    now: () => lab.clock.now(),
    readUrl: mirror,
  };
}
