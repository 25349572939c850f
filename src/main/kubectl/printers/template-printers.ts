/**
 * kubectl's template printers: `-o jsonpath=…`, `jsonpath-file=…`, `jsonpath-as-json=…`,
 * `custom-columns=…`, `custom-columns-file=…`, `go-template=…`, `go-template-file=…` (and the
 * `template`/`templatefile` aliases, and `--template`), with PrintFlags' messages for bad input.
 */
import { KubectlError } from '../errors.js';
import type { Invocation } from '../invocation.js';
import { printCustomColumns, parseCustomColumnsFile, parseCustomColumnsSpec } from './custom-columns.js';
import { goQuote, goSyntax, goValue } from './go-format.js';
import { GoTemplateError, executeGoTemplate, parseGoTemplate } from './go-template.js';
import { toCompactJson } from './json-printer.js';
import { JsonPathError, executeJsonPath, parseJsonPath } from './jsonpath.js';

const JSONPATH_FORMATS = ['jsonpath', 'jsonpath-file', 'jsonpath-as-json'];
const GO_TEMPLATE_FORMATS = ['go-template', 'go-template-file', 'template', 'templatefile'];
const CUSTOM_COLUMNS_FORMATS = ['custom-columns', 'custom-columns-file'];
const TEMPLATE_FORMATS = [...JSONPATH_FORMATS, ...CUSTOM_COLUMNS_FORMATS, ...GO_TEMPLATE_FORMATS];

function formatName(output: string): string {
  const eq = output.indexOf('=');
  return eq >= 0 ? output.slice(0, eq) : output;
}

/** Whether `-o <output>` names a template printer (`jsonpath={.x}`, `custom-columns=A:.a` …). */
export function isTemplateFormat(output: string): boolean {
  return TEMPLATE_FORMATS.includes(formatName(output));
}

/** The template printers of every command's PrintFlags: jsonpath and go-template (custom columns are `get`'s own). */
export function isPrintFlagsTemplateFormat(output: string): boolean {
  return isTemplateFormat(output) && !CUSTOM_COLUMNS_FORMATS.includes(formatName(output));
}

/** A printer made once per command: custom-columns prints its header only for the first object. */
export interface TemplatePrinter {
  print(value: unknown): string;
}

/** The template (or file name) after `format=`, else `--template`. */
function templateArgument(inv: Invocation, output: string): string {
  const eq = output.indexOf('=');
  const fromFlag = inv.flags.string('template');
  if (fromFlag) return fromFlag;
  return eq >= 0 ? output.slice(eq + 1) : '';
}

function readTemplateFile(inv: Invocation, path: string, message: (error: string) => string): string {
  const fs = inv.ctx.shell.host.fs;
  const absolute = inv.ctx.shell.resolvePath(path);
  if (!fs.exists(absolute)) throw new KubectlError(`error: ${message(`open ${path}: no such file or directory`)}\n`);
  if (fs.stat(absolute).isDirectory) throw new KubectlError(`error: ${message(`read ${path}: is a directory`)}\n`);
  return fs.readFile(absolute);
}

/** Decoded the way kubectl hands objects to its printers (JSON round trip, no undefined fields). */
function plain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value ?? null)) as unknown;
}

function jsonPathPrinter(inv: Invocation, format: string, argument: string): TemplatePrinter {
  const template = format === 'jsonpath-file' ? readTemplateFile(inv, argument, (e) => `error reading --template ${argument}, ${e}`) : argument;
  let root;
  try {
    root = parseJsonPath(template);
  } catch (error) {
    if (error instanceof JsonPathError) throw new KubectlError(`error: error parsing jsonpath ${template}, ${error.message}\n`);
    throw error;
  }
  const allowMissingKeys = inv.flags.bool('allow-missing-template-keys', true);
  return {
    print: (value) => {
      const data = plain(value);
      try {
        return executeJsonPath(root, data, { allowMissingKeys, asJson: format === 'jsonpath-as-json' });
      } catch (error) {
        if (!(error instanceof JsonPathError)) throw error;
        const details = `Error executing template: ${error.message}. Printing more information for debugging the template:\n\ttemplate was:\n\t\t${template}\n\tobject given to jsonpath engine was:\n\t\t${goSyntax(data)}\n\n`;
        throw new KubectlError(`error: error executing jsonpath ${goQuote(template)}: ${details}\n`);
      }
    },
  };
}

function goTemplatePrinter(inv: Invocation, format: string, argument: string): TemplatePrinter {
  const fromFile = format === 'go-template-file' || format === 'templatefile';
  const text = fromFile ? readTemplateFile(inv, argument, (e) => `error reading --template ${argument}, ${e}`) : argument;
  let template;
  try {
    template = parseGoTemplate(text);
  } catch (error) {
    if (error instanceof GoTemplateError) throw new KubectlError(`error: error parsing template ${text}, ${error.message}\n`);
    throw error;
  }
  const missingKeyError = !inv.flags.bool('allow-missing-template-keys', true);
  return {
    print: (value) => {
      const data = plain(value);
      try {
        return executeGoTemplate(template, data, missingKeyError);
      } catch (error) {
        if (!(error instanceof GoTemplateError)) throw error;
        // GoTemplatePrinter writes its debugging help to the output before returning the error.
        inv.out(
          `Error executing template: ${error.message}. Printing more information for debugging the template:\n\ttemplate was:\n\t\t${text}\n\traw data was:\n\t\t${toCompactJson(data)}\n\tobject given to template engine was:\n\t\t${goValue(data)}\n\n`,
        );
        throw new KubectlError(`error: error executing template ${goQuote(text)}: ${error.message}\n`);
      }
    },
  };
}

function customColumnsPrinter(inv: Invocation, format: string, argument: string): TemplatePrinter {
  const columns =
    format === 'custom-columns-file'
      ? parseCustomColumnsFile(readTemplateFile(inv, argument, (e) => `error reading template ${argument}, ${e}`))
      : parseCustomColumnsSpec(argument);
  let headerPrinted = inv.flags.bool('no-headers') && format === 'custom-columns';
  return {
    print: (value) => {
      const text = printCustomColumns(columns, plain(value), !headerPrinted);
      headerPrinted = true;
      return text;
    },
  };
}

/** The printer `-o <output>` names; throws KubectlError with PrintFlags' messages. */
export function createTemplatePrinter(inv: Invocation, output: string): TemplatePrinter {
  const format = formatName(output);
  const argument = templateArgument(inv, output);
  if (!argument) {
    if (CUSTOM_COLUMNS_FORMATS.includes(format)) throw new KubectlError('error: custom-columns format specified but no custom columns given\n');
    throw new KubectlError('error: template format specified but no template given\n');
  }
  if (JSONPATH_FORMATS.includes(format)) return jsonPathPrinter(inv, format, argument);
  if (CUSTOM_COLUMNS_FORMATS.includes(format)) return customColumnsPrinter(inv, format, argument);
  return goTemplatePrinter(inv, format, argument);
}

/** Print `value` (an object or a List) with the template printer `output` names. */
export function printTemplate(inv: Invocation, output: string, value: unknown): string {
  return createTemplatePrinter(inv, output).print(value);
}
