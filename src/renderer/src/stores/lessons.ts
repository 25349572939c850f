/**
 * Lessons: the list (`lessons.list`), the chosen lesson in the UI language (`lessons.get`), and its
 * steps kept current by `lessons.progress`, which re-judges them against the cluster state.
 * The chosen lesson is remembered across reloads.
 */
import { defineStore } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import type { Disposable } from '../../../shared/lifecycle.js';
import type { LessonSummary, LessonView } from '../../../shared/rpc/contract.js';
import { errorMessage } from '../util/errors';
import { useLabStore } from './lab';
import { useLocaleStore } from './locale';

const SELECTED_KEY = 'kubelab.lesson';

function readSelected(): string | undefined {
  try {
    return localStorage.getItem(SELECTED_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

export const useLessonsStore = defineStore('lessons', () => {
  const lab = useLabStore();
  const localeStore = useLocaleStore();

  const list = shallowRef<LessonSummary[]>([]);
  const listLoaded = ref(false);
  const selectedId = ref<string | undefined>(readSelected());
  const view = shallowRef<LessonView>();
  const loading = ref(false);
  const error = ref<string>();

  let progress: Disposable | undefined;
  let request = 0;

  watch(
    () => lab.client,
    async (client) => {
      list.value = [];
      listLoaded.value = false;
      if (!client) return;
      try {
        list.value = await client.invoke('lessons.list', {});
      } catch (e) {
        error.value = errorMessage(e);
      } finally {
        listLoaded.value = true;
      }
      if (!list.value.some((l) => l.id === selectedId.value)) selectedId.value = list.value[0]?.id;
    },
    { immediate: true },
  );

  watch(
    [() => lab.client, selectedId, () => localeStore.locale, listLoaded],
    async ([client, id, locale, loaded]) => {
      progress?.dispose();
      progress = undefined;
      const mine = ++request;
      if (!client || !id || !loaded) {
        view.value = undefined;
        return;
      }
      loading.value = true;
      error.value = undefined;
      try {
        const fetched = await client.invoke('lessons.get', { id, locale });
        if (mine !== request) return;
        view.value = fetched;
        progress = client.subscribe('lessons.progress', { id, locale }, (next) => {
          if (mine === request) view.value = next;
        });
      } catch (e) {
        if (mine === request) {
          view.value = undefined;
          error.value = errorMessage(e);
        }
      } finally {
        if (mine === request) loading.value = false;
      }
    },
    { immediate: true },
  );

  function select(id: string): void {
    selectedId.value = id;
    try {
      localStorage.setItem(SELECTED_KEY, id);
    } catch {
      // Not remembered, then.
    }
  }

  const doneCount = computed(() => view.value?.steps.filter((s) => s.done).length ?? 0);

  return { list, listLoaded, selectedId, view, loading, error, doneCount, select };
});
