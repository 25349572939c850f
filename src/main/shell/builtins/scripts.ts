/** `bash`/`sh` with a script file and its arguments, or `-c 'command' [name [arg…]]`: run it in a child shell. */
import type { Builtin, BuiltinContext } from './builtin.js';

async function bash(ctx: BuiltinContext): Promise<number> {
  const name = ctx.argv[0]!;
  // Options come before the script (or the `-c` string); what follows is its `$0` and arguments.
  const args = ctx.argv.slice(1);
  let command = false;
  let fromStdin = false;
  while (args[0] !== undefined && /^[-+]./.test(args[0])) {
    const option = args.shift()!;
    if (option === '--' || option === '-') break;
    if (option.startsWith('--')) continue;
    if (option.startsWith('-') && option.includes('c')) command = true;
    if (option.startsWith('-') && option.includes('s')) fromStdin = true;
    if (option.includes('o')) args.shift();
  }
  if (command) {
    if (args[0] === undefined) {
      ctx.stderr.write(`${name}: -c: option requires an argument\n`);
      return 2;
    }
    return ctx.control.runSubshell(args[0], ctx.io, ctx.signal, { zero: args[1] ?? name, args: args.slice(2) });
  }
  const file = fromStdin ? undefined : args[0];
  if (file === undefined) {
    // A nested interactive shell would look exactly like this one; reading stdin as a script is what bash does.
    const positional = { zero: name, args };
    return ctx.stdinRedirected ? ctx.control.runSubshell(ctx.stdin, { ...ctx.io, stdin: undefined }, ctx.signal, positional) : 0;
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
  return ctx.control.runSubshell(fs.readFile(ctx.shell.resolvePath(file)), ctx.io, ctx.signal, { zero: file, args: args.slice(1) });
}

export const scriptBuiltins: readonly Builtin[] = [
  { name: 'bash', kind: 'utility', run: bash },
  { name: 'sh', kind: 'utility', run: bash },
];
