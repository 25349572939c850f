/**
 * The UI languages and how one is chosen: a remembered choice first, else the browser's
 * preferences. Plain functions (no DOM access) so the rules are unit-tested in Node.
 */
import type { Locale } from '../../../shared/rpc/contract.js';

export type { Locale };

export const LOCALES: readonly Locale[] = ['zh-TW', 'zh-CN', 'en'];

/** Where the learner's choice is remembered (localStorage). */
export const LOCALE_STORAGE_KEY = 'kubelab.locale';

/** BCP 47 tags for `<html lang>`: script and region, so fonts and line breaking follow. */
export const HTML_LANG: Readonly<Record<Locale, string>> = {
  'zh-TW': 'zh-Hant-TW',
  'zh-CN': 'zh-Hans-CN',
  en: 'en',
};

/** Each language's name written in itself, for the language switch. */
export const LOCALE_NAMES: Readonly<Record<Locale, string>> = {
  'zh-TW': '繁體中文',
  'zh-CN': '简体中文',
  en: 'English',
};

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

const TRADITIONAL_REGIONS = new Set(['tw', 'hk', 'mo']);

/**
 * The locale for one BCP 47 tag, or undefined if we have nothing for it. Chinese: an explicit
 * script wins (zh-Hant → zh-TW, zh-Hans → zh-CN); else the region (TW, HK, MO → zh-TW; CN, SG and
 * others → zh-CN); plain `zh` is Simplified, as browsers report it.
 */
export function localeForTag(tag: string): Locale | undefined {
  const subtags = tag.trim().replace(/_/g, '-').toLowerCase().split('-');
  const language = subtags[0];
  if (language === 'en') return 'en';
  if (language !== 'zh') return undefined;
  const rest = subtags.slice(1);
  if (rest.includes('hant')) return 'zh-TW';
  if (rest.includes('hans')) return 'zh-CN';
  if (rest.some((s) => TRADITIONAL_REGIONS.has(s))) return 'zh-TW';
  return 'zh-CN';
}

/** The first preferred language we have; English if none. */
export function pickLocale(preferred: readonly string[]): Locale {
  for (const tag of preferred) {
    const locale = localeForTag(tag);
    if (locale) return locale;
  }
  return 'en';
}

/** The remembered choice if it is valid, else the browser's preference. */
export function initialLocale(stored: string | null | undefined, preferred: readonly string[]): Locale {
  return isLocale(stored) ? stored : pickLocale(preferred);
}
