/**
 * The lessons engine for one LabSession: loads the lessons, checks them against the cluster's API,
 * and serves `LessonsProvider` to the RPC server. A lesson is "opened" by its first `view` or
 * `watch`; from then on its progress follows the lab (and starts over after `lab reset`).
 *
 *   new LabRpcServer(session, createLessonsProvider(session, lessonsDir))
 *   // or, for hosts with many sessions: const lessons = createLessonsFactory(); lessons.preload(dir);
 *   //                                   … lessons(session, { dir }) per session
 */
import { resolve } from 'node:path';
import { type Disposable, DisposableStore, toDisposable } from '../../shared/lifecycle.js';
import type { LessonSummary, LessonView, Locale } from '../../shared/rpc/contract.js';
import { LabSession } from '../lab/lab-session.js';
import type { LessonsProvider, LessonsProviderFactory } from '../rpc/lessons-provider.js';
import { LESSONS_AGENT, checkProblems } from './checks.js';
import { LOCALES, type Lesson } from './lesson.js';
import { type LessonProblem, LessonLoadError, type LoadedLessons, loadLessons } from './loader.js';
import { defaultLessonsRoot } from './lessons-root.js';
import { LessonProgress } from './progress.js';

/**
 * Load the lessons under `root` (default: the project's `lessons/`) for `session`. Throws
 * LessonLoadError naming every problem (file, line, field) when a lesson is invalid.
 */
export function createLessonsProvider(session: LabSession, root: string = defaultLessonsRoot()): LessonsProvider & Disposable {
  return new SessionLessons(session, loadValidated(session, root));
}

/** A factory for hosts with many sessions; `preload` loads a directory up front. */
export interface LessonsFactory extends LessonsProviderFactory {
  /**
   * Load and validate `dir` (default: the built-in lessons) now, so a host fails at start-up with
   * the LessonLoadError rather than when the first learner connects.
   */
  preload(dir?: string): void;
}

/**
 * For hosts with many sessions (`kubelab web`, the desktop app): a LessonsProviderFactory that loads
 * and validates each lessons directory once and shares the lessons across sessions.
 */
export function createLessonsFactory(): LessonsFactory {
  const cache = new Map<string, readonly Lesson[]>();
  const lessonsFor = (session: LabSession, dir: string | undefined): readonly Lesson[] => {
    const root = resolve(dir ?? defaultLessonsRoot());
    let lessons = cache.get(root);
    if (!lessons) {
      lessons = loadValidated(session, root);
      cache.set(root, lessons);
    }
    return lessons;
  };
  const factory = (session: LabSession, options: { dir?: string }) => new SessionLessons(session, lessonsFor(session, options.dir));
  return Object.assign(factory, {
    preload(dir?: string): void {
      const probe = new LabSession({ virtualClock: true });
      try {
        lessonsFor(probe, dir);
      } finally {
        probe.dispose();
      }
    },
  });
}

function loadValidated(session: LabSession, root: string): readonly Lesson[] {
  const loaded = loadLessons(root);
  const problems = clusterProblems(loaded, session);
  if (problems.length > 0) throw new LessonLoadError(problems);
  return loaded.lessons;
}

/** Checks that name kinds, resources, columns or selectors this cluster's API does not know. */
function clusterProblems(loaded: LoadedLessons, session: LabSession): LessonProblem[] {
  const client = session.lab.client(LESSONS_AGENT);
  const discovery = client.discovery();
  const problems: LessonProblem[] = [];
  for (const lesson of loaded.lessons) {
    const sources = loaded.sources.get(lesson.id) ?? [];
    lesson.steps.forEach((step, i) => {
      for (const problem of checkProblems(step.check, client, discovery)) {
        const at = sources[i]?.locate(problem.path);
        problems.push({ file: sources[i]?.file ?? lesson.dir, line: at?.line, field: at?.field, message: problem.message });
      }
    });
  }
  return problems;
}

class SessionLessons implements LessonsProvider, Disposable {
  private readonly byId: Map<string, Lesson>;
  private readonly progress = new Map<string, LessonProgress>();
  private readonly disposables = new DisposableStore();

  constructor(
    private readonly session: LabSession,
    private readonly lessons: readonly Lesson[],
  ) {
    this.byId = new Map(lessons.map((l) => [l.id, l]));
    this.disposables.add(
      session.onDidReset((lab) => {
        for (const progress of this.progress.values()) progress.restart(lab);
      }),
    );
    this.disposables.add(toDisposable(() => this.progress.forEach((p) => p.dispose())));
  }

  list(): LessonSummary[] {
    return this.lessons.map((l) => ({ id: l.id, title: { ...l.title } }));
  }

  view(id: string, locale: Locale): LessonView | undefined {
    const progress = this.open(id, locale);
    if (!progress) return undefined;
    progress.evaluate();
    return render(progress.lesson, locale, progress.done);
  }

  watch(id: string, locale: Locale, listener: (view: LessonView) => void): Disposable {
    const progress = this.open(id, locale);
    if (!progress) return toDisposable(() => undefined);
    progress.evaluate();
    listener(render(progress.lesson, locale, progress.done));
    // Progress fires only when a step got done or the lab was reset.
    return progress.onDidChange(() => listener(render(progress.lesson, locale, progress.done)));
  }

  /** The lesson's progress, opening it (starting its request window) on first use. */
  private open(id: string, locale: Locale): LessonProgress | undefined {
    const lesson = this.byId.get(id);
    if (!lesson || !LOCALES.includes(locale) || this.disposables.isDisposed) return undefined;
    let progress = this.progress.get(id);
    if (!progress) {
      progress = new LessonProgress(lesson, this.session.lab);
      this.progress.set(id, progress);
    }
    return progress;
  }

  dispose(): void {
    this.disposables.dispose();
    this.progress.clear();
  }
}

function render(lesson: Lesson, locale: Locale, done: readonly boolean[]): LessonView {
  const texts = lesson.texts[locale];
  return {
    id: lesson.id,
    title: lesson.title[locale],
    intro: texts.intro,
    steps: lesson.steps.map((step, i) => ({
      id: step.id,
      text: texts.steps[step.id] ?? '',
      done: done[i] ?? false,
      ...(step.hint ? { hint: step.hint[locale] } : {}),
      ...(step.solution ? { solution: step.solution[locale] } : {}),
    })),
  };
}
