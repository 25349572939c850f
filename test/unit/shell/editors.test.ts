/** vim/vi/nano through the ShellEditor seam: the workspace opens the file; headless they say so and fail. */
import { describe, expect, it } from 'vitest';
import type { ShellEditor } from '../../../src/main/shell/types.js';
import { InMemoryCommandRegistry } from '../../../src/main/shell/command-registry.js';
import { Shell } from '../../../src/main/shell/shell.js';
import { makeHost } from './helpers.js';

function shellWith(editor: ShellEditor | undefined): { shell: Shell; run(line: string): Promise<{ status: number; stdout: string; stderr: string }>; fs: ReturnType<typeof makeHost>['fs'] } {
  const host = makeHost('bastion', 'student');
  const shell = new Shell({
    host,
    registry: new InMemoryCommandRegistry(),
    services: { findHost: () => undefined, sleep: async () => undefined, ...(editor ? { editor } : {}) },
    interactive: false,
  });
  return {
    shell,
    fs: host.fs,
    async run(line) {
      let stdout = '';
      let stderr = '';
      const status = await shell.run(line, { stdout: { write: (t) => (stdout += t) }, stderr: { write: (t) => (stderr += t) }, isTerminal: false });
      return { status, stdout, stderr };
    },
  };
}

describe('editors', () => {
  it('open the file in the workspace editor and return when it was saved', async () => {
    const opened: string[] = [];
    const s = shellWith({
      edit: async ({ host, path }) => {
        opened.push(`${host}:${path}`);
        s.fs.writeFile(path, 'kind: Pod\n');
        return { saved: true };
      },
    });
    expect(await s.run('vim pod.yaml && cat pod.yaml')).toEqual({ status: 0, stdout: 'kind: Pod\n', stderr: '' });
    expect(opened).toEqual(['bastion:/home/student/pod.yaml']);
  });

  it('leave no new file behind when closed without saving', async () => {
    const s = shellWith({ edit: async () => ({ saved: false }) });
    expect((await s.run('nano new.txt; ls')).stdout).toBe('');
  });

  it('say there is no editor and fail without touching the file when headless', async () => {
    const s = shellWith(undefined);
    s.fs.writeFile('/home/student/a.txt', 'keep\n');
    expect(await s.run('vi a.txt')).toEqual({
      status: 1,
      stdout: '',
      stderr: "vi: no editor in this terminal: open files in the KubeLab workspace, or write them with cat > FILE <<'EOF'\n",
    });
    expect(s.fs.readFile('/home/student/a.txt')).toBe('keep\n');
  });
});
