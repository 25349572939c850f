/**
 * systemd on a node, for the two services a kubeadm node runs (kubelet, containerd): each unit's
 * state (active/activating/inactive), its main process, enablement, `Restart=always` with
 * `RestartSec` after a failed start, the unit files as last loaded (`daemon-reload`), and the
 * journal lines systemd writes — with systemd 255's wording (`Started kubelet.service - …`).
 */
import type { Disposable } from '../../../shared/lifecycle.js';
import type { Clock } from '../../base/clock.js';
import type { VirtualFs } from '../../hosts/vfs.js';
import type { Journal } from './journal.js';
import { type LoadedService, execArgv, loadService } from './unit-file.js';

/** The program a unit runs. `start` returns false when the process exited at once with status 1. */
export interface ServiceDaemon {
  start(argv: readonly string[], pid: number, log: (message: string) => void): boolean;
  stop(): void;
}

export interface UnitSpec {
  /** `kubelet` (the unit is `kubelet.service`). */
  name: string;
  description: string;
  docs: string;
  path: string;
  restartSec: number;
  daemon: ServiceDaemon;
}

export type ActiveState = 'active' | 'activating' | 'inactive' | 'failed';
export type SubState = 'running' | 'auto-restart' | 'dead' | 'failed';

export interface ProcessExit {
  pid: number;
  /** `1/FAILURE`, `0/SUCCESS`, `203/EXEC`. */
  status: string;
  execStart: string;
}

export interface PidSource {
  nextPid(): number;
}

export class SystemdUnit {
  active: ActiveState = 'inactive';
  sub: SubState = 'dead';
  /** When the current state began. */
  since: number | undefined;
  mainPid: number | undefined;
  /** The last process that ended (shown while the unit is not running). */
  lastExit: ProcessExit | undefined;
  enabled = true;
  restartCounter = 0;
  private loaded: LoadedService | undefined;
  private restartTimer: Disposable | undefined;

  constructor(
    readonly spec: UnitSpec,
    private readonly host: { clock: Clock; fs: VirtualFs; journal: Journal; pids: PidSource },
  ) {
    this.loaded = loadService(host.fs, spec.path);
  }

  get unitName(): string {
    return `${this.spec.name}.service`;
  }

  /** The drop-in files systemd loaded, for `Drop-In:`. */
  get dropIns(): string[] {
    return [...(this.loaded?.sources.keys() ?? [])].filter((p) => p !== this.spec.path);
  }

  get execStartLine(): string {
    return this.loaded?.execStart ?? '';
  }

  /** True when a file systemd read changed on disk since (systemctl warns to daemon-reload). */
  get changedOnDisk(): boolean {
    const now = loadService(this.host.fs, this.spec.path);
    if (!now || !this.loaded) return now !== this.loaded;
    if (now.sources.size !== this.loaded.sources.size) return true;
    for (const [path, text] of now.sources) if (this.loaded.sources.get(path) !== text) return true;
    return false;
  }

  reload(): void {
    this.loaded = loadService(this.host.fs, this.spec.path);
  }

  private log(message: string): void {
    this.host.journal.append({ time: this.host.clock.now(), identifier: 'systemd', pid: 1, unit: this.unitName, message });
  }

  private title(): string {
    return `${this.unitName} - ${this.spec.description}`;
  }

  /** `systemctl start`: run the process unless it runs already. */
  start(): void {
    if (this.active === 'active') return;
    this.restartTimer?.dispose();
    this.restartTimer = undefined;
    // A start by hand begins the restart count again.
    this.restartCounter = 0;
    this.exec();
  }

  stop(): void {
    this.restartTimer?.dispose();
    this.restartTimer = undefined;
    const now = this.host.clock.now();
    if (this.active === 'active' && this.mainPid !== undefined) {
      this.log(`Stopping ${this.title()}...`);
      this.spec.daemon.stop();
      this.log(`${this.unitName}: Deactivated successfully.`);
      this.log(`Stopped ${this.title()}.`);
      this.lastExit = { pid: this.mainPid, status: '0/SUCCESS', execStart: this.execStartLine };
    } else if (this.active === 'activating') {
      this.log(`Stopped ${this.title()}.`);
    } else {
      return;
    }
    this.active = 'inactive';
    this.sub = 'dead';
    this.since = now;
    this.mainPid = undefined;
  }

  restart(): void {
    this.stop();
    this.start();
  }

  private exec(): void {
    const { clock, fs, journal, pids } = this.host;
    const pid = pids.nextPid();
    const now = clock.now();
    const loaded = this.loaded;
    const argv = loaded ? execArgv(fs, loaded) : { ok: false as const, missingFile: this.spec.path };
    const binary = argv.ok ? argv.argv[0] : undefined;
    if (!argv.ok || binary === undefined || !fs.tryStat(binary)?.isFile) {
      // systemd could not exec it: status 203/EXEC (or 209/STDOUT-style failures for missing env files).
      if (!argv.ok) this.log(`${this.unitName}: Failed to load environment files: No such file or directory`);
      else if (binary !== undefined) {
        this.log(`${this.unitName}: Failed to locate executable ${binary}: No such file or directory`);
        this.log(`${this.unitName}: Failed at step EXEC spawning ${binary}: No such file or directory`);
      }
      this.failed(pid, argv.ok ? '203/EXEC' : '243/CREDENTIALS', now);
      return;
    }
    this.log(`Started ${this.title()}.`);
    const log = (message: string): void => journal.append({ time: clock.now(), identifier: this.spec.name, pid, unit: this.unitName, message });
    if (this.spec.daemon.start(argv.argv, pid, log)) {
      this.active = 'active';
      this.sub = 'running';
      this.since = now;
      this.mainPid = pid;
      return;
    }
    this.failed(pid, '1/FAILURE', now);
  }

  /** The process exited at once: Restart=always brings it back after RestartSec. */
  private failed(pid: number, status: string, now: number): void {
    this.log(`${this.unitName}: Main process exited, code=exited, status=${status}`);
    this.log(`${this.unitName}: Failed with result 'exit-code'.`);
    this.active = 'activating';
    this.sub = 'auto-restart';
    this.since = now;
    this.mainPid = undefined;
    this.lastExit = { pid, status, execStart: this.execStartLine };
    this.restartTimer = this.host.clock.schedule(
      this.spec.restartSec * 1000,
      () => {
        this.restartTimer = undefined;
        this.restartCounter++;
        this.log(`${this.unitName}: Scheduled restart job, restart counter is at ${this.restartCounter}.`);
        this.exec();
      },
      { background: true },
    );
  }

  dispose(): void {
    this.restartTimer?.dispose();
  }
}

/** The units of one node, by name. */
export class Systemd implements Disposable {
  private readonly units = new Map<string, SystemdUnit>();

  constructor(private readonly host: { clock: Clock; fs: VirtualFs; journal: Journal; pids: PidSource }) {}

  add(spec: UnitSpec): SystemdUnit {
    const unit = new SystemdUnit(spec, this.host);
    this.units.set(spec.name, unit);
    return unit;
  }

  /** `kubelet` or `kubelet.service`. */
  unit(name: string): SystemdUnit | undefined {
    return this.units.get(name.replace(/\.service$/, ''));
  }

  list(): SystemdUnit[] {
    return [...this.units.values()];
  }

  daemonReload(): void {
    for (const unit of this.units.values()) unit.reload();
  }

  dispose(): void {
    for (const unit of this.units.values()) unit.dispose();
  }
}
