/** `kubectl cp`: files and directories both ways through tar over exec, tar's messages, kubectl's errors. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KubectlLab } from '../../lab.js';

let lab: KubectlLab;

beforeEach(async () => {
  lab = new KubectlLab();
  const setup = await lab.run('kubectl apply -f nginx-pod.yaml\nlab step 30s');
  expect(setup.stderr).toBe('');
});

afterEach(() => {
  expect(lab.session.lab.componentErrors).toEqual([]);
  lab.dispose();
});

describe('kubectl cp', () => {
  it('copies a local file into a directory of the container, keeping its name', async () => {
    const r = await lab.run('echo "listen 8080;" > app.conf\nkubectl cp app.conf nginx-pod:/tmp');
    expect(r).toMatchObject({ stdout: '', stderr: '', status: 0 });
    expect((await lab.run('kubectl exec nginx-pod -- cat /tmp/app.conf')).stdout).toBe('listen 8080;\n');
  });

  it('copies to a new name in the container', async () => {
    await lab.run('echo hi > note.txt\nkubectl cp note.txt nginx-pod:/tmp/renamed.txt');
    expect((await lab.run('kubectl exec nginx-pod -- ls /tmp')).stdout).toBe('renamed.txt\n');
  });

  it('copies a local directory tree', async () => {
    await lab.run('mkdir -p site/css\necho "<h1>hi</h1>" > site/index.html\necho "h1{}" > site/css/main.css\nkubectl cp site nginx-pod:/tmp/site');
    expect((await lab.run('kubectl exec nginx-pod -- cat /tmp/site/index.html /tmp/site/css/main.css')).stdout).toBe('<h1>hi</h1>\nh1{}\n');
  });

  it('copies a file out of the container, with tar\'s message about the leading slash on stdout', async () => {
    const r = await lab.run('kubectl cp nginx-pod:/etc/hostname ./hostname.txt');
    expect(r).toMatchObject({ stdout: "tar: Removing leading `/' from member names\n", stderr: '', status: 0 });
    expect(lab.shell.host.fs.readFile(`${lab.shell.cwd}/hostname.txt`)).toBe('nginx-pod\n');
  });

  it('copies a directory out of the container', async () => {
    await lab.run('kubectl exec nginx-pod -- sh -c "mkdir -p /tmp/out; echo a > /tmp/out/a.txt; echo b > /tmp/out/b.txt"');
    expect((await lab.run('kubectl cp nginx-pod:/tmp/out copied')).status).toBe(0);
    expect((await lab.run('cat copied/a.txt copied/b.txt')).stdout).toBe('a\nb\n');
  });

  it('reports a missing file in the container as tar and kubectl do', async () => {
    const r = await lab.run('kubectl cp nginx-pod:/nope here');
    expect(r.output).toBe("tar: Removing leading `/' from member names\ntar: /nope: Cannot stat: No such file or directory\ntar: Exiting with failure status due to previous errors\n!command terminated with exit code 2\n");
    expect(r.status).toBe(2);
  });

  it('fails as kubectl does', async () => {
    const cases: Array<[string, string]> = [
      ['kubectl cp', 'error: source and destination are required\n'],
      ['kubectl cp nofile nginx-pod:/tmp', "error: nofile doesn't exist in local filesystem\n"],
      ['kubectl cp a b', 'error: one of src or dest must be a remote file specification\n'],
      ['kubectl cp a:b c:d', 'error: one of src or dest must be a local file specification\n'],
      ['kubectl cp :a b', 'error: filespec must match the canonical format: [[namespace/]pod:]file/path\n'],
      ['kubectl cp nginx-pod: b', 'error: filepath can not be empty\n'],
      ['kubectl cp nope:/etc/hostname x', 'Error from server (NotFound): pods "nope" not found\n'],
    ];
    for (const [command, stderr] of cases) expect(await lab.run(command), command).toMatchObject({ stdout: '', stderr, status: 1 });
  });
});
