/** The go-template subset kubectl users write, checked against kubectl 1.32's output. */
import { describe, expect, it } from 'vitest';
import { GoTemplateError, executeGoTemplate, parseGoTemplate } from '../../../../src/main/kubectl/printers/go-template.js';

const DEPLOYMENT = {
  kind: 'Deployment',
  apiVersion: 'apps/v1',
  metadata: { name: 'x', creationTimestamp: null, labels: { app: 'x' } },
  spec: { replicas: 1, template: { spec: { containers: [{ name: 'nginx', image: 'nginx', resources: {} }] } } },
};

const run = (template: string, missingKeyError = false): string => executeGoTemplate(parseGoTemplate(template), DEPLOYMENT, missingKeyError);

const failure = (template: string, missingKeyError = false): string => {
  try {
    run(template, missingKeyError);
  } catch (e) {
    if (e instanceof GoTemplateError) return e.message;
    throw e;
  }
  return 'no error';
};

describe('go-template', () => {
  it('prints fields, maps, missing keys, index, range, if, with, printf and eq', () => {
    expect(
      run(
        '{{.metadata.name}} {{.metadata.creationTimestamp}} {{.nope}} {{.spec.replicas}} {{.metadata.labels}} {{index .metadata.labels "app"}} {{index .metadata.labels "zz"}}|' +
          '{{range .spec.template.spec.containers}}{{.name}}:{{.image}}{{"\\n"}}{{end}}{{printf "%s-%d-%v-%5s|%-4s|" .kind 3 .spec.replicas "ab" "c"}}' +
          '{{len .spec.template.spec.containers}} {{if .spec.paused}}p{{else}}np{{end}} {{with .metadata}}{{.name}}{{end}} ' +
          '{{range $k, $v := .metadata.labels}}{{$k}}={{$v}};{{end}} {{.spec.template.spec.containers}} {{eq .kind "Deployment"}}',
      ),
    ).toBe('x <no value> <no value> 1 map[app:x] x <no value>|nginx:nginx\nDeployment-3-1-   ab|c   |1 np x app=x; [map[image:nginx name:nginx resources:map[]]] true');
  });

  it('trims around {{- and -}}, skips comments, and takes pipelines and parentheses', () => {
    expect(
      run(
        '{{- range $i, $c := .spec.template.spec.containers }} {{ $i }} {{ $c.name | printf "%q" }} {{- end }} {{ if eq .kind "Pod" }}pod{{ else if eq .kind "Deployment" }}dep{{ end }} {{/* c */}}{{ (index .spec.template.spec.containers 0).image }} {{ .spec.template.spec.containers | len }}',
      ),
    ).toBe(' 0 "nginx" dep nginx 1');
  });

  it('decodes base64 with base64decode', () => {
    expect(executeGoTemplate(parseGoTemplate('{{.data.pw | base64decode}}'), { data: { pw: 'YWJj' } })).toBe('abc');
  });

  it("fails with text/template's messages", () => {
    expect(() => parseGoTemplate('{{.metadata.name')).toThrow('template: output:1: unclosed action');
    expect(() => parseGoTemplate('{{foo}}')).toThrow('template: output:1: function "foo" not defined');
    expect(failure('{{.kind.x}}')).toBe('template: output:1:7: executing "output" at <.kind.x>: can\'t evaluate field x in type interface {}');
    expect(failure('{{.metadata.nope}}', true)).toBe('template: output:1:11: executing "output" at <.metadata.nope>: map has no entry for key "nope"');
    expect(failure('{{index .metadata.labels 1}}')).toBe('template: output:1:2: executing "output" at <index .metadata.labels 1>: error calling index: value has type int; should be string');
  });
});
