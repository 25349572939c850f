/**
 * A default lab (seed 1, virtual clock) with a non-interactive shell on the bastion, driven by the
 * ScriptRunner the way `kubelab shell` runs a piped script. Each run collects stdout, stderr, the
 * interleaved output and the final status.
 */
import type { Pod } from '../../../src/shared/api/core.js';
import { PODS } from '../../../src/main/cluster/client/resources.js';
import { LabSession } from '../../../src/main/lab/lab-session.js';
import { ScriptRunner } from '../../../src/main/shell/script-runner.js';
import type { Shell } from '../../../src/main/shell/shell.js';

export interface RunResult {
  stdout: string;
  stderr: string;
  /** stdout and stderr in the order written, stderr lines marked `!`. */
  output: string;
  status: number;
}

export class KubectlLab {
  readonly session = new LabSession({ seed: 1, virtualClock: true });
  readonly shell: Shell = this.session.createShell({ interactive: false });

  /** Run a script (one or more lines, heredocs included). */
  async run(script: string): Promise<RunResult> {
    let stdout = '';
    let stderr = '';
    let output = '';
    const runner = new ScriptRunner(this.shell, {
      stdout: {
        write: (text) => {
          stdout += text;
          output += text;
        },
      },
      stderr: {
        write: (text) => {
          stderr += text;
          output += text.replace(/^(?=.)/gm, '!');
        },
      },
    });
    const status = await runner.run(script.endsWith('\n') ? script : `${script}\n`);
    return { stdout, stderr, output, status };
  }

  /** The lab's API, for checking what kubectl really changed. */
  pod(name: string, namespace = 'default'): Pod | undefined {
    const got = this.session.lab.client('test').get<Pod>(PODS, namespace, name);
    return got.ok ? got.value : undefined;
  }

  now(): number {
    return this.session.lab.clock.now();
  }

  dispose(): void {
    this.session.dispose();
  }
}

/** The manifest the bastion starts with, with another image or port. */
export function nginxPod(options: { image?: string; port?: number; name?: string; namespace?: string } = {}): string {
  return [
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    `  name: ${options.name ?? 'nginx-pod'}`,
    ...(options.namespace ? [`  namespace: ${options.namespace}`] : []),
    '  labels:',
    '    app: nginx',
    'spec:',
    '  containers:',
    '  - name: nginx',
    `    image: ${options.image ?? 'nginx:1.25'}`,
    '    ports:',
    `    - containerPort: ${options.port ?? 80}`,
    '',
  ].join('\n');
}
