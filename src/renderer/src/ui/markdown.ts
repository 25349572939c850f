/**
 * Lesson Markdown → HTML. Raw HTML in lessons is escaped (markdown-it's `html: false`) and
 * markdown-it's own link check refuses `javascript:` and friends. Links open in a new window — the
 * Electron shell refuses those, and a browser keeps the lab page — never replacing the workspace.
 */
import MarkdownIt from 'markdown-it';

const md = new MarkdownIt({ html: false, linkify: false, typographer: false, breaks: false });

const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const token = tokens[idx];
  if (token) {
    token.attrSet('target', '_blank');
    token.attrSet('rel', 'noopener noreferrer');
  }
  return defaultLinkOpen(tokens, idx, options, env, self);
};

/** Fenced blocks in these languages (or none) are commands a learner may paste into the terminal. */
const SHELL_LANGUAGES = new Set(['', 'bash', 'sh', 'shell', 'console']);


const defaultFence = md.renderer.rules.fence ?? ((tokens, idx, options, env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.fence = (tokens, idx, options, env, self) => {
  const html = defaultFence(tokens, idx, options, env, self);
  const language = (tokens[idx]?.info ?? '').trim().split(/\s+/)[0] ?? '';
  const runLabel: unknown = env?.runLabel;
  if (typeof runLabel !== 'string' || !SHELL_LANGUAGES.has(language)) return html;
  const label = md.utils.escapeHtml(runLabel);
  return `<div class="code-block">${html}<button type="button" class="code-run" data-run title="${label}">${label}</button></div>\n`;
};

/**
 * Lesson Markdown as HTML. With `runLabel`, shell code blocks get a button (marked `data-run`)
 * the lesson panel uses to paste the commands into the terminal.
 */
export function renderMarkdown(source: string, options: { runLabel?: string } = {}): string {
  return md.render(source, { runLabel: options.runLabel });
}

/** One paragraph's worth (a step's text) without the wrapping `<p>`. */
export function renderMarkdownInline(source: string): string {
  return md.renderInline(source);
}
