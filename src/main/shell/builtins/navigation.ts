/** `cd` and `pwd`: the working directory of the current host level. */
import type { Builtin, BuiltinContext } from './builtin.js';

function cd(ctx: BuiltinContext): number {
  const operands = ctx.argv.slice(1);
  while (operands.length > 0 && /^-[LPe@]+$/.test(operands[0]!)) operands.shift();
  if (operands[0] === '--') operands.shift();
  if (operands.length > 1) {
    ctx.stderr.write('bash: cd: too many arguments\n');
    return 1;
  }
  const env = ctx.shell.env;
  let target: string | undefined = operands[0];
  let print = false;
  if (target === undefined || target === '') {
    target = env.get('HOME');
    if (target === undefined) {
      ctx.stderr.write('bash: cd: HOME not set\n');
      return 1;
    }
  } else if (target === '-') {
    target = env.get('OLDPWD');
    if (target === undefined) {
      ctx.stderr.write('bash: cd: OLDPWD not set\n');
      return 1;
    }
    print = true;
  }
  const path = ctx.shell.resolvePath(target);
  const stat = ctx.shell.host.fs.tryStat(path);
  if (!stat) {
    ctx.stderr.write(`bash: cd: ${target}: No such file or directory\n`);
    return 1;
  }
  if (!stat.isDirectory) {
    ctx.stderr.write(`bash: cd: ${target}: Not a directory\n`);
    return 1;
  }
  env.set('OLDPWD', ctx.shell.cwd);
  ctx.control.exported.add('OLDPWD');
  ctx.shell.cwd = path;
  if (print) ctx.stdout.write(path + '\n');
  return 0;
}

function pwd(ctx: BuiltinContext): number {
  ctx.stdout.write(ctx.shell.cwd + '\n');
  return 0;
}

export const navigationBuiltins: readonly Builtin[] = [
  { name: 'cd', kind: 'shell', run: cd },
  { name: 'pwd', kind: 'shell', run: pwd },
];
