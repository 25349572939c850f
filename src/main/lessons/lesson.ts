/**
 * A lesson as the engine holds it after loading `lessons/<nn-slug>/`: the metadata and checks of
 * `lesson.yaml` plus the localised Markdown of `zh-TW.md`, `zh-CN.md` and `en.md`. The on-disk
 * format is documented for authors in `lessons/README.md`.
 */
import type { Locale } from '../../shared/rpc/contract.js';
import type { Check } from './checks.js';

export const LOCALES: readonly Locale[] = ['zh-TW', 'zh-CN', 'en'];

/** One string per locale; every locale is required. */
export type LocalizedText = Record<Locale, string>;

export interface LessonStep {
  id: string;
  /** Judged on cluster state (objects and the request trace), never on typed commands. */
  check: Check;
  hint?: LocalizedText;
  solution?: LocalizedText;
}

/** One locale's Markdown: the intro and each step's section, by step id. */
export interface LessonTexts {
  intro: string;
  steps: Record<string, string>;
}

export interface Lesson {
  id: string;
  /** The lesson's directory, e.g. `/…/lessons/01-company-tour`. */
  dir: string;
  title: LocalizedText;
  steps: LessonStep[];
  texts: Record<Locale, LessonTexts>;
}
