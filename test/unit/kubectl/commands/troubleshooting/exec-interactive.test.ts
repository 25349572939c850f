/**
 * `kubectl exec -it POD -- sh` typed at a terminal: a TerminalSession over a real lab, driven with
 * keystrokes, relays each line to the container's shell through pods/exec and back.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TerminalSession } from '../../../../../src/main/shell/terminal-session.js';
import { KubectlLab, nginxPod } from '../../lab.js';
import { Screen } from '../../../shell/screen.js';

const PROMPT = '\x1b[01;32mstudent@bastion\x1b[00m:\x1b[01;34m~\x1b[00m$ ';

let lab: KubectlLab;

beforeEach(async () => {
  lab = new KubectlLab();
  const busybox = ['apiVersion: v1', 'kind: Pod', 'metadata:', '  name: box', 'spec:', '  containers:', '  - name: box', '    image: busybox:1.36', '    command: ["sleep", "3600"]', ''].join('\n');
  await lab.run(`cat > web.yaml <<'EOF'\n${nginxPod({ name: 'web' })}EOF\ncat > box.yaml <<'EOF'\n${busybox}EOF\nkubectl apply -f web.yaml -f box.yaml\nlab step 30s`);
});

afterEach(() => lab.dispose());

async function terminal() {
  const session = new TerminalSession(lab.session.createShell({ interactive: true }), { columns: 100, rows: 30 });
  const screen = new Screen(100);
  let raw = '';
  const exits: number[] = [];
  session.onDidOutput((text) => {
    raw += text;
    screen.write(text);
  });
  await session.start();
  return {
    session,
    screen,
    exits,
    /** Everything shown since the last call. */
    taken: 0,
    shown(): string {
      const text = raw.slice(this.taken);
      this.taken = raw.length;
      return text;
    },
    async type(...chunks: string[]) {
      for (const chunk of chunks) {
        session.input(chunk);
        await session.whenIdle();
      }
    },
  };
}

