/**
 * A learner's path through the workspace, on the virtual clock (`lab step` moves time): the UI
 * language follows the browser and the language buttons, and is remembered; a Pod written with a
 * heredoc in the terminal runs and shows up in its node's box; lesson 1 ticks each step only once
 * its action is done; the editor's Apply runs `kubectl apply -f` in the terminal; a reload finds
 * the same lab. Every test runs in the fixtures' guarded context (nothing may leave localhost) and
 * ends with no console errors. Each browser context has its own lab, so the tests run in parallel.
 * Screenshots: test-results/screenshots/{workspace-zh-TW,workspace-zh-CN,workspace-en,
 * lesson-done,lesson-after-reload,editor-applied}.png.
 */
import type { Page } from '@playwright/test';
import { expect, screenshot, test } from './fixtures.js';
import { PROMPT, clearScreen, journeySettled, nodeOfPod, openWorkspace, row, run, screen, startWebPod } from './learner.js';

// A learner's path takes longer than the smoke tests (typing, playback of the journey strip).
test.describe.configure({ mode: 'parallel', timeout: 60_000 });

type Locale = 'zh-TW' | 'zh-CN' | 'en';

/**
 * Per UI language: `<html lang>`, and strings in that language's own vocabulary (Taiwan: 叢集,
 * 課程, 開啟檔案; mainland: 集群, 课程, 打开文件) — plus the other variant's words, which must not
 * appear, so a zh-CN screen converted to Traditional characters would not pass as zh-TW.
 */
const LANGUAGES: Record<Locale, { htmlLang: string; lessons: string; open: string; cluster: string; hq: string; lessonTitle: string; foreign: string[] }> = {
  'zh-TW': {
    htmlLang: 'zh-Hant-TW',
    lessons: '課程',
    open: '開啟檔案',
    cluster: '叢集',
    hq: '總部',
    lessonTitle: '公司導覽：叢集裡有什麼',
    foreign: ['集群', '打开文件', '课程', 'Lessons'],
  },
  'zh-CN': {
    htmlLang: 'zh-Hans-CN',
    lessons: '课程',
    open: '打开文件',
    cluster: '集群',
    hq: '总部',
    lessonTitle: '公司参观：集群里有什么',
    foreign: ['叢集', '開啟檔案', '課程', 'Lessons'],
  },
  en: {
    htmlLang: 'en',
    lessons: 'Lessons',
    open: 'Open file',
    cluster: 'Cluster',
    hq: 'Headquarters',
    lessonTitle: 'The company tour: what is in a cluster',
    foreign: ['叢集', '集群', '課程', '课程'],
  },
};

/** The workspace speaks `locale`: html lang, panel headings, the editor's button, the lesson. */
async function expectLanguage(page: Page, locale: Locale): Promise<void> {
  const words = LANGUAGES[locale];
  await expect(page.locator('html')).toHaveAttribute('lang', words.htmlLang);
  await expect(page.getByTestId(`lang-${locale}`)).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('lesson-panel').locator('h2')).toHaveText(words.lessons);
  await expect(page.getByTestId('lesson-panel').locator('.lesson-title')).toHaveText(words.lessonTitle);
  await expect(page.getByTestId('editor-open')).toContainText(words.open);
  await expect(page.getByTestId('cluster-view').locator('h2')).toContainText(words.cluster);
  await expect(page.getByTestId('node-controlplane')).toContainText(words.hq);
  // The language buttons name every language in itself; everything else must be in this one.
  for (const panel of ['lesson-panel', 'cluster-view', 'journey']) {
    for (const foreign of words.foreign) await expect(page.getByTestId(panel)).not.toContainText(foreign);
  }
}

const SWITCH_TO: Record<Locale, Locale> = { 'zh-TW': 'zh-CN', 'zh-CN': 'en', en: 'zh-TW' };

for (const [browserLocale, locale] of [
  ['zh-TW', 'zh-TW'],
  ['zh-CN', 'zh-CN'],
  ['en-US', 'en'],
] as const) {
  test.describe(`a browser set to ${browserLocale}`, () => {
    test.use({ locale: browserLocale });

    test(`opens the workspace in ${locale}; the language buttons switch it and a reload remembers the choice`, async ({ page, kubelab, consoleErrors }) => {
      await openWorkspace(page, kubelab.url);
      await expectLanguage(page, locale);

      await startWebPod(page);
      await expect(page.getByTestId('cluster-view').locator('[data-testid="pod-default-web"]')).toBeVisible();
      await journeySettled(page);
      await screenshot(page, `workspace-${locale}`);

      const other = SWITCH_TO[locale];
      await page.getByTestId(`lang-${other}`).click();
      await expectLanguage(page, other);
      await page.reload();
      await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'connected');
      await expectLanguage(page, other);
      // Same lab after the reload: the Pod is still at work.
      await expect(page.getByTestId('pod-default-web')).toHaveAttribute('data-status', 'Running');
      expect(consoleErrors).toEqual([]);
    });
  });
}

