/**
 * The key/value sources of `create configmap` and `create secret generic`: `--from-file`
 * (a file, `key=path`, or every regular file of a directory), `--from-literal key=value` and
 * `--from-env-file`, read from the shell's filesystem with kubectl's checks and messages.
 */
import { KubectlError } from '../../errors.js';
import type { Invocation } from '../../invocation.js';
import { sliceFlag } from './subcommand.js';

/** How the two commands word their failures. */
export interface DataTarget {
  /** Adds a key, or returns kubectl's error for a bad or repeated key. */
  add(key: string, value: string): string | undefined;
  envDirectoryError: string;
}

const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;

/** validation.IsConfigMapKey's messages. */
export function configKeyErrors(key: string): string[] {
  const errors: string[] = [];
  if (key.length > 253) errors.push('must be no more than 253 characters');
  if (!CONFIG_KEY.test(key)) {
    errors.push("a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')");
  }
  if (key === '.') errors.push("must not be '.'");
  else if (key === '..') errors.push("must not be '..'");
  else if (key.startsWith('..')) errors.push("must not start with '..'");
  return errors;
}

function fail(message: string): never {
  throw new KubectlError(`error: ${message}\n`);
}

function addOrFail(target: DataTarget, key: string, value: string): void {
  const problem = target.add(key, value);
  if (problem) fail(problem);
}

/** util.ParseFileSource. */
function parseFileSource(source: string): { key: string; path: string } {
  const separators = source.split('=').length - 1;
  if (separators === 0) return { key: source.replace(/\/+$/, '').split('/').pop() || '/', path: source };
  if (separators === 1 && source.startsWith('=')) fail(`key name for file path ${source.slice(1)} missing`);
  if (separators === 1 && source.endsWith('=')) fail(`file path for key name ${source.slice(0, -1)} missing`);
  if (separators > 1) fail("key names or file paths cannot contain '='");
  const [key, path] = source.split('=') as [string, string];
  return { key, path };
}

/** util.ParseLiteralSource. */
function parseLiteral(source: string): { key: string; value: string } {
  const eq = source.indexOf('=');
  if (eq <= 0) fail(`invalid literal source ${source}, expected key=value`);
  return { key: source.slice(0, eq), value: source.slice(eq + 1) };
}

const ENV_VAR_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

/** cmdutil.AddFromEnvFile: KEY=value lines, blanks and `#` comments skipped, bare KEY from the environment. */
function addEnvFile(inv: Invocation, path: string, target: DataTarget): void {
  const fs = inv.ctx.shell.host.fs;
  const absolute = inv.ctx.shell.resolvePath(path);
  if (!fs.exists(absolute)) fail(`error reading ${path}: no such file or directory`);
  if (fs.stat(absolute).isDirectory) fail(target.envDirectoryError);
  const lines = fs.readFile(absolute).replace(/^\uFEFF/, '').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (const raw of lines) {
    const line = raw.replace(/\r$/, '').trimStart();
    if (line === '' || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    const key = eq >= 0 ? line.slice(0, eq) : line;
    if (!ENV_VAR_NAME.test(key)) {
      fail(`"${key}" is not a valid key name: a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')`);
    }
    addOrFail(target, key, eq >= 0 ? line.slice(eq + 1) : (inv.ctx.shell.env.get(key) ?? ''));
  }
}

function addFileSource(inv: Invocation, source: string, target: DataTarget): void {
  const fs = inv.ctx.shell.host.fs;
  const { key, path } = parseFileSource(source);
  const absolute = inv.ctx.shell.resolvePath(path);
  if (!fs.exists(absolute)) fail(`error reading ${path}: no such file or directory`);
  if (!fs.stat(absolute).isDirectory) {
    addOrFail(target, key, fs.readFile(absolute));
    return;
  }
  if (source.includes('=')) fail('cannot give a key name for a directory path');
  for (const entry of [...fs.readdir(absolute)].sort()) {
    const file = `${absolute.replace(/\/$/, '')}/${entry}`;
    if (!fs.stat(file).isDirectory) addOrFail(target, entry, fs.readFile(file));
  }
}

/** The sources in kubectl's order: files, then literals, then env files. */
export function readDataSources(inv: Invocation, target: DataTarget, envCombinationError: string): void {
  const files = sliceFlag(inv, 'from-file');
  const literals = inv.flags.strings('from-literal');
  const envFiles = sliceFlag(inv, 'from-env-file');
  if (envFiles.length > 0 && (files.length > 0 || literals.length > 0)) fail(envCombinationError);
  for (const source of files) addFileSource(inv, source, target);
  for (const source of literals) {
    const { key, value } = parseLiteral(source);
    addOrFail(target, key, value);
  }
  for (const path of envFiles) addEnvFile(inv, path, target);
}
