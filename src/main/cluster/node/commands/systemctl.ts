/**
 * `systemctl` on a node: status, start, stop, restart, enable, disable, is-active, is-enabled and
 * daemon-reload for kubelet and containerd, worded and laid out as systemd 255 prints them. On a
 * host without those units (the bastion) they are "could not be found".
 */
import type { CommandContext } from '../../../shell/types.js';
import { formatEntry, relativeTime, systemdTime } from '../journal.js';
import type { NodeOs } from '../node-os.js';
import type { SystemdUnit } from '../systemd.js';

const VERBS = new Set(['status', 'start', 'stop', 'restart', 'enable', 'disable', 'is-active', 'is-enabled', 'daemon-reload', 'reload-or-restart', 'try-restart']);

function notFound(ctx: CommandContext, name: string, verb: string): number {
  const unit = name.includes('.') ? name : `${name}.service`;
  if (verb === 'status') {
    ctx.stderr.write(`Unit ${unit} could not be found.\n`);
    return 4;
  }
  if (verb === 'is-active') {
    ctx.stdout.write('inactive\n');
    return 3;
  }
  if (verb === 'is-enabled') {
    ctx.stderr.write(`Failed to get unit file state for ${unit}: No such file or directory\n`);
    return 1;
  }
  if (verb === 'enable' || verb === 'disable') {
    ctx.stderr.write(`Failed to ${verb} unit: Unit file ${unit} does not exist.\n`);
    return 1;
  }
  ctx.stderr.write(`Failed to ${verb} ${unit}: Unit ${unit} not found.\n`);
  return 5;
}

/** `0/SUCCESS`-style exit text and whether it was a failure. */
function activeLine(unit: SystemdUnit, now: number): string {
  const since = unit.since ?? now;
  const when = `since ${systemdTime(since)}; ${relativeTime(now - since)}`;
  if (unit.active === 'active') return `active (running) ${when}`;
  if (unit.active === 'activating') return `activating (auto-restart) (Result: exit-code) ${when}`;
  if (unit.active === 'failed') return `failed (Result: exit-code) ${when}`;
  return unit.since === undefined ? 'inactive (dead)' : `inactive (dead) ${when}`;
}

/** The resident set a daemon would show, stable per PID. */
function memoryOf(unit: SystemdUnit, pid: number): string {
  const base = unit.spec.name === 'kubelet' ? 38 : 24;
  return `${base + (pid % 17)}.${pid % 10}M`;
}

function status(ctx: CommandContext, os: NodeOs, unit: SystemdUnit, lines: number): number {
  const clockNow = os.now();
  const dot = unit.active === 'active' ? '●' : unit.active === 'inactive' ? '○' : '●';
  let out = '';
  if (unit.changedOnDisk) out += `Warning: The unit file, source configuration file or drop-ins of ${unit.unitName} changed on disk. Run 'systemctl daemon-reload' to reload units.\n`;
  out += `${dot} ${unit.unitName} - ${unit.spec.description}\n`;
  out += `     Loaded: loaded (${unit.spec.path}; ${unit.enabled ? 'enabled' : 'disabled'}; preset: enabled)\n`;
  const dropIns = unit.dropIns;
  if (dropIns.length > 0) {
    const dir = dropIns[0]!.slice(0, dropIns[0]!.lastIndexOf('/'));
    out += `    Drop-In: ${dir}\n`;
    out += dropIns.map((p) => `             └─${p.slice(p.lastIndexOf('/') + 1)}\n`).join('');
  }
  out += `     Active: ${activeLine(unit, clockNow)}\n`;
  out += `       Docs: ${unit.spec.docs}\n`;
  if (unit.active === 'active' && unit.mainPid !== undefined) {
    const pid = unit.mainPid;
    const binary = unit.spec.name === 'kubelet' ? 'kubelet' : 'containerd';
    out += `   Main PID: ${pid} (${binary})\n`;
    out += `      Tasks: ${unit.spec.name === 'kubelet' ? 11 + (pid % 5) : 9 + (pid % 4)} (limit: 4558)\n`;
    out += `     Memory: ${memoryOf(unit, pid)} (peak: ${memoryOf(unit, pid + 3)})\n`;
    const cpuMs = Math.floor((clockNow - (unit.since ?? clockNow)) / 150) + (pid % 997);
    out += `        CPU: ${formatCpu(cpuMs)}\n`;
    out += `     CGroup: /system.slice/${unit.unitName}\n`;
    out += `             └─${pid} ${unit.spec.name === 'kubelet' ? kubeletCommandLine(os) : '/usr/bin/containerd'}\n`;
  } else if (unit.lastExit) {
    out += `    Process: ${unit.lastExit.pid} ExecStart=${unit.lastExit.execStart} (code=exited, status=${unit.lastExit.status})\n`;
    out += `   Main PID: ${unit.lastExit.pid} (code=exited, status=${unit.lastExit.status})\n`;
    out += `        CPU: ${formatCpu(40 + (unit.lastExit.pid % 90))}\n`;
  }
  const entries = os.journal.read(unit.unitName).slice(-lines);
  if (entries.length > 0 && lines > 0) out += '\n' + entries.map((e) => formatEntry(e, os.hostname) + '\n').join('');
  ctx.stdout.write(out);
  return unit.active === 'active' ? 0 : 3;
}

