/**
 * The prompt as Ubuntu's default ~/.bashrc colours it:
 * `\[\033[01;32m\]\u@\h\[\033[00m\]:\[\033[01;34m\]\w\[\033[00m\]\$ `.
 */
import type { PromptInfo } from './shell.js';

export function renderPrompt(info: PromptInfo): string {
  return `\x1b[01;32m${info.user}@${info.host}\x1b[00m:\x1b[01;34m${info.dir}\x1b[00m${info.sigil} `;
}

/** PS2, shown while a command still needs lines (open quote, heredoc, trailing `|`). */
export const CONTINUATION_PROMPT = '> ';
