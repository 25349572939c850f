/**
 * The workspace shell's state: the UI language and whether an engine is reachable.
 * A setup store that returns only its public surface.
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { type Locale, pickLocale } from '../i18n/locale';

export const useWorkspaceStore = defineStore('workspace', () => {
  const locale = ref<Locale>(pickLocale(navigator.languages));
  /** True inside the desktop app (or once a browser transport has connected). */
  const connected = computed(() => window.lab !== undefined);

  function setLocale(next: Locale): void {
    locale.value = next;
  }

  return { locale, connected, setLocale };
});
