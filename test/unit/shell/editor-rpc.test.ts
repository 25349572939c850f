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
});
