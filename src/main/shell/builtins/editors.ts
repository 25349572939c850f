/** `vim`, `vi`, `nano`: open a file in the workspace's editor and return when the learner is done with it. */
import { isFsError } from '../../hosts/vfs.js';
import { launchEditor } from '../editor-launch.js';
import type { Builtin, BuiltinContext } from './builtin.js';

async function edit(ctx: BuiltinContext): Promise<number> {
  const name = ctx.argv[0]!;
  const files = ctx.argv.slice(1).filter((a) => !a.startsWith('-') && !a.startsWith('+'));
  if (files.length === 0) {
    ctx.stderr.write(`${name}: name the file to edit (${name} FILE): the workspace editor opens files\n`);
    return 1;
  }
  const path = ctx.shell.resolvePath(files[0]!);
  const fs = ctx.shell.host.fs;
  if (fs.tryStat(path)?.isDirectory) {
    ctx.stderr.write(`${name}: ${files[0]}: Is a directory\n`);
    return 1;
  }
  if (!ctx.editor) {
    await launchEditor(ctx, name, path);
    return 1;
  }
  // The editor opens the file from disk: a new file exists (empty) once the editor has it, as in vim after :w.
  const created = !fs.exists(path);
  if (created) {
    try {
      fs.writeFile(path, '');
    } catch (error) {
      if (!isFsError(error)) throw error;
      ctx.stderr.write(`${name}: ${files[0]}: ${error.description}\n`);
      return 1;
    }
  }
  const outcome = await launchEditor(ctx, name, path);
  // Quitting without writing leaves no new file behind (`:q!`).
  if (created && outcome.kind !== 'saved' && fs.tryStat(path)?.size === 0) fs.rm(path);
  return outcome.kind === 'saved' || outcome.kind === 'closed' ? 0 : outcome.kind === 'interrupted' ? 130 : 1;
}

export const editorBuiltins: readonly Builtin[] = ['vim', 'vi', 'nano'].map((name) => ({ name, kind: 'utility' as const, run: edit }));
