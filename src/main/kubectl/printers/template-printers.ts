/**
 * kubectl's template printers: `-o jsonpath=…`, `jsonpath-file=…`, `jsonpath-as-json=…`,
 * `custom-columns=…`, `custom-columns-file=…`, `go-template=…`, `go-template-file=…`.
 */
import { KubectlError } from '../errors.js';
import type { Invocation } from '../invocation.js';

const TEMPLATE_FORMATS = ['jsonpath', 'jsonpath-file', 'jsonpath-as-json', 'custom-columns', 'custom-columns-file', 'go-template', 'go-template-file', 'template', 'templatefile'];

/** Whether `-o <output>` names a template printer (`jsonpath={.x}`, `custom-columns=A:.a` …). */
export function isTemplateFormat(output: string): boolean {
  const eq = output.indexOf('=');
  return TEMPLATE_FORMATS.includes(eq >= 0 ? output.slice(0, eq) : output);
}

/** Print `value` (an object or a List) with the template printer `output` names. */
export function printTemplate(_inv: Invocation, output: string, _value: unknown): string {
  throw new KubectlError(`error: output format "${output.split('=')[0]}" is not supported in this lab yet\n`);
}
