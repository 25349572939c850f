/** curl, wget and nc on the workstation and the nodes, through the lab's data plane. */
import { afterEach, describe, expect, it } from 'vitest';
import { KubectlLab } from '../kubectl/lab.js';

let lab: KubectlLab;
afterEach(() => lab.dispose());

const SETUP = `kubectl create deployment web --image=nginx --port=80
kubectl expose deployment web --type=NodePort --port=80
lab step 30s
NP=$(kubectl get svc web -o jsonpath='{.spec.ports[0].nodePort}')
IP=$(kubectl get svc web -o jsonpath='{.spec.clusterIP}')
`;

describe('network tools on hosts', () => {
  it('reaches a NodePort on any node and a ClusterIP only from a node', async () => {
    lab = new KubectlLab();
    const r = await lab.run(`${SETUP}
curl -s http://node01:$NP/ | grep title
wget -qO- controlplane:$NP | grep title
nc -zv node02 $NP
ssh node01 curl -s $IP | grep title
curl -s -m 3 $IP; echo "workstation to ClusterIP: $?"
`);
    expect(r.stdout).toContain('<title>Welcome to nginx!</title>\n<title>Welcome to nginx!</title>\n');
    expect(r.stderr).toMatch(/^Connection to node02 \(192\.168\.200\.12\) \d+ port \[tcp\/\*\] succeeded!$/m);
    expect(r.stdout).toContain('<title>Welcome to nginx!</title>\nworkstation to ClusterIP: 28\n');
  });

  it('answers on the API server port as kube-apiserver answers anonymous clients', async () => {
    lab = new KubectlLab();
    const r = await lab.run('curl -k https://controlplane:6443/\ncurl -sk https://controlplane:6443/healthz\ncurl https://controlplane:6443/; echo "status $?"');
    expect(r.stdout).toBe(
      '{\n  "kind": "Status",\n  "apiVersion": "v1",\n  "metadata": {},\n  "status": "Failure",\n  "message": "forbidden: User \\"system:anonymous\\" cannot get path \\"/\\"",\n  "reason": "Forbidden",\n  "details": {},\n  "code": 403\n}\nokstatus 60\n',
    );
    expect(r.stderr).toContain(
      'curl: (60) SSL certificate problem: unable to get local issuer certificate\nMore details here: https://curl.se/docs/sslcerts.html\n\ncurl failed to verify the legitimacy of the server and therefore could not\nestablish a secure connection to it. To learn more about this situation and\nhow to fix it, please visit the web page mentioned above.\n',
    );
  });

  it('speaks GNU wget on the hosts', async () => {
    lab = new KubectlLab();
    const r = await lab.run(`${SETUP}
wget -qO- http://node01:$NP/ | grep title
wget -q http://localhost:8080/; echo "refused: $?"
wget http://nope.example/; echo "unresolved: $?"
wget -O page.html node02:$NP 2>&1 | sed "s/$NP/NP/"; grep -c nginx page.html
`);
    expect(r.stdout.slice(r.stdout.indexOf('<title>'))).toBe(
      '<title>Welcome to nginx!</title>\nrefused: 4\nunresolved: 4\n' +
        '--2025-01-01 00:00:30--  http://node02:NP/\nResolving node02 (node02)... 192.168.200.12\nConnecting to node02 (node02)|192.168.200.12|:NP... connected.\n' +
        'HTTP request sent, awaiting response... 200 OK\nLength: 615 [text/html]\nSaving to: ‘page.html’\n\n     0K' + ' '.repeat(55) + '100% 48.9M=0s\n\n' +
        '2025-01-01 00:00:30 (48.9 MB/s) - ‘page.html’ saved [615/615]\n\n6\n',
    );
    expect(r.stderr).toContain('--2025-01-01 00:00:30--  http://nope.example/\nResolving nope.example (nope.example)... failed: Name or service not known.\nwget: unable to resolve host address ‘nope.example’\n');
  });

  it('is refused where nothing listens, and reaches what listens on the workstation itself', async () => {
    lab = new KubectlLab();
    const refused = await lab.run('curl localhost:8080; echo "status $?"\ncurl http://node01:31999/\nnc -zv node01 31999');
    expect(refused.stdout).toBe('status 7\n');
    expect(refused.stderr).toBe(
      "curl: (7) Failed to connect to localhost port 8080 after 0 ms: Couldn't connect to server\ncurl: (7) Failed to connect to node01 port 31999 after 0 ms: Couldn't connect to server\nnc: connect to node01 (192.168.200.11) port 31999 (tcp) failed: Connection refused\n",
    );
    const listening = lab.session.hostPorts.listen('bastion', 8080, () => ({ status: 200, body: 'forwarded\n', server: 'nginx/1.27.4' }));
    expect((await lab.run('curl -s localhost:8080')).stdout).toBe('forwarded\n');
    listening.dispose();
    expect((await lab.run('curl -s localhost:8080; echo $?')).stdout).toBe('7\n');
  });
});
