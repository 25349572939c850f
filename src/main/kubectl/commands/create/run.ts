/**
 * `kubectl run NAME --image=IMAGE`: the run-pod/v1 generator's Pod (`run=NAME` labels, `--env`,
 * `--port`, `--restart`, `-- args` or `--command -- cmd`), with `--expose` a ClusterIP Service
 * too. With `-i`/`--attach` it waits for the Pod, shows its output (logs of a finished Pod, the
 * attached stream of a running one), waits for it to finish under Never/OnFailure, and with
 * `--rm` deletes what it created.
 */
import type { Pod } from '../../../../shared/api/core.js';
import type { KubeObject } from '../../../../shared/api/meta.js';
import { PODS, SERVICES, type ResourceRef } from '../../../cluster/client/resources.js';
import type { KubectlCommand } from '../../command.js';
import { recordChangeCause } from '../../change-cause.js';
import { KubectlError, formatStatusError } from '../../errors.js';
import { type FlagSpec, RECORD_FLAG } from '../../flags.js';
import type { Invocation } from '../../invocation.js';
import { DRY_RUN_FLAG, type DryRun, PRINT_FLAGS, dryRunOf, dryRunQuery, printObjects, validateOutputFormat } from '../../print-flags.js';
import { pollUntilInterrupted } from '../troubleshooting/blocking.js';
import { followStream, readLog } from '../troubleshooting/log-stream.js';
import { attachToPod } from '../troubleshooting/terminal-stream.js';
import { applyOverrides } from './run-overrides.js';
import { generateService } from './service-generator.js';
import { checkRequiredFlags, objectMeta, saveConfig } from './subcommand.js';

const RUN_FLAGS: FlagSpec[] = [
  ...PRINT_FLAGS,
  DRY_RUN_FLAG,
  { name: 'annotations', type: 'stringArray' },
  { name: 'image', type: 'string' },
  { name: 'image-pull-policy', type: 'string' },
  { name: 'rm', type: 'bool' },
  { name: 'env', type: 'stringArray' },
  { name: 'port', type: 'string' },
  { name: 'labels', short: 'l', type: 'string' },
  { name: 'stdin', short: 'i', type: 'bool' },
  { name: 'tty', short: 't', type: 'bool' },
  { name: 'attach', type: 'bool' },
  { name: 'leave-stdin-open', type: 'bool' },
  { name: 'restart', type: 'string' },
  { name: 'command', type: 'bool' },
  { name: 'expose', type: 'bool' },
  { name: 'quiet', short: 'q', type: 'bool' },
  { name: 'privileged', type: 'bool' },
  { name: 'overrides', type: 'string' },
  { name: 'override-type', type: 'string' },
  { name: 'pod-running-timeout', type: 'duration' },
  { name: 'save-config', type: 'bool' },
  { name: 'field-manager', type: 'string' },
  RECORD_FLAG,
  { name: 'cascade', type: 'string', noOptDefault: 'background' },
  { name: 'filename', short: 'f', type: 'stringArray' },
  { name: 'force', type: 'bool' },
  { name: 'grace-period', type: 'int' },
  { name: 'kustomize', short: 'k', type: 'string' },
  { name: 'recursive', short: 'R', type: 'bool' },
  { name: 'timeout', type: 'duration' },
  { name: 'wait', type: 'bool' },
];

/** The distribution reference grammar kubectl checks images against (reference.ReferenceRegexp). */
const DOMAIN_PART = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const PATH_PART = '[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*';
const IMAGE_REFERENCE = new RegExp(
  `^(?:(?:${DOMAIN_PART}(?:\\.${DOMAIN_PART})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?/)?${PATH_PART}(?:/${PATH_PART})*(?::[\\w][\\w.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?$`,
);

const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

interface Created {
  ref: ResourceRef;
  kind: string;
  object: KubeObject;
}

function usage(message: string): KubectlError {
  return new KubectlError(`error: ${message}\nSee 'kubectl run -h' for help and examples\n`);
}

/** generate.ParseLabels: `k=v,k2=v2`. */
function parseLabels(spec: string): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const pair of spec.split(',')) {
    const parts = pair.split('=');
    if (parts.length !== 2 || !parts[0]) throw new KubectlError(`error: invalid label spec: ${pair}\n`);
    labels[parts[0]] = parts[1]!;
  }
  return labels;
}

function parseEnv(values: string[]): { name: string; value: string }[] {
  return values.map((env) => {
    const eq = env.indexOf('=');
    const name = eq >= 0 ? env.slice(0, eq) : '';
    if (!name || !ENV_NAME.test(name)) throw new KubectlError(`error: invalid env: ${env}\n`);
    return { name, value: env.slice(eq + 1) };
  });
}

