/**
 * The operating system of one cluster node as the learner meets it over ssh: systemd with the
 * containerd and kubelet services, their journal, and the node's Kubelet behind the kubelet
 * service (stopping the service really stops that Kubelet; a start first passes the kubelet
 * binary's own checks of its flags and files, kubelet-start.ts).
 */
import type { Disposable } from '../../../shared/lifecycle.js';
import type { Clock } from '../../base/clock.js';
import type { Random } from '../../base/random.js';
import type { VirtualFs } from '../../hosts/vfs.js';
import type { Kubelet } from '../kubelet/kubelet.js';
import { Journal, klogLine, klogQuote } from './journal.js';
import { CONTAINERD_UNIT_PATH, KUBELET_UNIT_PATH } from './kubelet-files.js';
import { checkKubeletStart } from './kubelet-start.js';
import { Systemd, type SystemdUnit } from './systemd.js';
import { execArgv, loadService } from './unit-file.js';

function execArgvOf(fs: VirtualFs, unit: SystemdUnit): string[] {
  const loaded = loadService(fs, unit.spec.path);
  if (!loaded) return [];
  const argv = execArgv(fs, loaded);
  return argv.ok ? argv.argv : [];
}

export const KUBELET_VERSION = 'v1.32.4';
const CONTAINERD_VERSION = '1.7.24';

export interface NodeOsOptions {
  hostname: string;
  fs: VirtualFs;
  clock: Clock;
  random: Random;
}

export class NodeOs implements Disposable {
  readonly hostname: string;
  readonly fs: VirtualFs;
  readonly journal = new Journal();
  readonly systemd: Systemd;
  readonly kubeletUnit: SystemdUnit;
  readonly containerdUnit: SystemdUnit;
  private kubelet: Kubelet | undefined;
  private containerdRunning = false;
  private lastPid: number;
  private lastMicros = 0;
  private lastMicrosAt = -1;
  private readonly clock: Clock;
  private readonly random: Random;

  constructor(options: NodeOsOptions) {
    this.hostname = options.hostname;
    this.fs = options.fs;
    this.clock = options.clock;
    this.random = options.random;
    // PIDs after boot: the kernel threads and early services took the first few hundred.
    this.lastPid = this.random.int(380, 720);
    this.systemd = new Systemd({ clock: options.clock, fs: options.fs, journal: this.journal, pids: { nextPid: () => this.nextPid() } });
    this.containerdUnit = this.systemd.add({
      name: 'containerd',
      description: 'containerd container runtime',
      docs: 'https://containerd.io',
      path: CONTAINERD_UNIT_PATH,
      restartSec: 5,
      daemon: {
        start: (_argv, _pid, log) => {
          const t = new Date(this.clock.now()).toISOString().replace(/\.(\d{3})Z$/, (_, ms: string) => `.${ms}${String(this.random.int(0, 999999)).padStart(6, '0')}Z`);
          log(`time="${t}" level=info msg="starting containerd" revision=88aa2f531d6c2922003cc7929e51daf1c14caa0a version=${CONTAINERD_VERSION}`);
          log(`time="${t}" level=info msg="serving..." address=/run/containerd/containerd.sock`);
          log(`time="${t}" level=info msg="containerd successfully booted in 0.0${this.random.int(31, 89)}s"`);
          this.containerdRunning = true;
          this.kubelet?.setRuntimeUp(true);
          return true;
        },
        stop: () => {
          this.containerdRunning = false;
          this.kubelet?.setRuntimeUp(false);
        },
      },
    });
    this.kubeletUnit = this.systemd.add({
      name: 'kubelet',
      description: 'kubelet: The Kubernetes Node Agent',
      docs: 'https://kubernetes.io/docs/',
      path: KUBELET_UNIT_PATH,
      restartSec: 10,
      daemon: {
        start: (argv, pid, log) => this.startKubelet(argv, pid, log),
        stop: () => {
          this.kubelet?.setLog(undefined);
          this.kubelet?.stop();
        },
      },
    });
  }

