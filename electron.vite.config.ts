/**
 * Builds the three Electron bundles into out/: main (ESM, Node), preload (CommonJS: sandboxed
 * preloads cannot load ES modules) and the Vue renderer.
 *
 * The renderer never loads anything from the network: Monaco (with monaco-yaml and the generated
 * Kubernetes schema) is bundled into its own lazily loaded chunk, its workers through `?worker`
 * imports, xterm into another; there is no CDN loader.
 */
import { resolve } from 'node:path';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'electron-vite';

const root = import.meta.dirname;

export default defineConfig({
  main: {
    build: {
      lib: { entry: resolve(root, 'src/main/index.ts') },
    },
  },
  preload: {
    build: {
      lib: { entry: resolve(root, 'src/preload/index.ts') },
      rolldownOptions: {
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'src/renderer'),
    // vue-i18n's compile-time flags: Composition API only, no devtools hooks in production.
    define: {
      __VUE_I18N_FULL_INSTALL__: 'true',
      __VUE_I18N_LEGACY_API__: 'false',
      __INTLIFY_PROD_DEVTOOLS__: 'false',
    },
    build: {
      // Renderer code is parsed on every start: minified bundles start faster.
      minify: true,
      // Monaco's chunk is large by nature; it loads only when the editor first opens a file.
      chunkSizeWarningLimit: 4096,
      rolldownOptions: {
        input: resolve(root, 'src/renderer/index.html'),
        output: {
          // Monaco is its own chunk simply by being imported dynamically (editor/load-monaco.ts);
          // a manual group for it would also capture shared helpers and load it at start-up.
          codeSplitting: {
            groups: [{ name: 'xterm', test: /node_modules[\\/]@xterm[\\/]/ }],
          },
        },
      },
    },
    // Module workers: the YAML language server's bundle keeps ES module semantics.
    worker: { format: 'es' },
    plugins: [vue()],
  },
});
