/**
 * The lab's kubectl parses every command's flags as kubectl 1.32 does: each flag the real one
 * accepts, with its shorthand, type, optional value and deprecation, and no flag it lacks.
 * flags.json is captured from the real binary by scripts/capture-kubectl-flags.mjs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type FlagSpec, GLOBAL_FLAGS, parseFlags } from '../../../../src/main/kubectl/flags.js';
import { LAB_COMMANDS, labFlags } from './lab-commands.js';

interface RealFlag {
  name: string;
  short?: string;
  type: string;
  noOptDefault?: string;
  deprecated?: string;
  /** pflag's error for `--name=kubelab`, when the type refuses it. */
  rejects?: string;
}

interface FlagTable {
  kubectl: string;
  global: RealFlag[];
  commands: Record<string, RealFlag[]>;
}

const TABLE = JSON.parse(readFileSync(join(__dirname, 'flags.json'), 'utf8')) as FlagTable;

/** Commands the lab dispatches but does not implement yet: it says so, whatever the flags. */
const NOT_IN_LAB = new Set(['apply edit-last-applied', 'apply set-last-applied', 'apply view-last-applied', 'auth reconcile', 'cluster-info dump']);

/** Hidden commands, which the capture passes over: the lab's take only the global flags, as kubectl's do. */
const HIDDEN = new Set(['alpha']);

/**
 * Differences that remain, each with its reason; the test fails when one goes away (then delete
 * it here) or a new one appears.
 */
const KNOWN_GAPS: Record<string, string> = {
  'kubectl --log-flush-frequency: {"short":"","type":"string","noOptDefault":"","deprecated":""} should be {"short":"","type":"duration","noOptDefault":"","deprecated":""}':
    "klog's Go flag.Duration refuses a bad value with only `parse error`; the lab keeps it a string it ignores",
  'kubectl --vmodule: accepts any value': 'klog checks the `pattern=N` syntax when the flag is set; the lab ignores the flag',
};

/** The lab's parser types for pflag's: slices are split by the commands, maps parsed by them. */
const LAB_TYPE: Record<string, FlagSpec['type']> = {
  bool: 'bool',
  string: 'string',
  int: 'int',
  uint: 'int',
  duration: 'duration',
  stringSlice: 'stringArray',
  stringArray: 'stringArray',
  stringToString: 'stringArray',
  mapStringString: 'stringArray',
};

function describeSpec(spec: { short?: string; type: string; noOptDefault?: string; deprecated?: string }): string {
  return JSON.stringify({ short: spec.short ?? '', type: LAB_TYPE[spec.type] ?? spec.type, noOptDefault: spec.noOptDefault ?? '', deprecated: spec.deprecated ?? '' });
}

/** `path --flag: what differs` for each difference between the real flags and the lab's. */
function differences(path: string, real: readonly RealFlag[], lab: readonly FlagSpec[]): string[] {
  const found: string[] = [];
  for (const flag of real) {
    const spec = lab.find((s) => s.name === flag.name);
    if (!spec) found.push(`${path} --${flag.name}: missing`);
    else if (describeSpec(spec) !== describeSpec(flag)) found.push(`${path} --${flag.name}: ${describeSpec(spec)} should be ${describeSpec(flag)}`);
  }
  for (const spec of lab) {
    if (!real.some((flag) => flag.name === spec.name)) found.push(`${path} --${spec.name}: unknown to kubectl`);
  }
  return found;
}

/** The real command's flags with the global ones it does not shadow. */
function realFlags(path: string): RealFlag[] {
  const own = TABLE.commands[path]!;
  return [...own, ...TABLE.global.filter((g) => !own.some((f) => f.name === g.name))];
}

