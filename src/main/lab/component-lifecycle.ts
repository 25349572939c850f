/**
 * The control-plane components live and die with their static Pods: kube-scheduler and
 * kube-controller-manager run while the control-plane kubelet runs their static Pod's container,
 * and kube-apiserver serves kubectl only while its own does. The decision is made from the
 * kubelet's runtime state after each of its Pod syncs — never from what the learner typed — so a
 * manifest moved away, an image that cannot be pulled or a container that crash-loops all stop
 * the component, and it comes back when the container runs again.
 *
 * Until a component's static Pod has been seen running once (the cluster is still booting), it is
 * left as the lab started it: kubeadm waits for the control plane before it carries on.
 */
import type { Disposable } from '../../shared/lifecycle.js';
import type { Kubelet } from '../cluster/kubelet/kubelet.js';

export interface Component {
  /** The static Pod's name in the manifest (`kube-scheduler`). */
  readonly staticPod: string;
  start(): void;
  stop(): void;
}

export class ComponentLifecycle implements Disposable {
  private readonly armed = new Set<string>();
  private readonly running = new Map<string, boolean>();
  private subscription: Disposable | undefined;

  constructor(private readonly components: readonly Component[]) {
    for (const c of components) this.running.set(c.staticPod, true);
  }

  /** Follow the static Pods of the control-plane node's kubelet. */
  watch(kubelet: Kubelet): void {
    this.subscription?.dispose();
    this.subscription = kubelet.onDidSyncPod(() => this.reconcile(kubelet));
  }

  /** Whether the component of static Pod `name` runs now. */
  isRunning(name: string): boolean {
    return this.running.get(name) ?? true;
  }

  private reconcile(kubelet: Kubelet): void {
    for (const component of this.components) {
      const name = component.staticPod;
      const up = kubelet.isStaticPodRunning(name);
      if (up) this.armed.add(name);
      if (!this.armed.has(name) || this.running.get(name) === up) continue;
      this.running.set(name, up);
      if (up) component.start();
      else component.stop();
    }
  }

  dispose(): void {
    this.subscription?.dispose();
  }
}
