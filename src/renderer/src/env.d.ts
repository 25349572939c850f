/**
 * Ambient types for the renderer: single-file components, and `window.lab`, which the Electron
 * preload (or, later, the browser transport of `kubelab web`) provides.
 * A script file (no top-level import), so these declarations are global.
 */

declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, unknown>;
  export default component;
}

interface Window {
  /** Absent where no transport provides it (a plain browser before connecting). */
  readonly lab?: import('../../shared/rpc/window-api').LabWindowApi;
}
