/**
 * `kubectl label`: add (`key=value`), overwrite (`--overwrite`) or remove (`key-`) labels, printing
 * `pod/x labeled`, `unlabeled` or `not labeled` as kubectl's updateDataChangeMsg decides.
 */
import { KubectlError } from '../../errors.js';
import type { KubectlCommand } from '../../command.js';
import { METADATA_MAP_FLAGS, type MetadataMapSpec, runMetadataMapCommand } from './metadata-map.js';

const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const LABEL_VALUE_ERROR =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

/** validation.IsValidLabelValue's messages. */
export function labelValueErrors(value: string): string[] {
  const errors: string[] = [];
  if (value.length > 63) errors.push('must be no more than 63 characters');
  if (!LABEL_VALUE.test(value)) errors.push(LABEL_VALUE_ERROR);
  return errors;
}

/** label.go's parseLabels. */
function parseLabels(specs: string[]): { add: Map<string, string>; remove: string[] } {
  const add = new Map<string, string>();
  const remove: string[] = [];
  for (const spec of specs) {
    if (spec.includes('=')) {
      const parts = spec.split('=');
      if (parts.length !== 2) throw new KubectlError(`error: invalid label spec: ${spec}\n`);
      const errors = labelValueErrors(parts[1]!);
      if (errors.length > 0) throw new KubectlError(`error: invalid label value: ${JSON.stringify(spec)}: ${errors.join(';')}\n`);
      add.set(parts[0]!, parts[1]!);
    } else if (spec.endsWith('-')) {
      remove.push(spec.slice(0, -1));
    } else {
      throw new KubectlError(`error: unknown label spec: ${spec}\n`);
    }
  }
  if (remove.some((key) => add.has(key))) throw new KubectlError('error: can not both modify and remove a label in the same command\n');
  return { add, remove };
}

const LABEL_SPEC: MetadataMapSpec = {
  field: 'labels',
  pairType: 'label',
  listWord: 'labels',
  defaultFieldManager: 'kubectl-label',
  parse: parseLabels,
  overwriteError(current, add) {
    const errors = [...add].filter(([key, value]) => key in current && current[key] !== value);
    const messages = errors.map(([key]) => `'${key}' already has a value (${current[key]}), and --overwrite is false`);
    if (messages.length === 0) return undefined;
    return messages.length === 1 ? messages[0] : `[${messages.join(', ')}]`;
  },
  operation(oldJson, newJson, overwrite) {
    if (oldJson === newJson) return 'not labeled';
    return !overwrite && newJson.length < oldJson.length ? 'unlabeled' : 'labeled';
  },
  reportsMissingRemovals: true,
  printsServerObject: false,
  localNeedsFiles: 'can only use local files by -f pod.yaml or --filename=pod.json when --local=true is set',
};

export const LABEL_COMMAND: KubectlCommand = {
  flags: METADATA_MAP_FLAGS,
  run: (inv) => runMetadataMapCommand(inv, LABEL_SPEC),
};
