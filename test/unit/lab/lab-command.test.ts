import { afterEach, describe, expect, it } from 'vitest';
import { LabSession } from '../../../src/main/lab/lab-session.js';
import { ScriptRunner } from '../../../src/main/shell/script-runner.js';

let session: LabSession | undefined;

afterEach(() => {
  session?.dispose();
  session = undefined;
});

async function run(script: string, options: { virtualClock?: boolean } = { virtualClock: true }): Promise<{ out: string; err: string; status: number }> {
  session = new LabSession({ seed: 1, ...options });
  const shell = session.createShell({ interactive: false });
  let out = '';
  let err = '';
  const runner = new ScriptRunner(shell, { stdout: { write: (t) => (out += t) }, stderr: { write: (t) => (err += t) } });
  const status = await runner.run(script);
  return { out, err, status };
}

describe('the lab command', () => {
  it('steps the virtual clock and reports the new time', async () => {
    const { out } = await run('lab step 30s\nlab step 1h30m\n');
    expect(out).toBe('clock: 2025-01-01T00:00:30Z (+30s)\nclock: 2025-01-01T01:30:30Z (+1h30m0s)\n');
  });

  it('rejects a malformed duration with status 2 and keeps the clock', async () => {
    const { out, err, status } = await run('lab step soon\necho $?\nlab status | head -1\n');
    expect(err).toContain('lab step: invalid duration "soon"');
    expect(out).toBe('2\nclock: 2025-01-01T00:00:00Z (virtual)\n');
    expect(status).toBe(0);
  });

  it('reports status: clock, speed, nodes, pods and seed', async () => {
    const { out } = await run('kubectl apply -f nginx-pod.yaml >/dev/null\nlab step 10s >/dev/null\nlab status\n');
    expect(out).toBe('clock: 2025-01-01T00:00:10Z (virtual)\nspeed: 1x\nnodes: 3 (3 Ready)\npods: 10 (10 Running)\nseed: 1\n');
  });

  it('accepts speed, pause and resume on a virtual clock but says they have no effect', async () => {
    const { out, err } = await run('lab speed 10\nlab pause\nlab resume\nlab speed 99\n');
    expect(out).toBe('speed: 10x\npaused\nrunning\n');
    expect(err).toContain('the clock is virtual');
    expect(err).toContain('lab speed: N must be a number from 1 to 50');
  });

  it('changes speed and pauses a real-time clock', async () => {
    const { out } = await run('lab speed 20\nlab pause\nlab status | head -2\n', { virtualClock: false });
    expect(out).toMatch(/^speed: 20x\npaused\nclock: \S+ \(real-time, paused\)\nspeed: 20x\n$/);
  });

  it('reset gives a fresh cluster and files, and the shell keeps working', async () => {
    const { out } = await run(
      'kubectl apply -f nginx-pod.yaml\nrm nginx-pod.yaml\nlab reset\nkubectl get pods 2>&1\nls\nkubectl get nodes -o name | wc -l\n',
    );
    expect(out).toBe('pod/nginx-pod created\nlab reset\nNo resources found in default namespace.\nnginx-pod.yaml\n3\n');
  });

  it('asks for --yes before resetting at a terminal', async () => {
    session = new LabSession({ seed: 1, virtualClock: true });
    const shell = session.createShell({ interactive: true });
    let err = '';
    const status = await shell.run('lab reset', { stdout: { write: () => undefined }, stderr: { write: (t) => (err += t) }, isTerminal: true });
    expect(status).toBe(1);
    expect(err).toContain('lab reset --yes');
  });
});

describe('editors in a terminal-only lab', () => {
  it('vim explains how to write a file instead', async () => {
    const { err, out } = await run('vim pod.yaml\necho $?\n');
    expect(err).toBe("vim: no editor in this terminal: open files in the KubeLab workspace, or write them with cat > FILE <<'EOF'\n");
    expect(out).toBe('1\n');
  });
});
