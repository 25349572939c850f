/**
 * The terminal hands files to the workspace's editor and back: `vim FILE` opens FILE in a tab and
 * the shell waits until it is saved; `kubectl edit` opens the object's YAML and applies what was
 * saved. And `kubectl exec -it … -- sh` gives a shell inside the container, at the same terminal.
 * Screenshots: test-results/screenshots/{vim-in-editor,kubectl-edit,container-shell}.png.
 */
import type { Page } from '@playwright/test';
import { expect, screenshot, test } from './fixtures.js';
import { PROMPT, clearScreen, openWorkspace, run, screen } from './learner.js';

test.describe.configure({ mode: 'parallel', timeout: 60_000 });
// The terminal's "(editing FILE in the editor …)" line is in the workspace's language.
test.use({ locale: 'en-US' });

/** Types a line at the terminal (which has the keyboard) without waiting for a prompt. */
async function type(page: Page, line: string): Promise<void> {
  await page.getByTestId('terminal').click();
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
}

function activeTab(page: Page) {
  return page.getByTestId('editor-tab').and(page.locator('[aria-selected="true"]'));
}

test('vim opens the file in the editor; saving there lets the shell go on with the new content', async ({ page, kubelab, consoleErrors }) => {
  await openWorkspace(page, kubelab.url);
  await clearScreen(page);
  await type(page, 'vim notes.txt');
  await expect(activeTab(page)).toHaveAttribute('data-path', '/home/student/notes.txt');
  // The shell waits, saying where the file is: no new prompt while the file is open.
  await expect(screen(page)).toContainText('(editing notes.txt in the editor — save to write it, close to return)', { useInnerText: true });
  await expect(screen(page)).not.toContainText(`${PROMPT} \n${PROMPT}`, { useInnerText: true });
  await page.getByTestId('editor').locator('.view-lines').click();
  await page.keyboard.type('written in the editor');
  await page.keyboard.press('Escape'); // close the completion list, if Monaco opened one
  await page.keyboard.press('Enter');
  await screenshot(page, 'vim-in-editor');
  await page.keyboard.press('Control+s');
  await expect(screen(page)).toHaveText(/vim notes\.txt\s*\n\(editing notes\.txt in the editor — save to write it, close to return\)\s*\nstudent@bastion:~\$\s*$/, {
    useInnerText: true,
  });
  await run(page, 'cat notes.txt');
  await expect(screen(page)).toContainText('written in the editor', { useInnerText: true });
  expect(consoleErrors).toEqual([]);
});

test('kubectl edit opens the live object; the saved change is applied to the cluster', async ({ page, kubelab, consoleErrors }) => {
  await openWorkspace(page, kubelab.url);
  await run(page, 'kubectl create deployment web --image=nginx:1.25 --replicas=1');
  await clearScreen(page);
  await type(page, 'kubectl edit deployment web');
  await expect(activeTab(page)).toHaveAttribute('data-path', /\/tmp\/kubectl-edit-.*\.yaml$/);
  const editor = page.getByTestId('editor');
  await expect(editor).toContainText('# Please edit the object below.');
  // Find the spec with the editor's search (Ctrl+F), as a learner would; the line after
  // `progressDeadlineSeconds` (keys are sorted) is `replicas: 1`: make it 3.
  await editor.locator('.view-lines').click();
  await page.keyboard.press('Control+f');
  await expect(editor.locator('.find-widget.visible textarea, .find-widget.visible input').first()).toBeFocused();
  await page.keyboard.type('progressDeadlineSeconds: 600');
  await expect(editor.locator('.find-widget .matchesCount')).toHaveText(/^1 of 1$/);
  await page.keyboard.press('Escape');
  await expect(editor.locator('.find-widget.visible')).toHaveCount(0);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('End');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('3');
  await screenshot(page, 'kubectl-edit');
  await page.keyboard.press('Control+s');
  await expect(screen(page)).toContainText('deployment.apps/web edited', { useInnerText: true });
  await run(page, "kubectl get deployment web -o jsonpath='{.spec.replicas}{\"\\n\"}'");
  await expect(screen(page)).toContainText(/\n3\n/, { useInnerText: true });
  expect(consoleErrors).toEqual([]);
});

test('kubectl exec -it … -- sh opens a shell in the container; exit returns to the workstation', async ({ page, kubelab, consoleErrors }) => {
  await openWorkspace(page, kubelab.url);
  await run(page, 'kubectl run box --image=busybox:1.36 -- sleep 3600', 'lab step 30s');
  await clearScreen(page);
  await type(page, 'kubectl exec -it box -- sh');
  await expect(screen(page)).toContainText('/ # ', { useInnerText: true });
  await type(page, 'cd /etc && pwd');
  await expect(screen(page)).toContainText('/etc\n/etc # ', { useInnerText: true });
  await type(page, 'hostname');
  await expect(screen(page)).toContainText('box\n/etc # ', { useInnerText: true });
  await screenshot(page, 'container-shell');
  await type(page, 'exit 3');
  await expect(screen(page)).toContainText('command terminated with exit code 3', { useInnerText: true });
  await expect(screen(page)).toHaveText(/\nstudent@bastion:~\$\s*$/, { useInnerText: true });
  expect(consoleErrors).toEqual([]);
});
