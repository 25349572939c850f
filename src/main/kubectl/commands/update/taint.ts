/**
 * `kubectl taint nodes NAME key=value:Effect | key:Effect- | key-`: the node's new taint list
 * computed as taint.go's reorganizeTaints does, sent as a strategic merge patch, with
 * `node/x tainted`, `untainted` or `modified`.
 */
import type { Node, Taint } from '../../../../shared/api/core.js';
import { validateQualifiedName } from '../../../cluster/apiserver/registry/validation.js';
import type { KubectlCommand } from '../../command.js';
import { KubectlError } from '../../errors.js';
import type { FlagSpec } from '../../flags.js';
import type { Invocation } from '../../invocation.js';
import { DRY_RUN_FLAG, PRINT_FLAGS, dryRunOf, dryRunQuery, printObjects, validateOutputFormat } from '../../print-flags.js';
import { resolveResource } from '../../resource-resolver.js';
import { labelValueErrors } from './label.js';
import { createMergePatch } from './merge-diff.js';
import { type VisitError, collectTargets, reportErrors } from './targets.js';

const TAINT_FLAGS: FlagSpec[] = [
  ...PRINT_FLAGS,
  DRY_RUN_FLAG,
  { name: 'all', type: 'bool' },
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'overwrite', type: 'bool' },
  { name: 'validate', type: 'string', noOptDefault: 'strict' },
  { name: 'field-manager', type: 'string' },
];

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** Taint.ToString. */
function taintText(taint: Pick<Taint, 'key' | 'value' | 'effect'>): string {
  const kv = taint.value ? `${taint.key}=${taint.value}` : taint.key;
  return taint.effect ? `${kv}:${taint.effect}` : kv;
}

function usage(inv: Invocation, message: string): KubectlError {
  return inv.usageError(message);
}

/** utils.go's parseTaint. */
function parseTaint(inv: Invocation, spec: string): Taint {
  const parts = spec.split(':');
  let key: string;
  let value = '';
  let effect = '';
  if (parts.length === 1) {
    key = parts[0]!;
  } else if (parts.length === 2) {
    effect = parts[1]!;
    if (!EFFECTS.includes(effect)) throw usage(inv, `invalid taint effect: ${effect}, unsupported taint effect`);
    const kv = parts[0]!.split('=');
    if (kv.length > 2) throw usage(inv, `invalid taint spec: ${spec}`);
    key = kv[0]!;
    if (kv.length === 2) {
      value = kv[1]!;
      const errors = labelValueErrors(value);
      if (errors.length > 0) throw usage(inv, `invalid taint spec: ${spec}, ${errors.join('; ')}`);
    }
  } else {
    throw usage(inv, `invalid taint spec: ${spec}`);
  }
  // IsQualifiedName's bare messages (the field error adds an `Invalid value: "…": ` prefix).
  const keyErrors = validateQualifiedName(key, '').map((e) => e.detail.slice(e.detail.indexOf(': ', e.detail.indexOf('": ')) + 2));
  if (keyErrors.length > 0) throw usage(inv, `invalid taint spec: ${spec}, ${keyErrors.join('; ')}`);
  return { key, ...(value ? { value } : {}), effect: effect as Taint['effect'] };
}

function parseTaints(inv: Invocation, specs: string[]): { add: Taint[]; remove: Taint[] } {
  const add: Taint[] = [];
  const remove: Taint[] = [];
  for (const spec of specs) {
    if (spec.endsWith('-')) {
      const taint = parseTaint(inv, spec.slice(0, -1));
      remove.push({ key: taint.key, effect: taint.effect });
      continue;
    }
    const taint = parseTaint(inv, spec);
    if (!taint.effect) throw usage(inv, `invalid taint spec: ${spec}`);
    if (add.some((t) => t.key === taint.key && t.effect === taint.effect)) {
      throw usage(inv, `duplicated taints with the same key and effect: {${taint.key} ${taint.value ?? ''} ${taint.effect} <nil>}`);
    }
    add.push(taint);
  }
  return { add, remove };
}

const matches = (a: Taint, b: Taint): boolean => a.key === b.key && a.effect === b.effect;

