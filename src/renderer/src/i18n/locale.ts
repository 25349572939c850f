/**
 * The UI languages and how one is chosen from the browser's preferences.
 * Lessons and the UI exist in Traditional Chinese, Simplified Chinese and English.
 */
export const LOCALES = ['zh-TW', 'zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** First preferred language we have; Chinese without a region follows its script. */
export function pickLocale(preferred: readonly string[]): Locale {
  for (const tag of preferred) {
    const lower = tag.toLowerCase();
    if (lower.startsWith('zh')) {
      if (/-(hant|tw|hk|mo)\b/.test(lower)) return 'zh-TW';
      return 'zh-CN';
    }
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}
