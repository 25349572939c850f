/** kubectl edit through a fake workspace editor: the header, the patch it sends, cancel and the reopen-on-error loop. */
import { afterEach, describe, expect, it } from 'vitest';
import type { Deployment } from '../../../../../src/shared/api/apps.js';
import { DEPLOYMENTS } from '../../../../../src/main/cluster/client/resources.js';
import { KubectlLab } from '../../lab.js';

let lab: KubectlLab;
afterEach(() => lab.dispose());

/** An editor that applies `change` to the file each time it is opened, and records what it saw. */
function attachEditor(change: (text: string, round: number) => string | undefined): string[] {
  const seen: string[] = [];
  lab.session.attachEditor({
    edit: async ({ host, path }) => {
      const fs = lab.session.lab.hosts.get(host)!.fs;
      const text = fs.readFile(path);
      seen.push(text);
      const next = change(text, seen.length);
      if (next === undefined) return { saved: false };
      fs.writeFile(path, next);
      return { saved: true };
    },
  });
  return seen;
}

/** The line the terminal shows while kubectl's temp file is open in the workspace editor. */
const EDITING = /\(editing kubectl-edit-\d+\.yaml in the editor — save to write it, close to return\)\n/;
const editing = (rest: string): RegExp => new RegExp(`^${EDITING.source}${rest}$`);

function deployment(): Deployment {
  const got = lab.session.lab.client('test').get<Deployment>(DEPLOYMENTS, 'default', 'web');
  if (!got.ok) throw new Error('no deployment');
  return got.value;
}

describe('kubectl edit', () => {
  it('opens the object under kubectl header and patches what the learner changed', async () => {
    lab = new KubectlLab();
    await lab.run('kubectl create deployment web --image=nginx');
    const seen = attachEditor((text) => text.replace('replicas: 1', 'replicas: 3'));
    const r = await lab.run('kubectl edit deployment/web');
    expect(r).toMatchObject({ status: 0, stdout: 'deployment.apps/web edited\n' });
    expect(r.stderr).toMatch(editing(''));
    expect(seen[0]).toMatch(
      /^# Please edit the object below\. Lines beginning with a '#' will be ignored,\n# and an empty file will abort the edit\. If an error occurs while saving this file will be\n# reopened with the relevant failures\.\n#\napiVersion: apps\/v1\nkind: Deployment\n/,
    );
    expect(seen[0]).not.toContain('managedFields');
    expect(deployment().spec?.replicas).toBe(3);
    expect(lab.session.lab.hosts.get('bastion')!.fs.readdir('/tmp').filter((f) => f.startsWith('kubectl-edit-'))).toEqual([]);
  });

  it('cancels when nothing changed or the file was emptied', async () => {
    lab = new KubectlLab();
    await lab.run('kubectl create deployment web --image=nginx');
    attachEditor((text, round) => (round === 1 ? text : ''));
    const unchanged = await lab.run('kubectl edit deploy web');
    expect(unchanged).toMatchObject({ status: 0, stdout: '' });
    expect(unchanged.stderr).toMatch(editing('Edit cancelled, no changes made\\.\\n'));
    const emptied = await lab.run('kubectl edit deploy web');
    expect(emptied).toMatchObject({ status: 0, stdout: '' });
    expect(emptied.stderr).toMatch(editing('Edit cancelled, saved file was empty\\.\\n'));
  });

  it('reads the saved file with the final newline vim writes: dropping it is no change', async () => {
    lab = new KubectlLab();
    await lab.run('kubectl create deployment web --image=nginx');
    attachEditor((text) => text.replace(/\n+$/, ''));
    const r = await lab.run('kubectl edit deploy web');
    expect(r).toMatchObject({ status: 0, stdout: '' });
    expect(r.stderr).toMatch(editing('Edit cancelled, no changes made\\.\\n'));
  });

  it('reopens the file with the server reasons when the edit is invalid, and gives up on an unchanged retry', async () => {
    lab = new KubectlLab();
    await lab.run('kubectl create deployment web --image=nginx');
    const seen = attachEditor((text, round) => (round === 1 ? text.replace('replicas: 1', 'replicas: -1') : text));
    const r = await lab.run('kubectl edit deployment web');
    expect(r.status).toBe(1);
    expect(seen[1]).toContain(
      '#\n# deployments.apps "web" was not valid:\n# * spec.replicas: Invalid value: -1: must be greater than or equal to 0\n#\napiVersion: apps/v1\n',
    );
    expect(r.stderr).toMatch(
      editing(
        `error: deployments\\.apps "web" is invalid\\n${EDITING.source}A copy of your changes has been stored to "/tmp/kubectl-edit-\\d+\\.yaml"\\nerror: Edit cancelled, no valid changes were saved\\.\\n`,
      ),
    );
    // os.CreateTemp: the reopened file is a new temp file with its own random name.
    const opened = [...r.stderr.matchAll(/\(editing (kubectl-edit-\d+\.yaml)/g)].map((m) => m[1]);
    expect(opened).toHaveLength(2);
    expect(opened[0]).not.toBe(opened[1]);
    expect(deployment().spec?.replicas).toBe(1);
  });

  it('fails like a missing editor where no workspace is attached', async () => {
    lab = new KubectlLab();
    await lab.run('kubectl create deployment web --image=nginx');
    const r = await lab.run('kubectl edit deployment web');
    expect(r).toMatchObject({
      status: 1,
      stdout: '',
      stderr: "vi: no editor in this terminal: open files in the KubeLab workspace, or write them with cat > FILE <<'EOF'\nerror: there was a problem with the editor \"vi\"\n",
    });
    expect(await lab.run('kubectl edit')).toMatchObject({ status: 1, stderr: expect.stringContaining('error: You must provide one or more resources by argument or filename.\n') as string });
  });
});
