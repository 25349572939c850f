/** What the RPC server needs from the lessons engine (src/main/lessons implements it). */
import type { Disposable } from '../../shared/lifecycle.js';
import type { LessonSummary, LessonView, Locale } from '../../shared/rpc/contract.js';

export interface LessonsProvider {
  list(): LessonSummary[];
  /** The lesson with each step's `done` judged from the current cluster state; undefined if unknown. */
  view(id: string, locale: Locale): LessonView | undefined;
  /** Call `listener` with a fresh view whenever a step's state may have changed. */
  watch(id: string, locale: Locale, listener: (view: LessonView) => void): Disposable;
}

export const noLessons: LessonsProvider = {
  list: () => [],
  view: () => undefined,
  watch: () => ({ dispose: () => undefined }),
};
