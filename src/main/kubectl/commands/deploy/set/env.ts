/**
 * `kubectl set env`: `KEY=value` and `KEY-` (arguments or `-e`), `--from=configmap/x|secret/x`
 * (with `--keys` and `--prefix`) on the `-c` containers; `--list` prints the variables instead.
 */
import type { Container } from '../../../../../shared/api/core.js';
import type { KubeObject } from '../../../../../shared/api/meta.js';
import { KubectlError } from '../../../errors.js';
import type { Invocation } from '../../../invocation.js';
import { dryRunOf, validateOutputFormat } from '../../../print-flags.js';
import { sliceFlag } from '../../create/subcommand.js';
import type { Subcommand } from '../../../command-group.js';
import { findTargets, requireResources } from '../targets.js';
import { type Refusal, SET_FLAGS, finish, namedUnlessLocal, patchPodTemplates, podSpecOf, selectContainers, setTargets } from './patch-objects.js';

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: Record<string, Record<string, unknown>>;
}

const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
const ENV_NAME_ERROR =
  "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')";

/** SplitEnvironmentFromResources: resources first, then `KEY=value` / `KEY-`. */
function splitArgs(args: string[]): { resources: string[]; envArgs: string[] } {
  const resources: string[] = [];
  const envArgs: string[] = [];
  for (const arg of args) {
    const isEnv = /^.+=/s.test(arg) || arg.endsWith('-');
    if (isEnv) envArgs.push(arg);
    else if (envArgs.length > 0) throw new KubectlError(`error: all resources must be specified before environment changes: ${args.join(' ')}\n`);
    else resources.push(arg);
  }
  return { resources, envArgs };
}

/** envutil.ParseEnv (`-` reads KEY=value lines from stdin). */
function parseEnv(inv: Invocation, specs: string[]): { env: EnvVar[]; remove: string[] } {
  const env: EnvVar[] = [];
  const remove: string[] = [];
  for (const spec of specs) {
    if (spec === '-') {
      for (const line of inv.ctx.stdin.split('\n')) {
        const text = line.includes('#') ? line.slice(0, line.indexOf('#')) : line;
        const eq = text.indexOf('=');
        if (eq >= 0) env.push({ name: text.slice(0, eq), value: text.slice(eq + 1) });
      }
    } else if (spec.includes('=')) {
      const eq = spec.indexOf('=');
      const name = spec.slice(0, eq);
      if (!ENV_NAME.test(name)) throw new KubectlError(`error: "${name}" is not a valid key name: ${ENV_NAME_ERROR}\n`);
      env.push({ name, value: spec.slice(eq + 1) });
    } else if (spec.endsWith('-')) {
      remove.push(spec.slice(0, -1));
    } else {
      throw new KubectlError(`error: unknown environment variable: ${spec}\n`);
    }
  }
  if (remove.some((r) => env.some((e) => e.name === r))) {
    throw new KubectlError('error: can not both modify and remove the same environment variable in the same command\n');
  }
  return { env, remove };
}

/** keyToEnvName: upper case, anything but letters, digits and `_` turned into `_` (with a warning). */
function keyToEnvName(inv: Invocation, key: string): string {
  const name = key.replace(/[^a-zA-Z0-9_]/g, '_').toUpperCase();
  if (name !== key) inv.err(`Warning: key ${key} transferred to ${name}\n`);
  return name;
}

/**
 * `--from`: one variable per key of the ConfigMap's or Secret's data, referring to it. With
 * `--local` the builder reads the `-f` objects instead, so anything but a ConfigMap or Secret there
 * is refused.
 */
function envFrom(inv: Invocation): EnvVar[] {
  const from = inv.flags.string('from');
  if (!from) return [];
  const keys = sliceFlag(inv, 'keys');
  const env: EnvVar[] = [];
  const local = inv.flags.bool('local');
  for (const { object } of findTargets(inv, local ? [] : [from], { allowEmptySelector: inv.flags.bool('all'), local })) {
    const data = (object as { data?: Record<string, string> }).data ?? {};
    const refKind = object.kind === 'Secret' ? 'secretKeyRef' : object.kind === 'ConfigMap' ? 'configMapKeyRef' : undefined;
    if (!refKind) throw new KubectlError('error: unsupported resource specified in --from\n');
    for (const key of Object.keys(data).sort()) {
      if (keys.length > 0 && !keys.includes(key)) continue;
      env.push({ name: keyToEnvName(inv, key), valueFrom: { [refKind]: { name: object.metadata.name, key } } });
    }
  }
  return env;
}

/** updateEnv: drop the removed, replace in place, append the new. */
function updateEnv(existing: EnvVar[], env: EnvVar[], remove: string[]): EnvVar[] {
  const covered = new Set(remove);
  const out: EnvVar[] = [];
  for (const e of existing) {
    if (covered.has(e.name)) continue;
    const newer = env.find((n) => n.name === e.name);
    if (newer) {
      covered.add(e.name);
      out.push(newer);
    } else {
      out.push(e);
    }
  }
  for (const e of env) {
    if (covered.has(e.name)) continue;
    covered.add(e.name);
    out.push(e);
  }
  return out;
}

