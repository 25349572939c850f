/**
 * Loads every lesson under a lessons root (`<root>/<nn-slug>/lesson.yaml` + `zh-TW.md`, `zh-CN.md`,
 * `en.md`) and validates it. Problems name the file, the line and the field; all of them are
 * collected and thrown together as one LessonLoadError, so an author sees everything at once.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import { type Document, LineCounter, isNode, parseDocument } from 'yaml';
import { parseCheck } from './checks.js';
import { FieldReader, type FieldPath, formatPath } from './fields.js';
import { LOCALES, type Lesson, type LessonStep, type LessonTexts } from './lesson.js';
import { STEP_ID, splitLessonMarkdown } from './markdown-sections.js';
import type { Locale } from '../../shared/rpc/contract.js';

export interface LessonProblem {
  /** The file as shown to the author: `lessons/01-company-tour/lesson.yaml`. */
  file: string;
  line?: number;
  /** The field path inside lesson.yaml: `steps[2].check.object.kind`. */
  field?: string;
  message: string;
}

export function formatProblem(p: LessonProblem): string {
  return `${p.file}${p.line ? `:${p.line}` : ''}: ${p.field ? `${p.field}: ` : ''}${p.message}`;
}

export class LessonLoadError extends Error {
  constructor(readonly problems: readonly LessonProblem[]) {
    super(`lessons failed to load:\n${problems.map((p) => `  ${formatProblem(p)}`).join('\n')}`);
    this.name = 'LessonLoadError';
  }
}

/** Lesson directories: a number for the order, then the slug (`01-company-tour`). */
export const LESSON_DIR = /^\d{2,}-[a-z0-9]+(-[a-z0-9]+)*$/;

/** Where each step's check is written, for problems found later (against the cluster). */
export interface StepSource {
  file: string;
  field: string;
  line?: number;
  /** Locate a path below the check (`['object', 'kind']`). */
  locate(path: FieldPath): { field: string; line?: number };
}

export interface LoadedLessons {
  lessons: Lesson[];
  /** By lesson id, then step index. */
  sources: Map<string, StepSource[]>;
}

/** Load and validate every lesson under `root`; throws LessonLoadError listing every problem. */
export function loadLessons(root: string): LoadedLessons {
  const problems: LessonProblem[] = [];
  const display = (path: string): string => join(basename(root), relative(root, path)).split(sep).join('/');
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    throw new LessonLoadError([{ file: root, message: 'is not a directory of lessons' }]);
  }
  const lessons: Lesson[] = [];
  const sources = new Map<string, StepSource[]>();
  const dirs = readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith('.') && !e.name.startsWith('_'))
    .map((e) => e.name)
    .sort();
  for (const name of dirs) {
    const dir = join(root, name);
    if (!LESSON_DIR.test(name)) {
      problems.push({ file: display(dir), message: 'lesson directories are named <nn>-<slug>, e.g. 01-company-tour (start the name with _ to keep a draft out)' });
      continue;
    }
    const loaded = loadLesson(dir, display, problems);
    if (!loaded) continue;
    const clash = lessons.find((l) => l.id === loaded.lesson.id);
    if (clash) {
      problems.push({ file: display(join(dir, 'lesson.yaml')), field: 'id', message: `"${loaded.lesson.id}" is already the id of ${display(clash.dir)}` });
      continue;
    }
    lessons.push(loaded.lesson);
    sources.set(loaded.lesson.id, loaded.sources);
  }
  if (problems.length > 0) throw new LessonLoadError(problems);
  return { lessons, sources };
}