test('a Pod written with a heredoc in the terminal runs, and the cluster view seats it in its node', async ({ page, kubelab, consoleErrors }) => {
  await openWorkspace(page, kubelab.url);
  await run(page, "cat > web.yaml <<'EOF'", 'apiVersion: v1', 'kind: Pod', 'metadata:', '  name: web', 'spec:', '  containers:', '  - name: web', '    image: nginx:1.25', 'EOF');
  await expect(screen(page)).toContainText("> EOF\n", { useInnerText: true });
  await run(page, 'cat web.yaml');
  await expect(screen(page)).toContainText('  name: web\nspec:\n  containers:\n  - name: web\n    image: nginx:1.25\n', { useInnerText: true });

  await run(page, 'kubectl apply -f web.yaml');
  await expect(screen(page)).toContainText(`${PROMPT} kubectl apply -f web.yaml\npod/web created\n`, { useInnerText: true });
  // Scheduled at once (virtual time has not moved), still pulling its image.
  await expect(page.getByTestId('pod-default-web')).not.toHaveAttribute('data-status', 'Running');

  await run(page, 'lab step 10s');
  await expect(screen(page)).toContainText('clock: 2025-01-01T00:00:10Z (+10s)');
  await expect(page.getByTestId('lab-clock')).toContainText('2025-01-01 00:00:10');
  await run(page, 'kubectl get pods');
  await expect(screen(page)).toContainText(row('web', '1/1', 'Running'));

  const node = await nodeOfPod(page, 'web');
  expect(['node01', 'node02'], 'a worker, not headquarters (its taint keeps employees out)').toContain(node);
  const chip = page.getByTestId(`node-${node}`).getByTestId('pod-default-web');
  await expect(chip).toHaveAttribute('data-status', 'Running');
  await expect(chip).toHaveText('web');
  // Exactly one chip for the Pod, and not in any other box.
  await expect(page.getByTestId('pod-default-web')).toHaveCount(1);
  await expect(page.getByTestId('waiting-area').getByTestId('pod-default-web')).toHaveCount(0);
  expect(consoleErrors).toEqual([]);
});

test.describe('a browser set to zh-TW', () => {
  test.use({ locale: 'zh-TW' });

  test('lesson 1 ticks each step only after its action, and a reload finds the same lab and progress', async ({ page, kubelab, consoleErrors }) => {
    await openWorkspace(page, kubelab.url);
    const select = page.getByTestId('lesson-select');
    await select.selectOption('company-tour');
    await expect(page.getByTestId('lesson-panel').locator('.lesson-title')).toHaveText('公司導覽：叢集裡有什麼');
    const step = (id: string) => page.getByTestId(`lesson-step-${id}`);
    const ids = ['list-offices', 'find-headquarters', 'list-departments', 'hire-employee', 'employee-at-work', 'find-desk'];
    for (const id of ids) await expect(step(id)).toHaveAttribute('data-done', 'false');

    // A command that is no step's action ticks nothing.
    await run(page, 'kubectl version');
    await expect(screen(page)).toContainText('Server Version: v1.32');

    /** Each action: the step is open before it and done after it, the next one still open. */
    const actions: Array<{ id: string; lines: string[]; output: string | RegExp }> = [
      { id: 'list-offices', lines: ['kubectl get nodes'], output: row('controlplane', 'Ready', 'control-plane') },
      { id: 'find-headquarters', lines: ['kubectl describe node controlplane'], output: /Non-terminated Pods|Events:/ },
      { id: 'list-departments', lines: ['kubectl get namespaces'], output: row('kube-system', 'Active') },
      { id: 'hire-employee', lines: ['kubectl apply -f nginx-pod.yaml'], output: 'pod/nginx-pod created' },
      { id: 'employee-at-work', lines: ['lab step 10s'], output: /clock: \S+ \(\+10s\)/ },
      { id: 'find-desk', lines: ['kubectl get pods -o wide'], output: row('nginx-pod', '1/1', 'Running') },
    ];
    for (const [index, action] of actions.entries()) {
      await expect(step(action.id), `${action.id} before ${action.lines.join('; ')}`).toHaveAttribute('data-done', 'false');
      await run(page, ...action.lines);
      await expect(screen(page)).toContainText(action.output);
      await expect(step(action.id), `${action.id} after ${action.lines.join('; ')}`).toHaveAttribute('data-done', 'true');
      const next = actions[index + 1];
      if (next) await expect(step(next.id), `${next.id} is not done by ${action.lines.join('; ')}`).toHaveAttribute('data-done', 'false');
    }
    await expect(page.getByTestId('lesson-panel')).toContainText('已完成 6／6 個步驟');
    await expect(page.getByTestId('lesson-panel').getByRole('status')).toHaveText('所有步驟都完成了，做得好！');
    const node = await nodeOfPod(page, 'nginx-pod');
    await expect(page.getByTestId(`node-${node}`).getByTestId('pod-default-nginx-pod')).toHaveAttribute('data-status', 'Running');
    // The ticked steps, not the introduction, in the screenshot.
    await step('find-desk').scrollIntoViewIfNeeded();
    await journeySettled(page);
    await screenshot(page, 'lesson-done');

    await page.reload();
    await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'connected');
    await expect(select).toHaveValue('company-tour');
    for (const id of ids) await expect(step(id), `${id} after the reload`).toHaveAttribute('data-done', 'true');
    await expect(page.getByTestId('lesson-panel')).toContainText('已完成 6／6 個步驟');
    await expect(page.getByTestId(`node-${node}`).getByTestId('pod-default-nginx-pod')).toHaveAttribute('data-status', 'Running');
    await expect(page.getByTestId('lab-clock')).toContainText('2025-01-01 00:00:10');
    // The terminal shows the session's last screen again; what runs now runs in the same lab.
    await expect(screen(page)).toContainText(`${PROMPT} kubectl get pod nginx-pod -o wide`);
    await run(page, 'kubectl get pods');
    await expect(screen(page)).toContainText(row('nginx-pod', '1/1', 'Running'));
    await journeySettled(page);
    await screenshot(page, 'lesson-after-reload');
    expect(consoleErrors).toEqual([]);
  });
});

