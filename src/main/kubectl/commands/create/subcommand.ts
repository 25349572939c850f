/**
 * What every `kubectl create <kind>` generator shares (CreateSubcommandOptions and its copies):
 * the one NAME argument, cobra's required-flag check, `--save-config`, and the create request —
 * or, for `--dry-run=client`, just the generated object — printed through PrintFlags.
 */
import type { KubeObject } from '../../../../shared/api/meta.js';
import type { ResourceRef } from '../../../cluster/client/resources.js';
import { KubectlError, formatStatusError } from '../../errors.js';
import type { FlagSpec } from '../../flags.js';
import type { Invocation } from '../../invocation.js';
import { toJsonInFieldOrder } from '../../printers/json-printer.js';
import { type DryRun, DRY_RUN_FLAG, PRINT_FLAGS, dryRunOf, dryRunQuery, printObjects, validateOutputFormat } from '../../print-flags.js';
import { LAST_APPLIED, fieldValidationOf } from '../apply.js';

/** What a generator gets: the NAME, the arguments after `--`, and the namespace if `-n` enforced one. */
export interface CreateContext {
  inv: Invocation;
  name: string;
  /** Arguments after NAME (for `create deployment x -- cmd`: the command). */
  command: string[];
  /** The `-n` namespace when one was given (the object then carries it), else ''. */
  enforcedNamespace: string;
  /** `kubectl create deployment`: for usage hints. */
  commandPath: string;
}

interface SubcommandBase {
  flags: FlagSpec[];
  /** Flags cobra insists on (MarkFlagRequired). */
  required?: string[];
}

/** A generator: builds an object that is then created (or only printed, for a client dry run). */
export interface GeneratorSubcommand extends SubcommandBase {
  ref: ResourceRef;
  namespaced: boolean;
  /** `failed to create deployment: ` — how the generator wraps a server error (none: printed as is). */
  failurePrefix?: string;
  /** The object in Go struct field order (what `--save-config` records), or a KubectlError. */
  build(c: CreateContext): KubeObject | Promise<KubeObject>;
}

/** A subcommand that creates no object of its own (`create token`). */
export interface CustomSubcommand extends SubcommandBase {
  namespaced: boolean;
  run(c: CreateContext): number;
}

export type CreateSubcommand = GeneratorSubcommand | CustomSubcommand;

/** The flags of every generator: printing, dry run, `--save-config`, validation, field manager. */
export const GENERATOR_FLAGS: FlagSpec[] = [
  ...PRINT_FLAGS,
  DRY_RUN_FLAG,
  { name: 'save-config', type: 'bool' },
  { name: 'validate', type: 'string', noOptDefault: 'strict' },
  { name: 'field-manager', type: 'string' },
];

/** cobra's ValidateRequiredFlags failure, as kubectl's CheckErr prints it. */
export function requiredFlagsError(_inv: Invocation, missing: string[]): KubectlError {
  const list = missing.map((m) => `"${m}"`).join(' ');
  return new KubectlError(`error: required flag(s) ${list} not set\n`);
}

export function checkRequiredFlags(inv: Invocation, required: readonly string[]): void {
  const missing = required.filter((r) => !inv.flags.has(r));
  if (missing.length > 0) throw requiredFlagsError(inv, missing);
}

/** A pflag StringSlice: every occurrence, each split on commas. */
export function sliceFlag(inv: Invocation, name: string): string[] {
  return inv.flags.strings(name).flatMap((v) => (v === '' ? [] : v.split(',')));
}

/** ObjectMeta's JSON in Go field order; `creationTimestamp: null` as the typed structs marshal it. */
export function objectMeta(name: string, namespace: string, rest: { labels?: Record<string, string>; annotations?: Record<string, string> } = {}): KubeObject['metadata'] {
  return {
    name,
    ...(namespace ? { namespace } : {}),
    creationTimestamp: null,
    ...(rest.labels ? { labels: rest.labels } : {}),
    ...(rest.annotations ? { annotations: rest.annotations } : {}),
  };
}

export function usageError(commandPath: string, message: string): KubectlError {
  return new KubectlError(`error: ${message}\nSee '${commandPath} -h' for help and examples\n`);
}

/** Go's json.Marshal of a typed object: its fields in struct order, as built. */
function goJson(object: KubeObject): string {
  return `${JSON.stringify(object)}\n`;
}

/** cmdutil's CreateOrUpdateAnnotation: record the object itself when `--save-config` is set. */
export function saveConfig(inv: Invocation, object: KubeObject): void {
  if (!inv.flags.bool('save-config')) return;
  const recorded = goJson(object);
  object.metadata.annotations = { ...(object.metadata.annotations ?? {}), [LAST_APPLIED]: recorded };
}

/** Send the create (or a server dry run) as kubectl does and print what comes back. */
function submitCreate(inv: Invocation, sub: GeneratorSubcommand, object: KubeObject, dryRun: DryRun): number {
  const fieldValidation = fieldValidationOf(inv);
  saveConfig(inv, object);
  if (dryRun === 'client') {
    // The generated object is still Go's typed struct: JSON keeps its field order.
    if (inv.flags.string('output') === 'json') inv.out(toJsonInFieldOrder(object));
    else printObjects(inv, [object], 'created', dryRun);
    return 0;
  }
  const fieldManager = inv.flags.has('field-manager') ? inv.flags.string('field-manager') : 'kubectl-create';
  const namespace = sub.namespaced ? inv.namespace : undefined;
  const created = inv.client().create(sub.ref, namespace, object, { ...dryRunQuery(dryRun), ...(fieldManager ? { fieldManager } : {}), fieldValidation });
  if (!created.ok) {
    if (sub.failurePrefix === undefined) throw new KubectlError(formatStatusError(created.status));
    throw new KubectlError(`error: ${sub.failurePrefix}${created.status.message ?? ''}\n`);
  }
  printObjects(inv, [created.value], 'created', dryRun);
  return 0;
}

/** NameFromCommandArgs, the generator, then the create: one `kubectl create <kind> NAME` run. */
export async function runSubcommand(inv: Invocation, sub: CreateSubcommand, args: string[], commandPath: string): Promise<number> {
  checkRequiredFlags(inv, sub.required ?? []);
  if (args.length !== 1) throw usageError(commandPath, `exactly one NAME is required, got ${args.length}`);
  const context: CreateContext = {
    inv,
    name: args[0]!,
    command: inv.flags.afterDash,
    enforcedNamespace: sub.namespaced && inv.flags.has('namespace') ? inv.namespace : '',
    commandPath,
  };
  if ('run' in sub) return sub.run(context);
  const dryRun = dryRunOf(inv);
  validateOutputFormat(inv);
  fieldValidationOf(inv);
  const object = await sub.build(context);
  return submitCreate(inv, sub, object, dryRun);
}
