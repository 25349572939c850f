import { afterEach, describe, expect, it } from 'vitest';
import { Lab } from '../../../src/main/lab/lab.js';
import { kubectlEnvironment } from '../../../src/main/lab/kubectl-environment.js';

let lab: Lab | undefined;
afterEach(() => lab?.dispose());

describe('where kubectl can connect', () => {
  function env(from: string) {
    lab = new Lab({ seed: 1, virtualClock: true });
    const host = lab.findHost(from)!;
    return kubectlEnvironment(lab, () => host);
  }

  it('reaches the API server on the control plane by address or name', () => {
    const e = env('bastion');
    expect(e.connect('https://192.168.200.10:6443', 'kubectl').ok).toBe(true);
    expect(e.connect('https://controlplane:6443', 'kubectl').ok).toBe(true);
  });

  it('is refused on the workstation loopback (the seeds bastion story)', () => {
    const result = env('bastion').connect('https://127.0.0.1:6443', 'kubectl');
    expect(result).toEqual({ ok: false, message: 'The connection to the server 127.0.0.1:6443 was refused - did you specify the right host or port?' });
  });

  it('reaches the API server through loopback on the control-plane node itself', () => {
    expect(env('controlplane').connect('https://127.0.0.1:6443', 'kubectl').ok).toBe(true);
  });

  it('is refused on a worker or a wrong port, and fails lookups of unknown names', () => {
    const e = env('bastion');
    expect(e.connect('https://node01:6443', 'kubectl')).toMatchObject({ ok: false, message: expect.stringContaining('node01:6443 was refused') });
    expect(e.connect('https://192.168.200.10:8443', 'kubectl')).toMatchObject({ ok: false, message: expect.stringContaining('192.168.200.10:8443 was refused') });
    expect(e.connect('https://nowhere:6443', 'kubectl')).toEqual({
      ok: false,
      message: 'Unable to connect to the server: dial tcp: lookup nowhere on 127.0.0.53:53: no such host',
    });
    expect(e.connect('http://localhost:8080', 'kubectl')).toMatchObject({ message: 'The connection to the server localhost:8080 was refused - did you specify the right host or port?' });
  });
});
