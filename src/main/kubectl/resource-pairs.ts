/**
 * cmdutil.GetResourcesAndPairs and ParsePairs: `deploy/web nginx=nginx:1.27 app-` on the command
 * line (set image, label, annotate).
 */
import { KubectlError } from './errors.js';

/** Resources first, then `key=value` / `key-` pairs; a resource after a pair is an error. */
export function resourcesAndPairs(args: string[], pairType: string): { resources: string[]; pairs: string[] } {
  const resources: string[] = [];
  const pairs: string[] = [];
  for (const arg of args) {
    const isPair = (arg.includes('=') && !arg.startsWith('=')) || (arg.endsWith('-') && arg !== '-');
    if (isPair) pairs.push(arg);
    else if (pairs.length > 0) throw new KubectlError(`error: all resources must be specified before ${pairType} changes: ${arg}\n`);
    else resources.push(arg);
  }
  return { resources, pairs };
}

/** The pairs as values to set and (with supportRemove) keys to remove; refused pairs are listed together. */
export function parsePairs(pairs: string[], pairType: string, supportRemove: boolean): { set: Map<string, string>; remove: string[] } {
  const set = new Map<string, string>();
  const remove: string[] = [];
  const invalid: string[] = [];
  for (const pair of pairs) {
    if (pair.includes('=') && !pair.startsWith('=')) {
      const eq = pair.indexOf('=');
      set.set(pair.slice(0, eq), pair.slice(eq + 1));
    } else if (supportRemove && pair.endsWith('-') && pair !== '-') {
      remove.push(pair.slice(0, -1));
    } else {
      invalid.push(pair);
    }
  }
  if (invalid.length > 0) throw new KubectlError(`error: invalid ${pairType} format: ${invalid.join(', ')}\n`);
  return { set, remove };
}
