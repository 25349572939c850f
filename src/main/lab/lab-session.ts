/**
 * One learner's lab as the outside sees it: the current Lab (replaced by `lab reset`), the engine
 * commands registered for its shells (`kubectl`, `lab`), and shells bound to it. The CLI, the web
 * server and the Electron main process each host LabSessions.
 */
import { type Disposable, DisposableStore, Emitter, toDisposable } from '../../shared/lifecycle.js';
import type { Host } from '../hosts/host.js';
import { completeKubectl } from '../kubectl/completion.js';
import { runKubectl } from '../kubectl/kubectl.js';
import { InMemoryCommandRegistry } from '../shell/command-registry.js';
import { Shell } from '../shell/shell.js';
import { runCrictl } from '../cluster/node/commands/crictl.js';
import { runIp } from '../cluster/node/commands/ip.js';
import { runPs } from '../cluster/node/commands/ps.js';
import { runJournalctl } from '../cluster/node/commands/journalctl.js';
import { runSystemctl } from '../cluster/node/commands/systemctl.js';
import type { NodeOs } from '../cluster/node/node-os.js';
import { installedOn } from '../cluster/node/command-flags.js';
import type { CommandContext, ShellEditor, ShellServices } from '../shell/types.js';
import { kubectlEnvironment } from './kubectl-environment.js';
import { Lab, type LabOptions } from './lab.js';
import { HostPorts, hostNetworkCommands } from './host-network.js';
import { runLabCommand } from './lab-command.js';
import { BASTION } from './topology.js';

export class LabSession implements Disposable {
  private current: Lab;
  private readonly disposables = new DisposableStore();
  readonly registry = new InMemoryCommandRegistry();
  /** Ports processes open on the hosts themselves (`kubectl port-forward` listens on the workstation). */
  readonly hostPorts = new HostPorts();
  private readonly hostViews = new Map<string, Host>();
  private readonly onDidResetEmitter = this.disposables.add(new Emitter<Lab>());
  readonly onDidReset = this.onDidResetEmitter.event;

  constructor(private readonly options: LabOptions = {}) {
    this.current = new Lab(options);
    // Commands see the editor attached at the time they run (none in `kubelab shell`).
    Object.defineProperty(this.services, 'editor', { get: () => this.attachedEditor, enumerable: true });
    this.registerCommands();
  }

  get lab(): Lab {
    return this.current;
  }

  /** Throw the lab away and start a fresh default one; shells stay open and follow it. */
  reset(): void {
    this.current.dispose();
    this.current = new Lab(this.options);
    this.onDidResetEmitter.fire(this.current);
  }

  /**
   * A host as shells hold it: its identity is stable across resets while its filesystem is always
   * the current lab's.
   */
  host(name: string): Host | undefined {
    if (!this.current.hosts.has(name)) return undefined;
    let view = this.hostViews.get(name);
    if (!view) {
      const currentLab = (): Lab => this.current;
      const initial = this.current.hosts.get(name)!;
      view = {
        name: initial.name,
        address: initial.address,
        user: initial.user,
        home: initial.home,
        get fs() {
          return currentLab().hosts.get(name)!.fs;
        },
      };
      this.hostViews.set(name, view);
    }
    return view;
  }

  private attachedEditor: ShellEditor | undefined;

  /** The workspace editor `vim FILE` and `kubectl edit` open files in, while a workspace is attached. */
  attachEditor(editor: ShellEditor): Disposable {
    this.attachedEditor = editor;
    return toDisposable(() => {
      if (this.attachedEditor === editor) this.attachedEditor = undefined;
    });
  }

  readonly services: ShellServices = {
    findHost: (nameOrAddress) => {
      const host = this.current.findHost(nameOrAddress);
      return host ? this.host(host.name) : undefined;
    },
    sleep: (ms, signal) => this.current.sleep(ms, signal),
    afterCommand: () => this.current.settle(),
    waitInBackground: (ms, signal) =>
      new Promise<void>((resolve) => {
        // A background task: it must not count as work the foreground waits for.
        const timer = this.current.clock.schedule(ms, () => finish(), { background: true });
        const finish = (): void => {
          timer.dispose();
          signal.removeEventListener('abort', finish);
          resolve();
        };
        if (signal.aborted) finish();
        else signal.addEventListener('abort', finish, { once: true });
      }),
    setTimer: (ms, run) => this.current.clock.schedule(ms, run, { background: true }),
    now: () => this.current.clock.now(),
  };

  /** A shell on the workstation, as the learner logs in. */
  createShell(options: { interactive: boolean; columns?: number }): Shell {
    return new Shell({
      host: this.host(BASTION.name)!,
      registry: this.registry,
      services: this.services,
      interactive: options.interactive,
      columns: options.columns,
      env: { TERM: 'xterm-256color', LANG: 'C.UTF-8' },
    });
  }

  private registerCommands(): void {
    this.disposables.add(
      this.registry.register(
        'kubectl',
        (ctx) => {
          const host = this.host(ctx.shell.host.name) ?? ctx.shell.host;
          return runKubectl(ctx, kubectlEnvironment(this.current, () => host, this.hostPorts));
        },
        { complete: (words, current) => completeKubectl(words, this.current.client('kubectl-completion'), current) },
      ),
    );
    this.disposables.add(this.registry.register('lab', (ctx) => runLabCommand(ctx, { lab: this.current, reset: () => this.reset() })));
    // curl, wget and nc from the workstation or a node, through the lab's network.
    for (const [name, handler] of Object.entries(hostNetworkCommands(() => this.current, this.hostPorts))) this.disposables.add(this.registry.register(name, handler));
    // The node OS: each runs against the NodeOs of the host the shell is on (none on the bastion).
    const nodeCommands: Record<string, (ctx: CommandContext, os: NodeOs | undefined) => number | Promise<number>> = {
      systemctl: runSystemctl,
      journalctl: (ctx, os) => runJournalctl(ctx, os, (ms, signal) => this.current.sleep(ms, signal)),
      crictl: runCrictl,
    };
    for (const [name, run] of Object.entries(nodeCommands)) {
      this.disposables.add(this.registry.register(name, (ctx) => run(ctx, this.current.nodes.get(ctx.shell.host.name))));
    }
    // etcdctl and etcdutl live on the control plane, kubeadm on every node (the bastion has neither).
    const controlPlane = (host: string): boolean => this.current.machines.some((m) => m.name === host && m.role === 'control-plane');
    const clusterNode = (host: string): boolean => this.current.machines.some((m) => m.name === host);
    this.disposables.add(this.registry.register('etcdctl', installedOn(controlPlane, 'etcdctl', (ctx) => this.current.etcdctl()(ctx))));
    this.disposables.add(this.registry.register('etcdutl', installedOn(controlPlane, 'etcdutl', (ctx) => this.current.etcdutl()(ctx))));
    this.disposables.add(this.registry.register('kubeadm', installedOn(clusterNode, 'kubeadm', (ctx) => this.current.kubeadm()(ctx))));
    this.disposables.add(this.registry.register('ps', (ctx) => runPs(ctx, this.current.nodes.get(ctx.shell.host.name), this.current.clock.now())));
    this.disposables.add(
      this.registry.register('ip', (ctx) => {
        const host = ctx.shell.host;
        const podCIDR = this.current.nodes.get(host.name)?.nodeKubelet?.podCidr;
        return runIp(ctx, { name: host.name, address: host.address, ...(podCIDR ? { podCIDR } : {}) });
      }),
    );
  }

  dispose(): void {
    this.disposables.dispose();
    this.current.dispose();
  }
}
