import { describe, expect, it } from 'vitest';
import type { Container } from '../../../../src/shared/api/core.js';
import { containerArgv, resolveProgram, startErrorMessage } from '../../../../src/main/cluster/kubelet/behaviour.js';
import { lookupImage, parseImage } from '../../../../src/main/cluster/kubelet/image-catalog.js';

function resolve(image: string, container: Partial<Container> = {}) {
  const ref = parseImage(image);
  const found = lookupImage(ref);
  return resolveProgram(ref, found.found ? found.image : undefined, { name: 'c', image, ...container });
}

describe('the argv a container runs', () => {
  it.each([
    ['nginx:1.25', {}, ['/docker-entrypoint.sh', 'nginx', '-g', 'daemon off;']],
    ['nginx:1.25', { command: ['sleep', '10'] }, ['sleep', '10']],
    ['nginx:1.25', { args: ['nginx-debug', '-g', 'daemon off;'] }, ['/docker-entrypoint.sh', 'nginx-debug', '-g', 'daemon off;']],
    ['busybox:1.36', {}, ['sh']],
    ['busybox:1.36', { args: ['echo', 'hi'] }, ['echo', 'hi']],
    ['redis:7.4', { command: ['redis-server'], args: ['--port', '6380'] }, ['redis-server', '--port', '6380']],
  ])('%s %j runs %j', (image, container, argv) => {
    const ref = parseImage(image);
    const found = lookupImage(ref);
    expect(containerArgv(found.found ? found.image : undefined, { name: 'c', ...container })).toEqual(argv);
  });
});

describe('what it does', () => {
  it.each([
    ['nginx:1.25', {}, 'server'],
    ['redis:7.4', {}, 'server'],
    ['httpd:2.4', {}, 'server'],
    ['busybox:1.36', {}, 'script'],
    ['busybox:1.36', { command: ['sleep', '3600'] }, 'script'],
    ['nginx:1.25', { args: ['sleep', '5'] }, 'script'],
    ['busybox:1.36', { command: ['wget', '-qO-', 'web'] }, 'script'],
    ['busybox:1.36', { command: ['nslookup', 'web'] }, 'script'],
    ['busybox:1.36', { args: ['ls', '/'] }, 'script'],
    ['nginx:1.25', { command: ['curl', '-s', 'web'] }, 'script'],
    ['registry.k8s.io/pause:3.10', {}, 'server'],
    ['registry.k8s.io/kube-apiserver:v1.32.4', { command: ['kube-apiserver', '--advertise-address=192.168.200.10'] }, 'server'],
  ])('%s %j is a %s', (image, container, kind) => {
    const resolved = resolve(image, container);
    expect(resolved.ok && resolved.program.kind).toBe(kind);
  });

  it.each([
    ['busybox:1.36', ['ngnix'], 'exec: "ngnix": executable file not found in $PATH'],
    ['busybox:1.36', ['/app/server'], 'exec: "/app/server": stat /app/server: no such file or directory'],
    ['registry.k8s.io/pause:3.10', ['sh', '-c', 'echo hi'], 'exec: "sh": executable file not found in $PATH'],
    ['busybox:1.36', ['bash'], 'exec: "bash": executable file not found in $PATH'],
    // The image's tools run (exec.ts imageExecutables); what the image lacks does not.
    ['busybox:1.36', ['curl', 'web'], 'exec: "curl": executable file not found in $PATH'],
    ['redis:7.4', ['curl', 'web'], 'exec: "curl": executable file not found in $PATH'],
    ['registry.k8s.io/pause:3.10', ['wget', '-qO-', 'web'], 'exec: "wget": executable file not found in $PATH'],
  ])('%s %j cannot start: %s', (image, command, why) => {
    const resolved = resolve(image, { command });
    expect(resolved.ok).toBe(false);
    expect(!resolved.ok && resolved.message).toBe(
      `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: ${why}: unknown`,
    );
  });

  it('words the start error like containerd + runc', () => {
    expect(startErrorMessage('foo')).toContain('exec: "foo": executable file not found in $PATH: unknown');
  });
});

describe('perl (the Jobs docs’ pi example)', () => {
  it('computes π to the digits asked for', async () => {
    const { piDigits } = await import('../../../../src/main/cluster/kubelet/perl.js');
    expect(piDigits(10)).toBe('3.141592654');
    expect(piDigits(50)).toBe('3.1415926535897932384626433832795028841971693993751');
    const long = piDigits(2000);
    expect(long).toHaveLength(2001);
    expect(long.startsWith('3.14159265358979323846264338327950288419716939937510582097494459230781640628620899862803482534211706798')).toBe(true);
  });

  it('is a script that prints one line and exits 0', () => {
    const resolved = resolve('perl:5.34.0', { command: ['perl', '-Mbignum=bpi', '-wle', 'print bpi(2000)'] });
    expect(resolved.ok && resolved.program.kind).toBe('script');
  });
});

describe('$(VAR) in command and args (the docs’ “define a command” example)', () => {
  it('expands variables from env, keeps unknown ones and unescapes $$', () => {
    const argv = containerArgv(undefined, {
      name: 'c',
      command: ['echo'],
      args: ['$(GREETING) $(HONORIFIC) $(NAME)', '$(MISSING)', '$$(GREETING)'],
      env: [
        { name: 'GREETING', value: 'Warm greetings to' },
        { name: 'HONORIFIC', value: 'The Most Honorable' },
        { name: 'NAME', value: 'Kubernetes' },
      ],
    });
    expect(argv).toEqual(['echo', 'Warm greetings to The Most Honorable Kubernetes', '$(MISSING)', '$(GREETING)']);
  });

  it('expands from the environment resolved at creation (envFrom and valueFrom included) when given', () => {
    const spec: Container = { name: 'c', command: ['sh', '-c'], args: ['echo $(MODE) $(PASS) $(LITERAL)'], env: [{ name: 'LITERAL', value: 'ignored' }] };
    const resolved = new Map([
      ['MODE', 'prod'],
      ['PASS', 's3cr3t'],
    ]);
    expect(containerArgv(undefined, spec, resolved)).toEqual(['sh', '-c', 'echo prod s3cr3t $(LITERAL)']);
  });
});
