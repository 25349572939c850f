/** Discovery's subresource details: each subresource's kind, group/version and verbs, as aggregated discovery publishes them. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiscoveredResource } from '../../../../src/main/cluster/apiserver/api-server.js';
import { KubectlLab } from '../../kubectl/lab.js';

let lab: KubectlLab;
let discovery: DiscoveredResource[];

beforeAll(() => {
  lab = new KubectlLab();
  discovery = lab.session.lab.client('test').discovery();
});

afterAll(() => {
  lab.dispose();
});

function resource(group: string, name: string): DiscoveredResource {
  const found = discovery.find((r) => r.group === group && r.name === name);
  if (!found) throw new Error(`${group}/${name} is not served`);
  return found;
}

function subresource(group: string, name: string, sub: string): string {
  const detail = resource(group, name).subresourceDetails.find((d) => d.name === sub);
  return detail ? `${detail.group}/${detail.version} ${detail.kind} [${detail.verbs.join(' ')}]` : 'none';
}

describe('subresource details', () => {
  it('name the kind each Pod subresource answers with and its verbs', () => {
    expect(resource('', 'pods').subresources).toEqual(['attach', 'binding', 'ephemeralcontainers', 'eviction', 'exec', 'log', 'portforward', 'proxy', 'status']);
    expect(resource('', 'pods').subresourceDetails.map((d) => d.name)).toEqual(resource('', 'pods').subresources);
    expect(subresource('', 'pods', 'eviction')).toBe('policy/v1 Eviction [create]');
    expect(subresource('', 'pods', 'binding')).toBe('/v1 Binding [create]');
    expect(subresource('', 'pods', 'log')).toBe('/v1 Pod [get]');
    expect(subresource('', 'pods', 'exec')).toBe('/v1 PodExecOptions [create get]');
    expect(subresource('', 'pods', 'attach')).toBe('/v1 PodAttachOptions [create get]');
    expect(subresource('', 'pods', 'portforward')).toBe('/v1 PodPortForwardOptions [create get]');
    expect(subresource('', 'pods', 'proxy')).toBe('/v1 PodProxyOptions [create delete get patch update]');
    expect(subresource('', 'pods', 'ephemeralcontainers')).toBe('/v1 Pod [get patch update]');
    expect(subresource('', 'pods', 'status')).toBe('/v1 Pod [get patch update]');
    // pods/resize is InPlacePodVerticalScaling's, alpha (off) in 1.32.
    expect(subresource('', 'pods', 'resize')).toBe('none');
  });

  it('give scale the autoscaling/v1 Scale and status the parent kind, in every group', () => {
    expect(subresource('apps', 'deployments', 'scale')).toBe('autoscaling/v1 Scale [get patch update]');
    expect(subresource('apps', 'deployments', 'status')).toBe('apps/v1 Deployment [get patch update]');
    expect(subresource('', 'replicationcontrollers', 'scale')).toBe('autoscaling/v1 Scale [get patch update]');
    expect(subresource('apiregistration.k8s.io', 'apiservices', 'status')).toBe('apiregistration.k8s.io/v1 APIService [get patch update]');
    expect(subresource('flowcontrol.apiserver.k8s.io', 'flowschemas', 'status')).toBe('flowcontrol.apiserver.k8s.io/v1 FlowSchema [get patch update]');
    expect(subresource('storage.k8s.io', 'volumeattachments', 'status')).toBe('storage.k8s.io/v1 VolumeAttachment [get patch update]');
  });

  it('cover the other core and certificates subresources', () => {
    expect(subresource('', 'serviceaccounts', 'token')).toBe('authentication.k8s.io/v1 TokenRequest [create]');
    expect(subresource('', 'namespaces', 'finalize')).toBe('/v1 Namespace [update]');
    expect(subresource('', 'nodes', 'proxy')).toBe('/v1 NodeProxyOptions [create delete get patch update]');
    expect(subresource('', 'services', 'proxy')).toBe('/v1 ServiceProxyOptions [create delete get patch update]');
    expect(subresource('certificates.k8s.io', 'certificatesigningrequests', 'approval')).toBe('certificates.k8s.io/v1 CertificateSigningRequest [get patch update]');
    expect(resource('', 'configmaps').subresourceDetails).toEqual([]);
  });
});
