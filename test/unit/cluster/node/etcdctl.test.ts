import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeSnapshot } from '../../../../src/main/cluster/store/snapshot-file.js';
import { humanizeBytes, renderTable } from '../../../../src/main/cluster/node/etcdctl-format.js';
import { type NodeFixture, TLS, makeNodeFixture } from './node-tools-fixture.js';

let node: NodeFixture;
beforeEach(() => {
  node = makeNodeFixture();
});
afterEach(() => node.dispose());

const etcdctl = (argv: string[], options?: Parameters<NodeFixture['run']>[2]) => node.run(node.etcdctl, ['etcdctl', ...argv], options);

describe('etcdctl output helpers', () => {
  it.each([
    [5, '5 B'],
    [999, '999 B'],
    [5_900_000, '5.9 MB'],
    [29_000_000, '29 MB'],
    [20_480, '20 kB'],
  ])('humanize.Bytes(%d) = %s (SI units, one decimal below 10)', (bytes, text) => {
    expect(humanizeBytes(bytes)).toBe(text);
  });

  it('tables are tablewriter with centred upper-case headers and right-aligned cells (etcd 3.5 SetAlignment(ALIGN_RIGHT))', () => {
    expect(renderTable(['hash', 'revision', 'total keys', 'total size'], [['69048169', '70133', '2920', '11 MB']])).toBe(
      '+----------+----------+------------+------------+\n' +
        '|   HASH   | REVISION | TOTAL KEYS | TOTAL SIZE |\n' +
        '+----------+----------+------------+------------+\n' +
        '| 69048169 |    70133 |       2920 |      11 MB |\n' +
        '+----------+----------+------------+------------+\n',
    );
  });
});

