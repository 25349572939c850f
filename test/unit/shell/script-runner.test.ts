/** The non-TTY script runner: no echo, ordered output, statuses, heredocs across chunks. */
import { describe, expect, it } from 'vitest';
import { ScriptRunner } from '../../../src/main/shell/script-runner.js';
import { makeFixture, type Fixture } from './helpers.js';

function runner(f: Fixture = makeFixture({ interactive: false })) {
  const events: string[] = [];
  const script = new ScriptRunner(f.shell, {
    stdout: { write: (t) => events.push(`out:${t}`) },
    stderr: { write: (t) => events.push(`err:${t}`) },
  });
  return { f, script, events, stdout: () => events.filter((e) => e.startsWith('out:')).map((e) => e.slice(4)).join('') };
}

describe('ScriptRunner', () => {
  it('runs commands without echoing them or printing prompts', async () => {
    const r = runner();
    const status = await r.script.run('echo one\ncd /tmp\npwd\n');
    expect(status).toBe(0);
    expect(r.events).toEqual(['out:one\n', 'out:/tmp\n']);
  });

  it('keeps stdout and stderr in the order they were written', async () => {
    const r = runner();
    await r.script.run('echo a\ncat nope\necho b\n');
    expect(r.events).toEqual(['out:a\n', 'err:cat: nope: No such file or directory\n', 'out:b\n']);
  });

  it('resolves to the status of the last command', async () => {
    expect(await runner().script.run('true\nfalse\n')).toBe(1);
    expect(await runner().script.run('false\ntrue')).toBe(0);
    expect(await runner().script.run('nosuchcommand')).toBe(127);
  });

  it('stops at exit N', async () => {
    const r = runner();
    expect(await r.script.run('echo before\nexit 3\necho after\n')).toBe(3);
    expect(r.events).toEqual(['out:before\n']);
    expect(r.script.finished).toBe(true);
  });

  it('runs heredocs and multi-line commands fed in arbitrary chunks', async () => {
    const r = runner();
    const text = 'cat <<EOF > pod.yaml\nkind: Pod\nname: $USER\nEOF\necho "multi\nline" | wc -l\nfor i in 1 2; do\n  echo $i\ndone\ncat pod.yaml\n';
    for (let i = 0; i < text.length; i += 7) await r.script.write(text.slice(i, i + 7));
    expect(await r.script.end()).toBe(0);
    expect(r.stdout()).toBe('2\n1\n2\nkind: Pod\nname: student\n');
  });

  it('runs a command as soon as it is complete', async () => {
    const r = runner();
    await r.script.write('echo first\necho sec');
    expect(r.stdout()).toBe('first\n');
    await r.script.write('ond\n');
    expect(r.stdout()).toBe('first\nsecond\n');
    await r.script.end();
  });

  it('reports an unterminated quote at the end of the script', async () => {
    const r = runner();
    expect(await r.script.run("echo ok\necho 'oops\n")).toBe(2);
    expect(r.events).toEqual(['out:ok\n', "err:bash: unexpected EOF while looking for matching `''\n"]);
  });

  it('reports a syntax error and carries on with the next command, like bash reading a script', async () => {
    const r = runner();
    expect(await r.script.run('echo a | | b\necho next\n')).toBe(0);
    expect(r.events).toEqual(["err:bash: syntax error near unexpected token `|'\n", 'out:next\n']);
  });

  it('sources ~/.bashrc so aliases work and answers non-interactively', async () => {
    const f = makeFixture({ interactive: false, bashrc: 'alias k=kubectl\n' });
    const seen: boolean[] = [];
    f.registry.register('kubectl', (ctx) => {
      seen.push(ctx.interactive);
      ctx.stdout.write(`${ctx.argv.join(' ')}\n`);
      return 0;
    });
    const r = runner(f);
    await r.script.run('k get pods\n');
    expect(r.stdout()).toBe('kubectl get pods\n');
    expect(seen).toEqual([false]);
  });

  it('prints no exit chatter when leaving an ssh level', async () => {
    const r = runner();
    expect(await r.script.run('ssh node01\nhostname\nexit\nhostname\n')).toBe(0);
    expect(r.events).toEqual(['out:node01\n', 'out:bastion\n']);
  });

  it('calls afterCommand after each command so the engine can settle', async () => {
    let settled = 0;
    const f = makeFixture({ afterCommand: () => void settled++ });
    await runner(f).script.run('true\ntrue; true\n');
    expect(settled).toBe(3);
  });
});
