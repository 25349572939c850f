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
});