describe('kubectl exec -it … -- sh at a terminal', () => {
  it('keeps the shell’s directory and variables from line to line, and exit N is kubectl’s status', async () => {
    const t = await terminal();
    t.shown();
    await t.type('kubectl exec -it web -- sh\r');
    // Debian's sh is dash: its prompt shows no directory.
    expect(t.shown()).toBe('kubectl exec -it web -- sh\r\n# ');
    await t.type('cd /etc/nginx\r', 'pwd\r');
    expect(t.shown()).toBe('cd /etc/nginx\r\n# pwd\r\n/etc/nginx\r\n# ');
    // GNU ls on a tty lays names out in columns.
    await t.type('ls\r');
    expect(t.shown()).toBe('ls\r\nconf.d\tnginx.conf\r\n# ');
    await t.type('cat nginx.conf | head -2\r');
    expect(t.shown()).toBe('cat nginx.conf | head -2\r\n\r\nuser  nginx;\r\n# ');
    await t.type('grep -c location conf.d/default.conf; tail -n 1 nginx.conf | wc -c\r');
    expect(t.shown()).toBe('grep -c location conf.d/default.conf; tail -n 1 nginx.conf | wc -c\r\n5\r\n2\r\n# ');
    await t.type('export X=1; echo $X\r');
    expect(t.shown()).toBe('export X=1; echo $X\r\n1\r\n# ');
    await t.type('nosuch\r');
    expect(t.shown()).toBe('nosuch\r\nsh: 7: nosuch: not found\r\n# ');
    await t.type('exit 3\r');
    expect(t.shown()).toBe(`exit 3\r\ncommand terminated with exit code 3\r\n${PROMPT}`);
    await t.type('echo $?\r');
    expect(t.shown()).toBe(`echo $?\r\n3\r\n${PROMPT}`);
    // The exec'd shell wrote nothing the container keeps, but a file it writes stays.
    await t.type('kubectl exec -it web -- bash\r', 'cd /tmp && echo hi > note\r', 'exit\r');
    expect(t.shown()).toBe(`kubectl exec -it web -- bash\r\nroot@web:/# cd /tmp && echo hi > note\r\nroot@web:/tmp# exit\r\nexit\r\n${PROMPT}`);
    const r = await lab.run('kubectl exec web -- cat /tmp/note');
    expect(r.stdout).toBe('hi\n');
  });

  it('shows busybox’s prompt with the directory, and Ctrl+D ends the session with the last status', async () => {
    const t = await terminal();
    await t.type('kubectl exec -ti box -- sh\r');
    t.shown();
    await t.type('cd /etc\r', 'cd ~\r', 'false\r');
    expect(t.shown()).toBe('cd /etc\r\n/etc # cd ~\r\n~ # false\r\n~ # ');
    // busybox ls on a tty: equal columns, coloured names; into a pipe, one per line.
    await t.type('ls /\r');
    const dir = (name: string): string => `\x1b[1;34m${name}\x1b[0m`;
    expect(t.shown()).toBe(`ls /\r\n${['bin', 'dev', 'etc', 'home', 'lib', 'lib64', 'proc', 'root', 'sys', 'tmp', 'usr'].map((n) => dir(n) + ' '.repeat(7 - n.length)).join('')}${dir('var')}\r\n~ # `);
    await t.type('ls /etc | head -2\r');
    expect(t.shown()).toBe('ls /etc | head -2\r\nhostname\r\nhosts\r\n~ # ');
    await t.type('false\r');
    t.shown();
    await t.type('\x04');
    expect(t.shown()).toBe(`\r\ncommand terminated with exit code 1\r\n${PROMPT}`);
    expect(t.exits).toEqual([]);
  });

  it('sends Ctrl+C to the container’s line, not to kubectl', async () => {
    const t = await terminal();
    await t.type('kubectl exec -it box -- sh\r');
    t.shown();
    // At the prompt: the half-typed line is dropped.
    await t.type('echo nev', '\x03');
    expect(t.shown()).toBe('echo nev^C\r\n/ # ');
    await t.type('echo $?\r');
    expect(t.shown()).toBe('echo $?\r\n130\r\n/ # ');
    // While a line runs: it stops, the shell stays.
    t.session.input('sleep 1000; echo late\r');
    await new Promise((resolve) => setTimeout(resolve, 20));
    await t.type('\x03');
    expect(t.shown()).toBe('sleep 1000; echo late\r\n^C\r\n/ # ');
    await t.type('echo still here\r', 'exit\r');
    expect(t.shown()).toBe(`echo still here\r\nstill here\r\n/ # exit\r\n${PROMPT}`);
  });

  it('runs a command that is not a shell once, and refuses a TTY without a terminal', async () => {
    const t = await terminal();
    await t.type('kubectl exec -it box -- cat /etc/hostname\r');
    expect(t.screen.text()).toContain('box\n');
    expect(t.shown()).toMatch(/box\r\n.*\$ $/);
    expect((await lab.run("kubectl exec web -- bash -c 'cd /nope; nosuch'")).stderr).toBe(
      'bash: line 1: cd: /nope: No such file or directory\nbash: line 1: nosuch: command not found\ncommand terminated with exit code 127\n',
    );
    const r = await lab.run('kubectl exec -it web -- sh');
    expect(r.output).toBe('!Unable to use a TTY - input is not a terminal or the right kind of file\n');
    expect(r.status).toBe(0);
  });
});

