/**
 * The errors kube-apiserver's JSON codec (sigs.k8s.io/json, a fork of Go 1.18's encoding/json)
 * reports while decoding a request body into a typed object: a value of the wrong JSON type, or a
 * []byte field that is not padded standard base64. A kind describes the fields it cares about as
 * Go types; the first error in document order wins, as in Go.
 */

export interface GoStruct {
  kind: 'struct';
  /** The type's name, as Go's errors print it: `ServicePort` (and `v1.ServicePort` as a type). */
  name: string;
  fields: Readonly<Record<string, GoType>>;
}

export type GoType =
  | { kind: 'string'; name?: string }
  | { kind: 'int32' | 'int64' | 'bool' }
  | { kind: 'intOrString' }
  | { kind: 'bytes' }
  | GoStruct
  | { kind: 'slice'; elem: GoType }
  | { kind: 'map'; elem: GoType };

export const GO_STRING: GoType = { kind: 'string' };
export const GO_INT32: GoType = { kind: 'int32' };
export const GO_BOOL: GoType = { kind: 'bool' };
export const GO_BYTES: GoType = { kind: 'bytes' };
export const GO_INT_OR_STRING: GoType = { kind: 'intOrString' };

export function goStruct(name: string, fields: Record<string, GoType>): GoStruct {
  return { kind: 'struct', name, fields };
}

export function goSlice(elem: GoType): GoType {
  return { kind: 'slice', elem };
}

export function goMap(elem: GoType): GoType {
  return { kind: 'map', elem };
}

/** How reflect.Type.String() names the type in `of type …`. */
function typeName(type: GoType): string {
  switch (type.kind) {
    case 'string':
      return type.name ?? 'string';
    case 'bytes':
      return '[]uint8';
    case 'intOrString':
      return 'intstr.IntOrString';
    case 'struct':
      return `v1.${type.name}`;
    case 'slice':
      return `[]${typeName(type.elem)}`;
    case 'map':
      return `map[string]${typeName(type.elem)}`;
    default:
      return type.kind;
  }
}

/** The JSON kind Go names in an UnmarshalTypeError (`number 1.5` for a fraction into an int). */
function jsonKind(value: unknown, type: GoType): string {
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number' && (type.kind === 'int32' || type.kind === 'int64')) return `number ${value}`;
  return typeof value === 'object' ? 'object' : typeof value;
}

