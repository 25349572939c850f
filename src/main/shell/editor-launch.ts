/**
 * Opening a host file in the workspace editor, shared by `vim`/`vi`/`nano` and `kubectl edit`
 * (which launches `$KUBE_EDITOR`, `$EDITOR` or `vi` the same way): without a workspace the
 * editor says so in one line and fails, leaving the file as it was.
 */
import type { CommandContext } from './types.js';

export type EditOutcome = { readonly kind: 'saved' | 'closed' } | { readonly kind: 'unavailable' } | { readonly kind: 'interrupted' };

/** The one-line message an editor prints where no workspace editor can open. */
export function noEditorMessage(editor: string): string {
  return `${editor}: no editor in this terminal: open files in the KubeLab workspace, or write them with cat > FILE <<'EOF'\n`;
}

/** Open `absolutePath` on the shell's host in the workspace editor and wait for the learner. */
export async function launchEditor(ctx: CommandContext, editor: string, absolutePath: string): Promise<EditOutcome> {
  if (!ctx.editor || ctx.background === true) {
    ctx.stderr.write(noEditorMessage(editor));
    return { kind: 'unavailable' };
  }
  try {
    const result = await ctx.editor.edit({ host: ctx.shell.host.name, path: absolutePath }, ctx.signal);
    if (ctx.signal.aborted) return { kind: 'interrupted' };
    return { kind: result.saved ? 'saved' : 'closed' };
  } catch {
    return { kind: ctx.signal.aborted ? 'interrupted' : 'unavailable' };
  }
}
