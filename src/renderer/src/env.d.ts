/**
 * Ambient types for the renderer: single-file components, `window.lab` (which the Electron
 * preload provides; in a browser `kubelab web`'s WebSocket stands in), and the Monaco entry that
 * ships without its own declaration file.
 * A script file (no top-level import), so these declarations are global.
 */

declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, unknown>;
  export default component;
}

/** Monaco's editor core with all editor features and no language services (same API as the package). */
declare module 'monaco-editor/esm/vs/editor/edcore.main.js' {
  export * from 'monaco-editor';
}

interface Window {
  /** Absent where no transport provides it (a plain browser before connecting). */
  readonly lab?: import('../../shared/rpc/window-api').LabWindowApi;
}
