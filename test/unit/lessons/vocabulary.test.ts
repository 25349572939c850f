/**
 * Every lesson text speaks its own locale: zh-TW in Taiwan's words and traditional characters,
 * zh-CN in the mainland's words and simplified characters (glossary.yaml's `avoid` lists), never a
 * character conversion of the other.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Locale } from '../../../src/shared/rpc/contract.js';
import { loadGlossary } from '../../../src/main/lessons/glossary.js';
import { LOCALES } from '../../../src/main/lessons/lesson.js';
import { loadLessons } from '../../../src/main/lessons/loader.js';
import { LESSONS_ROOT } from './helpers.js';

const glossary = loadGlossary(join(LESSONS_ROOT, 'glossary.yaml'));
const { lessons } = loadLessons(LESSONS_ROOT);

/** Characters that exist only in one script (common ones, each with its counterpart at the same index). */
const SIMPLIFIED_ONLY = '们这个点节丛档设网务员发计书为时对资数据库进调镜认证组统间门让说话么会应该样还没动启态运现场长总经头与从处实际边过见问题关将录记阶类体机开队执请线单号';
const TRADITIONAL_ONLY = '們這個點節叢檔設網務員發計書為時對資數據庫進調鏡認證組統間門讓說話麼會應該樣還沒動啟態運現場長總經頭與從處實際邊過見問題關將錄記階類體機開隊執請線單號';

/** Every text a learner reads in `locale`: title, intro, steps, hints, solutions. */
function textsOf(locale: Locale): Array<{ where: string; text: string }> {
  return lessons.flatMap((lesson) => [
    { where: `${lesson.id} title`, text: lesson.title[locale] },
    { where: `${lesson.id}/${locale}.md intro`, text: lesson.texts[locale].intro },
    ...lesson.steps.flatMap((step) => [
      { where: `${lesson.id}/${locale}.md step ${step.id}`, text: lesson.texts[locale].steps[step.id]! },
      ...(step.hint ? [{ where: `${lesson.id} ${step.id} hint`, text: step.hint[locale] }] : []),
      ...(step.solution ? [{ where: `${lesson.id} ${step.id} solution`, text: step.solution[locale] }] : []),
    ]),
  ]);
}

describe('the glossary', () => {
  it('holds the curriculum vocabulary and the company analogy in every locale', () => {
    const term = (en: string) => glossary.terms.find((t) => t.en === en);
    expect(term('cluster')).toMatchObject({ 'zh-TW': '叢集', 'zh-CN': '集群' });
    expect(term('scheduler')).toMatchObject({ 'zh-TW': '排程器', 'zh-CN': '调度器' });
    expect(term('image')).toMatchObject({ 'zh-TW': '映像檔', 'zh-CN': '镜像' });
    expect(term('file')).toMatchObject({ 'zh-TW': '檔案', 'zh-CN': '文件' });
    expect(glossary.analogy.find((a) => a.kubernetes === 'kube-scheduler')).toMatchObject({ 'zh-TW': '排班組長', 'zh-CN': '排班组长' });
    expect(glossary.analogy.find((a) => a.kubernetes === 'Pod')?.en).toBe('an employee');
  });

  it('never lists a locale’s own word among the words it must avoid', () => {
    for (const term of glossary.terms) {
      for (const locale of LOCALES) {
        for (const word of term.avoid[locale]) expect(term[locale].includes(word), `${term.en}: ${locale} avoids its own ${word}`).toBe(false);
      }
    }
  });

  it('writes each Chinese locale in its own script', () => {
    for (const entry of [...glossary.terms, ...glossary.analogy]) {
      expect([...entry['zh-TW']].filter((c) => SIMPLIFIED_ONLY.includes(c)), entry['zh-TW']).toEqual([]);
      expect([...entry['zh-CN']].filter((c) => TRADITIONAL_ONLY.includes(c)), entry['zh-CN']).toEqual([]);
    }
  });
});

describe('lesson texts use their locale’s vocabulary', () => {
  it('has checked some texts', () => {
    expect(textsOf('zh-TW').length).toBeGreaterThan(10);
  });

  for (const locale of ['zh-TW', 'zh-CN'] as const) {
    it(`${locale} texts avoid the other region's words`, () => {
      const avoid = glossary.terms.flatMap((t) => t.avoid[locale]);
      const found = textsOf(locale).flatMap(({ where, text }) => avoid.filter((word) => text.includes(word)).map((word) => `${where}: ${word}`));
      expect(found).toEqual([]);
    });

    it(`${locale} texts use ${locale === 'zh-TW' ? 'traditional' : 'simplified'} characters only`, () => {
      const foreign = locale === 'zh-TW' ? SIMPLIFIED_ONLY : TRADITIONAL_ONLY;
      const found = textsOf(locale).flatMap(({ where, text }) => [...new Set([...text].filter((c) => foreign.includes(c)))].map((c) => `${where}: ${c}`));
      expect(found).toEqual([]);
    });
  }

  it('zh-TW says 叢集/節點/排程, zh-CN says 集群/节点/调度', () => {
    const all = (locale: Locale) => textsOf(locale).map((t) => t.text).join('\n');
    for (const word of ['叢集', '節點', '排程', '映像檔', '設定']) expect(all('zh-TW')).toContain(word);
    for (const word of ['集群', '节点', '调度', '镜像', '配置']) expect(all('zh-CN')).toContain(word);
    for (const word of ['集群', '节点', '调度']) expect(all('zh-TW')).not.toContain(word);
    for (const word of ['叢集', '節點', '排程']) expect(all('zh-CN')).not.toContain(word);
  });
});
