/**
 * Who kubectl is in the lab: the kubeconfig's client certificate authenticates (CN = user,
 * O = groups) as kube-apiserver's x509 authenticator does; a broken or foreign certificate is a
 * 401, and no credentials at all make the anonymous user.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { KubectlLab } from '../kubectl/lab.js';

let lab: KubectlLab;
afterEach(() => lab.session.dispose());

function lastRequestUser(): string | undefined {
  const events = lab.session.lab.tracer.recent().filter((e) => e.from === 'kubectl' && e.to === 'kube-apiserver');
  return events.at(-1)?.user;
}

describe('kubectl authentication in the lab', () => {
  it("authenticates ~/.kube/config's admin certificate as kubernetes-admin", async () => {
    lab = new KubectlLab();
    const result = await lab.run('kubectl get ns default -o name');
    expect(result.stdout).toBe('namespace/default\n');
    expect(lastRequestUser()).toBe('kubernetes-admin');
  });

  it('answers a forged certificate with kubectl\'s Unauthorized message', async () => {
    lab = new KubectlLab();
    const admin = lab.session.lab.pki.adminCertificate();
    const body = Buffer.from(admin.split('\n').slice(1, -2).join(''), 'base64').toString('utf8');
    const forged = `-----BEGIN CERTIFICATE-----\n${Buffer.from(body.replace('CN = kubernetes-admin', 'CN = root')).toString('base64')}\n-----END CERTIFICATE-----\n`;
    lab.shell.host.fs.writeFile('/tmp/forged.crt', forged);
    const result = await lab.run('kubectl get pods --client-certificate=/tmp/forged.crt');
    expect(result.stderr).toBe('error: You must be logged in to the server (Unauthorized)\n');
    expect(result.status).toBe(1);
  });

  it('sends no credentials for a kubeconfig user without any: the anonymous user', async () => {
    lab = new KubectlLab();
    await lab.run(`cat > /tmp/anon.conf <<'EOF'
apiVersion: v1
kind: Config
clusters:
- cluster:
    server: https://192.168.200.10:6443
  name: kubernetes
contexts:
- context:
    cluster: kubernetes
    user: nobody
  name: anon
current-context: anon
users:
- name: nobody
EOF`);
    await lab.run('kubectl --kubeconfig /tmp/anon.conf get ns default -o name');
    expect(lastRequestUser()).toBe('system:anonymous');
  });

  it("refuses --as-group without --as, as clientcmd's validation does", async () => {
    lab = new KubectlLab();
    const result = await lab.run('kubectl get pods --as-group=dev');
    expect(result.stderr).toBe('Error in configuration: requesting uid, groups or user-extra for kubernetes-admin without impersonating a user\n');
    const missing = await lab.run('kubectl get pods --client-certificate=/nope.crt');
    expect(missing.stderr).toBe('Error in configuration: unable to read client-cert /nope.crt for kubernetes-admin due to open /nope.crt: no such file or directory\n');
  });
});