/** `json: cannot unmarshal number into Go struct field ConfigMap.data of type string`. */
export function typeError(struct: string, fieldPath: string, value: unknown, type: GoType): string {
  return `json: cannot unmarshal ${jsonKind(value, type)} into Go struct field ${struct}.${fieldPath} of type ${typeName(type)}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Go's zero value, which a JSON null in a list or map decodes to (a null struct becomes `{}`). */
function zeroOf(type: GoType): unknown {
  switch (type.kind) {
    case 'string':
    case 'bytes':
      return '';
    case 'int32':
    case 'int64':
    case 'intOrString':
      return 0;
    case 'bool':
      return false;
    case 'struct':
      return {};
    default:
      return null;
  }
}

/**
 * The first decoding error for `value` of Go type `type`, in `struct` at `path`, or undefined.
 * Nulls inside lists and maps are replaced by the zero value they decode to, so later code never
 * meets a null where Go would hold a value.
 */
function walk(value: unknown, type: GoType, struct: string, path: readonly string[]): string | undefined {
  // null leaves the zero value, whatever the type.
  if (value === null || value === undefined) return undefined;
  const fail = (): string => typeError(struct, path.join('.'), value, type);
  switch (type.kind) {
    case 'string':
      return typeof value === 'string' ? undefined : fail();
    case 'bool':
      return typeof value === 'boolean' ? undefined : fail();
    case 'int32':
    case 'int64':
      return typeof value === 'number' && Number.isInteger(value) ? undefined : fail();
    case 'intOrString':
      // IntOrString.UnmarshalJSON: a string, else an int32; its error is not a field error.
      if (typeof value === 'string' || (typeof value === 'number' && Number.isInteger(value))) return undefined;
      return `json: cannot unmarshal ${jsonKind(value, GO_INT32)} into Go value of type int32`;
    case 'bytes':
      return typeof value === 'string' ? base64Error(value) : fail();
    case 'slice':
      if (!Array.isArray(value)) return fail();
      for (let i = 0; i < value.length; i++) {
        if (value[i] === null) value[i] = zeroOf(type.elem);
        const error = walk(value[i], type.elem, struct, path);
        if (error) return error;
      }
      return undefined;
    case 'map':
      if (!isPlainObject(value)) return fail();
      for (const [key, item] of Object.entries(value)) {
        if (item === null) value[key] = zeroOf(type.elem);
        const error = walk(value[key], type.elem, struct, path);
        if (error) return error;
      }
      return undefined;
    case 'struct':
      if (!isPlainObject(value)) return fail();
      for (const [key, item] of Object.entries(value)) {
        const field = type.fields[key];
        if (!field) continue;
        const error = walk(item, field, type.name, [...path, key]);
        if (error) return error;
      }
      return undefined;
  }
}

/**
 * runtime.NewStrictDecodingError's text for the unknown fields of a body (registry/known-fields):
 * `strict decoding error: unknown field "spec.foo", unknown field "spec.bar"`.
 */
export function strictDecodingError(unknownFields: readonly string[]): string {
  return `strict decoding error: ${unknownFields.map((field) => `unknown field "${field}"`).join(', ')}`;
}

/** Decode an object of a top-level kind: the Go error text, or undefined. */
export function decodeError(obj: unknown, kind: GoStruct): string | undefined {
  return walk(obj, kind, kind.name, []);
}

const BASE64 = new Set([...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'].map((c) => c.charCodeAt(0)));
const CR = 0x0d;
const LF = 0x0a;
const PAD = 0x3d;

/**
 * base64.StdEncoding.Decode's error, `illegal base64 data at input byte N`, or undefined for valid
 * input. Follows decodeQuantum: newlines are skipped, padding is required, the offset is in bytes.
 */
export function base64Error(text: string): string | undefined {
  const src = Buffer.from(text, 'utf8');
  const corrupt = (offset: number): string => `illegal base64 data at input byte ${offset}`;
  const skipNewlines = (at: number): number => {
    while (at < src.length && (src[at] === LF || src[at] === CR)) at++;
    return at;
  };
  let si = 0;
  while (si < src.length) {
    // One quantum: four alphabet characters, or fewer ended by padding.
    for (let j = 0; j < 4; j++) {
      if (si === src.length) {
        if (j === 0) return undefined;
        return corrupt(si - j);
      }
      const c = src[si++]!;
      if (BASE64.has(c)) continue;
      if (c === LF || c === CR) {
        j--;
        continue;
      }
      if (c !== PAD || j < 2) return corrupt(si - 1);
      if (j === 2) {
        // "==" is expected; the first "=" is consumed.
        si = skipNewlines(si);
        if (si === src.length) return corrupt(src.length);
        if (src[si] !== PAD) return corrupt(si - 1);
        si++;
      }
      si = skipNewlines(si);
      return si < src.length ? corrupt(si) : undefined;
    }
  }
  return undefined;
}

/** Decoded size in bytes of a valid base64 string (newlines ignored). */
export function base64Size(text: string): number {
  return Buffer.from(text.replace(/[\r\n]/g, ''), 'base64').length;
}

/** The stored form drops what Go's omitempty drops: `data: {}` is not written. */
export function dropEmptyMaps(obj: Record<string, unknown>, fields: readonly string[]): void {
  for (const field of fields) {
    const value = obj[field];
    if (value === null || (isPlainObject(value) && Object.keys(value).length === 0)) delete obj[field];
  }
}
