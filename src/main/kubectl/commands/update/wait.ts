/**
 * `kubectl wait --for=…`: each object named (or selected) is watched until the condition holds,
 * printed as `pod/x condition met`, or `--timeout` (30 s of simulated time by default; 0 checks
 * once, negative waits a week) runs out: `error: timed out waiting for the condition on pods/x`.
 */
import type { KubeObject } from '../../../../shared/api/meta.js';
import type { KubectlCommand } from '../../command.js';
import { KubectlError } from '../../errors.js';
import type { FlagSpec } from '../../flags.js';
import type { Invocation } from '../../invocation.js';
import { PRINT_FLAGS, printObjects, validateOutputFormat } from '../../print-flags.js';
import { type Target, type VisitError, collectTargets, reportErrors } from './targets.js';
import { type WaitFor, parseWaitFor } from './wait-conditions.js';

const WAIT_FLAGS: FlagSpec[] = [
  ...PRINT_FLAGS,
  { name: 'for', type: 'string' },
  { name: 'timeout', type: 'duration' },
  { name: 'filename', short: 'f', type: 'stringArray' },
  { name: 'recursive', short: 'R', type: 'bool' },
  { name: 'all', type: 'bool' },
  { name: 'all-namespaces', short: 'A', type: 'bool' },
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'field-selector', type: 'string' },
  { name: 'local', type: 'bool' },
];

const WEEK_MS = 168 * 3_600_000;

function fetch(inv: Invocation, target: Target): KubeObject | undefined {
  const got = inv.client().get(target.ref, target.namespace, target.name);
  return got.ok ? got.value : undefined;
}

/** One object: undefined when the condition was met (and printed), else the error. */
async function waitFor(inv: Invocation, target: Target, condition: WaitFor, deadline: number, timeout: number): Promise<VisitError | undefined> {
  const label = `${target.ref.resource}/${target.name}`;
  const timedOut: VisitError = { message: `timed out waiting for the condition on ${label}` };
  if (condition.kind === 'create') {
    printObjects(inv, [target.object], 'condition met');
    return undefined;
  }
  const uid = target.object.metadata?.uid;
  if (condition.kind === 'delete') {
    const isGone = (): boolean => fetch(inv, target)?.metadata.uid !== uid;
    if (isGone()) {
      printObjects(inv, [target.object], 'condition met');
      return undefined;
    }
    if (timeout === 0) return { message: `condition not met for ${label}` };
    const remaining = deadline - inv.env.now();
    if (remaining < 0 || !(await inv.env.waitUntil(isGone, remaining, inv.ctx.signal))) return timedOut;
    printObjects(inv, [target.object], 'condition met');
    return undefined;
  }
  let last = target.object;
  const met = (): boolean => {
    const current = fetch(inv, target);
    if (!current) return false;
    last = current;
    return condition.check(current);
  };
  const notFound: VisitError = {
    status: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason: 'NotFound', code: 404, message: `${label.replace('/', ' "')}" not found` },
  };
  if (!fetch(inv, target)) return notFound;
  if (timeout === 0) return met() ? (printObjects(inv, [last], 'condition met'), undefined) : { message: `condition not met for ${label}` };
  const remaining = deadline - inv.env.now();
  if (remaining < 0) return timedOut;
  if (!(await inv.env.waitUntil(met, remaining, inv.ctx.signal))) return timedOut;
  printObjects(inv, [last], 'condition met');
  return undefined;
}

async function runWait(inv: Invocation): Promise<number> {
  validateOutputFormat(inv);
  const condition = parseWaitFor(inv.flags.string('for'));
  const given = inv.flags.has('timeout') ? inv.flags.number('timeout', 30_000) : 30_000;
  const timeout = given < 0 ? WEEK_MS : given;
  const deadline = inv.env.now() + timeout;
  const client = inv.client();
  const args = inv.flags.positional;
  let found = collectTargets(inv, client, args, { all: true });
  if (condition.kind === 'create') {
    const notFound = (): boolean => found.errors.some((e) => 'status' in e && e.status.code === 404);
    // Poll every 500 ms until the builder finds everything.
    while (notFound() && !inv.ctx.signal.aborted) {
      if (inv.env.now() + 500 > deadline) throw new KubectlError('error: timed out waiting for the condition\n');
      await inv.env.waitUntil(() => false, 500, inv.ctx.signal);
      found = collectTargets(inv, client, args, { all: true });
    }
  }
  const failures: VisitError[] = condition.kind === 'delete' ? found.errors.filter((e) => !('status' in e && e.status.code === 404)) : [...found.errors];
  for (const target of found.targets) {
    if (inv.ctx.signal.aborted) break;
    const error = await waitFor(inv, target, condition, deadline, timeout);
    if (error) failures.push(error);
  }
  if (found.targets.length === 0 && found.errors.length === 0 && condition.kind !== 'delete') failures.push({ message: 'no matching resources found' });
  return reportErrors(inv, failures);
}

export const WAIT_COMMAND: KubectlCommand = { flags: WAIT_FLAGS, run: runWait };
