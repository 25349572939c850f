import { describe, expect, it } from 'vitest';
import { lookupImage, parseImage, pullErrorMessage } from '../../../../src/main/cluster/kubelet/image-catalog.js';

describe('parseImage', () => {
  it.each([
    ['nginx', 'docker.io/library/nginx', 'latest'],
    ['nginx:1.25', 'docker.io/library/nginx', '1.25'],
    ['library/nginx:1.25', 'docker.io/library/nginx', '1.25'],
    ['docker.io/nginx', 'docker.io/library/nginx', 'latest'],
    ['docker.io/library/nginx:alpine', 'docker.io/library/nginx', 'alpine'],
    ['bitnami/redis:7', 'docker.io/bitnami/redis', '7'],
    ['registry.k8s.io/pause:3.10', 'registry.k8s.io/pause', '3.10'],
    ['localhost/app:dev', 'localhost/app', 'dev'],
    ['registry.local:5000/team/app', 'registry.local:5000/team/app', 'latest'],
    ['registry.local:5000/team/app:v2', 'registry.local:5000/team/app', 'v2'],
  ])('%s is %s:%s', (image, repository, tag) => {
    const ref = parseImage(image);
    expect(ref).toEqual({ original: image, repository, tag, canonical: `${repository}:${tag}` });
  });

  it('keeps a digest as the reference', () => {
    expect(parseImage('nginx@sha256:abc')).toMatchObject({ repository: 'docker.io/library/nginx', tag: 'sha256:abc' });
  });
});

describe('lookupImage', () => {
  it('finds catalog images with their size and a stable digest', () => {
    const a = lookupImage(parseImage('nginx:1.25'));
    const b = lookupImage(parseImage('docker.io/library/nginx:1.25'));
    expect(a.found && a.sizeBytes).toBe(70_500_000);
    expect(a.found && a.image.behaviour).toBe('server');
    expect(a.found && a.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(a.found && b.found && a.digest === b.digest).toBe(true);
    const other = lookupImage(parseImage('nginx:1.27'));
    expect(a.found && other.found && a.digest !== other.digest).toBe(true);
  });

  it('tells a missing repository from a missing tag', () => {
    expect(lookupImage(parseImage('nope'))).toEqual({ found: false, reason: 'no-repository' });
    expect(lookupImage(parseImage('nginx:0.1'))).toEqual({ found: false, reason: 'no-tag' });
  });

  it('knows the shell images and the pause image', () => {
    const busybox = lookupImage(parseImage('busybox'));
    expect(busybox.found && busybox.image.behaviour).toBe('shell');
    const pause = lookupImage(parseImage('registry.k8s.io/pause:3.10'));
    expect(pause.found && pause.image.behaviour).toBe('pause');
  });
});

describe('pullErrorMessage', () => {
  it('words failures as containerd does', () => {
    expect(pullErrorMessage(parseImage('nginx:0.1'), 'no-tag')).toBe(
      'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:0.1": failed to resolve reference "docker.io/library/nginx:0.1": docker.io/library/nginx:0.1: not found',
    );
    expect(pullErrorMessage(parseImage('nope'), 'no-repository')).toMatch(
      /^rpc error: code = Unknown desc = failed to pull and unpack image "docker\.io\/library\/nope:latest": .*pull access denied, repository does not exist or may require authorization/,
    );
  });
});