function loadLesson(dir: string, display: (path: string) => string, problems: LessonProblem[]): { lesson: Lesson; sources: StepSource[] } | undefined {
  const yamlFile = join(dir, 'lesson.yaml');
  const file = display(yamlFile);
  if (!existsSync(yamlFile)) {
    problems.push({ file, message: 'is missing (every lesson directory has a lesson.yaml)' });
    return undefined;
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(readFileSync(yamlFile, 'utf8'), { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    for (const error of doc.errors) problems.push({ file, line: lineCounter.linePos(error.pos[0]).line, message: error.message.split('\n')[0]! });
    return undefined;
  }
  const lineOf = (path: FieldPath): number | undefined => lineOfPath(doc, lineCounter, path);
  const reader = new FieldReader();
  const before = problems.length;
  const lesson = readLesson(doc.toJS() as unknown, dir, reader);
  for (const issue of reader.issues) problems.push({ file, line: lineOf(issue.path), field: formatPath(issue.path) || undefined, message: issue.message });
  if (!lesson) return undefined;

  const texts: Partial<Record<Locale, LessonTexts>> = {};
  for (const locale of LOCALES) {
    const mdFile = join(dir, `${locale}.md`);
    const texts_ = readTexts(mdFile, display(mdFile), lesson.steps, problems);
    if (texts_) texts[locale] = texts_;
  }
  if (problems.length > before) return undefined;
  const sources = lesson.steps.map((_, i): StepSource => {
    const at: FieldPath = ['steps', i, 'check'];
    return {
      file,
      field: formatPath(at),
      line: lineOf(at),
      locate: (path) => ({ field: formatPath([...at, ...path]), line: lineOf([...at, ...path]) }),
    };
  });
  return { lesson: { ...lesson, texts: texts as Record<Locale, LessonTexts> }, sources };
}

function readLesson(value: unknown, dir: string, reader: FieldReader): Omit<Lesson, 'texts'> | undefined {
  const map = reader.map(value, [], ['id', 'title', 'steps']);
  if (!map) return undefined;
  const id = reader.string(map, 'id', [], { required: true, pattern: STEP_ID, expected: 'a lowercase slug such as company-tour' });
  const title = reader.localized(map, 'title', [], { required: true });
  const steps: LessonStep[] = [];
  if (!Array.isArray(map.steps) || map.steps.length === 0) {
    reader.report(['steps'], 'must be a non-empty list of steps');
  } else {
    map.steps.forEach((raw: unknown, i) => {
      const path: FieldPath = ['steps', i];
      const step = reader.map(raw, path, ['id', 'check', 'hint', 'solution']);
      if (!step) return;
      const stepId = reader.string(step, 'id', path, { required: true, pattern: STEP_ID, expected: 'a lowercase slug such as list-nodes' });
      if (stepId && steps.some((s) => s.id === stepId)) reader.report([...path, 'id'], `"${stepId}" is used by an earlier step`);
      let check;
      if (step.check === undefined || step.check === null) reader.report([...path, 'check'], 'is required (object, count or request)');
      else check = parseCheck(step.check, [...path, 'check'], reader);
      const hint = reader.localized(step, 'hint', path);
      const solution = reader.localized(step, 'solution', path);
      if (stepId && check) steps.push({ id: stepId, check, ...(hint ? { hint } : {}), ...(solution ? { solution } : {}) });
    });
  }
  if (!id || !title || reader.issues.length > 0) return undefined;
  return { id, dir, title, steps };
}

function readTexts(mdFile: string, file: string, steps: readonly LessonStep[], problems: LessonProblem[]): LessonTexts | undefined {
  if (!existsSync(mdFile)) {
    problems.push({ file, message: 'is missing (every lesson has zh-TW.md, zh-CN.md and en.md)' });
    return undefined;
  }
  const split = splitLessonMarkdown(readFileSync(mdFile, 'utf8'));
  const before = problems.length;
  for (const p of split.problems) problems.push({ file, line: p.line, message: p.message });
  if (!split.intro) problems.push({ file, line: 1, message: 'needs an introduction before the first "## step:" heading' });
  const byId: Record<string, string> = {};
  for (const section of split.sections) {
    if (!steps.some((s) => s.id === section.id)) problems.push({ file, line: section.line, message: `"## step: ${section.id}" names no step of lesson.yaml (${steps.map((s) => s.id).join(', ')})` });
    else if (section.id in byId) problems.push({ file, line: section.line, message: `"## step: ${section.id}" appears twice` });
    else if (!section.text) problems.push({ file, line: section.line, message: `the section for step "${section.id}" is empty` });
    byId[section.id] = section.text;
  }
  const missing = steps.filter((step) => !(step.id in byId));
  for (const step of missing) problems.push({ file, message: `has no section "## step: ${step.id}"` });
  if (problems.length === before) {
    const misplaced = split.sections.findIndex((section, i) => steps[i]?.id !== section.id);
    if (misplaced >= 0) problems.push({ file, line: split.sections[misplaced]!.line, message: `step sections must follow lesson.yaml's order: expected "## step: ${steps[misplaced]!.id}" here` });
  }
  return problems.length > before ? undefined : { intro: split.intro, steps: byId };
}

/** The line of the YAML node at `path`, or of its nearest existing parent. */
function lineOfPath(doc: Document, lineCounter: LineCounter, path: FieldPath): number | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node: unknown = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
  }
  return undefined;
}
