/**
 * Waiting on the lab clock for commands that run until Ctrl+C (`logs -f`, `port-forward`,
 * `attach`): time passes in small steps, each followed by a turn of the event loop so an
 * interrupt can arrive even when a virtual clock makes every wait instant.
 */
import type { Invocation } from '../../invocation.js';

/** How much lab time passes between two looks at the world. */
export const POLL_INTERVAL_MS = 1000;

/**
 * Wait up to `ms` of lab time for `condition()` (true once it holds); false after `ms` or when
 * `signal` aborts.
 */
export async function waitLabTime(inv: Invocation, ms: number, signal: AbortSignal = inv.ctx.signal, condition: () => boolean = () => false): Promise<boolean> {
  // A background job (`&`) waits for the clock to move on; in the foreground, kubectl moves it.
  const met = inv.ctx.background && inv.env.waitInBackground ? await inv.env.waitInBackground(condition, ms, signal) : await inv.env.waitUntil(condition, ms, signal);
  // A turn of the event loop lets Ctrl+C in when a virtual clock made the wait instant.
  if (!met && !signal.aborted) await new Promise<void>((resolve) => setTimeout(resolve, 0));
  return met;
}

/** Let `ms` of lab time pass; false once Ctrl+C was pressed. */
export async function pause(inv: Invocation, ms = POLL_INTERVAL_MS): Promise<boolean> {
  if (inv.ctx.signal.aborted) return false;
  await waitLabTime(inv, ms);
  return !inv.ctx.signal.aborted;
}

/** Run `step` every poll interval until it says it is done (true) or Ctrl+C; true when interrupted. */
export async function pollUntilInterrupted(inv: Invocation, step: () => boolean = () => false): Promise<boolean> {
  for (;;) {
    if (!(await pause(inv))) return true;
    if (step()) return false;
  }
}
