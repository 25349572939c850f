/** Loading lessons: the project's lessons load; broken ones fail with the file, line and field. */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LabSession } from '../../../src/main/lab/lab-session.js';
import { createLessonsProvider } from '../../../src/main/lessons/provider.js';
import { LessonLoadError, loadLessons } from '../../../src/main/lessons/loader.js';
import { defaultLessonsRoot } from '../../../src/main/lessons/lessons-root.js';
import { splitLessonMarkdown } from '../../../src/main/lessons/markdown-sections.js';
import { LESSONS_ROOT, ScratchLessons } from './helpers.js';

let scratch: ScratchLessons | undefined;
let session: LabSession | undefined;

afterEach(() => {
  scratch?.dispose();
  scratch = undefined;
  session?.dispose();
  session = undefined;
});

/** The messages of the LessonLoadError thrown by `fn`. */
function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof LessonLoadError) return error.message.split('\n').slice(1).map((l) => l.trim());
    throw error;
  }
  throw new Error('expected a LessonLoadError');
}

describe('loading the project lessons', () => {
  it('finds the lessons folder from the sources and from a bundle in out/', () => {
    expect(defaultLessonsRoot()).toBe(LESSONS_ROOT);
    expect(defaultLessonsRoot(join(LESSONS_ROOT, '../out/cli'))).toBe(LESSONS_ROOT);
    expect(defaultLessonsRoot(join(LESSONS_ROOT, '../out/main'))).toBe(LESSONS_ROOT);
  });

  it('loads lesson 1 with its steps, checks and three locales', () => {
    const { lessons } = loadLessons(LESSONS_ROOT);
    const tour = lessons.find((l) => l.id === 'company-tour')!;
    expect(tour.title.en).toBe('The company tour: what is in a cluster');
    expect(tour.steps.map((s) => s.id)).toEqual(['list-offices', 'find-headquarters', 'list-departments', 'hire-employee', 'employee-at-work', 'find-desk']);
    expect(tour.steps[0]!.check).toEqual({ type: 'request', from: 'kubectl', verbs: ['list'], resource: 'nodes', since: 'lesson' });
    expect(tour.steps[4]!.check).toMatchObject({ type: 'object', kind: 'Pod', name: 'nginx-pod', columns: { STATUS: 'Running' } });
    for (const locale of ['zh-TW', 'zh-CN', 'en'] as const) {
      expect(tour.texts[locale].intro).not.toBe('');
      expect(Object.keys(tour.texts[locale].steps)).toEqual(tour.steps.map((s) => s.id));
      expect(tour.texts[locale].steps['list-offices']).toContain('```bash\nkubectl get nodes\n```');
    }
  });

  it('validates every check of the project lessons against the cluster API', () => {
    session = new LabSession({ seed: 1, virtualClock: true });
    const provider = createLessonsProvider(session);
    expect(provider.list().map((l) => l.id)).toContain('company-tour');
    provider.dispose();
  });
});