describe('kubectl run -it and kubectl attach -it at a terminal', () => {
  it('runs a shell in a new Pod and deletes the Pod when it exits', async () => {
    const t = await terminal();
    t.shown();
    await t.type('kubectl run -it --rm tmp --image=busybox:1.36 -- sh\r');
    expect(t.shown()).toBe("kubectl run -it --rm tmp --image=busybox:1.36 -- sh\r\nIf you don't see a command prompt, try pressing enter.\r\n/ # ");
    expect(lab.pod('tmp')?.spec.containers[0]).toMatchObject({ stdin: true, stdinOnce: true, tty: true });
    await t.type('cd /etc; hostname\r', 'exit\r');
    // The Pod restarts its containers (run's default --restart=Always), so kubectl says how to come back.
    expect(t.shown()).toBe(
      `cd /etc; hostname\r\ntmp\r\n/etc # exit\r\nSession ended, resume using 'kubectl attach tmp -c tmp -i -t' command when the pod is running\r\npod "tmp" deleted\r\n${PROMPT}`,
    );
    expect(lab.pod('tmp')).toBeUndefined();
  });

  it('attaches to the shell a Pod runs with stdin and a tty, and says how to come back', async () => {
    const shellPod = ['apiVersion: v1', 'kind: Pod', 'metadata:', '  name: shell', 'spec:', '  containers:', '  - name: shell', '    image: busybox:1.36', '    stdin: true', '    tty: true', ''].join('\n');
    await lab.run(`cat > shell.yaml <<'EOF'\n${shellPod}EOF\nkubectl apply -f shell.yaml\nlab step 30s`);
    const t = await terminal();
    t.shown();
    await t.type('kubectl attach -it shell\r');
    expect(t.shown()).toBe("kubectl attach -it shell\r\nIf you don't see a command prompt, try pressing enter.\r\n/ # ");
    await t.type('echo $((6*7))\r', 'exit 4\r');
    expect(t.shown()).toBe(`echo $((6*7))\r\n42\r\n/ # exit 4\r\nSession ended, resume using 'kubectl attach shell -c shell -i -t' command when the pod is running\r\n${PROMPT}`);
    // The shell was the container's main process: it exited with 4 and the kubelet restarted it.
    await lab.run('lab step 30s');
    const status = lab.pod('shell')?.status?.containerStatuses?.[0];
    expect(status?.restartCount).toBe(1);
    expect(status?.lastState?.terminated?.exitCode).toBe(4);
    // Its output went to the container log as well.
    expect((await lab.run('kubectl logs shell --previous')).stdout).toBe('42\n');
  });

  it('types piped input into the container’s terminal when kubectl has none', async () => {
    const r = await lab.run("printf 'echo hi\\nexit 2\\n' | kubectl run -it --rm tmp --image=busybox:1.36 --restart=Never -- sh");
    expect(r.output).toBe(
      [
        '!Unable to use a TTY - input is not a terminal or the right kind of file',
        "!If you don't see a command prompt, try pressing enter.",
        '/ # echo hi',
        'hi',
        '/ # exit 2',
        'pod "tmp" deleted',
        '!error: pod default/tmp terminated (Error)',
        '',
      ].join('\n'),
    );
    expect(r.status).toBe(2);
  });
});

describe('kubectl exec -i (no -t) at a terminal', () => {
  it('sends the lines typed until Ctrl+D as the process’s stdin, with no prompt', async () => {
    const t = await terminal();
    t.shown();
    await t.type('kubectl exec -i web -- cat\r', 'hello\r', 'world\r');
    // The terminal echoes the lines; nothing is run before the input ends.
    expect(t.shown()).toBe('kubectl exec -i web -- cat\r\nhello\r\nworld\r\n');
    await t.type('\x04');
    expect(t.shown()).toBe(`hello\r\nworld\r\n${PROMPT}`);
    // A shell without a tty reads its commands from stdin and prints no prompt.
    await t.type('kubectl exec -i box -- sh\r', 'echo $((1+2))\r', 'exit 4\r', '\x04');
    expect(t.shown()).toBe(`kubectl exec -i box -- sh\r\necho $((1+2))\r\nexit 4\r\n3\r\ncommand terminated with exit code 4\r\n${PROMPT}`);
  });

  it('stops kubectl on Ctrl+C without running the command (status 130)', async () => {
    const t = await terminal();
    t.shown();
    await t.type('kubectl exec -i web -- sh -c "echo ran > /tmp/ran"\r', 'typed\r', '\x03');
    expect(t.shown()).toBe(`kubectl exec -i web -- sh -c "echo ran > /tmp/ran"\r\ntyped\r\n^C\r\n${PROMPT}`);
    await t.type('echo $?\r');
    expect(t.shown()).toBe(`echo $?\r\n130\r\n${PROMPT}`);
    const r = await lab.run('kubectl exec web -- ls /tmp');
    expect(r.stdout).not.toContain('ran');
  });
});