  /** Microseconds within the current millisecond for a log line: increasing while the clock stands still. */
  private nextMicros(): number {
    const now = this.clock.now();
    this.lastMicros = now === this.lastMicrosAt ? Math.min(999, this.lastMicros + this.random.int(1, 60)) : this.random.int(0, 400);
    this.lastMicrosAt = now;
    return this.lastMicros;
  }

  nextPid(): number {
    this.lastPid += this.random.int(1, 40);
    return this.lastPid;
  }

  now(): number {
    return this.clock.now();
  }

  /** The kubelet's command line as systemd would exec it now (for `ps` and `systemctl status`). */
  kubeletArgv(): string[] {
    const argv = execArgvOf(this.fs, this.kubeletUnit);
    return argv.length > 0 ? argv : ['/usr/bin/kubelet'];
  }

  get containerdUp(): boolean {
    return this.containerdRunning;
  }

  /** The node's Kubelet, once kubeadm joined the node (undefined before). */
  get nodeKubelet(): Kubelet | undefined {
    return this.kubelet;
  }

  /** kubeadm init/join: the kubelet is configured; its service starts now. */
  attachKubelet(kubelet: Kubelet): void {
    this.kubelet = kubelet;
    this.kubeletUnit.start();
  }

  /** What the kubelet binary does when systemd execs it: check, then run (or exit 1). */
  private startKubelet(argv: readonly string[], pid: number, log: (message: string) => void): boolean {
    const kubelet = this.kubelet;
    if (!kubelet) return false;
    let micros = this.random.int(100_000, 300_000);
    const at = (): number => (micros += this.random.int(40, 2500));
    const line = (severity: 'I' | 'W' | 'E', source: string, message: string): void => log(klogLine(severity, this.clock.now(), at(), pid, source, message));
    const check = checkKubeletStart(this.fs, argv, this.containerdRunning);
    for (const warning of check.warnings) {
      if (warning.startsWith('Flag ')) log(warning);
      else line('I', 'codec.go:64', warning);
    }
    if (check.warnings.some((w) => w.startsWith('Flag --pod-infra'))) {
      line('I', 'server.go:211', '"--pod-infra-container-image will not be pruned by the image garbage collector in kubelet and should also be set in the remote runtime"');
    }
    if (!check.ok) {
      line('E', 'run.go:72', `"command failed" err=${klogQuote(check.err)}`);
      return false;
    }
    line('I', 'server.go:486', `"Kubelet version" kubeletVersion="${KUBELET_VERSION}"`);
    line('I', 'server.go:488', '"Golang settings" GOGC="" GOMAXPROCS="" GOTRACEBACK=""');
    line('I', 'server.go:954', '"Client rotation is on, will bootstrap in background"');
    line('I', 'certificate_store.go:130', 'Loading cert/key pair from "/var/lib/kubelet/pki/kubelet-client-current.pem".');
    line('I', 'dynamic_cafile_content.go:161', '"Starting controller" name="client-ca-bundle::/etc/kubernetes/pki/ca.crt"');
    line('I', 'kuberuntime_manager.go:262', `"Container runtime initialized" containerRuntime="containerd" version="${CONTAINERD_VERSION}" apiVersion="v1"`);
    line('I', 'kubelet.go:408', '"Adding static pod path" path="/etc/kubernetes/manifests"');
    line('I', 'server.go:1343', '"Started kubelet"');
    line('I', 'kubelet_node_status.go:75', `"Attempting to register node" node="${this.hostname}"`);
    // From now on the kubelet's own troubles (image pulls, crash loops, probes) go to the journal.
    kubelet.setLog((severity, source, message) => log(klogLine(severity, this.clock.now(), this.nextMicros(), pid, source, message)));
    kubelet.start();
    line('I', 'kubelet_node_status.go:78', `"Successfully registered node" node="${this.hostname}"`);
    return true;
  }

  dispose(): void {
    this.systemd.dispose();
  }
}