/** The differences of one command's own flags (the global ones are compared once, on their own). */
function commandDifferences(path: string): string[] {
  const own = TABLE.commands[path]!;
  const isGlobal = (name: string): boolean => !own.some((f) => f.name === name) && GLOBAL_FLAGS.includes(labFlags(path.split(' '))!.find((s) => s.name === name)!);
  const real = realFlags(path).filter((flag) => !isGlobal(flag.name));
  const lab = labFlags(path.split(' '))!.filter((spec) => !GLOBAL_FLAGS.includes(spec) || own.some((f) => f.name === spec.name));
  return differences(path, real, lab);
}

/** `apply --all:` — the command and flag a difference is about. */
function flagLabel(difference: string): string {
  return difference.slice(0, difference.indexOf(': ') + 1);
}

function isKnownGap(difference: string): boolean {
  return Object.keys(KNOWN_GAPS).some((gap) => gap === difference || flagLabel(gap) === flagLabel(difference));
}

/**
 * What the lab's parser says to `--flag=kubelab` for each flag pflag refuses it for (its type's
 * error), where it says something else. Slices and maps are the commands' to parse.
 */
function typeMismatches(): string[] {
  const mismatches: string[] = [];
  const check = (path: string, flags: readonly RealFlag[], specs: readonly FlagSpec[]): void => {
    for (const flag of flags) {
      if (!flag.rejects || LAB_TYPE[flag.type] === 'stringArray') continue;
      const parsed = parseFlags([`--${flag.name}=kubelab`], specs);
      const got = parsed.ok ? 'accepted' : parsed.error;
      if (got !== flag.rejects) mismatches.push(`${path} --${flag.name}: ${got} should be ${flag.rejects}`);
    }
  };
  check('kubectl', TABLE.global, GLOBAL_FLAGS);
  for (const path of LAB_PATHS) check(path, TABLE.commands[path]!, labFlags(path.split(' '))!);
  return mismatches;
}

const LAB_PATHS = Object.keys(TABLE.commands).filter((path) => LAB_COMMANDS[path.split(' ')[0]!] && !NOT_IN_LAB.has(path));

describe('flags against kubectl 1.32', () => {
  it('comes from kubectl 1.32 and covers the lab’s commands', () => {
    expect(TABLE.kubectl).toMatch(/^v1\.32\./);
    for (const name of Object.keys(LAB_COMMANDS)) {
      if (HIDDEN.has(name)) expect(labFlags([name]), name).toEqual(GLOBAL_FLAGS);
      else expect(TABLE.commands[name], name).toBeDefined();
    }
  });

  it('has the global flags kubectl has', () => {
    expect(differences('kubectl', TABLE.global, GLOBAL_FLAGS).filter((d) => !KNOWN_GAPS[d])).toEqual([]);
  });

  it('has each command’s flags, with their shorthands, types and optional values', () => {
    const found = LAB_PATHS.flatMap(commandDifferences);
    expect(found.filter((d) => !KNOWN_GAPS[d])).toEqual([]);
  });

  it('refuses a value of the wrong type with pflag’s words', () => {
    const mismatches = typeMismatches();
    expect(mismatches.filter((m) => !isKnownGap(m))).toEqual([]);
    expect(mismatches.length).toBeGreaterThan(0);
  });

  it('lists only gaps that are still there', () => {
    const found = [...differences('kubectl', TABLE.global, GLOBAL_FLAGS), ...LAB_PATHS.flatMap(commandDifferences)];
    const mismatches = typeMismatches();
    const stale = Object.keys(KNOWN_GAPS).filter((gap) => !found.includes(gap) && !mismatches.some((m) => m.startsWith(flagLabel(gap))));
    expect(stale).toEqual([]);
  });

  it('notes a deprecated flag as pflag does, each time it is set', () => {
    const specs = labFlags(['annotate'])!;
    const parsed = parseFlags(['pods', 'x', 'a=b', '--record', '--record=false'], specs);
    expect(parsed.ok && parsed.flags.notices).toEqual([
      'Flag --record has been deprecated, --record will be removed in the future\n',
      'Flag --record has been deprecated, --record will be removed in the future\n',
    ]);
  });
});