test("the editor's Apply types `kubectl apply -f` into the terminal, which creates, then updates, the Pod", async ({ page, kubelab, consoleErrors }) => {
  await openWorkspace(page, kubelab.url);
  await page.getByTestId('editor-open').click();
  await page.getByTestId('editor-open-entry').filter({ hasText: 'nginx-pod.yaml' }).click();
  const tab = page.getByTestId('editor-tab').and(page.locator('[aria-selected="true"]'));
  await expect(tab).toHaveAttribute('data-path', '/home/student/nginx-pod.yaml');
  await expect(tab).toHaveAttribute('data-dirty', 'false');
  const editor = page.getByTestId('editor');
  await expect(editor).toContainText('name: nginx-pod');

  const applied = (verb: string) => new RegExp(`\\$ kubectl apply -f /home/student/nginx-pod\\.yaml\\npod/nginx-pod ${verb}\\n`);
  await clearScreen(page);
  await page.getByTestId('editor-apply').click();
  await expect(screen(page)).toContainText(applied('created'), { useInnerText: true });
  await expect(page.getByTestId('editor-notice')).toContainText('kubectl apply -f /home/student/nginx-pod.yaml');

  // Add a label by typing into Monaco: after `app: nginx`, a new line keeps its indentation.
  await editor.locator('.view-line', { hasText: 'app: nginx' }).click();
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('tier: web');
  await page.keyboard.press('Escape'); // close the completion list, if Monaco opened one
  await expect(tab).toHaveAttribute('data-dirty', 'true');
  await clearScreen(page);
  await page.getByTestId('editor-apply').click();
  await expect(screen(page)).toContainText(applied('configured'), { useInnerText: true });
  await expect(tab).toHaveAttribute('data-dirty', 'false');
  await screenshot(page, 'editor-applied');

  // Saved as typed, and applied: the Pod has the new label.
  await run(page, 'cat nginx-pod.yaml');
  await expect(screen(page)).toContainText('  labels:\n    app: nginx\n    tier: web\nspec:\n', { useInnerText: true });
  await run(page, 'kubectl get pod nginx-pod --show-labels');
  await expect(screen(page)).toContainText(row('nginx-pod', '0/1', 'ContainerCreating'));
  await expect(screen(page)).toContainText('app=nginx,tier=web');
  // Applying an unchanged file again changes nothing.
  await clearScreen(page);
  await page.getByTestId('editor-apply').click();
  await expect(screen(page)).toContainText(applied('unchanged'), { useInnerText: true });
  expect(consoleErrors).toEqual([]);
});

test('the guard is on: a request for another host is refused and reported', async ({ page, kubelab, blockedRequests }) => {
  await openWorkspace(page, kubelab.url);
  await page.evaluate(() => fetch('http://example.com/kubelab-guard-check').catch(() => undefined));
  await expect.poll(() => blockedRequests.length).toBeGreaterThan(0);
  expect(blockedRequests.join('\n')).toContain('example.com');
  // Handled here; the fixture checks the list is empty when the test ends.
  blockedRequests.length = 0;
});
