import { describe, expect, it } from 'vitest';
import { applyCommand, baseName, isManifest, languageForPath, parentDir, shellQuote } from '../../../src/renderer/src/editor/file-kinds.js';
import { formatLabTime } from '../../../src/renderer/src/ui/clock-format.js';
import { renderMarkdown } from '../../../src/renderer/src/ui/markdown.js';

describe('editor file rules', () => {
  it('picks a language from the file name', () => {
    expect(languageForPath('/home/student/nginx-pod.yaml')).toBe('yaml');
    expect(languageForPath('/etc/kubernetes/manifests/etcd.YML')).toBe('yaml');
    expect(languageForPath('/home/student/.bashrc')).toBe('shell');
    expect(languageForPath('/root/setup.sh')).toBe('shell');
    expect(languageForPath('/home/student/.kube/config')).toBe('plaintext');
  });

  it('knows paths and manifests', () => {
    expect(baseName('/home/student/nginx-pod.yaml')).toBe('nginx-pod.yaml');
    expect(parentDir('/home/student')).toBe('/home');
    expect(parentDir('/home')).toBe('/');
    expect(isManifest('/a/b.yaml')).toBe(true);
    expect(isManifest('/a/b.json')).toBe(true);
    expect(isManifest('/a/.bashrc')).toBe(false);
  });

  it('quotes paths for the shell and types Apply on a clean line', () => {
    expect(shellQuote('/home/student/nginx-pod.yaml')).toBe('/home/student/nginx-pod.yaml');
    expect(shellQuote("/home/student/my pod's.yaml")).toBe(`'/home/student/my pod'\\''s.yaml'`);
    expect(shellQuote('~/x.yaml')).toBe(`'~/x.yaml'`);
    expect(applyCommand('/home/student/nginx-pod.yaml')).toBe('\x05\x15kubectl apply -f /home/student/nginx-pod.yaml\r');
  });
});

describe('lesson Markdown', () => {
  it('escapes raw HTML and keeps links from replacing the page', () => {
    const html = renderMarkdown('Hi <script>alert(1)</script> <img src=x onerror=alert(1)> [docs](https://kubernetes.io/) [bad](javascript:alert(1))');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('<a href="https://kubernetes.io/" target="_blank" rel="noopener noreferrer">docs</a>');
    expect(html).not.toContain('href="javascript:');
  });

  it('gives shell code blocks a paste button only when asked', () => {
    const source = '```bash\nkubectl get nodes\n```\n\n```yaml\nkind: Pod\n```\n';
    expect(renderMarkdown(source)).not.toContain('data-run');
    const html = renderMarkdown(source, { runLabel: 'Type <this>' });
    expect(html.match(/data-run/g)).toHaveLength(1);
    expect(html).toContain('title="Type &lt;this&gt;"');
  });
});

describe('the lab clock', () => {
  it('shows simulated time in UTC', () => {
    expect(formatLabTime(Date.UTC(2025, 0, 1, 0, 0, 30))).toBe('2025-01-01 00:00:30');
  });
});
