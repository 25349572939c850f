/**
 * Manifests and helpers the troubleshooting tests share: a Pod with an init container, a ticking
 * app and a sidecar; a Pod that keeps crashing; and a way to run a command that blocks until
 * Ctrl+C, with the interrupt arriving after some lab time.
 */
import type { RunResult } from '../../lab.js';
import type { KubectlLab } from '../../lab.js';

/** `multi`: init container `setup`, `app` printing `tick N` every 5 s, `sidecar`. */
export const MULTI_POD = `apiVersion: v1
kind: Pod
metadata:
  name: multi
  labels:
    app: multi
spec:
  initContainers:
  - name: setup
    image: busybox:1.36
    command: ['sh', '-c', 'echo preparing']
  containers:
  - name: app
    image: busybox:1.36
    command: ['sh', '-c', 'i=0; while true; do echo tick $i; i=$((i+1)); sleep 5; done']
  - name: sidecar
    image: busybox:1.36
    command: ['sh', '-c', 'echo sidecar up; sleep 3600']
`;

/** `crash`: prints a line and exits 1, again and again. */
export const CRASH_POD = `apiVersion: v1
kind: Pod
metadata:
  name: crash
spec:
  containers:
  - name: crash
    image: busybox:1.36
    command: ['sh', '-c', 'echo dying; exit 1']
`;

/** `short`: prints three lines over 10 s and exits. */
export const SHORT_POD = `apiVersion: v1
kind: Pod
metadata:
  name: short
spec:
  restartPolicy: Never
  containers:
  - name: job
    image: busybox:1.36
    command: ['sh', '-c', 'echo one; sleep 5; echo two; sleep 5; echo three']
`;

/** A heredoc that applies `manifest`. */
export function applyScript(manifest: string): string {
  return `kubectl apply -f - <<'EOF'\n${manifest}EOF\n`;
}

/** Run one command line as if Ctrl+C were pressed `afterMs` of lab time after it started. */
export async function runInterrupted(lab: KubectlLab, command: string, afterMs: number): Promise<RunResult & { interrupted: boolean }> {
  const controller = new AbortController();
  const timer = lab.session.lab.clock.schedule(afterMs, () => controller.abort());
  let stdout = '';
  let stderr = '';
  let output = '';
  const io = {
    isTerminal: false,
    stdout: { write: (t: string) => ((stdout += t), (output += t)) },
    stderr: { write: (t: string) => ((stderr += t), (output += t.replace(/^(?=.)/gm, '!'))) },
  };
  const status = await lab.shell.run(command, io, controller.signal);
  timer.dispose();
  return { stdout, stderr, output, status, interrupted: controller.signal.aborted };
}
