/**
 * Opening a host file in the workspace editor, shared by `vim`/`vi`/`nano` and `kubectl edit`
 * (which launches `$KUBE_EDITOR`, `$EDITOR` or `vi` the same way): without a workspace the
 * editor says so in one line and fails, leaving the file as it was. While the file is open the
 * terminal says where it went, in the learner's language; a saved file ends with a newline, as
 * vim ('fixendofline') and nano write it, and so what kubectl edit reads back.
 */
import type { Locale } from '../../shared/rpc/contract.js';
import { type VirtualFs, isFsError } from '../hosts/vfs.js';
import type { CommandContext } from './types.js';

export type EditOutcome = { readonly kind: 'saved' | 'closed' } | { readonly kind: 'unavailable' } | { readonly kind: 'interrupted' };

/** The one-line message an editor prints where no workspace editor can open. */
export function noEditorMessage(editor: string): string {
  return `${editor}: no editor in this terminal: open files in the KubeLab workspace, or write them with cat > FILE <<'EOF'\n`;
}

/** The line the terminal shows while `name` is open in the workspace editor. */
function editingMessage(locale: Locale | undefined, name: string): string {
  switch (locale) {
    case 'zh-TW':
      return `（正在編輯器中編輯 ${name}——儲存即寫入檔案，關閉即回到終端機）\n`;
    case 'zh-CN':
      return `（正在编辑器中编辑 ${name}——保存即写入文件，关闭即回到终端）\n`;
    default:
      return `(editing ${name} in the editor — save to write it, close to return)\n`;
  }
}

/** vim's 'fixendofline', and nano: saved text that does not end with a newline gets one; an empty file stays empty (0 bytes). */
function fixEndOfLine(fs: VirtualFs, path: string): void {
  try {
    if (fs.tryStat(path)?.isFile !== true) return;
    const text = fs.readFile(path);
    if (text !== '' && !text.endsWith('\n')) fs.appendFile(path, '\n');
  } catch (error) {
    // The editor's own write stands if the file cannot be touched again.
    if (!isFsError(error)) throw error;
  }
}

/** Open `absolutePath` on the shell's host in the workspace editor and wait for the learner. */
export async function launchEditor(ctx: CommandContext, editor: string, absolutePath: string): Promise<EditOutcome> {
  if (!ctx.editor || ctx.background === true) {
    ctx.stderr.write(noEditorMessage(editor));
    return { kind: 'unavailable' };
  }
  const host = ctx.shell.host;
  const name = absolutePath.slice(absolutePath.lastIndexOf('/') + 1);
  const line = editingMessage(ctx.editor.locale, name);
  // Dim where the terminal shows it: a note from the lab, not the tool's own output.
  ctx.stderr.write(ctx.stdoutIsTerminal ? `\x1b[2m${line.slice(0, -1)}\x1b[0m\n` : line);
  try {
    const result = await ctx.editor.edit({ host: host.name, path: absolutePath }, ctx.signal);
    if (ctx.signal.aborted) return { kind: 'interrupted' };
    if (result.saved) fixEndOfLine(host.fs, absolutePath);
    return { kind: result.saved ? 'saved' : 'closed' };
  } catch {
    return { kind: ctx.signal.aborted ? 'interrupted' : 'unavailable' };
  }
}
