/** The printer columns' JSONPath subset, as client-go's jsonpath finds results. */
import { describe, expect, it } from 'vitest';
import { compileJsonPath, evaluateJsonPath } from '../../../../../src/main/cluster/apiserver/crd/jsonpath.js';

const OBJECT = {
  metadata: { name: 'web', labels: { 'app.kubernetes.io/name': 'shop' } },
  spec: { replicas: 3, ports: [{ port: 80 }, { port: 443 }] },
  status: {
    addresses: [{ value: '10.0.0.1' }, { value: '10.0.0.2' }],
    conditions: [
      { type: 'Accepted', status: 'True', observedGeneration: 1 },
      { type: 'Programmed', status: 'False', observedGeneration: 2 },
    ],
  },
};

describe('printer column JSONPath', () => {
  const cases: Array<[string, unknown[]]> = [
    ['.spec.replicas', [3]],
    ['{.spec.replicas}', [3]],
    ['.spec.ports[1].port', [443]],
    ['.spec.ports[-1].port', [443]],
    ['.spec.ports[*].port', [80, 443]],
    ['.status.addresses[*].value', ['10.0.0.1', '10.0.0.2']],
    ['.status.conditions[?(@.type=="Programmed")].status', ['False']],
    [".status.conditions[?(@.type=='Accepted')].status", ['True']],
    ['.status.conditions[?(@.observedGeneration>1)].type', ['Programmed']],
    [".metadata.labels['app.kubernetes.io/name']", ['shop']],
    ['.spec.missing', []],
    ['.spec.replicas.deeper', []],
  ];
  for (const [path, expected] of cases) {
    it(`${path} finds ${JSON.stringify(expected)}`, () => {
      const compiled = compileJsonPath(path);
      expect(compiled).toBeDefined();
      expect(evaluateJsonPath(compiled!, OBJECT)).toEqual(expected);
    });
  }

  it('rejects what it cannot parse instead of guessing', () => {
    expect(compileJsonPath('spec.replicas')).toBeUndefined();
    expect(compileJsonPath('.spec[')).toBeUndefined();
  });
});