describe('validation errors name the file, line and field', () => {
  it('reports an unknown field (a typo) and a bad verb', () => {
    scratch = new ScratchLessons();
    scratch.edit('01-company-tour/lesson.yaml', 'request: { verb: list, resource: nodes }', 'request: { verb: lists, resource: nodes, namepsace: x }');
    expect(problemsOf(() => loadLessons(scratch!.root))).toEqual([
      'lessons/01-company-tour/lesson.yaml:11: steps[0].check.request.namepsace: unknown field; expected one of from, verb, resource, subresource, namespace, name, since',
      'lessons/01-company-tour/lesson.yaml:11: steps[0].check.request.verb: must be one of get, list, watch, create, update, patch, delete, deletecollection, bind (got "lists")',
    ]);
  });

  it('reports a missing locale in a title, a missing check and a check with two kinds', () => {
    scratch = new ScratchLessons();
    scratch.edit('01-company-tour/lesson.yaml', '  zh-CN: 公司参观：集群里有什么\n', '');
    scratch.edit('01-company-tour/lesson.yaml', '    check:\n      request: { verb: get, resource: nodes, name: controlplane }\n', '');
    scratch.edit('01-company-tour/lesson.yaml', 'request: { verb: list, resource: namespaces }', 'request: { verb: list, resource: namespaces }\n      count: { apiVersion: v1, kind: Namespace }');
    const problems = problemsOf(() => loadLessons(scratch!.root));
    expect(problems).toEqual([
      'lessons/01-company-tour/lesson.yaml:4: title.zh-CN: is required',
      expect.stringMatching(/^lessons\/01-company-tour\/lesson\.yaml:\d+: steps\[1\]\.check: is required \(object, count or request\)$/),
      expect.stringMatching(/^lessons\/01-company-tour\/lesson\.yaml:\d+: steps\[2\]\.check: must have exactly one of object, count, request$/),
    ]);
  });

  it('reports bad names, field paths, selectors ranges and duplicate step ids', () => {
    scratch = new ScratchLessons();
    scratch.edit('01-company-tour/lesson.yaml', 'columns: { STATUS: Running }', 'fields: { "status..phase": Running }');
    scratch.edit('01-company-tour/lesson.yaml', 'object: { apiVersion: v1, kind: Pod, namespace: default, name: nginx-pod }', 'count: { apiVersion: v1, kind: pod, min: 3, max: 2 }');
    scratch.edit('01-company-tour/lesson.yaml', '- id: find-desk', '- id: list-offices');
    const problems = problemsOf(() => loadLessons(scratch!.root));
    expect(problems.map((p) => p.replace(/:\d+:/, ':N:'))).toEqual([
      'lessons/01-company-tour/lesson.yaml:N: steps[3].check.count.kind: must be a kind such as Pod (got "pod")',
      'lessons/01-company-tour/lesson.yaml:N: steps[3].check.count.max: must be ≥ min (3)',
      'lessons/01-company-tour/lesson.yaml:N: steps[4].check.object.fields["status..phase"]: is not a field path such as status.phase or metadata.labels["app"]',
      'lessons/01-company-tour/lesson.yaml:N: steps[5].id: "list-offices" is used by an earlier step',
    ]);
  });

  it('reports YAML syntax errors with their line', () => {
    scratch = new ScratchLessons();
    scratch.write('01-company-tour/lesson.yaml', 'id: x\ntitle: [unclosed\n');
    const [problem] = problemsOf(() => loadLessons(scratch!.root));
    expect(problem).toMatch(/^lessons\/01-company-tour\/lesson\.yaml:\d+: /);
  });

  it('reports Markdown that does not match the steps', () => {
    scratch = new ScratchLessons();
    scratch.edit('01-company-tour/en.md', '## step: list-departments', '## step: list-teams');
    scratch.edit('01-company-tour/zh-CN.md', '## step: find-desk', '## Step: find-desk');
    rmSync(scratch.path('01-company-tour/zh-TW.md'));
    const problems = problemsOf(() => loadLessons(scratch!.root));
    expect(problems).toEqual([
      'lessons/01-company-tour/zh-TW.md: is missing (every lesson has zh-TW.md, zh-CN.md and en.md)',
      expect.stringMatching(/^lessons\/01-company-tour\/zh-CN\.md:\d+: write step headings exactly as "## step: <id>" \(got "## Step: find-desk"\)$/),
      'lessons/01-company-tour/zh-CN.md: has no section "## step: find-desk"',
      expect.stringMatching(/^lessons\/01-company-tour\/en\.md:\d+: "## step: list-teams" names no step of lesson\.yaml \(list-offices, /),
      'lessons/01-company-tour/en.md: has no section "## step: list-departments"',
    ]);
  });

  it('reports steps in the wrong order, duplicate lesson ids and badly named directories', () => {
    scratch = new ScratchLessons();
    const en = scratch.read('01-company-tour/en.md');
    const a = en.indexOf('## step: list-offices');
    const b = en.indexOf('## step: find-headquarters');
    const c = en.indexOf('## step: list-departments');
    scratch.write('01-company-tour/en.md', en.slice(0, a) + en.slice(b, c) + en.slice(a, b) + en.slice(c));
    mkdirSync(scratch.path('Lesson two'));
    mkdirSync(scratch.path('_draft'));
    expect(problemsOf(() => loadLessons(scratch!.root))).toEqual([
      expect.stringMatching(/^lessons\/01-company-tour\/en\.md:\d+: step sections must follow lesson\.yaml's order: expected "## step: list-offices" here$/),
      'lessons/Lesson two: lesson directories are named <nn>-<slug>, e.g. 01-company-tour (start the name with _ to keep a draft out)',
    ]);
  });

  it('refuses two lessons with one id', () => {
    scratch = new ScratchLessons();
    mkdirSync(scratch.path('02-again'));
    for (const file of ['lesson.yaml', 'en.md', 'zh-TW.md', 'zh-CN.md']) scratch.write(`02-again/${file}`, scratch.read('01-company-tour', file));
    expect(problemsOf(() => loadLessons(scratch!.root))).toEqual(['lessons/02-again/lesson.yaml: id: "company-tour" is already the id of lessons/01-company-tour']);
  });

  it('checks kinds, resources, namespaces and columns against the cluster API when the provider starts', () => {
    scratch = new ScratchLessons();
    scratch.edit('01-company-tour/lesson.yaml', 'request: { verb: list, resource: nodes }', 'request: { verb: list, resource: nodez }');
    scratch.edit('01-company-tour/lesson.yaml', 'request: { verb: list, resource: namespaces }', 'object: { apiVersion: v1, kind: Node, namespace: default, name: node01 }');
    scratch.edit('01-company-tour/lesson.yaml', 'object: { apiVersion: v1, kind: Pod, namespace: default, name: nginx-pod }', 'object: { apiVersion: apps/v1, kind: Pod, name: nginx-pod }');
    scratch.edit('01-company-tour/lesson.yaml', 'columns: { STATUS: Running }', 'columns: { STATE: Running }');
    session = new LabSession({ seed: 1, virtualClock: true });
    const problems = problemsOf(() => createLessonsProvider(session!, scratch!.root));
    expect(problems.map((p) => p.replace(/:\d+:/, ':N:'))).toEqual([
      'lessons/01-company-tour/lesson.yaml:N: steps[0].check.request.resource: the API server serves no resource "nodez"',
      'lessons/01-company-tour/lesson.yaml:N: steps[2].check.object.namespace: Node is not namespaced',
      'lessons/01-company-tour/lesson.yaml:N: steps[3].check.object.kind: the API server serves no kind Pod in apps/v1',
      expect.stringMatching(/^lessons\/01-company-tour\/lesson\.yaml:N: steps\[4\]\.check\.object\.columns\.STATE: kubectl prints no column STATE for Pod \(columns: NAME, READY, STATUS, /),
    ]);
  });

  it('refuses a lessons root that does not exist', () => {
    expect(problemsOf(() => loadLessons('/nonexistent/lessons'))).toEqual(['/nonexistent/lessons: is not a directory of lessons']);
  });
});

describe('splitting a locale file into intro and step sections', () => {
  it('ignores step headings inside code fences and keeps the text between headings', () => {
    const split = splitLessonMarkdown('Intro.\n\n````md\n## step: not-a-step\n```\n````\n\n## step: one\n\n### 1. First\n\nText.\n\n## step: two\nMore.\n');
    expect(split.problems).toEqual([]);
    expect(split.intro).toBe('Intro.\n\n````md\n## step: not-a-step\n```\n````');
    expect(split.sections).toEqual([
      { id: 'one', line: 8, text: '### 1. First\n\nText.' },
      { id: 'two', line: 14, text: 'More.' },
    ]);
  });

  it('reports an unclosed fence and a heading without an id', () => {
    const split = splitLessonMarkdown('Intro\n## step:\n```\nopen');
    expect(split.problems).toEqual([
      { line: 2, message: 'step heading needs a step id: "## step: <id>" with a lowercase id such as list-nodes' },
      { line: 4, message: 'a code fence (```) is not closed' },
    ]);
  });
});
