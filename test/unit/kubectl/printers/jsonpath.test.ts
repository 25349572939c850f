/** kubectl's JSONPath dialect: parsing, evaluation and printing, checked against kubectl 1.32's output. */
import { describe, expect, it } from 'vitest';
import { JsonPathError, executeJsonPath, parseJsonPath } from '../../../../src/main/kubectl/printers/jsonpath.js';

/** `kubectl create deployment x --image=nginx --dry-run=client -o json`, as decoded. */
const DEPLOYMENT = {
  kind: 'Deployment',
  apiVersion: 'apps/v1',
  metadata: { name: 'x', creationTimestamp: null, labels: { app: 'x' } },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: 'x' } },
    template: { metadata: { creationTimestamp: null, labels: { app: 'x' } }, spec: { containers: [{ name: 'nginx', image: 'nginx', resources: {} }] } },
    strategy: {},
  },
  status: {},
};

const run = (template: string, data: unknown = DEPLOYMENT, options = {}): string => executeJsonPath(parseJsonPath(template), data, options);

describe('jsonpath', () => {
  it('prints fields, slices, recursive descent, filters and unions as kubectl does', () => {
    expect(run('{.spec.template.spec.containers[-1:].name} {..name}')).toBe('nginx x nginx');
    expect(run("{.spec.template.spec.containers[?(@.name=='nginx')].image}|{.metadata['name','labels']}")).toBe('nginx|x {"app":"x"}');
    expect(run('{.spec.template.spec.containers[?(@.image)].name}{.spec.template.spec.containers[?(@.name!="nginx")].image}')).toBe('nginx');
  });

  it('prints maps and slices as compact JSON, null as null, and nothing for missing keys', () => {
    expect(run('{.metadata.labels}{.spec.strategy}{.metadata.creationTimestamp}')).toBe('{"app":"x"}{}null');
    expect(run('{.metadata.nope}{.kind.x}|')).toBe('|');
  });

  it('ranges over lists with text and escapes in quotes', () => {
    expect(run('{range .spec.template.spec.containers[*]}{.name}{"\\t"}{.image}{"\\n"}{end}')).toBe('nginx\tnginx\n');
    const list = { items: [{ metadata: { name: 'a' } }, { metadata: { name: 'b' } }] };
    expect(run('{range .items[*]}[{.metadata.name}]{end} done', list)).toBe('[a][b] done');
    expect(run('{.items[*].metadata.name}', list)).toBe('a b');
  });

  it('reads keys with dots when escaped', () => {
    expect(run('{.metadata.labels.app\\.kubernetes\\.io/name}', { metadata: { labels: { 'app.kubernetes.io/name': 'web' } } })).toBe('web');
  });

  it('prints every action as an indented JSON array with jsonpath-as-json', () => {
    expect(run('{.spec.template.spec.containers[*].name}{.metadata.labels}', DEPLOYMENT, { asJson: true })).toBe('[\n    "nginx"\n]\n[\n    {\n        "app": "x"\n    }\n]\n');
  });

  it("fails with the library's messages", () => {
    const error = (template: string, options = {}): string => {
      try {
        run(template, DEPLOYMENT, options);
      } catch (e) {
        if (e instanceof JsonPathError) return e.message;
        throw e;
      }
      return 'no error';
    };
    expect(error('{.foo')).toBe('unclosed action');
    expect(error('{.x[}')).toBe('unterminated array');
    expect(error('{.spec.template.spec.containers[3]}')).toBe('array index out of bounds: index 3, length 1');
    expect(error('{.kind[0]}')).toBe('string is not array or slice');
    expect(error('{.a}{end}')).toBe('not in range, nothing to end');
    expect(error('{.metadata.nope}', { allowMissingKeys: false })).toBe('nope is not found');
    expect(error('{.spec.template.spec.containers[?(@.name>1)].image}')).toBe('incompatible types for comparison');
  });
});