/** GetEnvVarRefString. */
function refString(from: Record<string, Record<string, unknown>>): string {
  const ref = (key: string): Record<string, unknown> | undefined => from[key];
  if (ref('configMapKeyRef')) return `configmap ${String(ref('configMapKeyRef')!.name)}, key ${String(ref('configMapKeyRef')!.key)}`;
  if (ref('secretKeyRef')) return `secret ${String(ref('secretKeyRef')!.name)}, key ${String(ref('secretKeyRef')!.key)}`;
  if (ref('fieldRef')) return `field path ${String(ref('fieldRef')!.fieldPath)}`;
  if (ref('resourceFieldRef')) {
    const r = ref('resourceFieldRef')!;
    return `resource field ${r.containerName ? `${String(r.containerName)}/` : ''}${String(r.resource)}`;
  }
  return 'invalid valueFrom';
}

function listEnv(inv: Invocation, object: KubeObject, container: Container): void {
  inv.out(`# ${object.kind ?? ''} ${object.metadata.name ?? ''}, container ${container.name}\n`);
  for (const e of (container.env ?? []) as EnvVar[]) {
    inv.out(e.valueFrom ? `# ${e.name} from ${refString(e.valueFrom)}\n` : `${e.name}=${e.value ?? ''}\n`);
  }
}

export const SET_ENV: Subcommand = {
  flags: [
    ...SET_FLAGS,
    { name: 'containers', short: 'c', type: 'string' },
    { name: 'env', short: 'e', type: 'stringArray' },
    { name: 'from', type: 'string' },
    { name: 'prefix', type: 'string' },
    { name: 'keys', type: 'stringArray' },
    { name: 'list', type: 'bool' },
    { name: 'resolve', type: 'bool' },
    { name: 'overwrite', type: 'bool' },
  ],
  run: async (inv, args) => {
    const dryRun = dryRunOf(inv);
    validateOutputFormat(inv);
    if (inv.flags.bool('all') && inv.flags.string('selector')) throw new KubectlError('error: cannot set --all and --selector at the same time\n');
    const { resources, envArgs } = splitArgs(args);
    if (inv.flags.bool('local') && dryRun === 'server') throw new KubectlError('error: cannot specify --local and --dry-run=server - did you mean --dry-run=client?\n');
    if (inv.flags.strings('filename').length === 0 && resources.length < 1) {
      throw new KubectlError('error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n');
    }
    const list = inv.flags.bool('list');
    if (list && inv.flags.string('output')) throw new KubectlError('error: --list and --output may not be specified together\n');
    if (sliceFlag(inv, 'keys').length > 0 && !inv.flags.string('from')) {
      throw new KubectlError('error: when specifying --keys, a configmap or secret must be provided with --from\n');
    }
    const parsed = parseEnv(inv, [...inv.flags.strings('env'), ...envArgs]);
    const env = [...parsed.env, ...envFrom(inv)];
    const prefix = inv.flags.string('prefix');
    if (prefix) for (const e of env) e.name = `${prefix}${e.name}`;
    requireResources(inv, resources);
    const named = namedUnlessLocal(inv, resources);
    requireResources(inv, named);
    const targets = setTargets(inv, named, dryRun);
    const selector = inv.flags.string('containers', '*');
    const overwrite = inv.flags.bool('overwrite', true);
    const change = (object: KubeObject): Refusal | undefined => {
      const spec = podSpecOf(object)!;
      const containers = [...selectContainers(spec.containers, selector), ...selectContainers(spec.initContainers, selector)];
      if (containers.length === 0) {
        inv.err(`Warning: ${object.kind ?? ''}/${object.metadata.name ?? ''} does not have any containers matching "${selector}"\n`);
        return undefined;
      }
      for (const c of containers) {
        const current = (c.env ?? []) as EnvVar[];
        if (!overwrite) {
          const clash = env.map((e) => [e, current.find((x) => x.name === e.name)] as const).find(([e, x]) => x && (x.value ?? '') !== (e.value ?? ''));
          if (clash) return { objectError: `'${clash[1]!.name}' already has a value (${clash[1]!.value ?? ''}), and --overwrite is false` };
        }
        const updated = updateEnv(current, env, parsed.remove);
        if (updated.length > 0) c.env = updated as Container['env'];
        else delete c.env;
        if (list) listEnv(inv, object, c);
      }
      return undefined;
    };
    if (list) {
      for (const target of targets) if (podSpecOf(target.object)) change(structuredClone(target.object));
      return 0;
    }
    const errors = patchPodTemplates(inv, targets, dryRun, 'env updated', 'failed to patch env update to pod template: ', (_spec, object) => change(object));
    return finish(inv, errors);
  },
};
