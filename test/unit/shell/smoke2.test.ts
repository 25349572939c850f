import { expect, it } from 'vitest';
import { TerminalSession } from '../../../src/main/shell/terminal-session.js';
import { makeFixture } from './helpers.js';
import { Screen } from './screen.js';

it('terminal smoke', async () => {
  const f = makeFixture({ interactive: true, bashrc: 'alias k=kubectl\n' });
  f.bastion.fs.writeFile('/home/student/nginx-pod.yaml', 'x\n');
  f.registry.register('kubectl', (ctx) => { ctx.stdout.write(`kubectl ${ctx.argv.slice(1).join(' ')}\n`); return 0; }, { complete: (words, cur) => words.length === 1 ? ['get', 'describe'] : ['pods', 'nodes'] });
  const t = new TerminalSession(f.shell, { columns: 40 });
  let out = '';
  const screen = new Screen(40);
  t.onDidOutput((s) => { out += s; screen.write(s); });
  await t.start();
  for (const input of ['echo hi\r', 'echo 中文x\x1b[D\x1b[D\x7fy\r', 'k get po\t\r', 'cat ngi\t\r', 'ech\t\t', '\x03', 'k \t\t', '\x03', 'echo "a\rb"\r', '\x1b[A\x1b[A', '\x12echo h', '\x07', 'ssh node01\r', 'pwd\r', '\x04']) {
    t.input(input);
    await t.whenIdle();
  }
  console.log(JSON.stringify(out));
  console.log(screen.text());
  expect(1).toBe(1);
});
