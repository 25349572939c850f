/** Test fixtures for lessons: a learner typing into a real lab's shell, and lesson directories to break. */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LabSession } from '../../../src/main/lab/lab-session.js';
import { ScriptRunner } from '../../../src/main/shell/script-runner.js';

/** The project's lessons folder. */
export const LESSONS_ROOT = join(import.meta.dirname, '../../../lessons');

export interface Learner {
  /** Run one command line as the learner would (no TTY); resolves to what it printed. */
  run(line: string): Promise<string>;
  end(): Promise<number>;
}

export function learner(session: LabSession): Learner {
  const shell = session.createShell({ interactive: false });
  let output = '';
  const sink = { write: (text: string) => void (output += text) };
  const runner = new ScriptRunner(shell, { stdout: sink, stderr: sink });
  return {
    async run(line) {
      output = '';
      await runner.write(`${line}\n`);
      return output;
    },
    async end() {
      const status = await runner.end();
      shell.dispose();
      return status;
    },
  };
}

/** A scratch lessons root with a copy of lesson 1 in it, removed by `dispose`. */
export class ScratchLessons {
  readonly root = join(mkdtempSync(join(tmpdir(), 'kubelab-lessons-')), 'lessons');

  constructor() {
    cpSync(join(LESSONS_ROOT, '01-company-tour'), join(this.root, '01-company-tour'), { recursive: true });
  }

  path(...parts: string[]): string {
    return join(this.root, ...parts);
  }

  read(...parts: string[]): string {
    return readFileSync(this.path(...parts), 'utf8');
  }

  write(relative: string, content: string): void {
    writeFileSync(this.path(relative), content);
  }

  /** Replace one exact piece of a file (it must be there). */
  edit(relative: string, from: string, to: string): void {
    const text = this.read(relative);
    if (!text.includes(from)) throw new Error(`${relative} does not contain ${JSON.stringify(from)}`);
    this.write(relative, text.replace(from, to));
  }

  dispose(): void {
    rmSync(join(this.root, '..'), { recursive: true, force: true });
  }
}
