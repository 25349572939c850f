/**
 * `kubectl kustomize DIR` (the built objects as a YAML stream, failures as kustomize's klog line)
 * and the `-k DIR` manifests of apply, create, delete, get and the other file-taking commands.
 */
import type { KubectlCommand } from '../../../command.js';
import { KubectlError } from '../../../errors.js';
import type { Invocation } from '../../../invocation.js';
import type { Manifest } from '../../../manifests.js';
import { toYaml } from '../../../printers/yaml-printer.js';
import { filesystemOf } from '../../apply.js';
import { type BuildResult, buildKustomization } from './build.js';
import { KustomizeError } from './files.js';

function build(inv: Invocation, dir: string): BuildResult {
  const result = buildKustomization(filesystemOf(inv), inv.ctx.shell.resolvePath(dir), dir);
  for (const warning of result.warnings) inv.err(`${warning}\n`);
  return result;
}

/** The objects `-k DIR` names, as manifests whose source is the directory. */
export function kustomizeManifests(inv: Invocation, dir: string): Manifest[] {
  try {
    return build(inv, dir).objects.map((object) => ({ object, source: dir }));
  } catch (error) {
    if (error instanceof KustomizeError) throw new KubectlError(`error: ${error.message}\n`);
    throw error;
  }
}

async function runKustomize(inv: Invocation): Promise<number> {
  const args = inv.flags.positional;
  if (args.length > 1) throw new KubectlError("error: specify one path to kustomization.yaml\nSee 'kubectl kustomize -h' for help and examples\n");
  try {
    const { objects } = build(inv, args[0] ?? '.');
    inv.out(objects.map((o) => toYaml(o)).join('---\n'));
    return 0;
  } catch (error) {
    if (!(error instanceof KustomizeError)) throw error;
    inv.err(`error: ${error.message}\n`);
    return 1;
  }
}

export const KUSTOMIZE_COMMAND: KubectlCommand = {
  flags: [
    { name: 'as-current-user', type: 'bool' },
    { name: 'enable-alpha-plugins', type: 'bool' },
    { name: 'enable-helm', type: 'bool' },
    { name: 'env', short: 'e', type: 'stringArray' },
    { name: 'helm-api-versions', type: 'stringArray' },
    { name: 'helm-command', type: 'string' },
    { name: 'helm-debug', type: 'bool' },
    { name: 'helm-kube-version', type: 'string' },
    { name: 'load-restrictor', type: 'string' },
    { name: 'mount', type: 'stringArray' },
    { name: 'network', type: 'bool' },
    { name: 'network-name', type: 'string' },
    { name: 'output', short: 'o', type: 'string' },
  ],
  run: runKustomize,
};
