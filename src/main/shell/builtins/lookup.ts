/** `type` and `which`: what a name would run as (alias, keyword, builtin or /usr/bin program). */
import type { Builtin, BuiltinContext } from './builtin.js';

function type(ctx: BuiltinContext): number {
  const args = ctx.argv.slice(1);
  let terse = false;
  let pathOnly = false;
  while (args[0]?.startsWith('-') && args[0].length > 1) {
    const option = args.shift()!;
    if (option === '--') break;
    if (option.includes('t')) terse = true;
    if (option.includes('p') || option.includes('P')) pathOnly = true;
  }
  let status = 0;
  let out = '';
  for (const name of args) {
    const description = ctx.control.describe(name);
    if (!description) {
      if (!terse && !pathOnly) ctx.stderr.write(`bash: type: ${name}: not found\n`);
      status = 1;
      continue;
    }
    if (pathOnly) {
      if (description.kind === 'file') out += description.path + '\n';
      continue;
    }
    switch (description.kind) {
      case 'alias':
        out += terse ? 'alias\n' : `${name} is aliased to \`${description.value}'\n`;
        break;
      case 'keyword':
        out += terse ? 'keyword\n' : `${name} is a shell keyword\n`;
        break;
      case 'builtin':
        out += terse ? 'builtin\n' : `${name} is a shell builtin\n`;
        break;
      case 'file':
        out += terse ? 'file\n' : `${name} is ${description.path}\n`;
        break;
    }
  }
  ctx.stdout.write(out);
  return status;
}

function which(ctx: BuiltinContext): number {
  const names = ctx.argv.slice(1).filter((a) => !a.startsWith('-'));
  let status = 0;
  let out = '';
  for (const name of names) {
    const description = ctx.control.describe(name);
    if (description?.kind === 'file') out += description.path + '\n';
    else status = 1;
  }
  ctx.stdout.write(out);
  return status;
}

export const lookupBuiltins: readonly Builtin[] = [
  { name: 'type', kind: 'shell', run: type },
  { name: 'which', kind: 'utility', run: which },
];
