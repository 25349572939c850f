/**
 * Bash's process substitution as the lab runs it: `<(list)` becomes `/dev/fd/63` (then 62, 61 …)
 * holding the list's whole output before the command starts; `>(list)` becomes such a path the
 * command writes to, and the list reads it once the command is done. The files exist only while
 * the command that named them runs.
 */
import type { VirtualFs } from '../hosts/vfs.js';
import type { Program } from './ast.js';

/** bash hands out descriptors downwards from 63. */
const FIRST_FD = 63;

interface OpenSubstitution {
  readonly fs: VirtualFs;
  readonly path: string;
  readonly direction: '<' | '>';
  readonly program: Program;
}

export class ProcessSubstitutions {
  private readonly open: OpenSubstitution[] = [];
  /** The directory made for the descriptors (a host without /dev), removed when none is left. */
  private created: { fs: VirtualFs; path: string } | undefined;

  /** How many are open: a command notes it first, and `finish` closes those opened after. */
  get mark(): number {
    return this.open.length;
  }

  /** A new `/dev/fd/N` on `fs` holding `content` (`<(list)`: the list's output; `>(list)`: empty). */
  add(fs: VirtualFs, direction: '<' | '>', program: Program, content: string): string {
    const path = `/dev/fd/${FIRST_FD - this.open.length}`;
    if (!fs.exists('/dev/fd')) {
      if (!this.created) this.created = { fs, path: fs.exists('/dev') ? '/dev/fd' : '/dev' };
      fs.mkdir('/dev/fd', { parents: true });
    }
    fs.writeFile(path, content);
    this.open.push({ fs, path, direction, program });
    return path;
  }

  /**
   * Close the substitutions opened since `mark`: each `>(list)` runs `consume` with what the
   * command wrote to it, and the files go.
   */
  async finish(mark: number, consume: (program: Program, input: string) => Promise<void>): Promise<void> {
    while (this.open.length > mark) {
      const substitution = this.open.pop()!;
      const written = substitution.fs.exists(substitution.path) ? substitution.fs.readFile(substitution.path) : '';
      if (substitution.fs.exists(substitution.path)) substitution.fs.rm(substitution.path);
      if (substitution.direction === '>') await consume(substitution.program, written);
    }
    if (this.open.length === 0 && this.created) {
      const { fs, path } = this.created;
      this.created = undefined;
      if (fs.exists(path)) fs.rm(path, { recursive: true });
    }
  }
}
