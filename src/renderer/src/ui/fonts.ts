/**
 * Font stacks that need JavaScript (xterm and Monaco take a font-family string, not CSS). System
 * fonts only: nothing is downloaded.
 *
 * For a Chinese UI the CJK monospace family of the UI's script comes first where it is installed
 * (Noto Sans Mono CJK): its Latin letters are exactly half as wide as its Han characters, so
 * Chinese text fills its two terminal cells without gaps and gets the right regional glyph forms.
 * Elsewhere a Latin monospace font leads and CJK falls back per character.
 */
import type { Locale } from '../i18n/locale.js';

const LATIN_MONO = ['"DejaVu Sans Mono"', '"Cascadia Mono"', 'Consolas', 'Menlo', '"Liberation Mono"'];
const TC_MONO = ['"Noto Sans Mono CJK TC"'];
const SC_MONO = ['"Noto Sans Mono CJK SC"'];
const TC_FALLBACK = ['"Microsoft JhengHei"', '"PingFang TC"'];
const SC_FALLBACK = ['"Microsoft YaHei"', '"PingFang SC"'];

export function monospaceFontFamily(locale: Locale): string {
  const stack =
    locale === 'zh-TW'
      ? [...TC_MONO, ...LATIN_MONO, ...TC_FALLBACK, ...SC_MONO, ...SC_FALLBACK]
      : locale === 'zh-CN'
        ? [...SC_MONO, ...LATIN_MONO, ...SC_FALLBACK, ...TC_MONO, ...TC_FALLBACK]
        : [...LATIN_MONO, ...TC_MONO, ...SC_MONO, ...TC_FALLBACK, ...SC_FALLBACK];
  return [...stack, 'monospace'].join(', ');
}

/** Noto Sans Mono CJK has tall ascenders: a Chinese UI's terminal needs no extra line spacing. */
export function terminalLineHeight(locale: Locale): number {
  return locale === 'en' ? 1.15 : 1;
}
