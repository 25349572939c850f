/** The editor seam over RPC: a subscribed workspace receives `editor.requests` and answers with `editor.done`. */
import { afterEach, describe, expect, it } from 'vitest';
import type { EditRequest } from '../../../src/shared/rpc/contract.js';
import { LabClient } from '../../../src/shared/rpc/lab-client.js';
import { LabSession } from '../../../src/main/lab/lab-session.js';
import { LabRpcServer } from '../../../src/main/rpc/lab-rpc-server.js';
import { inMemoryLabApi } from '../../../src/main/transport/in-memory.js';

let session: LabSession;
let server: LabRpcServer;

afterEach(() => {
  server.dispose();
  session.dispose();
});

async function settle(): Promise<void> {
  for (let i = 0; i < 30; i++) await new Promise((r) => setImmediate(r));
}

describe('editor over RPC', () => {
  it('opens the file in the subscribed workspace; vim returns when it is saved', async () => {
    session = new LabSession({ seed: 1, virtualClock: true });
    server = new LabRpcServer(session);
    const client = new LabClient(inMemoryLabApi(server));
    const { id } = await client.invoke('terminal.open', { cols: 80, rows: 24 });
    let screen = '';
    client.subscribe('terminal.output', { id }, (text) => (screen += text));
    const requests: EditRequest[] = [];
    const subscription = client.subscribe('editor.requests', {}, (request) => requests.push(request));
    await client.invoke('terminal.input', { id, data: 'vim notes.txt; echo "vim exited $?"\r' });
    await settle();
    expect(requests).toEqual([{ id: 'e1', host: 'bastion', path: '/home/student/notes.txt' }]);
    expect(screen).not.toContain('vim exited 0');
    await client.invoke('files.write', { host: 'bastion', path: '/home/student/notes.txt', content: 'remember\n' });
    await client.invoke('editor.done', { id: 'e1', saved: true });
    await settle();
    expect(screen).toContain('vim exited 0');
    expect(session.lab.hosts.get('bastion')!.fs.readFile('/home/student/notes.txt')).toBe('remember\n');
    // Without a workspace, the shell has no editor again.
    subscription.dispose();
    await client.invoke('terminal.input', { id, data: 'vim other.txt\r' });
    await settle();
    expect(screen).toContain('vim: no editor in this terminal');
  });

  it("says dimly, in the workspace's language, which file is open; a save gains vim's final newline before editor.done answers", async () => {
    session = new LabSession({ seed: 1, virtualClock: true });
    server = new LabRpcServer(session);
    const client = new LabClient(inMemoryLabApi(server));
    const { id } = await client.invoke('terminal.open', { cols: 80, rows: 24 });
    let screen = '';
    client.subscribe('terminal.output', { id }, (text) => (screen += text));
    const requests: EditRequest[] = [];
    const first = client.subscribe('editor.requests', { locale: 'en' }, (request) => requests.push(request));
    await client.invoke('terminal.input', { id, data: 'vim nginx.yaml; echo "vim exited $?"\r' });
    await settle();
    expect(screen).toContain('exited $?"\r\n\x1b[2m(editing nginx.yaml in the editor — save to write it, close to return)\x1b[0m\r\n');
    expect(screen).not.toMatch(/vim exited \d/);
    // The workspace switches to Chinese: it subscribes again, and the open file stays open.
    const second = client.subscribe('editor.requests', { locale: 'zh-TW' }, (request) => requests.push(request));
    first.dispose();
    await settle();
    expect(screen).not.toMatch(/vim exited \d/);
    const fs = session.lab.hosts.get('bastion')!.fs;
    await client.invoke('files.write', { host: 'bastion', path: '/home/student/nginx.yaml', content: 'kind: Pod' });
    await client.invoke('editor.done', { id: 'e1', saved: true });
    // Already there when editor.done answers: the workspace reads the file back then.
    expect(fs.readFile('/home/student/nginx.yaml')).toBe('kind: Pod\n');
    await settle();
    expect(screen).toContain('vim exited 0');
    await client.invoke('terminal.input', { id, data: 'nano nginx.yaml\r' });
    await settle();
    expect(requests.map((r) => r.id)).toEqual(['e1', 'e2']);
    expect(screen).toContain('\x1b[2m（正在編輯器中編輯 nginx.yaml——儲存即寫入檔案，關閉即回到終端機）\x1b[0m\r\n');
    await client.invoke('editor.done', { id: 'e2', saved: false });
    await settle();
    second.dispose();
    expect(fs.readFile('/home/student/nginx.yaml')).toBe('kind: Pod\n');
  });

  it('refuses an unknown locale', async () => {
    session = new LabSession({ seed: 1, virtualClock: true });
    server = new LabRpcServer(session);
    const failures: unknown[] = [];
    inMemoryLabApi(server).subscribe('editor.requests', { locale: 'fr' }, () => undefined, (status) => failures.push(status));
    expect(failures).toEqual([expect.objectContaining({ code: 400, message: 'editor.requests: locale must be one of zh-TW, zh-CN, en' })]);
  });
});
