/**
 * `kubectl delete --raw <path>`: a DELETE of an API path (rawhttp.RawDelete), with the body of
 * the one `-f` file as its DeleteOptions, printing the body the server answers with.
 */
import type { DeleteOptions } from '../../cluster/apiserver/types.js';
import { KubectlError, formatStatusError } from '../errors.js';
import type { Invocation } from '../invocation.js';
import { NOT_FOUND, parseApiPath, queryOf, wireJson, wireObject } from './viewing/get-raw.js';

/** DeleteOptions.Validate's checks for `--raw`, in its order. */
function validateRawDelete(inv: Invocation, raw: string, files: readonly string[]): void {
  if (files.length > 1) throw new KubectlError('error: --raw can only use a single local file or stdin\n');
  if (files.length === 1 && /^https?:\/\//.test(files[0]!)) throw new KubectlError('error: --raw cannot read from a url\n');
  if (inv.flags.bool('recursive')) throw new KubectlError('error: --raw and --recursive are mutually exclusive\n');
  if (inv.flags.string('output')) throw new KubectlError('error: --raw and --output are mutually exclusive\n');
  if (!raw.startsWith('/')) throw new KubectlError(`error: --raw must be a valid URL path: parse "${raw}": invalid URI for request\n`);
}

/** The request body: the `-f` file (or stdin for `-`) as DeleteOptions, or none. */
function deleteOptionsOf(inv: Invocation, file: string | undefined): DeleteOptions {
  if (file === undefined) return {};
  const text = file === '-' ? inv.ctx.stdin : inv.ctx.shell.host.fs.readFile(inv.ctx.shell.resolvePath(file));
  try {
    return JSON.parse(text) as DeleteOptions;
  } catch {
    return {};
  }
}

export function runRawDelete(inv: Invocation): number {
  const raw = inv.flags.string('raw');
  const files = inv.flags.strings('filename');
  validateRawDelete(inv, raw, files);
  const client = inv.client();
  const question = raw.indexOf('?');
  const target = parseApiPath(question >= 0 ? raw.slice(0, question) : raw);
  if (!target) throw new KubectlError(NOT_FOUND);
  const deleteOptions = deleteOptionsOf(inv, files[0]);
  const query = queryOf(question >= 0 ? raw.slice(question + 1) : '');
  const result = client.request({ verb: target.name ? 'delete' : 'deletecollection', ...target, query, deleteOptions });
  if (!result.ok) throw new KubectlError(formatStatusError(result.status));
  inv.out(`${wireJson(wireObject(result.value as Record<string, unknown>, !target.name))}\n`);
  return 0;
}
