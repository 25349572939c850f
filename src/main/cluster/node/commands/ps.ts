/**
 * `ps aux` (and `ps -ef`) on a host: init and the system daemons, containerd and the kubelet while
 * their services run, and per Pod sandbox a containerd-shim-runc-v2, its pause process and each
 * running container's process — procps-ng's column layout. PIDs and sizes are stable per process.
 */
import type { CommandContext } from '../../../shell/types.js';
import { containerArgv } from '../../kubelet/behaviour.js';
import { lookupImage } from '../../kubelet/image-catalog.js';
import { hexId } from './crictl.js';
import type { NodeOs } from '../node-os.js';

interface Proc {
  user: string;
  pid: number;
  ppid: number;
  vsz: number;
  rss: number;
  stat: string;
  start: number;
  command: string;
}

function hhmm(ms: number): string {
  const d = new Date(ms);
  return `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
}

/** A stable small number per label, for PIDs and sizes of processes the lab does not track. */
function stable(label: string, min: number, max: number): number {
  return min + (parseInt(hexId(label).slice(0, 8), 16) % (max - min + 1));
}

function processes(ctx: CommandContext, os: NodeOs | undefined, now: number): Proc[] {
  const boot = os ? (os.containerdUnit.since ?? now) - 4000 : now - 3_600_000;
  const procs: Proc[] = [
    { user: 'root', pid: 1, ppid: 0, vsz: 167_584, rss: 12_544, stat: 'Ss', start: boot, command: '/sbin/init' },
    { user: 'root', pid: stable('journald', 180, 260), ppid: 1, vsz: 48_188, rss: 15_872, stat: 'Ss', start: boot, command: '/lib/systemd/systemd-journald' },
    { user: 'root', pid: stable('sshd', 300, 370), ppid: 1, vsz: 15_436, rss: 9_088, stat: 'Ss', start: boot, command: 'sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups' },
  ];
  if (os) {
    const containerd = os.containerdUnit;
    if (containerd.active === 'active' && containerd.mainPid !== undefined) {
      procs.push({ user: 'root', pid: containerd.mainPid, ppid: 1, vsz: 1_872_644, rss: 48_000 + (containerd.mainPid % 9000), stat: 'Ssl', start: containerd.since ?? boot, command: '/usr/bin/containerd' });
    }
    const kubelet = os.kubeletUnit;
    if (kubelet.active === 'active' && kubelet.mainPid !== undefined) {
      procs.push({ user: 'root', pid: kubelet.mainPid, ppid: 1, vsz: 2_012_484, rss: 80_000 + (kubelet.mainPid % 9000), stat: 'Ssl', start: kubelet.since ?? boot, command: os.kubeletArgv().join(' ') });
    }
    for (const { pod, runtime } of os.nodeKubelet?.runtimePods() ?? []) {
      if (!runtime.sandboxReady || runtime.stopped) continue;
      const sandbox = hexId(`sandbox/${runtime.uid}`);
      const started = Date.parse(runtime.startTime) || now;
      const shim = stable(`shim/${runtime.uid}`, 1000, 30000);
      procs.push({ user: 'root', pid: shim, ppid: 1, vsz: 1_238_000, rss: 14_000, stat: 'Sl', start: started, command: `/usr/bin/containerd-shim-runc-v2 -namespace k8s.io -id ${sandbox} -address /run/containerd/containerd.sock` });
      procs.push({ user: '65535', pid: shim + 20, ppid: shim, vsz: 1_024, rss: 512, stat: 'Ss', start: started, command: '/pause' });
      for (const c of [...runtime.initContainers, ...runtime.containers]) {
        if (c.phase !== 'running') continue;
        const found = lookupImage(c.image);
        const argv = containerArgv(found.found ? found.image : undefined, c.spec, c.specEnv);
        const mem = Math.round((found.found ? found.image.memoryBytes : 8 * 1024 * 1024) / 1024);
        procs.push({ user: 'root', pid: stable(`proc/${c.containerID ?? c.name}`, 1000, 30000) + 40, ppid: shim, vsz: mem * 3, rss: mem, stat: 'Ssl', start: Date.parse(c.startedAt ?? '') || started, command: argv.join(' ') || pod.metadata.name || '' });
      }
    }
  } else {
    procs.push({ user: ctx.shell.env.get('USER') ?? 'student', pid: stable('bash', 900, 990), ppid: 1, vsz: 8_924, rss: 5_504, stat: 'Ss', start: boot, command: '-bash' });
  }
  return procs.sort((a, b) => a.pid - b.pid);
}

/** `now` is the lab clock (the bastion has no NodeOs to ask). */
export function runPs(ctx: CommandContext, os: NodeOs | undefined, now: number): number {
  const args = ctx.argv.slice(1);
  const procs = processes(ctx, os, now);
  const self = { user: os ? 'root' : (ctx.shell.env.get('USER') ?? 'student'), pid: (procs.at(-1)?.pid ?? 1000) + 7, ppid: 1, vsz: 11_204, rss: 4_480, stat: 'R+', start: now, command: `ps ${args.join(' ')}`.trim() };
  const all = [...procs, self];
  const cpuTime = (p: Proc): string => {
    const s = Math.floor(Math.max(0, now - p.start) / 200_000);
    return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
  };
  if (args.some((a) => a.startsWith('-') && a.includes('e'))) {
    let out = 'UID          PID    PPID  C STIME TTY          TIME CMD\n';
    for (const p of all) {
      const s = Math.floor(Math.max(0, now - p.start) / 200_000);
      const time = `${String(Math.floor(s / 3600)).padStart(2, '0')}:${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
      out += `${p.user.padEnd(8)} ${String(p.pid).padStart(7)} ${String(p.ppid).padStart(7)}  0 ${hhmm(p.start)} ${(p === self ? 'pts/0' : '?').padEnd(8)} ${time} ${p.command}\n`;
    }
    ctx.stdout.write(out);
    return 0;
  }
  const width = ctx.stdoutIsTerminal ? ctx.columns : Infinity;
  let out = 'USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND\n';
  for (const p of all) {
    const mem = ((p.rss / 4_015_212) * 100).toFixed(1);
    const line = `${p.user.padEnd(8)} ${String(p.pid).padStart(7)} ${'0.0'.padStart(4)} ${mem.padStart(4)} ${String(p.vsz).padStart(6)} ${String(p.rss).padStart(5)} ${(p === self ? 'pts/0' : '?').padEnd(8)} ${p.stat.padEnd(4)} ${hhmm(p.start).padStart(5)} ${cpuTime(p).padStart(6)} ${p.command}`;
    out += (line.length > width ? line.slice(0, width) : line) + '\n';
  }
  ctx.stdout.write(out);
  return 0;
}
