/**
 * The conditions `kubectl wait --for` understands (wait.go's conditionFuncFor): `delete`, `create`,
 * `condition=Name[=value]` (case-insensitive, stale while observedGeneration lags) and
 * `jsonpath='{…}'[=value]`, each as a check of one fetched object.
 */
import type { KubeObject } from '../../../../shared/api/meta.js';
import { compileJsonPath, evaluateJsonPath } from '../../../cluster/apiserver/crd/jsonpath.js';
import { KubectlError } from '../../errors.js';

export type WaitFor =
  | { kind: 'delete' }
  | { kind: 'create' }
  /** The object satisfies it (true), not yet (false), or an error ends the wait. */
  | { kind: 'check'; check: (object: KubeObject) => boolean };

function conditionCheck(name: string, wanted: string): (object: KubeObject) => boolean {
  return (object) => {
    const status = (object as { status?: { conditions?: unknown; observedGeneration?: number } }).status;
    const conditions = Array.isArray(status?.conditions) ? (status.conditions as Array<Record<string, unknown>>) : [];
    for (const condition of conditions) {
      if (typeof condition.type !== 'string' || condition.type.toLowerCase() !== name.toLowerCase()) continue;
      if (typeof condition.status !== 'string') continue;
      const generation = object.metadata?.generation;
      const observed = typeof condition.observedGeneration === 'number' ? condition.observedGeneration : status?.observedGeneration;
      if (generation !== undefined && observed !== undefined && observed < generation) return false;
      return condition.status.toLowerCase() === wanted.toLowerCase();
    }
    return false;
  };
}

/** splitJSONPathInput: split on `=` but not on `==`. */
function splitJsonPathInput(input: string): string[] {
  const parts: string[] = [];
  let element = '';
  for (let i = 0; i < input.length; i++) {
    if (input[i] === '=') {
      if (input[i + 1] === '=') {
        element += '==';
        i++;
        continue;
      }
      parts.push(element);
      element = '';
      continue;
    }
    element += input[i];
  }
  return [...parts, element];
}

/** RelaxedJSONPathExpression: `.a.b`, `a.b` and `{.a.b}` all mean `{.a.b}`. */
function relaxed(expression: string): string {
  const inner = expression.startsWith('{') && expression.endsWith('}') ? expression.slice(1, -1) : expression;
  return `{${inner.startsWith('.') || inner.startsWith('$') || inner === '' ? inner : `.${inner}`}}`;
}

function jsonPathCheck(input: string): (object: KubeObject) => boolean {
  const parts = splitJsonPathInput(input);
  if (parts.length > 2) {
    throw new KubectlError("error: jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3 or --for=jsonpath='{.status.readyReplicas}'\n");
  }
  const expression = relaxed(parts[0]!);
  const value = parts.length === 2 ? parts[1]!.replace(/^['"]+|['"]+$/g, '') : undefined;
  if (value === '') throw new KubectlError("error: jsonpath wait has to have a value after equal sign, like --for=jsonpath='{.status.readyReplicas}'=3\n");
  if (expression === '{}') throw new KubectlError('error: jsonpath expression cannot be empty\n');
  const path = compileJsonPath(expression);
  if (!path) throw new KubectlError(`error: jsonpath expression ${expression} is not supported in this lab yet\n`);
  return (object) => {
    const found = evaluateJsonPath(path, object);
    if (found.length === 0) return false;
    if (found.length > 1) throw new KubectlError('error: given jsonpath expression matches more than one value\n');
    if (value === undefined) return true;
    const result = found[0];
    if (typeof result === 'object' && result !== null) throw new KubectlError('error: jsonpath leads to a nested object or list which is not supported\n');
    return String(result).trim() === value.trim();
  };
}

export function parseWaitFor(condition: string): WaitFor {
  const lower = condition.toLowerCase();
  if (lower === 'delete') return { kind: 'delete' };
  if (lower === 'create') return { kind: 'create' };
  if (condition.startsWith('condition=')) {
    const rest = condition.slice('condition='.length);
    const eq = rest.indexOf('=');
    return { kind: 'check', check: eq >= 0 ? conditionCheck(rest.slice(0, eq), rest.slice(eq + 1)) : conditionCheck(rest, 'true') };
  }
  if (condition.startsWith('jsonpath=')) return { kind: 'check', check: jsonPathCheck(condition.slice('jsonpath='.length)) };
  throw new KubectlError(`error: unrecognized condition: ${JSON.stringify(condition)}\n`);
}
