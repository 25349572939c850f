/**
 * The first browser test: `kubelab web` serves the workspace, it connects to its own lab over the
 * WebSocket, the terminal shows the shell prompt, and nothing is logged as an error. Relies on
 * data-testid `connection` (with `data-state`) and `terminal`.
 */
import { expect, screenshot, test } from './fixtures.js';

test('the workspace loads, connects to its lab and logs no errors', async ({ page, kubelab, consoleErrors }) => {
  await page.goto(kubelab.url);
  await expect(page).toHaveTitle(/KubeLab/);
  await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'connected');
  await expect(page.getByTestId('terminal')).toBeVisible();
  await expect(page.getByTestId('terminal')).toContainText('student@bastion:~$');
  await screenshot(page, 'smoke-workspace');
  expect(consoleErrors).toEqual([]);
});

test('a reload reconnects to the same lab, terminal scrollback included', async ({ page, kubelab, consoleErrors }) => {
  await page.goto(kubelab.url);
  const terminal = page.getByTestId('terminal');
  await expect(terminal).toContainText('student@bastion:~$');
  await terminal.click();
  await page.keyboard.type('echo reload-marker-42');
  await page.keyboard.press('Enter');
  await expect(terminal).toContainText('reload-marker-42\n', { useInnerText: true });
  const token = await page.evaluate(() => localStorage.getItem('kubelab.token'));
  expect(token).toMatch(/^[A-Za-z0-9_-]{24}$/);

  await page.reload();
  await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'connected');
  await expect(terminal).toContainText('echo reload-marker-42');
  expect(await page.evaluate(() => localStorage.getItem('kubelab.token'))).toBe(token);
  await screenshot(page, 'smoke-after-reload');
  expect(consoleErrors).toEqual([]);
});
