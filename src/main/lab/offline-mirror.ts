/**
 * The lab has no internet, yet CKA tasks install add-ons straight from release URLs
 * (`kubectl apply -f https://github.com/kubernetes-sigs/gateway-api/releases/download/v1.2.1/standard-install.yaml`).
 * This mirror answers those few URLs from files bundled under `assets/`; any other address fails
 * the way a machine without DNS does.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assetsRoot } from '../base/assets.js';
import type { UrlReader } from '../kubectl/manifests.js';

export { assetsRoot };

export const MIRRORED_URLS: Readonly<Record<string, string>> = {
  'https://github.com/kubernetes-sigs/gateway-api/releases/download/v1.2.1/standard-install.yaml': 'gateway-api/standard-install.yaml',
};

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
