/**
 * The lab has no internet, yet CKA tasks install add-ons straight from release URLs
 * (`kubectl apply -f https://github.com/kubernetes-sigs/gateway-api/releases/download/v1.2.1/standard-install.yaml`).
 * This mirror answers those few URLs from files bundled under `assets/`; any other address fails
 * the way a machine without DNS does.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { UrlReader } from '../kubectl/manifests.js';

export const MIRRORED_URLS: Readonly<Record<string, string>> = {
  'https://github.com/kubernetes-sigs/gateway-api/releases/download/v1.2.1/standard-install.yaml': 'gateway-api/standard-install.yaml',
};

/** The project's `assets/` folder, found by walking up from this module (sources or bundles). */
export function assetsRoot(from: string = dirname(fileURLToPath(import.meta.url))): string | undefined {
  let dir = resolve(from);
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'assets'))) return join(dir, 'assets');
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export function offlineMirror(root: string | undefined = assetsRoot()): UrlReader {
  const cache = new Map<string, string>();
  return (url) => {
    const asset = MIRRORED_URLS[url];
    if (asset && root) {
      let text = cache.get(asset);
      if (text === undefined) {
        text = readFileSync(join(root, asset), 'utf8');
        cache.set(asset, text);
      }
      return { ok: true, text };
    }
    let host = url;
    try {
      host = new URL(url).hostname;
    } catch {
      // kubectl only treats http(s) URLs as URLs; anything parseable got here.
    }
    return { ok: false, error: `Get "${url}": dial tcp: lookup ${host} on 127.0.0.53:53: no such host` };
  };
}
