/**
 * kubectl 1.32's explain plaintext template (pkg/explain/v2/templates/plaintext.tmpl) over a
 * schema: the GROUP/KIND/VERSION header, the field path followed to its schema (through arrays and
 * maps), then DESCRIPTION and FIELDS — each field with its guessed type, `-required-`, its enum and
 * its wrapped description, or with `--recursive` the field tree without descriptions.
 */
import { KubectlError } from '../../../errors.js';
import { type SchemaNode, type SchemaSource, servedDescription } from './schema.js';
import { explainWrap, indent } from './word-wrap.js';

export interface ExplainRequest {
  group: string;
  version: string;
  kind: string;
  schema: SchemaNode;
  source: SchemaSource;
  fieldPath: string[];
  recursive: boolean;
}

function single(items: SchemaNode | SchemaNode[] | undefined): SchemaNode | undefined {
  return Array.isArray(items) ? items[0] : items;
}

function mapValues(node: SchemaNode): SchemaNode | undefined {
  return node.additionalProperties && typeof node.additionalProperties === 'object' ? node.additionalProperties : undefined;
}

/** OpenAPI's primitive type as explain names it: Kubernetes numbers are integers, objects `Object`. */
function primitive(type: string | string[] | undefined): string | undefined {
  const t = Array.isArray(type) ? (type.length === 2 && type.includes('null') ? type.find((x) => x !== 'null') : undefined) : type;
  if (t === undefined) return undefined;
  return t === 'object' ? 'Object' : t === 'number' ? 'integer' : t;
}

/** The template's typeGuess: `[]Container`, `map[string]string`, `PodSpec`, `string`. */
function typeGuess(node: SchemaNode, source: SchemaSource): string {
  const items = single(node.items);
  if (items) return `[]${typeGuess(items, source)}`;
  const values = mapValues(node);
  if (values) return `map[string]${typeGuess(values, source)}`;
  if (node.$ref) {
    const target = source.resolve(node.$ref);
    const targetType = primitive(target?.type);
    return !target || targetType === undefined || targetType === 'Object' ? source.refName(node.$ref) || 'Object' : targetType;
  }
  return primitive(node.type) ?? 'Object';
}

/** The template's description: the schema's own, then those of what it refers to or holds. */
function description(node: SchemaNode, source: SchemaSource): string {
  let text = node.description ? `${servedDescription(node.description)}\n` : '';
  const target = node.$ref ? source.resolve(node.$ref) : undefined;
  if (target) text += description(target, source);
  const items = single(node.items);
  if (items) text += description(items, source);
  const values = mapValues(node);
  if (values) text += description(values, source);
  return text;
}

function enumValue(value: unknown): string {
  return value === '' ? '""' : String(value);
}

function shortEnum(node: SchemaNode, indentAmount: number): string {
  if (!node.enum || node.enum.length === 0) return '';
  const shown = node.enum.slice(0, 4).map(enumValue).join(', ');
  return `\n${' '.repeat(indentAmount)}enum: ${shown}${node.enum.length > 4 ? ', ....' : ''}`;
}

function longEnum(node: SchemaNode): string {
  if (!node.enum || node.enum.length === 0) return '';
  return `ENUM:${node.enum.map((v) => `\n    ${enumValue(v)}`).join('')}`;
}

function fieldDetail(container: SchemaNode, name: string, level: number, short: boolean, source: SchemaSource): string {
  const field = container.properties![name]!;
  const indentAmount = level * 2;
  let text = `${indent(indentAmount, name)}\t<${typeGuess(field, source)}>`;
  if (container.required?.includes(name)) text += ' -required-';
  text += `${shortEnum(field, indentAmount)}\n`;
  if (!short) text += `${indent(indentAmount + 2, explainWrap(78 - indentAmount, servedDescription(field.description || '<no description>')))}\n\n`;
  return text;
}

/** The template's fieldList: each property, sorted; recursively their fields, never re-entering a type on the path. */
function fieldList(node: SchemaNode, level: number, history: ReadonlySet<string>, recursive: boolean, source: SchemaSource): string {
  if (node.$ref && history.has(node.$ref)) return '';
  const next = node.$ref ? new Set([...history, node.$ref]) : history;
  const resolved = (node.$ref ? source.resolve(node.$ref) : undefined) ?? node;
  let text = '';
  for (const name of Object.keys(resolved.properties ?? {}).sort()) {
    text += fieldDetail(resolved, name, level, recursive, source);
    if (recursive) text += fieldList(resolved.properties![name]!, level + 1, next, recursive, source);
  }
  const items = single(resolved.items);
  if (items) text += fieldList(items, level, next, recursive, source);
  const values = mapValues(resolved);
  if (values) text += fieldList(values, level, next, recursive, source);
  return text;
}

/** The template's output: follow the field path, then describe what it reached ('' if nothing). */
function output(node: SchemaNode, path: readonly string[], recursive: boolean, source: SchemaSource): string {
  const resolved = (node.$ref ? source.resolve(node.$ref) : undefined) ?? node;
  if (path.length === 0) {
    let text = `DESCRIPTION:\n${indent(4, explainWrap(76, description(node, source) || '<empty>'))}\n`;
    const fields = fieldList(node, 1, new Set(), recursive, source);
    if (fields) text += `FIELDS:\n${fields}`;
    return text;
  }
  const property = resolved.properties?.[path[0]!];
  if (property) {
    let text = '';
    if (path.length === 1) text += `FIELD: ${path[0]!} <${typeGuess(property, source)}>\n${longEnum(property)}\n\n`;
    return text + output(property, path.slice(1), recursive, source);
  }
  const items = single(resolved.items);
  if (items) return output(items, path, recursive, source);
  const values = mapValues(resolved);
  if (values) return output(values, path, recursive, source);
  return '';
}

export function renderExplain(request: ExplainRequest): string {
  let text = request.group ? `GROUP:      ${request.group}\n` : '';
  text += `KIND:       ${request.kind}\nVERSION:    ${request.version}\n\n`;
  const body = output(request.schema, request.fieldPath, request.recursive, request.source);
  if (!body) throw new KubectlError(`error: field "${request.fieldPath[request.fieldPath.length - 1] ?? ''}" does not exist\n`);
  return `${text}${body}\n`;
}
