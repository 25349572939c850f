/**
 * `-o custom-columns=NAME:.metadata.name,…` and `custom-columns-file`: kubectl's
 * CustomColumnsPrinter, with its relaxed JSONPath column specs, `<none>` for no value, several
 * values joined with commas, and each value printed as Go's fmt.Sprint does.
 */
import { KubectlError } from '../errors.js';
import { TABLE_OPTIONS, tabwrite } from './tabwriter.js';
import { goValue, isJsonObject } from './go-format.js';
import { JsonPathError, findJsonPathResults, parseJsonPath } from './jsonpath.js';

export interface CustomColumn {
  header: string;
  /** The column's JSONPath template, `{.metadata.name}`. */
  fieldSpec: string;
}

const RELAXED_PATH = /^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/;

/** RelaxedJSONPathExpression: `metadata.name`, `.metadata.name`, `{metadata.name}` all become `{.metadata.name}`. */
export function relaxedJsonPath(expression: string): string {
  if (expression === '') return expression;
  const match = RELAXED_PATH.exec(expression);
  if (!match) throw new KubectlError("error: unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'\n");
  return `{.${match[1] || match[2]}}`;
}

export function parseCustomColumnsSpec(spec: string): CustomColumn[] {
  return spec.split(',').map((part) => {
    const colon = part.indexOf(':');
    if (colon < 0) throw new KubectlError(`error: unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>\n`);
    return { header: part.slice(0, colon), fieldSpec: relaxedJsonPath(part.slice(colon + 1)) };
  });
}

/** A template file: one line of headers, one line of column specs, both whitespace separated. */
export function parseCustomColumnsFile(text: string): CustomColumn[] {
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  const expected = 'Expected format is one line of space separated headers, one line of space separated column specs.';
  if (text === '') throw new KubectlError(`error: invalid template, missing header line. ${expected}\n`);
  if (lines.length < 2 || (lines.length === 2 && lines[1] === '')) throw new KubectlError(`error: invalid template, missing spec line. ${expected}\n`);
  const headers = lines[0]!.split(/\s+/).filter(Boolean);
  const specs = lines[1]!.split(/\s+/).filter(Boolean);
  if (headers.length !== specs.length) {
    throw new KubectlError(`error: number of headers (${headers.length}) and field specifications (${specs.length}) don't match\n`);
  }
  return headers.map((header, i) => ({ header, fieldSpec: relaxedJsonPath(specs[i]!) }));
}

function columnValue(column: CustomColumn, object: unknown): string {
  let results;
  try {
    results = findJsonPathResults(parseJsonPath(column.fieldSpec), object, true);
  } catch (error) {
    if (error instanceof JsonPathError) throw new KubectlError(`error: ${error.message}\n`);
    throw error;
  }
  const values: string[] = [];
  if (results.length === 0 || results[0]!.length === 0) values.push('<none>');
  for (const group of results) for (const value of group) values.push(goValue(value));
  return values.join(',');
}

/** One object's rows (a List's items each), with the header line when asked. */
export function printCustomColumns(columns: CustomColumn[], value: unknown, withHeader: boolean): string {
  const lines: string[] = [];
  if (withHeader) lines.push(columns.map((c) => c.header).join('\t'));
  const objects = isJsonObject(value) && Array.isArray(value.items) ? value.items : [value];
  for (const object of objects) lines.push(columns.map((c) => columnValue(c, object)).join('\t'));
  return tabwrite(`${lines.join('\n')}\n`, TABLE_OPTIONS);
}
