/** Test fixtures for the shell: hosts on fresh filesystems, a fake ShellServices, a runner. */
import type { Host } from '../../../src/main/hosts/host.js';
import { VirtualFs } from '../../../src/main/hosts/vfs.js';
import { InMemoryCommandRegistry } from '../../../src/main/shell/command-registry.js';
import { Shell, type ShellIO } from '../../../src/main/shell/shell.js';
import type { ShellServices } from '../../../src/main/shell/types.js';

/** 2025-01-01T00:00:00Z, the virtual clock's start. */
export const EPOCH = Date.UTC(2025, 0, 1);

export function makeHost(name: string, user: string, address = '192.168.200.5'): Host {
  const fs = new VirtualFs({ now: () => EPOCH });
  const home = user === 'root' ? '/root' : `/home/${user}`;
  fs.mkdir(home, { parents: true });
  fs.mkdir('/tmp', { parents: true });
  return { name, address, user, home, fs };
}

export interface Fixture {
  readonly shell: Shell;
  readonly bastion: Host;
  readonly node01: Host;
  readonly registry: InMemoryCommandRegistry;
  readonly sleeps: number[];
  /** Run a line and collect what it printed. */
  run(line: string, options?: { terminal?: boolean }): Promise<{ status: number; stdout: string; stderr: string }>;
}

export function makeFixture(options: { interactive?: boolean; bashrc?: string; afterCommand?: () => void } = {}): Fixture {
  const bastion = makeHost('bastion', 'student');
  const node01 = makeHost('node01', 'root', '192.168.200.11');
  if (options.bashrc !== undefined) bastion.fs.writeFile('/home/student/.bashrc', options.bashrc);
  const hosts = new Map([
    ['bastion', bastion],
    ['node01', node01],
    ['192.168.200.11', node01],
  ]);
  const sleeps: number[] = [];
  const services: ShellServices = {
    findHost: (name) => hosts.get(name),
    sleep: async (ms, signal) => {
      sleeps.push(ms);
      if (signal.aborted) throw new Error('aborted');
    },
    ...(options.afterCommand ? { afterCommand: options.afterCommand } : {}),
  };
  const registry = new InMemoryCommandRegistry();
  const shell = new Shell({ host: bastion, registry, services, interactive: options.interactive ?? false });
  return {
    shell,
    bastion,
    node01,
    registry,
    sleeps,
    async run(line, runOptions = {}) {
      let stdout = '';
      let stderr = '';
      const io: ShellIO = {
        stdout: { write: (t) => (stdout += t) },
        stderr: { write: (t) => (stderr += t) },
        isTerminal: runOptions.terminal ?? false,
      };
      const status = await shell.run(line, io);
      return { status, stdout, stderr };
    },
  };
}
