/** `bash`/`sh` with a script file or `-c 'command'`: run it in a child shell. */
import type { Builtin, BuiltinContext } from './builtin.js';

async function bash(ctx: BuiltinContext): Promise<number> {
  const name = ctx.argv[0]!;
  const args = ctx.argv.slice(1).filter((a) => !/^-[eluxv]+$/.test(a) && a !== '--login');
  if (args[0] === '-c') {
    if (args[1] === undefined) {
      ctx.stderr.write(`${name}: -c: option requires an argument\n`);
      return 2;
    }
    return ctx.control.runSubshell(args[1], ctx.io, ctx.signal);
  }
  const file = args[0];
  if (file === undefined) {
    // A nested interactive shell would look exactly like this one; reading stdin as a script is what bash does.
    return ctx.stdinRedirected ? ctx.control.runSubshell(ctx.stdin, { ...ctx.io, stdin: undefined }, ctx.signal) : 0;
  }
  const fs = ctx.shell.host.fs;
  const stat = fs.tryStat(ctx.shell.resolvePath(file));
  if (!stat) {
    ctx.stderr.write(`${name}: ${file}: No such file or directory\n`);
    return 127;
  }
  if (stat.isDirectory) {
    ctx.stderr.write(`${name}: ${file}: Is a directory\n`);
    return 126;
  }
  return ctx.control.runSubshell(fs.readFile(ctx.shell.resolvePath(file)), ctx.io, ctx.signal);
}

export const scriptBuiltins: readonly Builtin[] = [
  { name: 'bash', kind: 'utility', run: bash },
  { name: 'sh', kind: 'utility', run: bash },
];
