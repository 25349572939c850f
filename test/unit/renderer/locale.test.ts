import { describe, expect, it } from 'vitest';
import { HTML_LANG, initialLocale, localeForTag, pickLocale } from '../../../src/renderer/src/i18n/locale.js';
import en from '../../../src/renderer/src/i18n/messages/en.js';
import zhCN from '../../../src/renderer/src/i18n/messages/zh-CN.js';
import zhTW from '../../../src/renderer/src/i18n/messages/zh-TW.js';

describe('choosing the UI language', () => {
  it('maps Chinese regions and scripts to zh-TW or zh-CN', () => {
    for (const tag of ['zh-TW', 'zh-HK', 'zh-MO', 'zh-Hant', 'zh-Hant-TW', 'zh-Hant-HK', 'zh_TW', 'ZH-tw']) expect(localeForTag(tag), tag).toBe('zh-TW');
    for (const tag of ['zh-CN', 'zh-SG', 'zh-Hans', 'zh-Hans-CN', 'zh-Hans-HK', 'zh', 'zh-MY']) expect(localeForTag(tag), tag).toBe('zh-CN');
  });

  it('takes the first preferred language it has, else English', () => {
    expect(pickLocale(['zh-HK', 'en-US'])).toBe('zh-TW');
    expect(pickLocale(['fr-FR', 'zh-SG', 'en'])).toBe('zh-CN');
    expect(pickLocale(['en-GB', 'zh-TW'])).toBe('en');
    expect(pickLocale(['ja-JP', 'de'])).toBe('en');
    expect(pickLocale([])).toBe('en');
  });

  it('prefers a remembered choice, ignoring anything that is not a locale', () => {
    expect(initialLocale('zh-CN', ['zh-TW'])).toBe('zh-CN');
    expect(initialLocale('klingon', ['zh-TW'])).toBe('zh-TW');
    expect(initialLocale(null, ['en-US'])).toBe('en');
  });

  it('tags <html> with script and region', () => {
    expect(HTML_LANG).toEqual({ 'zh-TW': 'zh-Hant-TW', 'zh-CN': 'zh-Hans-CN', en: 'en' });
  });
});

/** Every leaf key path of a message tree. */
function keys(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) => (typeof value === 'object' && value !== null ? keys(value as object, `${prefix}${key}.`) : [`${prefix}${key}`]));
}

describe('UI messages', () => {
  it('has the same keys in every language, none empty', () => {
    const all = keys(en).sort();
    expect(keys(zhTW).sort()).toEqual(all);
    expect(keys(zhCN).sort()).toEqual(all);
    for (const messages of [en, zhTW, zhCN]) {
      for (const key of all) expect(key.split('.').reduce<unknown>((node, k) => (node as Record<string, unknown>)[k], messages), key).not.toBe('');
    }
  });

  it('uses each region’s own vocabulary, not a character conversion', () => {
    expect(zhTW.cluster.title).toBe('叢集');
    expect(zhCN.cluster.title).toBe('集群');
    expect(zhTW.journey.stations.scheduler).toBe('排程器');
    expect(zhCN.journey.stations.scheduler).toBe('调度器');
    expect(zhTW.editor.open).toContain('檔案');
    expect(zhCN.editor.open).toContain('文件');
    expect(zhTW.cluster.worker).toBe('工作節點');
    expect(zhCN.cluster.worker).toBe('工作节点');
    // Simplified text must not leak into zh-TW and the reverse (a few telltale characters).
    const tw = JSON.stringify(zhTW);
    const cn = JSON.stringify(zhCN);
    for (const ch of ['节', '点', '调', '务', '设', '据', '档']) expect(tw, ch).not.toContain(ch);
    for (const ch of ['節', '點', '據', '檔', '設', '務', '叢']) expect(cn, ch).not.toContain(ch);
  });

  it('avoids vue-i18n syntax characters that would be read as links or plurals', () => {
    for (const messages of [en, zhTW, zhCN]) {
      const text = keys(messages).map((key) => key.split('.').reduce<unknown>((node, k) => (node as Record<string, unknown>)[k], messages) as string);
      for (const value of text) expect(value, value).not.toMatch(/[@|$]/);
    }
  });
});
