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
    expect(await s.run('vim pod.yaml && cat pod.yaml')).toEqual({
      status: 0,
      stdout: 'kind: Pod\n',
      stderr: '(editing pod.yaml in the editor — save to write it, close to return)\n',
    });
    expect(opened).toEqual(['bastion:/home/student/pod.yaml']);
  });

  it('say on the terminal, in the learner language, which file is open until it is done', async () => {
    const lines: string[] = [];
    for (const locale of ['zh-TW', 'zh-CN', 'en'] as const) {
      const s = shellWith({ locale, edit: async () => ({ saved: false }) });
      s.fs.writeFile('/home/student/nginx.yaml', 'kind: Pod\n');
      const r = await s.run('vi nginx.yaml 2>&1');
      expect(r.status).toBe(0);
      lines.push(r.stdout);
    }
    expect(lines).toEqual([
      '（正在編輯器中編輯 nginx.yaml——儲存即寫入檔案，關閉即回到終端機）\n',
      '（正在编辑器中编辑 nginx.yaml——保存即写入文件，关闭即回到终端）\n',
      '(editing nginx.yaml in the editor — save to write it, close to return)\n',
    ]);
  });

  it('print the line before waiting for the editor', async () => {
    let stderr = '';
    let seenWhileOpen = '';
    const host = makeHost('bastion', 'student');
    const shell = new Shell({
      host,
      registry: new InMemoryCommandRegistry(),
      services: {
        findHost: () => undefined,
        sleep: async () => undefined,
        editor: {
          edit: async () => {
            seenWhileOpen = stderr;
            return { saved: false };
          },
        },
      },
      interactive: false,
    });
    await shell.run('nano /tmp/a.txt', { stdout: { write: () => undefined }, stderr: { write: (t) => (stderr += t) }, isTerminal: false });
    expect(seenWhileOpen).toBe('(editing a.txt in the editor — save to write it, close to return)\n');
  });

  it.each(['vim', 'vi', 'nano'])('%s: a saved file ends with exactly one newline the learner did not type; an empty one stays empty', async (name) => {
    const texts = ['kind: Pod', 'kind: Pod\n', 'a\n\n', 'no newline\nat the end', ''];
    const s = shellWith({
      edit: async ({ path }) => {
        s.fs.writeFile(path, texts[Number(path.slice(-1))]!);
        return { saved: true };
      },
    });
    for (let i = 0; i < texts.length; i++) expect((await s.run(`${name} f${i}`)).status).toBe(0);
    expect(texts.map((_, i) => s.fs.readFile(`/home/student/f${i}`))).toEqual(['kind: Pod\n', 'kind: Pod\n', 'a\n\n', 'no newline\nat the end\n', '']);
  });

  it('leave a file closed without saving as it was, final newline or not', async () => {
    const s = shellWith({ edit: async () => ({ saved: false }) });
    s.fs.writeFile('/home/student/raw.txt', 'no newline');
    expect((await s.run('vim raw.txt')).status).toBe(0);
    expect(s.fs.readFile('/home/student/raw.txt')).toBe('no newline');
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