function formatCpu(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(3).replace(/\.?0+$/, '')}s`;
  const min = Math.floor(s / 60);
  return `${min}min ${(s - min * 60).toFixed(3).replace(/\.?0+$/, '')}s`;
}

function kubeletCommandLine(os: NodeOs): string {
  return os.kubeletArgv().join(' ');
}

export function runSystemctl(ctx: CommandContext, os: NodeOs | undefined): number {
  const args = ctx.argv.slice(1);
  let lines = 10;
  const words: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '-n' || arg === '--lines') lines = Number(args[++i] ?? 10);
    else if (arg.startsWith('--lines=')) lines = Number(arg.slice(8));
    else if (/^-n\d+$/.test(arg)) lines = Number(arg.slice(2));
    else if (arg === '--no-pager' || arg === '-l' || arg === '--full' || arg === '-q' || arg === '--quiet' || arg === '--now') continue;
    else if (arg.startsWith('-')) {
      ctx.stderr.write(`systemctl: unrecognized option '${arg}'\n`);
      return 1;
    } else words.push(arg);
  }
  const quiet = args.includes('-q') || args.includes('--quiet');
  const now = args.includes('--now');
  const [verb = 'list-units', ...names] = words;
  if (!VERBS.has(verb)) {
    ctx.stderr.write(verb === 'list-units' ? 'systemctl: listing units is not available in this lab; try systemctl status kubelet\n' : `Unknown command verb '${verb}'.\n`);
    return 1;
  }
  if (verb === 'daemon-reload') {
    os?.systemd.daemonReload();
    return 0;
  }
  if (names.length === 0) {
    ctx.stderr.write(verb === 'status' ? '' : `Too few arguments.\n`);
    return verb === 'status' ? 0 : 1;
  }
  let code = 0;
  for (const name of names) {
    const unit = os?.systemd.unit(name);
    if (!unit) {
      code = Math.max(code, notFound(ctx, name, verb));
      continue;
    }
    switch (verb) {
      case 'status':
        code = Math.max(code, status(ctx, os!, unit, lines));
        break;
      case 'start':
        unit.start();
        break;
      case 'stop':
        unit.stop();
        break;
      case 'restart':
      case 'reload-or-restart':
        unit.restart();
        break;
      case 'try-restart':
        if (unit.active === 'active') unit.restart();
        break;
      case 'is-active': {
        const state = unit.active === 'activating' ? 'activating' : unit.active;
        if (!quiet) ctx.stdout.write(`${state}\n`);
        if (state !== 'active') code = Math.max(code, 3);
        break;
      }
      case 'is-enabled':
        if (!quiet) ctx.stdout.write(unit.enabled ? 'enabled\n' : 'disabled\n');
        if (!unit.enabled) code = 1;
        break;
      case 'enable':
        if (!unit.enabled) ctx.stderr.write(`Created symlink /etc/systemd/system/multi-user.target.wants/${unit.unitName} → ${unit.spec.path}.\n`);
        unit.enabled = true;
        if (now) unit.start();
        break;
      case 'disable':
        if (unit.enabled) ctx.stderr.write(`Removed "/etc/systemd/system/multi-user.target.wants/${unit.unitName}".\n`);
        unit.enabled = false;
        if (now) unit.stop();
        break;
    }
  }
  return code;
}
