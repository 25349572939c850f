/**
 * Monaco, set up once. Only ever loaded through `loadMonaco()` (a dynamic import), so the editor,
 * its YAML language service and the Kubernetes schema live in their own chunks and the workspace
 * starts without them. Workers are bundled with Vite's `?worker` imports: nothing comes from a CDN.
 *
 * The editor core without Monaco's bundled language services (TypeScript, CSS, HTML, JSON): YAML
 * gets its language service from monaco-yaml, shell scripts only colouring.
 */
import * as monaco from 'monaco-editor/esm/vs/editor/edcore.main.js';
import 'monaco-editor/esm/vs/basic-languages/yaml/yaml.contribution.js';
import 'monaco-editor/esm/vs/basic-languages/shell/shell.contribution.js';
import EditorWorker from 'monaco-editor/esm/vs/editor/editor.worker.js?worker';
import { type JSONSchema, configureMonacoYaml } from 'monaco-yaml';
import YamlWorker from 'monaco-yaml/yaml.worker.js?worker';
// Generated at build time by scripts/generate-k8s-schema.mjs (`npm run build:schema`).
import schemaText from '../../../shared/api/generated/kubernetes.schema.json?raw';

self.MonacoEnvironment = {
  getWorker(_workerId: string, label: string): Worker {
    return label === 'yaml' ? new YamlWorker() : new EditorWorker();
  },
};

export const KUBERNETES_SCHEMA_URI = 'kubelab://schemas/kubernetes.json';

const schema = JSON.parse(schemaText) as JSONSchema;

configureMonacoYaml(monaco, {
  // Everything is local: the schema is inline and nothing may be fetched.
  enableSchemaRequest: false,
  validate: true,
  completion: true,
  hover: true,
  hoverSchemaSource: false,
  format: { enable: true },
  schemas: [{ uri: KUBERNETES_SCHEMA_URI, fileMatch: ['*'], schema }],
});

export { monaco };
export type MonacoApi = typeof monaco;
