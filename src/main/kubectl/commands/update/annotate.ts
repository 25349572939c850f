/**
 * `kubectl annotate`: add (`key=value`), overwrite (`--overwrite`) or remove (`key-`) annotations,
 * printing `pod/x annotated`.
 */
import { CHANGE_CAUSE_ANNOTATION } from '../../change-cause.js';
import { KubectlError } from '../../errors.js';
import { parsePairs } from '../../resource-pairs.js';
import type { KubectlCommand } from '../../command.js';
import { METADATA_MAP_FLAGS, type MetadataMapSpec, runMetadataMapCommand } from './metadata-map.js';

/** cmdutil.ParsePairs and annotate's validateAnnotations. */
function parseAnnotations(pairs: string[]): { add: Map<string, string>; remove: string[] } {
  const { set: add, remove } = parsePairs(pairs, 'annotation', true);
  const both = remove.filter((key) => add.has(key));
  if (both.length > 0) {
    throw new KubectlError(`error: can not both modify and remove the following annotation(s) in the same command: ${both.join(', ')}\n`);
  }
  return { add, remove };
}

const ANNOTATE_SPEC: MetadataMapSpec = {
  field: 'annotations',
  pairType: 'annotation',
  listWord: 'annotations',
  defaultFieldManager: 'kubectl-annotate',
  parse: parseAnnotations,
  overwriteError(current, add) {
    // The annotation `--record` writes may always be overwritten.
    const clashes = [...add].filter(([key, value]) => key !== CHANGE_CAUSE_ANNOTATION && key in current && current[key] !== value);
    if (clashes.length === 0) return undefined;
    const found = clashes.map(([key]) => `'${key}' already has a value (${current[key]})`).join('; ');
    return `--overwrite is false but found the following declared annotation(s): ${found}`;
  },
  operation: () => 'annotated',
  reportsMissingRemovals: false,
  printsServerObject: true,
  localNeedsFiles: 'can only use local files by -f rsrc.yaml or --filename=rsrc.json when --local=true is set',
};

export const ANNOTATE_COMMAND: KubectlCommand = {
  flags: METADATA_MAP_FLAGS,
  run: (inv) => runMetadataMapCommand(inv, ANNOTATE_SPEC),
};
