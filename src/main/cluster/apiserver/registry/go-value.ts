/**
 * Go `%#v` renderings of the structs workload validation errors quote, so messages read as
 * kube-apiserver's do: `spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web"},
 * MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable`. field.Error prints a
 * struct (or a pointer to one) with `%#v`; a pointer-receiver String() does not apply to the
 * dereferenced value, so even LabelSelector comes out field by field.
 */
import type { PodTemplateSpec } from '../../../../shared/api/core.js';
import type { LabelSelector } from '../../../../shared/api/meta.js';
import type { IntOrString } from '../../../../shared/api/apps.js';
import { type GoLiteral, goLiteral, goStringSlice } from '../errors.js';

/** Go's %q is close enough to JSON for the ASCII the API carries. */
function quote(text: string): string {
  return JSON.stringify(text);
}

/** `map[string]string{"a":"1", "b":"2"}` (fmt sorts map keys), or `map[string]string(nil)`. */
export function goStringMap(map: Record<string, string> | null | undefined): string {
  if (map === undefined || map === null) return 'map[string]string(nil)';
  const entries = Object.entries(map).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `map[string]string{${entries.map(([k, v]) => `${quote(k)}:${quote(v)}`).join(', ')}}`;
}

function stringSlice(values: readonly string[] | undefined): string {
  return goStringSlice(values).goSyntax;
}

export function goLabelSelector(selector: LabelSelector | null | undefined): GoLiteral {
  if (selector === undefined || selector === null) return goLiteral('null');
  const expressions = selector.matchExpressions;
  const requirements =
    expressions === undefined
      ? '[]v1.LabelSelectorRequirement(nil)'
      : `[]v1.LabelSelectorRequirement{${expressions
          .map((e) => `v1.LabelSelectorRequirement{Key:${quote(e.key ?? '')}, Operator:${quote(e.operator ?? '')}, Values:${stringSlice(e.values)}}`)
          .join(', ')}}`;
  return goLiteral(`v1.LabelSelector{MatchLabels:${goStringMap(selector.matchLabels)}, MatchExpressions:${requirements}}`);
}

/** intstr.IntOrString: Type 0 is Int, 1 is String. */
export function goIntOrString(value: IntOrString | undefined): GoLiteral {
  if (typeof value === 'string') return goLiteral(`intstr.IntOrString{Type:1, IntVal:0, StrVal:${quote(value)}}`);
  return goLiteral(`intstr.IntOrString{Type:0, IntVal:${value ?? 0}, StrVal:""}`);
}

/**
 * A pointer field inside a struct: `(*int32)(nil)`, or for a set pointer an address, as Go prints
 * one (the address is made up; Go's changes from run to run anyway).
 */
export function goPointer(type: string, set: boolean): string {
  return set ? `(*${type})(0xc000a1b2c8)` : `(*${type})(nil)`;
}

/** A struct with the named fields, for the strategy structs whose Type is invalid. */
export function goStruct(type: string, fields: Array<[string, string]>): GoLiteral {
  return goLiteral(`${type}{${fields.map(([name, value]) => `${name}:${value}`).join(', ')}}`);
}

/**
 * core.PodTemplateSpec as `%#v` prints it. The real text runs to thousands of characters (every
 * PodSpec and Container field, pointers as addresses); this keeps ObjectMeta whole and the
 * fields that tell templates apart — container names, images, commands — and marks the rest `…`.
 */
export function goPodTemplateSpec(template: PodTemplateSpec | undefined): GoLiteral {
  const meta = template?.metadata ?? {};
  const spec = template?.spec;
  const objectMeta = [
    `Name:${quote(meta.name ?? '')}`,
    `GenerateName:${quote(meta.generateName ?? '')}`,
    `Namespace:${quote(meta.namespace ?? '')}`,
    'SelfLink:""',
    `UID:${quote(meta.uid ?? '')}`,
    `ResourceVersion:${quote(meta.resourceVersion ?? '')}`,
    `Generation:${meta.generation ?? 0}`,
    'CreationTimestamp:v1.Time{Time:time.Date(1, time.January, 1, 0, 0, 0, 0, time.UTC)}',
    'DeletionTimestamp:<nil>',
    'DeletionGracePeriodSeconds:(*int64)(nil)',
    `Labels:${goStringMap(meta.labels)}`,
    `Annotations:${goStringMap(meta.annotations)}`,
    'OwnerReferences:[]v1.OwnerReference(nil)',
    'Finalizers:[]string(nil)',
    'ManagedFields:[]v1.ManagedFieldsEntry(nil)',
  ].join(', ');
  const containers = (spec?.containers ?? [])
    .map((c) => `core.Container{Name:${quote(c.name ?? '')}, Image:${quote(c.image ?? '')}, Command:${stringSlice(c.command)}, Args:${stringSlice(c.args)}, …}`)
    .join(', ');
  const podSpec = `core.PodSpec{Volumes:…, InitContainers:…, Containers:[]core.Container{${containers}}, …, RestartPolicy:${quote(spec?.restartPolicy ?? '')}, …}`;
  return goLiteral(`core.PodTemplateSpec{ObjectMeta:v1.ObjectMeta{${objectMeta}}, Spec:${podSpec}}`);
}

/**
 * ControllerRevision.data decodes to a *runtime.Unknown holding the raw JSON; `%#v` shows the
 * bytes one by one.
 */
export function goRawData(data: unknown): GoLiteral {
  const bytes = [...Buffer.from(JSON.stringify(data) ?? 'null', 'utf8')].map((b) => `0x${b.toString(16)}`).join(', ');
  return goLiteral(`runtime.Unknown{TypeMeta:runtime.TypeMeta{APIVersion:"", Kind:""}, Raw:[]uint8{${bytes}}, ContentEncoding:"", ContentType:"application/json"}`);
}