describe('etcdctl connection (etcd serves TLS with --client-cert-auth=true)', () => {
  const deadline = /^\{"level":"warn","ts":"[^"]+","logger":"etcd-client","caller":"v3@v3\.5\.16\/retry_interceptor\.go:62","msg":"retrying of unary invoker failed","target":"etcd-endpoints:\/\/0xc000[0-9a-f]{6}\/127\.0\.0\.1:2379","attempt":0,"error":"rpc error: code = DeadlineExceeded desc = latest balancer error: last connection error: connection error: desc = \\"(.*)\\""\}\nError: context deadline exceeded\n$/;

  it.each([
    ['no TLS flags: plain gRPC meets the TLS listener', ['get', 'foo'], 'error reading server preface: EOF'],
    ['https without --cacert', ['--endpoints=https://127.0.0.1:2379', 'get', 'foo'], 'transport: authentication handshake failed: tls: failed to verify certificate: x509: certificate signed by unknown authority'],
    [
      'the cluster CA instead of etcd-ca',
      ['--endpoints=https://127.0.0.1:2379', '--cacert=/etc/kubernetes/pki/ca.crt', '--cert=/etc/kubernetes/pki/etcd/server.crt', '--key=/etc/kubernetes/pki/etcd/server.key', 'get', 'foo'],
      'transport: authentication handshake failed: tls: failed to verify certificate: x509: certificate signed by unknown authority',
    ],
    ['no client certificate', ['--endpoints=https://127.0.0.1:2379', '--cacert=/etc/kubernetes/pki/etcd/ca.crt', 'get', 'foo'], 'error reading server preface: remote error: tls: certificate required'],
    [
      'a client certificate from the cluster CA',
      ['--endpoints=https://127.0.0.1:2379', '--cacert=/etc/kubernetes/pki/etcd/ca.crt', '--cert=/etc/kubernetes/pki/apiserver-kubelet-client.crt', '--key=/etc/kubernetes/pki/apiserver-kubelet-client.key', 'get', 'foo'],
      'error reading server preface: remote error: tls: bad certificate',
    ],
  ])('%s → the balancer warning and "context deadline exceeded" after the 5 s command timeout', async (_name, argv, desc) => {
    const result = await etcdctl(argv);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    const match = deadline.exec(result.stderr);
    expect(match?.[1]).toBe(desc.replace(/"/g, '\\"'));
    expect(node.slept).toBe(5000);
  });

  it('a wrong file path fails before dialling: Error: open …: no such file or directory (exit 128)', async () => {
    const result = await etcdctl(['--endpoints=https://127.0.0.1:2379', '--cacert=/etc/kubernetes/pki/etcd/ca.cert', '--cert=/etc/kubernetes/pki/etcd/server.crt', '--key=/etc/kubernetes/pki/etcd/server.key', 'get', 'foo']);
    expect(result).toEqual({ code: 128, stdout: '', stderr: 'Error: open /etc/kubernetes/pki/etcd/ca.cert: no such file or directory\n' });
    expect(node.slept).toBe(0);
  });

  it('a key from another pair: tls: private key does not match public key', async () => {
    const result = await etcdctl(['--cacert=/etc/kubernetes/pki/etcd/ca.crt', '--cert=/etc/kubernetes/pki/etcd/server.crt', '--key=/etc/kubernetes/pki/etcd/peer.key', 'get', 'foo']);
    expect(result.stderr).toBe('Error: tls: private key does not match public key\n');
    expect(result.code).toBe(128);
  });

  it('any etcd-ca client pair works, also through ETCDCTL_* variables and a bare address (TLS configured)', async () => {
    node.cluster.store.put('foo', 'bar');
    const flags = await etcdctl(['--cacert=/etc/kubernetes/pki/etcd/ca.crt', '--cert=/etc/kubernetes/pki/apiserver-etcd-client.crt', '--key=/etc/kubernetes/pki/apiserver-etcd-client.key', 'get', 'foo']);
    expect(flags).toEqual({ code: 0, stdout: 'foo\nbar\n', stderr: '' });
    const env = await etcdctl(['get', 'foo'], {
      env: { ETCDCTL_ENDPOINTS: 'https://192.168.200.10:2379', ETCDCTL_CACERT: '/etc/kubernetes/pki/etcd/ca.crt', ETCDCTL_CERT: '/etc/kubernetes/pki/etcd/healthcheck-client.crt', ETCDCTL_KEY: '/etc/kubernetes/pki/etcd/healthcheck-client.key' },
    });
    expect(env.stdout).toBe('foo\nbar\n');
  });

  it('a flag shadowing its ETCDCTL_ variable is refused', async () => {
    const result = await etcdctl([...TLS, 'get', 'foo'], { env: { ETCDCTL_CACERT: '/etc/kubernetes/pki/etcd/ca.crt' } });
    expect(result.stderr).toBe('Error: conflicting environment variable "ETCDCTL_CACERT" is shadowed by corresponding command-line flag (either unset environment variable or disable flag)\n');
    expect(result.code).toBe(1);
  });

  it('etcd down: connection refused', async () => {
    node.etcdUp = false;
    const result = await etcdctl([...TLS, 'get', 'foo']);
    expect(result.stderr).toContain('desc = \\"transport: Error while dialing: dial tcp 127.0.0.1:2379: connect: connection refused\\""}\nError: context deadline exceeded\n');
  });

  it('ETCDCTL_API=2 is refused; ETCDCTL_API=3 is the default API', async () => {
    const v2 = await etcdctl([...TLS, 'get', 'foo'], { env: { ETCDCTL_API: '2' } });
    expect(v2.code).toBe(1);
    expect(v2.stderr).toContain('ETCDCTL_API=2');
    const v3 = await etcdctl(['version'], { env: { ETCDCTL_API: '3' } });
    expect(v3).toEqual({ code: 0, stdout: 'etcdctl version: 3.5.16\nAPI version: 3.5\n', stderr: '' });
  });
});

describe('etcdctl key-value commands against the real store', () => {
  it('put, get, get --prefix --keys-only, -w json, del', async () => {
    expect(await etcdctl([...TLS, 'put', '/demo/a', 'one'])).toEqual({ code: 0, stdout: 'OK\n', stderr: '' });
    await etcdctl([...TLS, 'put', '/demo/b', 'two']);
    expect((await etcdctl([...TLS, 'get', '/demo/a'])).stdout).toBe('/demo/a\none\n');
    expect((await etcdctl([...TLS, 'get', '/demo', '--prefix', '--keys-only'])).stdout).toBe('/demo/a\n\n/demo/b\n\n');
    expect((await etcdctl([...TLS, 'get', '/demo', '--prefix', '--print-value-only', '--limit=1'])).stdout).toBe('one\n');
    const json = JSON.parse((await etcdctl([...TLS, 'get', '/demo/b', '-w', 'json'])).stdout.replace(/"(cluster_id|member_id)":(\d+)/g, '"$1":"$2"')) as {
      header: { cluster_id: string; member_id: string; revision: number };
      kvs: Array<{ key: string; value: string; version: number }>;
      count: number;
    };
    expect(json.header.member_id).toBe(BigInt('0x9abd0b70bb7a8d9a').toString());
    expect(json.header.revision).toBe(node.cluster.revision());
    expect(json.kvs.map((kv) => [Buffer.from(kv.key, 'base64').toString(), Buffer.from(kv.value, 'base64').toString(), kv.version])).toEqual([['/demo/b', 'two', 1]]);
    expect(json.count).toBe(1);
    expect(await etcdctl([...TLS, 'del', '/demo', '--prefix'])).toEqual({ code: 0, stdout: '2\n', stderr: '' });
    expect(node.cluster.store.range('/demo', { prefix: true }).count).toBe(0);
  });

  it('reads what kube-apiserver stored (JSON here, protobuf on a real cluster)', async () => {
    const result = await etcdctl([...TLS, 'get', '/registry/namespaces/default', '--print-value-only']);
    expect(JSON.parse(result.stdout)).toMatchObject({ kind: 'Namespace', metadata: { name: 'default' } });
    expect((await etcdctl([...TLS, 'get', '/registry/namespaces', '--prefix', '--keys-only'])).stdout.split('\n').filter(Boolean)).toEqual([
      '/registry/namespaces/default',
      '/registry/namespaces/kube-node-lease',
      '/registry/namespaces/kube-public',
      '/registry/namespaces/kube-system',
    ]);
  });

  it('tables are not an output format for get: exit 4 (ExitBadFeature)', async () => {
    expect(await etcdctl([...TLS, '-w', 'table', 'get', 'foo'])).toEqual({ code: 4, stdout: '', stderr: 'Error: table not supported as output format\n' });
  });
});

describe('etcdctl cluster commands', () => {
  it('endpoint health: "is healthy: successfully committed proposal: took = …"', async () => {
    const result = await etcdctl([...TLS, 'endpoint', 'health']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^https:\/\/127\.0\.0\.1:2379 is healthy: successfully committed proposal: took = \d+\.\d+ms\n$/);
  });

  it('endpoint health without TLS: unhealthy and "Error: unhealthy cluster"', async () => {
    const result = await etcdctl(['endpoint', 'health']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/127\.0\.0\.1:2379 is unhealthy: failed to commit proposal: context deadline exceeded\nError: unhealthy cluster\n$/);
  });

  it('endpoint status -w table has etcd 3.5\'s columns', async () => {
    const result = await etcdctl([...TLS, 'endpoint', 'status', '-w', 'table']);
    const lines = result.stdout.split('\n');
    expect(lines[1]).toBe('|        ENDPOINT        |        ID        | VERSION | DB SIZE | IS LEADER | IS LEARNER | RAFT TERM | RAFT INDEX | RAFT APPLIED INDEX | ERRORS |');
    const raftIndex = String(node.cluster.revision() + 3);
    expect(lines[3]?.split('|').map((c) => c.trim())).toEqual(['', 'https://127.0.0.1:2379', '9abd0b70bb7a8d9a', '3.5.16', expect.stringMatching(/ kB$/), 'true', 'false', '2', raftIndex, raftIndex, '', '']);
  });

  it('endpoint status (simple) ends with the empty errors column', async () => {
    const result = await etcdctl([...TLS, 'endpoint', 'status']);
    expect(result.stdout).toMatch(/^https:\/\/127\.0\.0\.1:2379, 9abd0b70bb7a8d9a, 3\.5\.16, \d+(\.\d)? kB, true, false, 2, \d+, \d+, \n$/);
  });

  it('member list: the member id is sha1(peer URLs + cluster token), as etcd computes it', async () => {
    expect((await etcdctl([...TLS, 'member', 'list'])).stdout).toBe('9abd0b70bb7a8d9a, started, controlplane, https://192.168.200.10:2380, https://192.168.200.10:2379, false\n');
    const table = (await etcdctl([...TLS, 'member', 'list', '-w', 'table'])).stdout.split('\n');
    expect(table[1]).toBe('|        ID        | STATUS  |     NAME     |         PEER ADDRS          |        CLIENT ADDRS         | IS LEARNER |');
    expect(table[3]).toBe('| 9abd0b70bb7a8d9a | started | controlplane | https://192.168.200.10:2380 | https://192.168.200.10:2379 |      false |');
  });
});

describe('etcdctl snapshot save → status → restore', () => {
  it('round-trips the store byte for byte into a new data dir', async () => {
    node.cluster.store.put('/demo/key', 'value');
    const save = await etcdctl([...TLS, 'snapshot', 'save', '/tmp/snap.db']);
    expect(save.code).toBe(0);
    expect(save.stdout).toBe('Snapshot saved at /tmp/snap.db\n');
    const logs = save.stderr.trim().split('\n').map((l) => JSON.parse(l) as { msg: string; caller: string });
    expect(logs.map((l) => l.msg)).toEqual(['created temporary db file', 'opened snapshot stream; downloading', 'fetching snapshot', 'completed snapshot read; closing', 'fetched snapshot', 'saved']);
    expect(logs[0]).toMatchObject({ caller: 'snapshot/v3_snapshot.go:65', path: '/tmp/snap.db.part' });
    expect(node.fs.stat('/tmp/snap.db').mode).toBe(0o600);
    expect(node.fs.exists('/tmp/snap.db.part')).toBe(false);

    const status = await etcdctl(['snapshot', 'status', '/tmp/snap.db', '-w', 'table']);
    expect(status.stderr).toBe('Deprecated: Use `etcdutl snapshot status` instead.\n\n');
    const row = status.stdout.split('\n')[3]!.split('|').map((c) => c.trim());
    const storeStatus = node.cluster.store.status();
    expect(row.slice(2, 4)).toEqual([String(storeStatus.revision), String(storeStatus.keys)]);
    const utl = await node.run(node.etcdutl, ['etcdutl', 'snapshot', 'status', '/tmp/snap.db', '-w', 'table']);
    expect(utl).toEqual({ code: 0, stdout: status.stdout, stderr: '' });

    const restore = await etcdctl(['snapshot', 'restore', '/tmp/snap.db', '--data-dir', '/var/lib/etcd-restore']);
    expect(restore.code).toBe(0);
    expect(restore.stderr.split('\n')[0]).toBe('Deprecated: Use `etcdutl snapshot restore` instead.');
    expect(restore.stderr).toContain(
      '\tinfo\tmembership/cluster.go:421\tadded member\t{"cluster-id": "cdf818194e3a8c32", "local-member-id": "0", "added-peer-id": "8e9e05c52164694d", "added-peer-peer-urls": ["http://localhost:2380"]}\n',
    );
    expect(restore.stderr).toMatch(/\tinfo\tsnapshot\/v3_snapshot\.go:293\trestored snapshot\t\{"path": "\/tmp\/snap\.db", "wal-dir": "\/var\/lib\/etcd-restore\/member\/wal", "data-dir": "\/var\/lib\/etcd-restore", "snap-dir": "\/var\/lib\/etcd-restore\/member\/snap", "initial-memory-map-size": 0\}\n$/);
    expect(node.fs.readdir('/var/lib/etcd-restore/member')).toEqual(['snap', 'wal']);
    expect(node.fs.stat('/var/lib/etcd-restore').mode).toBe(0o700);
    const db = node.fs.readFile('/var/lib/etcd-restore/member/snap/db');
    expect(db).toBe(node.fs.readFile('/tmp/snap.db'));
    const decoded = decodeSnapshot(new TextEncoder().encode(db));
    expect(decoded.ok && decoded.value.kvs).toEqual(node.cluster.store.snapshot().kvs);
  });

  it('restore refuses a data dir that is not empty', async () => {
    await etcdctl([...TLS, 'snapshot', 'save', '/tmp/snap.db']);
    node.fs.mkdir('/var/lib/etcd/member', { parents: true });
    const result = await etcdctl(['snapshot', 'restore', '/tmp/snap.db', '--data-dir=/var/lib/etcd']);
    expect(result).toEqual({ code: 1, stdout: '', stderr: 'Deprecated: Use `etcdutl snapshot restore` instead.\n\nError: data-dir "/var/lib/etcd" not empty or could not be read\n' });
  });

  it('a corrupted snapshot is refused by status and restore; a missing one names the path', async () => {
    await etcdctl([...TLS, 'snapshot', 'save', '/tmp/snap.db']);
    node.fs.writeFile('/tmp/snap.db', node.fs.readFile('/tmp/snap.db').replace('/registry/namespaces/default', '/registry/namespaces/defaulz'));
    const status = await node.run(node.etcdutl, ['etcdutl', 'snapshot', 'status', '/tmp/snap.db']);
    expect(status.code).toBe(1);
    expect(status.stderr).toMatch(/^Error: snapshot file integrity check failed/);
    const restore = await node.run(node.etcdutl, ['etcdutl', 'snapshot', 'restore', '/tmp/snap.db', '--data-dir', '/var/lib/x']);
    expect(restore.code).toBe(1);
    expect(node.fs.exists('/var/lib/x')).toBe(false);
    const missing = await node.run(node.etcdutl, ['etcdutl', 'snapshot', 'status', '/tmp/nope.db']);
    expect(missing.stderr).toBe('Error: stat /tmp/nope.db: no such file or directory\n');
  });

  it('snapshot save without TLS: the temporary file is never written and the client gives up after its dial timeout', async () => {
    const result = await etcdctl(['snapshot', 'save', '/tmp/snap.db']);
    expect(result).toEqual({ code: 5, stdout: '', stderr: 'Error: context deadline exceeded\n' });
    expect(node.fs.exists('/tmp/snap.db')).toBe(false);
    expect(node.slept).toBe(2000);
  });

  it('reading never writes to etcd', async () => {
    const before = node.cluster.revision();
    await etcdctl([...TLS, 'get', '', '--prefix', '--keys-only']);
    await etcdctl([...TLS, 'snapshot', 'save', '/tmp/snap.db']);
    await etcdctl([...TLS, 'endpoint', 'status']);
    expect(node.cluster.revision()).toBe(before);
  });
});

describe('etcdctl writes are what kube-apiserver reads', () => {
  it('deleting an object\'s key with etcdctl makes the API server answer NotFound', async () => {
    const client = node.cluster.client();
    const created = client.create({ group: '', version: 'v1', resource: 'configmaps' }, 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'demo', namespace: 'default' }, data: { a: '1' } });
    expect(created.ok).toBe(true);
    expect((await etcdctl([...TLS, 'get', '/registry/configmaps/default/demo', '--keys-only'])).stdout).toBe('/registry/configmaps/default/demo\n\n');
    expect((await etcdctl([...TLS, 'del', '/registry/configmaps/default/demo'])).stdout).toBe('1\n');
    const read = client.get({ group: '', version: 'v1', resource: 'configmaps' }, 'default', 'demo');
    expect(read.ok ? 'found' : read.status.reason).toBe('NotFound');
  });

  it('-wjson is -w json (pflag shorthand with the value attached)', async () => {
    const result = await etcdctl([...TLS, '-wjson', 'member', 'list']);
    expect(result.stdout).toMatch(/^\{"header":\{"cluster_id":\d+,"member_id":\d+,"raft_term":2\},"members":\[\{"ID":\d+,"name":"controlplane","peerURLs":\["https:\/\/192\.168\.200\.10:2380"\],"clientURLs":\["https:\/\/192\.168\.200\.10:2379"\]\}\]\}\n$/);
  });

  it('etcdutl version and unknown commands', async () => {
    expect(await node.run(node.etcdutl, ['etcdutl', 'version'])).toEqual({ code: 0, stdout: 'etcdutl version: 3.5.16\nAPI version: 3.5\n', stderr: '' });
    expect((await etcdctl(['frobnicate'])).stderr).toBe('Error: unknown command "frobnicate" for "etcdctl"\nRun \'etcdctl --help\' for usage.\n');
  });
});