/** reorganizeTaints: the new list, the operation word, and the removals that found nothing. */
function reorganize(old: Taint[], add: Taint[], remove: Taint[], overwrite: boolean): { taints: Taint[]; operation: string; errors: string[] } {
  let taints = [...add];
  for (const taint of old) if (!taints.some((t) => matches(t, taint))) taints.push(taint);
  const added = old.length !== taints.length;
  const errors: string[] = [];
  let deleted = false;
  for (const taint of remove) {
    const before = taints.length;
    taints = taints.filter((t) => (taint.effect ? !matches(taint, t) : t.key !== taint.key));
    deleted = taints.length !== before;
    if (!deleted) errors.push(`taint ${JSON.stringify(taintText(taint))} not found`);
  }
  const operation = (added && deleted) || overwrite ? 'modified' : added ? 'tainted' : 'untainted';
  return { taints, operation, errors };
}

async function runTaint(inv: Invocation): Promise<number> {
  const dryRun = dryRunOf(inv);
  validateOutputFormat(inv);
  const resources: string[] = [];
  const specs: string[] = [];
  for (const arg of inv.flags.positional) {
    const isTaint = arg.includes('=') || arg.includes(':') || arg.endsWith('-');
    if (isTaint) specs.push(arg);
    else if (specs.length > 0) throw new KubectlError(`error: all resources must be specified before taint changes: ${arg}\n`);
    else resources.push(arg);
  }
  if (resources.length === 0) throw new KubectlError('error: one or more resources must be specified as <resource> <name>\n');
  if (specs.length === 0) throw new KubectlError('error: at least one taint update is required\n');
  const { add, remove } = parseTaints(inv, specs);
  const client = inv.client();
  const type = resources[0]!.toLowerCase();
  const resource = resolveResource(type, client.discovery());
  if (!resource) throw new KubectlError(`error: the server doesn't have a resource type "${type}"\n`);
  if (resource.kind !== 'Node') throw new KubectlError(`error: invalid resource type ${type}, only node types are supported\n`);
  const conflicts = remove.filter((r) => add.some((a) => a.key === r.key && (!r.effect || a.effect === r.effect)));
  if (conflicts.length > 0) {
    const listed = conflicts.map((t) => `${t.key}=${t.effect}`).join(', ');
    throw new KubectlError(`error: can not both modify and remove the following taint(s) in the same command: ${listed}\n`);
  }
  const all = inv.flags.bool('all');
  const selector = inv.flags.string('selector');
  if (all && selector) throw new KubectlError("error: setting 'all' parameter with a non empty selector is prohibited\n");
  if (!all && !selector && resources.length < 2) {
    throw new KubectlError("error: at least one resource name must be specified since 'all' parameter is not set\n");
  }
  const args = all || selector ? ['nodes'] : ['nodes', ...resources.slice(1)];
  const { targets, errors } = collectTargets(inv, client, args, { all: true });
  const failures: VisitError[] = [...errors];
  const overwrite = inv.flags.bool('overwrite');
  for (const target of targets) {
    const node = target.object as Node;
    const old = node.spec?.taints ?? [];
    if (!overwrite) {
      const existing = add.filter((t) => old.some((o) => matches(o, t))).map((t) => t.key);
      if (existing.length > 0) {
        failures.push({ message: `node ${target.name} already has ${existing.join(',')} taint(s) with same effect(s) and --overwrite is false` });
        continue;
      }
    }
    const { taints, operation, errors: notFound } = reorganize(old, add, remove, overwrite);
    if (notFound.length > 0) {
      failures.push({ message: notFound.length === 1 ? notFound[0]! : `[${notFound.join(', ')}]` });
      continue;
    }
    const next = structuredClone(node);
    next.spec ??= {};
    if (taints.length > 0) next.spec.taints = taints;
    else delete next.spec.taints;
    if (dryRun === 'client') {
      printObjects(inv, [next], operation, dryRun);
      continue;
    }
    const patch = createMergePatch(node, next);
    const fieldManager = inv.flags.string('field-manager') || 'kubectl-taint';
    const patched = client.patch(target.ref, undefined, target.name, 'strategic', patch, { query: { fieldManager, ...dryRunQuery(dryRun) } });
    if (!patched.ok) {
      failures.push({ status: patched.status });
      continue;
    }
    printObjects(inv, [patched.value], operation, dryRun);
  }
  return reportErrors(inv, failures);
}

export const TAINT_COMMAND: KubectlCommand = { flags: TAINT_FLAGS, run: runTaint };
