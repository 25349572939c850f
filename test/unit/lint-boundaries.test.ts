/**
 * The architecture's import boundaries (eslint.config.js, `kubelab/import-boundaries`): for every
 * zone, a forbidden import is reported and an allowed one is not. Runs the real config through
 * ESLint's Node API on snippets placed at the paths they would have in the tree.
 */
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const repoRoot = join(import.meta.dirname, '../..');
const RULE = 'kubelab/import-boundaries';

let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: repoRoot, overrideConfigFile: join(repoRoot, 'eslint.config.js') });
});

/** Boundary messages for `code` linted as if it lived at `file` (repository-relative). */
async function lint(file: string, code: string, ruleId = RULE): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(repoRoot, file) });
  expect(result).toBeDefined();
  expect(result!.messages.filter((m) => m.fatal)).toEqual([]);
  return result!.messages.filter((m) => m.ruleId === ruleId).map((m) => m.message);
}

function importOf(specifier: string): string {
  return `import { thing } from '${specifier}';\nexport { thing };\n`;
}

type Case = [file: string, specifier: string];

function expectForbidden(cases: Case[]): void {
  it.each(cases)('%s may not import %s', async (file, specifier) => {
    expect(await lint(file, importOf(specifier))).not.toEqual([]);
  });
}

function expectAllowed(cases: Case[]): void {
  it.each(cases)('%s may import %s', async (file, specifier) => {
    expect(await lint(file, importOf(specifier))).toEqual([]);
  });
}

describe('src/shared: no Node, no Electron, nothing outside src/shared', () => {
  const file = 'src/shared/api/widget.ts';
  expectForbidden([
    [file, 'node:fs'],
    [file, 'fs'],
    [file, 'path'],
    [file, 'fs/promises'],
    [file, 'electron'],
    [file, '../../main/base/clock.js'],
    [file, '../../renderer/src/stores/workspace'],
    [file, '../../preload/lab-api.js'],
  ]);
  expectAllowed([
    [file, './meta.js'],
    [file, '../lifecycle.js'],
    [file, '../rpc/window-api.js'],
  ]);

  it('reports Node and DOM globals', async () => {
    const messages = await lint(
      file,
      'export const a = process.env;\nexport const b = window.location;\n',
      'no-restricted-globals',
    );
    expect(messages).toHaveLength(2);
  });
});

describe('src/renderer: only src/shared and browser packages', () => {
  const file = 'src/renderer/src/views/PodList.ts';
  expectForbidden([
    [file, 'electron'],
    [file, 'node:child_process'],
    [file, 'os'],
    [file, '../../../main/lab/lab.js'],
    [file, '../../../main/cluster/client/api-client.js'],
    [file, '../../../preload/lab-api.js'],
  ]);
  expectAllowed([
    [file, 'vue'],
    [file, 'pinia'],
    [file, 'vue-i18n'],
    [file, '../../../shared/rpc/window-api.js'],
    [file, '../stores/workspace'],
    [file, './worker.ts?worker'],
  ]);
});

describe('src/preload: only electron and src/shared', () => {
  const file = 'src/preload/index.ts';
  expectForbidden([
    [file, 'node:fs'],
    [file, 'vue'],
    [file, '../main/window-security.js'],
    [file, '../renderer/src/main'],
  ]);
  expectAllowed([
    [file, 'electron'],
    [file, './lab-api.js'],
    [file, '../shared/rpc/window-api.js'],
  ]);
});

describe('src/main: the engine never imports electron', () => {
  expectForbidden([
    ['src/main/lab/lab.ts', 'electron'],
    ['src/main/cluster/apiserver/api-server.ts', 'electron'],
    ['src/main/transport/websocket.ts', 'electron'],
    ['src/main/web.ts', 'electron/main'],
    ['src/main/lab/lab.ts', '../../renderer/src/App.vue'],
    ['src/main/lab/lab.ts', '../../preload/lab-api.js'],
  ]);
  expectAllowed([
    ['src/main/index.ts', 'electron'],
    ['src/main/window-security.ts', 'electron'],
    ['src/main/transport/ipc.ts', 'electron'],
    ['src/main/transport/ipc-server.ts', 'electron'],
    ['src/main/lab/lab.ts', 'node:path'],
    ['src/main/lab/lab.ts', 'yaml'],
  ]);

  it.each([
    ['a type-only import', "import type { BrowserWindow } from 'electron';\nexport type W = BrowserWindow;\n"],
    ['a re-export', "export * from 'electron';\n"],
    ['a dynamic import', "export const e = await import('electron');\n"],
    ['an import type', "export type App = typeof import('electron').app;\n"],
    ['require()', "export const e = require('electron');\n"],
  ])('catches %s', async (_what, code) => {
    expect(await lint('src/main/lab/lab.ts', code)).not.toEqual([]);
  });
});

