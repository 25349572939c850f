/**
 * Builds the three Electron bundles into out/: main (ESM, Node), preload (CommonJS: sandboxed
 * preloads cannot load ES modules) and the Vue renderer.
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
    build: {
      rolldownOptions: {
        input: resolve(root, 'src/renderer/index.html'),
      },
    },
    plugins: [vue()],
  },
});
