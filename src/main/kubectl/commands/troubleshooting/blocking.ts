/**
 * Waiting on the lab clock for commands that run until Ctrl+C (`logs -f`, `port-forward`,
 * `attach`): time passes in small steps, each followed by a turn of the event loop so an
 * interrupt can arrive even when a virtual clock makes every wait instant.
 */
import type { Invocation } from '../../invocation.js';

/** How much lab time passes between two looks at the world. */
export const POLL_INTERVAL_MS = 1000;

/** Let `ms` of lab time pass; false once Ctrl+C was pressed. */
export async function pause(inv: Invocation, ms = POLL_INTERVAL_MS): Promise<boolean> {
  if (inv.ctx.signal.aborted) return false;
  await inv.env.waitUntil(() => false, ms, inv.ctx.signal);
  await new Promise<void>((resolve) => setTimeout(resolve, 0));
  return !inv.ctx.signal.aborted;
}

/** Run `step` every poll interval until it says it is done (true) or Ctrl+C; true when interrupted. */
export async function pollUntilInterrupted(inv: Invocation, step: () => boolean = () => false): Promise<boolean> {
  for (;;) {
    if (!(await pause(inv))) return true;
    if (step()) return false;
  }
}
