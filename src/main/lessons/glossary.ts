/**
 * The project's vocabulary (`lessons/glossary.yaml`): each concept's word in en / zh-TW / zh-CN,
 * the words that give away the other region's vocabulary, and the company analogy. Lesson tests use
 * it to keep each locale in its own wording; the workspace can show it as a glossary.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { Locale } from '../../shared/rpc/contract.js';
import { FieldReader, formatPath } from './fields.js';
import { LOCALES, type LocalizedText } from './lesson.js';

export interface GlossaryTerm extends LocalizedText {
  /** Words a text of that locale must not contain. */
  avoid: Record<Locale, string[]>;
}

export interface AnalogyEntry extends LocalizedText {
  /** The Kubernetes part: `kube-scheduler`, `Pod` … */
  kubernetes: string;
}

export interface Glossary {
  terms: GlossaryTerm[];
  analogy: AnalogyEntry[];
}

export function loadGlossary(file: string): Glossary {
  const reader = new FieldReader();
  const root = reader.map(parse(readFileSync(file, 'utf8')) as unknown, [], ['terms', 'analogy']);
  const terms: GlossaryTerm[] = [];
  const analogy: AnalogyEntry[] = [];
  for (const [i, raw] of listAt(root, 'terms', reader).entries()) {
    const path = ['terms', i];
    const map = reader.map(raw, path, [...LOCALES, 'avoid']);
    if (!map) continue;
    const texts = LOCALES.map((l) => reader.string(map, l, path, { required: true }));
    const avoid = { 'zh-TW': [], 'zh-CN': [], en: [] } as Record<Locale, string[]>;
    if (map.avoid !== undefined) {
      const lists = reader.map(map.avoid, [...path, 'avoid'], LOCALES);
      for (const locale of LOCALES) if (lists?.[locale] !== undefined) avoid[locale] = reader.stringList(lists, locale, [...path, 'avoid']) ?? [];
    }
    if (texts.every((t) => t !== undefined)) {
      if (terms.some((t) => t.en === texts[2])) reader.report([...path, 'en'], `"${texts[2]!}" is listed twice`);
      terms.push({ 'zh-TW': texts[0]!, 'zh-CN': texts[1]!, en: texts[2]!, avoid });
    }
  }
  for (const [i, raw] of listAt(root, 'analogy', reader).entries()) {
    const path = ['analogy', i];
    const map = reader.map(raw, path, ['kubernetes', ...LOCALES]);
    if (!map) continue;
    const kubernetes = reader.string(map, 'kubernetes', path, { required: true });
    const texts = LOCALES.map((l) => reader.string(map, l, path, { required: true }));
    if (kubernetes && texts.every((t) => t !== undefined)) analogy.push({ kubernetes, 'zh-TW': texts[0]!, 'zh-CN': texts[1]!, en: texts[2]! });
  }
  if (reader.issues.length > 0) {
    throw new Error(`${file}:\n${reader.issues.map((i) => `  ${formatPath(i.path)}: ${i.message}`).join('\n')}`);
  }
  return { terms, analogy };
}

function listAt(root: Record<string, unknown> | undefined, key: string, reader: FieldReader): unknown[] {
  const value = root?.[key];
  if (Array.isArray(value)) return value;
  if (root) reader.report([key], 'must be a list');
  return [];
}
