/** The one door to Monaco: a memoised dynamic import of monaco-setup (its own chunk). */
import type { MonacoApi } from './monaco-setup';

let loading: Promise<MonacoApi> | undefined;

export function loadMonaco(): Promise<MonacoApi> {
  loading ??= import('./monaco-setup').then((m) => m.monaco);
  // A failed load (should not happen offline) may be retried.
  loading.catch(() => (loading = undefined));
  return loading;
}
