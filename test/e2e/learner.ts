/**
 * What a learner does in the workspace, as helpers for the browser tests: open the workspace, type
 * at the shell prompt (one key at a time, through xterm), wait for a command to finish, read the
 * terminal screen. xterm's DOM renderer draws only the visible rows, in `.xterm-rows`; `run()`
 * clears the screen first (Ctrl+L, as a learner may), so what the screen shows afterwards is that
 * command and its output only.
 */
import type { Locator, Page } from '@playwright/test';
import { expect } from './fixtures.js';

export const PROMPT = 'student@bastion:~$';

/** The terminal's visible rows (one `<div>` per row; `innerText` has a line break after each). */
export function screen(page: Page): Locator {
  return page.getByTestId('terminal').locator('.xterm-rows');
}

/** Opens the workspace and waits until it is connected to its lab and the shell prompt is shown. */
export async function openWorkspace(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'connected');
  await expect(page.getByTestId('terminal')).toContainText(PROMPT);
}

/** Gives the terminal the keyboard (a click, as a learner would). */
async function focusTerminal(page: Page): Promise<void> {
  await page.getByTestId('terminal').click();
}

/** Ctrl+L: the shell clears the screen and redraws the prompt (and the line being typed, if any). */
export async function clearScreen(page: Page): Promise<void> {
  await focusTerminal(page);
  await page.keyboard.press('Control+l');
  await expect(screen(page)).toHaveText(/^\s*student@bastion:~\$\s*$/, { useInnerText: true });
}

/**
 * Clears the screen, types `lines` at the prompt (Enter after each: a heredoc's body goes line by
 * line, as typed) and waits until the command finished: some output or echo, then a fresh prompt
 * on the last line. Long output may scroll the command itself off the screen; the prompt stays.
 */
export async function run(page: Page, ...lines: string[]): Promise<void> {
  await clearScreen(page);
  for (const line of lines) {
    await page.keyboard.type(line);
    await page.keyboard.press('Enter');
  }
  await expect(screen(page)).toHaveText(/\S[^]*\nstudent@bastion:~\$\s*$/, { useInnerText: true });
}

/** A regular expression for the words of one output row, separated by any run of blanks. */
export function row(...words: string[]): RegExp {
  return new RegExp(words.map((word) => word.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('\\s+'));
}

/** The NODE column of `kubectl get pod NAME -o wide` as shown on the screen. */
export async function nodeOfPod(page: Page, name: string): Promise<string> {
  await run(page, `kubectl get pod ${name} -o wide`);
  const text = await screen(page).innerText();
  const lines = text.split('\n');
  const header = lines.find((line) => line.startsWith('NAME '));
  const data = lines.find((line) => line.startsWith(`${name} `));
  expect(header, `the header of \`kubectl get pod ${name} -o wide\`\n${text}`).toBeDefined();
  expect(data, `the row of ${name} in \`kubectl get pod ${name} -o wide\`\n${text}`).toBeDefined();
  // The screen is narrower than `-o wide`: the last columns wrap onto the next row, but NODE
  // (the 7th column) is on the first row of both the header and the Pod's line.
  const column = header!.trim().split(/\s+/).indexOf('NODE');
  expect(column, `NODE in ${header}`).toBeGreaterThan(0);
  return data!.trim().split(/\s+/)[column]!;
}

/**
 * Waits until the request-journey strip has played back every hop (it lights one hop per 320 ms,
 * at most 24 queued), so a screenshot shows a settled strip rather than whichever hop was lit.
 */
export async function journeySettled(page: Page): Promise<void> {
  await expect(page.getByTestId('journey')).not.toHaveAttribute('data-station', /./, { timeout: 15_000 });
}

/** A small Pod manifest, typed into a file with a heredoc, the way a learner writes one by hand. */
export const WEB_POD = ['apiVersion: v1', 'kind: Pod', 'metadata:', '  name: web', '  labels:', '    app: web', 'spec:', '  containers:', '  - name: web', '    image: nginx:1.25'];

/**
 * Writes web.yaml with a heredoc, applies it (`pod/web created`), moves the virtual clock on
 * 10 s and waits until the cluster view shows the Pod running.
 */
export async function startWebPod(page: Page): Promise<void> {
  await run(page, "cat > web.yaml <<'EOF'", ...WEB_POD, 'EOF');
  await run(page, 'kubectl apply -f web.yaml');
  await expect(screen(page)).toContainText('pod/web created');
  await run(page, 'lab step 10s');
  await expect(screen(page)).toContainText(/clock: \S+ \(\+10s\)/);
  await expect(page.getByTestId('pod-default-web')).toHaveAttribute('data-status', 'Running');
}
