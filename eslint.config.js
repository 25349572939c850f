/**
 * Lint for the whole repository. Syntax-only rules (no type information) so it stays fast;
 * `tsc`/`vue-tsc` do the type checking. The import boundaries of ARCHITECTURE.md live in the
 * `kubelab/import-boundaries` zones below: change a layer there, not in review comments.
 */
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import importBoundaries from './scripts/eslint-rules/import-boundaries.js';

const root = import.meta.dirname;

/** Folders of the simulated control plane that are clients of the apiserver and nothing else. */
const components = ['scheduler', 'controllers', 'kubelet', 'proxy'];

/** @type {import('./scripts/eslint-rules/import-boundaries.js').Zone[]} */
const zones = [
  {
    name: 'shared',
    importers: ['src/shared/**'],
    allowLocal: ['src/shared/**'],
    builtins: false,
    denyPackages: ['electron'],
    message: 'src/shared runs in the engine and the renderer alike: no Node, no Electron, nothing outside src/shared.',
  },
  {
    name: 'renderer',
    importers: ['src/renderer/**'],
    allowLocal: ['src/renderer/**', 'src/shared/**'],
    builtins: false,
    denyPackages: ['electron'],
    message: 'the renderer talks to the engine only through window.lab and the contract in src/shared.',
  },
  {
    name: 'preload',
    importers: ['src/preload/**'],
    allowLocal: ['src/preload/**', 'src/shared/**'],
    builtins: false,
    allowPackages: ['electron'],
    message: 'the sandboxed preload exposes window.lab over ipcRenderer and imports only electron and src/shared.',
  },
  {
    name: 'engine-no-electron',
    importers: ['src/main/**'],
    // The Electron shell: the entry, its window hardening and the IPC transport.
    exceptImporters: ['src/main/index.ts', 'src/main/window-security.ts', 'src/main/transport/ipc*.ts'],
    denyPackages: ['electron'],
    denyLocal: ['src/renderer/**', 'src/preload/**'],
    message: 'the engine runs in any Node process (web, CLI, tests); only the Electron entry and IPC transport know Electron.',
  },
  {
    name: 'etcd-store',
    importers: ['src/main/**'],
    exceptImporters: [
      'src/main/lab/**',
      'src/main/cluster/store/**',
      'src/main/cluster/apiserver/**',
      'src/main/cluster/node/**',
      'src/main/persistence/**',
    ],
    denyLocal: ['src/main/cluster/store/**'],
    message: 'only the composition root (src/main/lab) wires the store; everyone else goes through the apiserver.',
  },
  {
    // The composition root hands the etcd endpoint to the apiserver, etcdctl (cluster/node) and
    // persistence: they may use its contract (interface, error classes), never the store itself.
    name: 'etcd-endpoint',
    importers: ['src/main/cluster/apiserver/**', 'src/main/cluster/node/**', 'src/main/persistence/**'],
    denyLocal: ['src/main/cluster/store/**'],
    exceptLocal: ['src/main/cluster/store/etcd-client.{js,ts}'],
    message: 'the etcd endpoint is handed in by src/main/lab; only its contract, cluster/store/etcd-client, may be imported.',
  },
  ...components.map((c) => ({
    name: `cluster-${c}`,
    importers: [`src/main/cluster/${c}/**`],
    allowLocal: [`src/main/cluster/${c}/**`, 'src/main/cluster/client/**', 'src/main/base/**', 'src/shared/**'],
    message: `the ${c} is a client of the apiserver: it may use cluster/client, base and shared, never another component or apiserver internals.`,
  })),
  {
    name: 'cluster-core',
    importers: ['src/main/cluster/apiserver/**', 'src/main/cluster/client/**'],
    denyLocal: components.map((c) => `src/main/cluster/${c}/**`),
    message: 'the scheduler, controllers, kubelets and proxy are clients of the apiserver; it and the client never depend on them.',
  },
  {
    name: 'kubectl',
    importers: ['src/main/kubectl/**'],
    denyLocal: ['src/main/cluster/{scheduler,controllers,kubelet,proxy,store}/**'],
    message: 'kubectl is a client of the apiserver like the real one; it never reaches into components or the store.',
  },
];

export default defineConfig([
  globalIgnores([
    'out/',
    'dist/',
    'coverage/',
    'node_modules/',
    'test-results/',
    'playwright-report/',
    '.kubelab-state/',
    // eslint-plugin-vue is not installed; vue-tsc type-checks the components.
    '**/*.vue',
  ]),

  js.configs.recommended,
  tseslint.configs.recommended,

  {
    name: 'kubelab/defaults',
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    languageOptions: { ecmaVersion: 'latest', sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
      // verbatimModuleSyntax keeps `import { type A } from 'x'` as a side-effect import of 'x'.
      '@typescript-eslint/no-import-type-side-effects': 'error',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-var': 'error',
      'prefer-const': 'error',
    },
  },

  {
    name: 'kubelab/node-globals',
    files: [
      'src/main/**',
      'test/**',
      'bench/**',
      'scripts/**',
      'bin/**',
      '*.config.{js,ts,mjs,cjs}',
    ],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    name: 'kubelab/browser-globals',
    files: ['src/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    name: 'kubelab/preload-globals',
    files: ['src/preload/**'],
    languageOptions: { globals: { ...globals.browser, process: 'readonly' } },
  },
  {
    name: 'kubelab/shared-no-host-globals',
    files: ['src/shared/**'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...['process', 'Buffer', 'require', '__dirname', '__filename', 'global'].map((name) => ({
          name,
          message: 'src/shared must not depend on Node.',
        })),
        ...['window', 'document', 'navigator', 'location', 'localStorage', 'sessionStorage'].map((name) => ({
          name,
          message: 'src/shared must not depend on the DOM.',
        })),
      ],
    },
  },

  {
    name: 'kubelab/import-boundaries',
    files: ['src/**/*.{ts,tsx,mts,cts,js,mjs,cjs}'],
    plugins: { kubelab: { rules: { 'import-boundaries': importBoundaries } } },
    rules: { 'kubelab/import-boundaries': ['error', { root, zones }] },
  },
]);