function parseAnnotations(values: string[]): Record<string, string> | undefined {
  if (values.length === 0) return undefined;
  const annotations: Record<string, string> = {};
  for (const pair of values) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new KubectlError(`error: invalid annotation format: ${pair}\n`);
    annotations[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return annotations;
}

/** The run-pod/v1 generator's Pod, in Go field order. */
function generatePod(inv: Invocation, name: string, args: string[], restartPolicy: string): KubeObject {
  const f = inv.flags;
  const labelsFlag = f.string('labels');
  const env = parseEnv(f.strings('env'));
  const port = f.string('port');
  if (port && !/^[-+]?\d+$/.test(port)) throw new KubectlError(`error: strconv.Atoi: parsing ${JSON.stringify(port)}: invalid syntax\n`);
  const stdin = f.bool('stdin');
  const container: Record<string, unknown> = {
    name,
    image: f.string('image'),
    ...(args.length > 0 ? (f.bool('command') ? { command: args } : { args }) : {}),
    ...(port ? { ports: [{ containerPort: Number(port) }] } : {}),
    ...(env.length > 0 ? { env } : {}),
    resources: {},
    ...(f.string('image-pull-policy') ? { imagePullPolicy: f.string('image-pull-policy') } : {}),
    ...(f.bool('privileged') ? { securityContext: { privileged: true } } : {}),
    ...(stdin ? { stdin: true } : {}),
    ...(stdin && !f.bool('leave-stdin-open') ? { stdinOnce: true } : {}),
    ...(f.bool('tty') ? { tty: true } : {}),
  };
  const annotations = parseAnnotations(f.strings('annotations'));
  return {
    kind: 'Pod',
    apiVersion: 'v1',
    metadata: objectMeta(name, '', { labels: labelsFlag ? parseLabels(labelsFlag) : { run: name }, ...(annotations ? { annotations } : {}) }),
    spec: { containers: [container], restartPolicy, dnsPolicy: 'ClusterFirst' },
    status: {},
  };
}

/** createGeneratedObject: create (or, for a client dry run, keep) one generated object. */
function createGenerated(inv: Invocation, ref: ResourceRef, object: KubeObject, dryRun: DryRun): KubeObject {
  recordChangeCause(inv, object);
  if (dryRun === 'client') {
    if (inv.flags.has('namespace')) object.metadata.namespace = inv.namespace;
    return object;
  }
  saveConfig(inv, object);
  const fieldManager = inv.flags.has('field-manager') ? inv.flags.string('field-manager') : 'kubectl-run';
  const created = inv.client().create(ref, inv.namespace, object, { ...dryRunQuery(dryRun), ...(fieldManager ? { fieldManager } : {}) });
  if (!created.ok) throw new KubectlError(formatStatusError(created.status));
  return created.value;
}

function restartPolicyOf(inv: Invocation): string {
  const restart = inv.flags.string('restart', 'Always');
  if (restart === '') return inv.flags.bool('stdin') ? 'OnFailure' : 'Always';
  if (!['Always', 'OnFailure', 'Never'].includes(restart)) throw usage(`invalid restart policy: ${restart}`);
  return restart;
}

function currentPod(inv: Invocation, name: string): Pod | undefined {
  const got = inv.client().get<Pod>(PODS, inv.namespace, name);
  return got.ok ? got.value : undefined;
}

function completed(pod: Pod | undefined): boolean {
  return pod?.status?.phase === 'Succeeded' || pod?.status?.phase === 'Failed';
}

function runningAndReady(pod: Pod | undefined): boolean {
  return pod?.status?.phase === 'Running' && (pod.status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

/** waitForPod: the Pod once `condition` holds, or kubectl's timeout error. */
async function waitForPod(inv: Invocation, name: string, timeoutMs: number, condition: (pod: Pod | undefined) => boolean): Promise<Pod> {
  let pod: Pod | undefined;
  const met = await inv.env.waitUntil(() => condition((pod = currentPod(inv, name))), timeoutMs, inv.ctx.signal);
  if (!pod) throw new KubectlError(`Error from server (NotFound): pods "${name}" not found\n`);
  if (!met) throw new KubectlError('error: timed out waiting for the condition\n');
  return pod;
}

/** handleAttachPod: logs of a finished Pod, else the attached container's output until it stops. */
async function showOutput(inv: Invocation, name: string, timeoutMs: number): Promise<void> {
  const pod = await waitForPod(inv, name, timeoutMs, (p) => completed(p) || runningAndReady(p));
  const container = pod.spec.containers[0]!.name;
  if (completed(pod)) {
    const log = readLog(inv.client(), { pod, container }, {});
    if (!log.ok) throw new KubectlError(log.error);
    inv.out(log.text);
    return;
  }
  // AttachOptions' SetupTTY: a TTY needs a terminal on kubectl's stdin.
  if (inv.flags.bool('tty') && !inv.ctx.terminal && !inv.flags.bool('quiet')) inv.err('Unable to use a TTY - input is not a terminal or the right kind of file\n');
  if (!inv.flags.bool('quiet')) inv.err("If you don't see a command prompt, try pressing enter.\n");
  // `-i` to a shell reading its terminal: the learner's terminal (or the piped input) goes to it.
  if (inv.flags.bool('stdin') && (await attachToPod(inv, inv.client(), pod, container)) !== undefined) return;
  const stream = followStream(inv, inv.client(), { pod, container }, { prefix: '' });
  await pollUntilInterrupted(inv, () => stream.step());
}

/** How run ends: its exit status and what it says on stderr. */
interface Outcome {
  code: number;
  text: string;
}

/** The exit status run reports for the finished Pod (its container's exit code when it failed). */
function finalStatus(pod: Pod): Outcome {
  const where = `${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}`;
  if (pod.status?.phase === 'Succeeded') return { code: 0, text: '' };
  if (pod.status?.phase !== 'Failed') throw new KubectlError(`error: pod ${where} left in phase ${pod.status?.phase ?? ''}\n`);
  const terminated = pod.status.containerStatuses?.[0]?.state?.terminated;
  if (!terminated || terminated.exitCode === 0) throw new KubectlError(`error: pod ${where} failed with unknown exit code\n`);
  const message = terminated.message ?? '';
  return { code: terminated.exitCode, text: `error: pod ${where} terminated (${terminated.reason ?? ''})\n${message}${message && !message.endsWith('\n') ? '\n' : ''}` };
}

/** `--rm`: delete what run created, as `kubectl delete` reports it, and wait until it is gone. */
async function removeCreated(inv: Invocation, created: Created[]): Promise<void> {
  const client = inv.client();
  for (const { ref, kind, object } of created) {
    const name = object.metadata.name ?? '';
    const deleted = client.delete(ref, inv.namespace, name, { propagationPolicy: 'Background' });
    if (!deleted.ok) {
      inv.err(formatStatusError(deleted.status));
      continue;
    }
    inv.out(`${kind} "${name}" deleted\n`);
    await inv.env.waitUntil(() => !client.get(ref, inv.namespace, name).ok, 60_000, inv.ctx.signal);
  }
}

async function attachAndWait(inv: Invocation, name: string, restartPolicy: string, timeoutMs: number): Promise<Outcome> {
  await showOutput(inv, name, timeoutMs);
  const waitForExit = !inv.flags.bool('leave-stdin-open') && (restartPolicy === 'Never' || restartPolicy === 'OnFailure');
  if (!waitForExit) return { code: 0, text: '' };
  const pod = await waitForPod(inv, name, timeoutMs, restartPolicy === 'OnFailure' ? (p) => p?.status?.phase === 'Succeeded' : completed);
  return finalStatus(pod);
}

async function runRun(inv: Invocation): Promise<number> {
  const f = inv.flags;
  checkRequiredFlags(inv, ['image']);
  const dryRun = dryRunOf(inv);
  validateOutputFormat(inv);
  const attach = f.has('attach') ? f.bool('attach') : f.bool('stdin');
  const [name, ...rest] = f.positional;
  if (!name) throw usage('NAME is required for run');
  const timeoutMs = f.number('pod-running-timeout', 60_000);
  if (timeoutMs <= 0) throw usage('--pod-running-timeout must be higher than zero');
  const image = f.string('image');
  if (!image) throw new KubectlError('error: --image is required\n');
  if (!IMAGE_REFERENCE.test(image)) throw new KubectlError(`error: Invalid image name ${JSON.stringify(image)}: invalid reference format\n`);
  if (f.bool('tty') && !f.bool('stdin')) throw usage('-i/--stdin is required for containers with -t/--tty=true');
  if (f.bool('expose') && !f.string('port')) throw usage('--port must be set when exposing a service');
  const restartPolicy = restartPolicyOf(inv);
  const remove = f.bool('rm');
  if (!attach && remove) throw usage('--rm should only be used for attached containers');
  if (attach && dryRun !== 'none') throw usage("--dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)");
  const pullPolicy = f.string('image-pull-policy');
  if (pullPolicy && !['Always', 'IfNotPresent', 'Never'].includes(pullPolicy)) throw usage(`invalid image pull policy: ${pullPolicy}`);

  const args = [...rest, ...f.afterDash];
  const pod = createGenerated(inv, PODS, applyOverrides(inv, generatePod(inv, name, args, restartPolicy)), dryRun);
  const created: Created[] = [{ ref: PODS, kind: 'pod', object: pod }];
  if (f.bool('expose')) {
    const labels = f.string('labels');
    const service = generateService({ name, namespace: '', selector: labels || `run=${name}`, labels: labels || undefined, ports: f.string('port') });
    const result = createGenerated(inv, SERVICES, service, dryRun);
    printObjects(inv, [result], 'created', dryRun);
    if (f.string('output') === 'yaml') inv.out('---\n');
    created.push({ ref: SERVICES, kind: 'service', object: result });
  }
  if (!attach) {
    printObjects(inv, [pod], 'created', dryRun);
    return 0;
  }
  let outcome: Outcome;
  try {
    outcome = await attachAndWait(inv, name, restartPolicy, timeoutMs);
  } finally {
    if (remove) await removeCreated(inv, created);
  }
  inv.err(outcome.text);
  return outcome.code;
}

export const RUN_COMMAND: KubectlCommand = { flags: RUN_FLAGS, run: runRun };
