/**
 * The vue-i18n instance (Composition API mode). The locale store owns which language is active;
 * components use `useI18n()` / `$t`. Messages are bundled: nothing is fetched.
 */
import { createI18n } from 'vue-i18n';
import type { Locale } from './locale.js';
import en, { type MessageSchema } from './messages/en.js';
import zhCN from './messages/zh-CN.js';
import zhTW from './messages/zh-TW.js';

export function createLabI18n(locale: Locale) {
  return createI18n<[MessageSchema], Locale, false>({
    legacy: false,
    locale,
    fallbackLocale: 'en',
    messages: { 'zh-TW': zhTW, 'zh-CN': zhCN, en },
    // Missing keys are caught by the type of each message file, not at run time.
    missingWarn: false,
    fallbackWarn: false,
  });
}

export type LabI18n = ReturnType<typeof createLabI18n>;
