/**
 * The UI language: remembered in localStorage, else chosen from `navigator.languages`. Keeps
 * `<html lang>` on the matching BCP 47 tag (zh-Hant-TW / zh-Hans-CN / en), which also picks the
 * CJK font stack in base.css. vue-i18n follows this store (see main.ts).
 */
import { defineStore } from 'pinia';
import { ref, watch } from 'vue';
import { HTML_LANG, LOCALE_STORAGE_KEY, type Locale, initialLocale } from '../i18n/locale';

function readStored(): string | null {
  try {
    return localStorage.getItem(LOCALE_STORAGE_KEY);
  } catch {
    return null;
  }
}

function store(locale: Locale): void {
  try {
    localStorage.setItem(LOCALE_STORAGE_KEY, locale);
  } catch {
    // Storage may be unavailable (privacy settings): the choice then lasts for this page only.
  }
}

export const useLocaleStore = defineStore('locale', () => {
  const locale = ref<Locale>(initialLocale(readStored(), navigator.languages));

  watch(
    locale,
    (value) => {
      document.documentElement.lang = HTML_LANG[value];
    },
    { immediate: true },
  );

  function setLocale(next: Locale): void {
    locale.value = next;
    store(next);
  }

  return { locale, setLocale };
});
