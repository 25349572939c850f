/** `kubectl version`: client and server versions, as kubectl 1.32 prints them (plain, `-o yaml` or `-o json`). */
import type { FlagSpec } from '../flags.js';
import type { Invocation } from '../invocation.js';
import { KubectlError } from '../errors.js';
import { escapeHtml } from '../printers/json-printer.js';
import { toYaml } from '../printers/yaml-printer.js';

export const VERSION_FLAGS: FlagSpec[] = [
  { name: 'client', type: 'bool' },
  { name: 'output', short: 'o', type: 'string' },
];

export const CLIENT_VERSION = 'v1.32.4';
export const SERVER_VERSION = 'v1.32.4';
const KUSTOMIZE_VERSION = 'v5.5.0';

/** k8s.io/apimachinery's version.Info for one v1.32.4 build, its fields in struct order. */
function versionInfo(gitVersion: string, buildDate: string) {
  return {
    major: '1',
    minor: '32',
    gitVersion,
    gitCommit: '59526cd4867447956156ae3a602fcbac10a2c335',
    gitTreeState: 'clean',
    buildDate,
    goVersion: 'go1.23.6',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}

/** The kubectl binary's version.Info. */
const CLIENT_VERSION_INFO = versionInfo(CLIENT_VERSION, '2025-04-22T16:03:58Z');
/** kube-apiserver's `/version`. */
export const SERVER_VERSION_INFO = versionInfo(SERVER_VERSION, '2025-04-22T16:02:27Z');

export async function runVersion(inv: Invocation): Promise<number> {
  const output = inv.flags.string('output');
  if (output && output !== 'json' && output !== 'yaml') throw new KubectlError('error: --output must be \'yaml\' or \'json\'\n');
  const clientOnly = inv.flags.bool('client');
  const server = clientOnly ? { reached: false } : reachServer(inv);
  if (output === '') {
    inv.out(`Client Version: ${CLIENT_VERSION}\nKustomize Version: ${KUSTOMIZE_VERSION}\n`);
    if (server.reached) inv.out(`Server Version: ${SERVER_VERSION}\n`);
  } else {
    const info = { clientVersion: CLIENT_VERSION_INFO, kustomizeVersion: KUSTOMIZE_VERSION, ...(server.reached ? { serverVersion: SERVER_VERSION_INFO } : {}) };
    // Printed with Println after json.MarshalIndent (two spaces) or yaml.Marshal (already newline-ended).
    inv.out(output === 'json' ? `${escapeHtml(JSON.stringify(info, null, 2))}\n` : `${toYaml(info)}\n`);
  }
  // The server's error comes after what kubectl knows of itself.
  if (server.error) throw server.error;
  return 0;
}

/** Whether `/version` answers, or the error that it does not. */
function reachServer(inv: Invocation): { reached: boolean; error?: unknown } {
  try {
    inv.client();
    return { reached: true };
  } catch (error) {
    return { reached: false, error };
  }
}
