/** What the RPC server needs from the lessons engine (src/main/lessons implements it). */
import type { Disposable } from '../../shared/lifecycle.js';
import type { LessonSummary, LessonView, Locale } from '../../shared/rpc/contract.js';
import type { LabSession } from '../lab/lab-session.js';

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

export interface LessonsOptions {
  /** `--lessons DIR`: lessons to load instead of the built-in ones. */
  dir?: string;
}

/**
 * Makes the lessons of one learner's lab. Hosts (`kubelab web`, the Electron main process) call
 * it once per LabSession; a provider that holds resources may also be a Disposable, and is
 * disposed with its lab.
 */
export type LessonsProviderFactory = (session: LabSession, options: LessonsOptions) => LessonsProvider & Partial<Disposable>;

export const noLessonsFactory: LessonsProviderFactory = () => noLessons;
