/** `kubectl port-forward` reachable from the workstation: curl, wget and nc through pods/portforward. */
import { afterEach, describe, expect, it } from 'vitest';
import { KubectlLab } from '../../lab.js';

let lab: KubectlLab;
afterEach(() => {
  expect(lab.session.lab.componentErrors).toEqual([]);
  lab.dispose();
});

describe('kubectl port-forward from the workstation', () => {
  it('forwards local connections to the Pod while it runs as a job, until it is killed', async () => {
    lab = new KubectlLab();
    const r = await lab.run(`kubectl apply -f nginx-pod.yaml
lab step 30s
kubectl port-forward pod/nginx-pod 8080:80 &
sleep 1
curl -s localhost:8080 | grep title
wget -qO- http://127.0.0.1:8080/ | grep -c nginx
nc -zv localhost 8080
kill %1
jobs
curl -s localhost:8080; echo "after kill: $?"
kubectl logs nginx-pod | tail -2
`);
    expect(r.output).toBe(
      'pod/nginx-pod created\nclock: 2025-01-01T00:00:30Z (+30s)\n' +
        'Forwarding from 127.0.0.1:8080 -> 80\nForwarding from [::1]:8080 -> 80\n' +
        'Handling connection for 8080\n<title>Welcome to nginx!</title>\n' +
        'Handling connection for 8080\n6\n' +
        'Handling connection for 8080\n!Connection to localhost (127.0.0.1) 8080 port [tcp/http-alt] succeeded!\n' +
        '[1]+  Terminated              kubectl port-forward pod/nginx-pod 8080:80\n' +
        'after kill: 7\n' +
        // nginx sees the connections come from its own localhost.
        '127.0.0.1 - - [01/Jan/2025:00:00:31 +0000] "GET / HTTP/1.1" 200 615 "-" "curl/7.88.1" "-"\n' +
        '127.0.0.1 - - [01/Jan/2025:00:00:31 +0000] "GET / HTTP/1.1" 200 615 "-" "Wget/1.21.2" "-"\n',
    );
  });

  it('reaches a Deployment or a Service through one of its Pods', async () => {
    lab = new KubectlLab();
    const r = await lab.run(`kubectl create deployment web --image=nginx:1.25 --port=80
kubectl expose deployment web --port=8080 --target-port=80
lab step 30s
kubectl port-forward svc/web 9000:8080 >pf.log 2>&1 &
kubectl port-forward deploy/web :80 >deploy.log &
sleep 1
curl -s localhost:9000 | grep title
PORT=$(sed -n 's/^Forwarding from 127.0.0.1:\\([0-9]*\\) .*/\\1/p' deploy.log)
curl -s localhost:$PORT | grep -c title; echo "ephemeral: $?"
kill %1 %2
cat pf.log
`);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('<title>Welcome to nginx!</title>\n1\nephemeral: 0\n');
    expect(r.stdout.endsWith('Forwarding from 127.0.0.1:9000 -> 80\nForwarding from [::1]:9000 -> 80\nHandling connection for 9000\n')).toBe(true);
  });

  it('loses the connection when a stream fails or the Pod goes away', async () => {
    lab = new KubectlLab();
    const refused = await lab.run(`kubectl apply -f nginx-pod.yaml
lab step 30s
kubectl port-forward nginx-pod 8081:81 &
sleep 1
curl localhost:8081; echo "curl: $?"
sleep 1
jobs
curl -s localhost:8081; echo "curl: $?"
`);
    const uid = lab.pod('nginx-pod')!.metadata.uid!;
    expect(uid).not.toBe('');
    expect(refused.output).toMatch(
      new RegExp(
        'Forwarding from 127.0.0.1:8081 -> 81\nForwarding from \\[::1\\]:8081 -> 81\nHandling connection for 8081\n' +
          '!E0101 00:00:31.000000    4242 portforward.go:413\\] "Unhandled Error" err="an error occurred forwarding 8081 -> 81: error forwarding port 81 to pod [0-9a-f]{64}, uid : ' +
          'failed to execute portforward in network namespace \\\\"/var/run/netns/cni-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\\\": ' +
          'failed to connect to localhost:81 inside namespace \\\\"[0-9a-f]{64}\\\\", IPv4: dial tcp4 127.0.0.1:81: connect: connection refused IPv6 dial tcp6: address localhost: no suitable address found "\n' +
          '!curl: \\(52\\) Empty reply from server\n!error: lost connection to pod\ncurl: 52\n\\[1\\]\\+  Exit 1                  kubectl port-forward nginx-pod 8081:81\ncurl: 7\n$',
      ),
    );
    const deleted = await lab.run(`kubectl port-forward nginx-pod 8080:80 &
sleep 1
kubectl delete pod nginx-pod
sleep 5
jobs
`);
    expect(deleted.output).toBe(
      'Forwarding from 127.0.0.1:8080 -> 80\nForwarding from [::1]:8080 -> 80\npod "nginx-pod" deleted\n!error: lost connection to pod\n[1]+  Exit 1                  kubectl port-forward nginx-pod 8080:80\n',
    );
  });

  it('cannot listen on a port another process holds', async () => {
    lab = new KubectlLab();
    const r = await lab.run(`kubectl apply -f nginx-pod.yaml
lab step 30s
kubectl port-forward nginx-pod 8080:80 >/dev/null &
sleep 1
kubectl port-forward nginx-pod 8080:80; echo "status $?"
kubectl port-forward nginx-pod 8080:80 8443:443 &
sleep 1
kill %1 %2
`);
    expect(r.stderr).toBe(
      'Unable to listen on port 8080: Listeners failed to create with the following errors: [unable to create listener: Error listen tcp4 127.0.0.1:8080: bind: address already in use unable to create listener: Error listen tcp6 [::1]:8080: bind: address already in use]\n' +
        'error: unable to listen on any of the requested ports: [{8080 80}]\n' +
        'Unable to listen on port 8080: Listeners failed to create with the following errors: [unable to create listener: Error listen tcp4 127.0.0.1:8080: bind: address already in use unable to create listener: Error listen tcp6 [::1]:8080: bind: address already in use]\n',
    );
    expect(r.stdout).toBe('pod/nginx-pod created\nclock: 2025-01-01T00:00:30Z (+30s)\nstatus 1\nForwarding from 127.0.0.1:8443 -> 443\nForwarding from [::1]:8443 -> 443\n');
  });

  it('needs create on pods/portforward', async () => {
    lab = new KubectlLab();
    const r = await lab.run(`kubectl apply -f nginx-pod.yaml
kubectl create serviceaccount viewer
kubectl create rolebinding viewer --clusterrole=view --serviceaccount=default:viewer
lab step 30s
kubectl port-forward nginx-pod 8080:80 --as=system:serviceaccount:default:viewer
`);
    expect(r.stderr).toBe(
      'error: error upgrading connection: pods "nginx-pod" is forbidden: User "system:serviceaccount:default:viewer" cannot create resource "pods/portforward" in API group "" in the namespace "default"\n',
    );
    expect(r.status).toBe(1);
  });
});