describe('cluster/store: wired only by the composition root', () => {
  expectForbidden([
    ['src/main/cluster/scheduler/scheduler.ts', '../store/mvcc-store.js'],
    ['src/main/cluster/controllers/deployment.ts', '../store/etcd-client.js'],
    ['src/main/cluster/kubelet/kubelet.ts', '../store/index.js'],
    ['src/main/cluster/proxy/proxy.ts', '../store/mvcc-store.js'],
    ['src/main/cluster/client/informer.ts', '../store/mvcc-store.js'],
    ['src/main/cluster/client/informer.ts', '../store/etcd-client.js'],
    ['src/main/kubectl/get.ts', '../cluster/store/etcd-client.js'],
    ['src/main/shell/interpreter.ts', '../cluster/store/mvcc-store.js'],
    ['src/main/http/server.ts', '../cluster/store/mvcc-store.js'],
    // The endpoint's holders get its contract, never the implementation.
    ['src/main/cluster/apiserver/api-server.ts', '../store/mvcc-store.js'],
    ['src/main/cluster/node/etcdctl.ts', '../store/mvcc-store.js'],
    ['src/main/persistence/state.ts', '../cluster/store/mvcc-store.js'],
  ]);
  expectAllowed([
    ['src/main/lab/lab.ts', '../cluster/store/mvcc-store.js'],
    ['src/main/lab/nested/wiring.ts', '../../cluster/store/etcd-client.js'],
    ['src/main/cluster/store/mvcc-store.ts', './etcd-client.js'],
    ['src/main/cluster/apiserver/api-server.ts', '../store/etcd-client.js'],
    ['src/main/cluster/node/etcdctl.ts', '../store/etcd-client.js'],
    ['src/main/persistence/state.ts', '../cluster/store/etcd-client.js'],
  ]);

  it('lets tests import the store', async () => {
    expect(await lint('test/unit/cluster/store/mvcc.test.ts', importOf('../../../../src/main/cluster/store/mvcc-store.js'))).toEqual([]);
  });
});

describe('cluster components: client, base, shared and their own folder only', () => {
  const components = ['scheduler', 'controllers', 'kubelet', 'proxy'] as const;
  for (const c of components) {
    describe(c, () => {
      const file = `src/main/cluster/${c}/deep/file.ts`;
      const others = components.filter((o) => o !== c);
      expectForbidden([
        ...others.map((o): Case => [file, `../../${o}/index.js`]),
        [file, '../../apiserver/api-server.js'],
        [file, '../../apiserver/types.js'],
        [file, '../../../kubectl/printers.js'],
        [file, '../../../lab/lab.js'],
        [file, '../../../shell/types.js'],
        [file, '../../../hosts/host.js'],
      ]);
      expectAllowed([
        [file, './sibling.js'],
        [file, '../top.js'],
        [file, '../../client/informer.js'],
        [file, '../../client'],
        [file, '../../../base/clock.js'],
        [file, '../../../../shared/api/core.js'],
        [file, '../../../../shared/lifecycle.js'],
        [file, 'node:events'],
        [file, 'yaml'],
      ]);
    });
  }
});

describe('apiserver and client: never depend on the components that are their clients', () => {
  expectForbidden([
    ['src/main/cluster/apiserver/api-server.ts', '../scheduler/scheduler.js'],
    ['src/main/cluster/apiserver/registry/pod.ts', '../../kubelet/stages.js'],
    ['src/main/cluster/client/informer.ts', '../controllers/deployment.js'],
    ['src/main/cluster/client/informer.ts', '../proxy/rules.js'],
  ]);
  expectAllowed([
    ['src/main/cluster/apiserver/api-server.ts', './registry/index.js'],
    ['src/main/cluster/client/api-client.ts', '../apiserver/types.js'],
    ['src/main/cluster/client/api-client.ts', '../../base/clock.js'],
  ]);
});

describe('kubectl: a client of the apiserver, not of components or the store', () => {
  const file = 'src/main/kubectl/cmd/get.ts';
  expectForbidden([
    [file, '../../cluster/scheduler/scheduler.js'],
    [file, '../../cluster/controllers/deployment.js'],
    [file, '../../cluster/kubelet/kubelet.js'],
    [file, '../../cluster/proxy/rules.js'],
    [file, '../../cluster/store/mvcc-store.js'],
    [file, '../../cluster/store'],
    [file, 'electron'],
  ]);
  expectAllowed([
    [file, '../../cluster/client/api-client.js'],
    [file, '../../cluster/apiserver/types.js'],
    [file, '../../../shared/api/meta.js'],
    [file, '../../base/duration.js'],
    [file, '../flags.js'],
  ]);
});
