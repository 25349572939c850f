/** The workstation's curl: methods, headers and data sent, and the body printed byte for byte. */
import { afterEach, describe, expect, it } from 'vitest';
import { KubectlLab } from '../kubectl/lab.js';

let lab: KubectlLab;
afterEach(() => {
  expect(lab.session.lab.componentErrors).toEqual([]);
  lab.dispose();
});

describe('curl on the workstation', () => {
  it('prints the body exactly, with no newline added', async () => {
    lab = new KubectlLab();
    const r = await lab.run('kubectl proxy &\nsleep 1\ncurl -s localhost:8001/healthz | wc -c\ncurl -s localhost:8001/version | tail -c 2; echo "|"\nwget -qO- localhost:8001/readyz; echo "|"\nkill %1');
    expect(r.stdout).toBe('Starting to serve on 127.0.0.1:8001\n2\n\n}|\nok|\n');
  });

  it('sends -d data with CR and LF taken out of @files, --data-binary as it is, and warns of an unreadable file', async () => {
    lab = new KubectlLab();
    const r = await lab.run(`kubectl proxy &
sleep 1
printf '{"metadata":{"name":"c1"},"data":{"a":"x\\ny"}}' > body.json
curl -s -H 'Content-Type: application/json' -d @body.json localhost:8001/api/v1/namespaces/default/configmaps | jq -c .data
curl -s -H 'Content-Type: application/json' --data-binary @body.json localhost:8001/api/v1/namespaces/default/configmaps | jq -r .reason
echo '{"metadata":{"name":"c2"}}' | curl -s -HContent-Type:application/json -d @- localhost:8001/api/v1/namespaces/default/configmaps | jq -r .metadata.name
curl -s -H 'Content-Type: application/json' -d @missing.json localhost:8001/api/v1/namespaces/default/configmaps | jq -r .message
kill %1
`);
    expect(r.stdout).toBe(`Starting to serve on 127.0.0.1:8001\n{"a":"xy"}\nBadRequest\nc2\ncouldn't get version/kind; json parse error: unexpected end of JSON input\n`);
    expect(r.stderr).toBe('Warning: Couldn\'t read data from file "missing.json", this makes an empty POST.\n');
  });

  it('-o FILE, -o /dev/null, -w variables and escapes, and -f as curl 7.88 has them', async () => {
    lab = new KubectlLab();
    await lab.run('kubectl create deployment web --image=nginx:1.25\nkubectl create service nodeport web --tcp=80:80 --node-port=30080\nkubectl rollout status deployment web');
    const r = await lab.run(`curl -s -o /dev/null -w "%{http_code}\\n" http://node01:30080
curl -s -o page.html node01:30080; wc -c < page.html
curl -s -o /dev/null -w '%{response_code} %{size_download} %{content_type} %{url_effective} %{method} %{remote_port} %{exitcode}\\n' node01:30080
curl -s -o /dev/null -w "%{http_code}|%{exitcode}\\n" node01:30081; echo "exit $?"
curl -sf -o /dev/null -w "%{http_code}\\n" node01:30080/missing; echo "exit $?"
curl -sSf node01:30080/missing; echo "exit $?"
curl -s -o /dev/null -w '%{bogus}[%%]\\t.' node01:30080`);
    expect(r.stdout).toBe(
      ['200', '615', '200 615 text/html http://node01:30080/ GET 30080 0', '000|7', 'exit 7', '404', 'exit 22', 'exit 22', '[%]\t.'].join('\n'),
    );
    expect(r.stderr).toBe("curl: (22) The requested URL returned error: 404\ncurl: unknown --write-out variable: 'bogus'\n");
  });
});
