/**
 * The `lab` built-in (INTERFACES.md): step the simulated clock, change its speed, pause and resume
 * it, reset the lab, and show its status.
 */
import type { Pod, Node } from '../../shared/api/core.js';
import { formatGoDuration, parseDuration, rfc3339 } from '../base/duration.js';
import { RealtimeClock } from '../base/clock.js';
import { NODES, PODS } from '../cluster/client/resources.js';
import type { CommandContext } from '../shell/types.js';
import type { Lab } from './lab.js';

export interface LabControl {
  readonly lab: Lab;
  /** Replace the lab with a fresh default one (same options). */
  reset(): void;
}

const USAGE = `Usage: lab COMMAND
  step DURATION   advance the simulated clock (e.g. 30s, 2m, 1h30m)
  speed N         run the real-time clock N times faster (1-50)
  pause | resume  stop or restart the real-time clock
  reset           start again with a fresh default cluster and files
  status          show the clock, speed, nodes, Pods and seed
`;

export async function runLabCommand(ctx: CommandContext, control: LabControl): Promise<number> {
  const [, sub, ...args] = ctx.argv;
  const lab = control.lab;
  const clock = lab.clock;
  switch (sub) {
    case 'step': {
      const ms = args[0] ? parseDuration(args[0]) : undefined;
      if (ms === undefined || ms < 0 || args.length !== 1) {
        ctx.stderr.write(`lab step: ${args[0] ? `invalid duration "${args[0]}"` : 'missing duration'} (use e.g. 30s, 2m, 1h30m)\n`);
        return 2;
      }
      await lab.sleep(ms, ctx.signal);
      ctx.stdout.write(`clock: ${rfc3339(clock.now())} (+${formatGoDuration(ms)})\n`);
      return 0;
    }
    case 'speed': {
      const n = Number(args[0]);
      if (args.length !== 1 || !Number.isFinite(n) || n < 1 || n > 50) {
        ctx.stderr.write('lab speed: N must be a number from 1 to 50\n');
        return 2;
      }
      if (clock instanceof RealtimeClock) clock.setSpeed(n);
      else ctx.stderr.write('lab: the clock is virtual; speed applies to real-time labs only\n');
      ctx.stdout.write(`speed: ${n}x\n`);
      return 0;
    }
    case 'pause':
    case 'resume': {
      if (clock instanceof RealtimeClock) {
        if (sub === 'pause') clock.pause();
        else clock.resume();
      } else {
        ctx.stderr.write('lab: the clock is virtual; it moves only with `lab step`\n');
      }
      ctx.stdout.write(sub === 'pause' ? 'paused\n' : 'running\n');
      return 0;
    }
    case 'reset': {
      if (ctx.interactive && !args.includes('-y') && !args.includes('--yes')) {
        ctx.stderr.write('lab reset: this throws away the cluster and every file in the lab; run `lab reset --yes` to go ahead\n');
        return 1;
      }
      control.reset();
      ctx.stdout.write('lab reset\n');
      return 0;
    }
    case 'status': {
      const client = lab.client('lab');
      const nodes = client.list<Node>(NODES);
      const pods = client.list<Pod>(PODS);
      const nodeItems = nodes.ok ? nodes.value.items : [];
      const podItems = pods.ok ? pods.value.items : [];
      const ready = nodeItems.filter((n) => n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')).length;
      const running = podItems.filter((p) => p.status?.phase === 'Running').length;
      const mode = clock instanceof RealtimeClock ? (clock.isPaused ? 'real-time, paused' : 'real-time') : 'virtual';
      const speed = clock instanceof RealtimeClock ? clock.speed : 1;
      ctx.stdout.write(
        `clock: ${rfc3339(clock.now())} (${mode})\nspeed: ${speed}x\nnodes: ${nodeItems.length} (${ready} Ready)\npods: ${podItems.length} (${running} Running)\nseed: ${lab.seed}\n`,
      );
      return 0;
    }
    case undefined:
    case 'help':
    case '-h':
    case '--help':
      ctx.stdout.write(USAGE);
      return sub === undefined ? 2 : 0;
    default:
      ctx.stderr.write(`lab: unknown command "${sub}"\n${USAGE}`);
      return 2;
  }
}
