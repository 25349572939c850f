/**
 * Small readers that validate plain YAML values field by field and report problems with the
 * field's path (`steps[2].check.object.kind`), so a lesson author learns exactly what to fix.
 */
import type { Locale } from '../../shared/rpc/contract.js';
import { LOCALES, type LocalizedText } from './lesson.js';

export type FieldPath = ReadonlyArray<string | number>;

export interface FieldIssue {
  path: FieldPath;
  message: string;
}

/** `steps[2].check.object.kind`; keys that are not identifiers are quoted: `fields["status.phase"]`. */
export function formatPath(path: FieldPath): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(segment)) out += out ? `.${segment}` : segment;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

export interface StringOptions {
  required?: boolean;
  pattern?: RegExp;
  /** What the pattern means, for the message: `a lowercase slug`. */
  expected?: string;
  oneOf?: readonly string[];
}

export class FieldReader {
  readonly issues: FieldIssue[] = [];

  report(path: FieldPath, message: string): void {
    this.issues.push({ path, message });
  }

  /** A mapping with only the `allowed` keys; unknown keys (typos) are reported. */
  map(value: unknown, path: FieldPath, allowed: readonly string[]): Record<string, unknown> | undefined {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      this.report(path, `must be a mapping (${allowed.join(', ')})`);
      return undefined;
    }
    const map = value as Record<string, unknown>;
    for (const key of Object.keys(map)) {
      if (!allowed.includes(key)) this.report([...path, key], `unknown field; expected one of ${allowed.join(', ')}`);
    }
    return map;
  }

  string(map: Record<string, unknown>, key: string, path: FieldPath, options: StringOptions = {}): string | undefined {
    return this.stringValue(map[key], [...path, key], options);
  }

  stringValue(value: unknown, at: FieldPath, options: StringOptions = {}): string | undefined {
    if (value === undefined || value === null) {
      if (options.required) this.report(at, 'is required');
      return undefined;
    }
    if (typeof value !== 'string' || value.trim() === '') {
      this.report(at, 'must be a non-empty string');
      return undefined;
    }
    if (options.oneOf && !options.oneOf.includes(value)) {
      this.report(at, `must be one of ${options.oneOf.join(', ')} (got ${JSON.stringify(value)})`);
      return undefined;
    }
    if (options.pattern && !options.pattern.test(value)) {
      this.report(at, `must be ${options.expected ?? `like ${String(options.pattern)}`} (got ${JSON.stringify(value)})`);
      return undefined;
    }
    return value;
  }

  /** A string or a list of strings, given back as a list. */
  stringList(map: Record<string, unknown>, key: string, path: FieldPath, options: Pick<StringOptions, 'required' | 'oneOf'> = {}): string[] | undefined {
    const value = map[key];
    if (Array.isArray(value)) {
      if (value.length === 0) {
        this.report([...path, key], 'must not be an empty list');
        return undefined;
      }
      const items = value.map((item: unknown, i) => this.stringValue(item, [...path, key, i], { required: true, oneOf: options.oneOf }));
      return items.every((item) => item !== undefined) ? items : undefined;
    }
    const single = this.string(map, key, path, options);
    return single === undefined ? undefined : [single];
  }

  integer(map: Record<string, unknown>, key: string, path: FieldPath, options: { min?: number } = {}): number | undefined {
    const value = map[key];
    if (value === undefined || value === null) return undefined;
    const min = options.min ?? 0;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
      this.report([...path, key], `must be an integer ≥ ${min}`);
      return undefined;
    }
    return value;
  }

  boolean(map: Record<string, unknown>, key: string, path: FieldPath): boolean | undefined {
    const value = map[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'boolean') {
      this.report([...path, key], 'must be true or false');
      return undefined;
    }
    return value;
  }

  /** A mapping of names to scalar values (strings, numbers, booleans), values kept as strings. */
  scalarMap(map: Record<string, unknown>, key: string, path: FieldPath): Record<string, string> | undefined {
    const value = map[key];
    if (value === undefined || value === null) return undefined;
    const at = [...path, key];
    if (typeof value !== 'object' || Array.isArray(value)) {
      this.report(at, 'must be a mapping of names to values');
      return undefined;
    }
    const out: Record<string, string> = {};
    for (const [name, v] of Object.entries(value as Record<string, unknown>)) {
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[name] = String(v);
      else this.report([...at, name], 'must be a string, number or boolean');
    }
    if (Object.keys(out).length === 0 && Object.keys(value).length === 0) this.report(at, 'must not be empty');
    return out;
  }

  /** `{ zh-TW: …, zh-CN: …, en: … }` with every locale present. */
  localized(map: Record<string, unknown>, key: string, path: FieldPath, options: { required?: boolean } = {}): LocalizedText | undefined {
    const value = map[key];
    const at = [...path, key];
    if (value === undefined || value === null) {
      if (options.required) this.report(at, `is required (${LOCALES.join(', ')})`);
      return undefined;
    }
    const texts = this.map(value, at, LOCALES);
    if (!texts) return undefined;
    const out: Partial<Record<Locale, string>> = {};
    for (const locale of LOCALES) out[locale] = this.string(texts, locale, at, { required: true })?.trim();
    return LOCALES.every((l) => out[l] !== undefined) ? (out as LocalizedText) : undefined;
  }
}
