/** `kubectl version`: client and server versions, as kubectl 1.32 prints them. */
import type { FlagSpec } from '../flags.js';
import type { Invocation } from '../invocation.js';
import { KubectlError } from '../errors.js';

export const VERSION_FLAGS: FlagSpec[] = [
  { name: 'client', type: 'bool' },
  { name: 'output', short: 'o', type: 'string' },
];

export const CLIENT_VERSION = 'v1.32.4';
export const SERVER_VERSION = 'v1.32.4';
const KUSTOMIZE_VERSION = 'v5.5.0';

export async function runVersion(inv: Invocation): Promise<number> {
  const output = inv.flags.string('output');
  if (output && output !== 'json' && output !== 'yaml') throw new KubectlError('error: --output must be \'yaml\' or \'json\'\n');
  inv.out(`Client Version: ${CLIENT_VERSION}\nKustomize Version: ${KUSTOMIZE_VERSION}\n`);
  if (inv.flags.bool('client')) return 0;
  inv.client();
  inv.out(`Server Version: ${SERVER_VERSION}\n`);
  return 0;
}
