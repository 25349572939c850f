/** nginx's default server over the container's files: index pages, 403 for an index-less directory, 404, sizes in the access log. */
import { describe, expect, it } from 'vitest';
import { serverProgram } from '../../../../src/main/cluster/kubelet/servers.js';
import { lookupImage, parseImage } from '../../../../src/main/cluster/kubelet/image-catalog.js';
import type { ProcessContext } from '../../../../src/main/cluster/kubelet/shell-script.js';

function nginxWith(files: Record<string, string> | undefined): { get: (path: string) => { status: number; body?: string }; log: string[] } {
  const ref = parseImage('nginx:1.25');
  const found = lookupImage(ref);
  const program = serverProgram(ref, found.found ? found.image : undefined, ['/docker-entrypoint.sh', 'nginx', '-g', 'daemon off;'])!;
  const log: string[] = [];
  const ctx: ProcessContext = {
    userland: 'debian',
    env: new Map(),
    files: new Map(),
    listening: new Set([80]),
    now: () => Date.parse('2025-01-01T00:00:00Z'),
    out: (stream, text) => log.push(`${stream}: ${text}`),
    startup: () => undefined,
    ...(files ? { fileView: () => new Map(Object.entries(files)) } : {}),
  };
  return { get: (path) => program.http!(ctx, { path, port: 80, client: '10.0.0.9', host: 'web' }), log };
}

describe('nginx docroot', () => {
  it('serves index.html for a directory and files by path, logging their size in bytes', () => {
    const nginx = nginxWith({ '/usr/share/nginx/html/index.html': 'héllo\n', '/usr/share/nginx/html/docs/a.txt': 'A' });
    expect(nginx.get('/')).toMatchObject({ status: 200, body: 'héllo\n' });
    expect(nginx.get('/docs/a.txt?x=1')).toMatchObject({ status: 200, body: 'A' });
    expect(nginx.log[0]).toBe('stdout: 10.0.0.9 - - [01/Jan/2025:00:00:00 +0000] "GET / HTTP/1.1" 200 7 "-" "kube-probe/1.32" "-"');
  });

  it('forbids a directory without an index and answers 404 for what is not there, with error-log lines', () => {
    const nginx = nginxWith({ '/usr/share/nginx/html/docs/a.txt': 'A' });
    const forbidden = nginx.get('/docs/');
    expect(forbidden.status).toBe(403);
    expect(forbidden.body).toContain('<title>403 Forbidden</title>');
    expect(nginx.log[0]).toContain('[error] 29#29: *1 directory index of "/usr/share/nginx/html/docs/" is forbidden, client: 10.0.0.9');
    expect(nginx.get('/').status).toBe(403);
    expect(nginx.get('/nope.html').status).toBe(404);
    expect(nginx.log.some((l) => l.includes('open() "/usr/share/nginx/html/nope.html" failed (2: No such file or directory)'))).toBe(true);
  });

  it('has the image welcome page where files are not modelled', () => {
    const nginx = nginxWith(undefined);
    expect(nginx.get('/')).toMatchObject({ status: 200 });
    expect(nginx.get('/').body).toContain('<title>Welcome to nginx!</title>');
    expect(nginx.log[0]).toContain('" 200 615 "');
  });
});
