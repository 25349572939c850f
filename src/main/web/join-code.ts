/**
 * The join code that guards `kubelab web` on a non-loopback host: anyone on the network can reach
 * the port, only people in the room see the code. Entering it on the server-rendered join page
 * sets a cookie holding a separate random secret (the code itself never becomes the credential);
 * failed guesses are rate-limited per address.
 */
import { randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/** No 0/O, 1/I/L: read aloud or off a projector without mistakes. */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

export const JOIN_COOKIE = 'kubelab_join';

/** A fresh code, `XXXX-XXXX` (31⁸ ≈ 8.5·10¹¹ possibilities). */
export function generateJoinCode(): string {
  let code = '';
  for (let i = 0; i < 8; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** What people type: any case, spaces or dashes anywhere. */
export function normalizeJoinCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '');
}

export interface JoinGateOptions {
  code: string;
  /** Failed attempts one address may make per window before it must wait. */
  maxFailures?: number;
  windowMs?: number;
  now?: () => number;
}

export type JoinCheck = 'ok' | 'wrong' | 'throttled';

export class JoinGate {
  readonly code: string;
  /** The cookie value that proves the code was entered. */
  private readonly secret = randomBytes(32).toString('base64url');
  private readonly failures = new Map<string, number[]>();
  private readonly maxFailures: number;
  private readonly windowMs: number;
  private readonly now: () => number;

  constructor(options: JoinGateOptions) {
    this.code = options.code;
    this.maxFailures = options.maxFailures ?? 10;
    this.windowMs = options.windowMs ?? 10 * 60 * 1000;
    this.now = options.now ?? Date.now;
  }

  /** Check a typed code from `address`; a throttled address is refused before comparing. */
  check(input: string, address: string): JoinCheck {
    const now = this.now();
    const recent = (this.failures.get(address) ?? []).filter((t) => now - t < this.windowMs);
    if (recent.length >= this.maxFailures) return 'throttled';
    if (safeEqual(normalizeJoinCode(input), normalizeJoinCode(this.code))) {
      this.failures.delete(address);
      return 'ok';
    }
    recent.push(now);
    this.failures.set(address, recent);
    this.prune(now);
    return 'wrong';
  }

  /** The Set-Cookie header after a correct code: HttpOnly, same-site only, for this server. */
  cookieHeader(): string {
    return `${JOIN_COOKIE}=${this.secret}; Path=/; HttpOnly; SameSite=Strict`;
  }

  /** Does the request's Cookie header carry the secret? */
  isJoined(cookieHeader: string | undefined): boolean {
    const value = parseCookies(cookieHeader).get(JOIN_COOKIE);
    return value !== undefined && safeEqual(value, this.secret);
  }

  /** Forget addresses whose failures have all expired, so the map cannot grow without bound. */
  private prune(now: number): void {
    if (this.failures.size < 1000) return;
    for (const [address, times] of this.failures) {
      if (times.every((t) => now - t >= this.windowMs)) this.failures.delete(address);
    }
  }
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    if (!cookies.has(name)) cookies.set(name, part.slice(eq + 1).trim());
  }
  return cookies;
}

type PageLocale = 'zh-TW' | 'zh-CN' | 'en';

const TEXT: Record<PageLocale, { title: string; prompt: string; button: string; wrong: string; throttled: string }> = {
  en: {
    title: 'Join KubeLab',
    prompt: 'Enter the join code shown where KubeLab was started.',
    button: 'Join',
    wrong: 'That code is not right. Check it and try again.',
    throttled: 'Too many wrong codes from this computer. Wait a few minutes and try again.',
  },
  'zh-TW': {
    title: '加入 KubeLab',
    prompt: '請輸入啟動 KubeLab 時顯示的加入代碼。',
    button: '加入',
    wrong: '代碼不正確，請確認後再試一次。',
    throttled: '這台電腦輸入錯誤的次數太多，請稍候幾分鐘再試。',
  },
  'zh-CN': {
    title: '加入 KubeLab',
    prompt: '请输入启动 KubeLab 时显示的加入代码。',
    button: '加入',
    wrong: '代码不正确，请确认后再试一次。',
    throttled: '这台电脑输入错误的次数太多，请稍候几分钟再试。',
  },
};

/** The page's language from Accept-Language: Traditional or Simplified Chinese, else English. */
export function pageLocale(acceptLanguage: string | undefined): PageLocale {
  for (const range of (acceptLanguage ?? '').split(',')) {
    const tag = range.split(';')[0]!.trim().toLowerCase();
    if (/^zh-(tw|hk|mo|hant)/.test(tag)) return 'zh-TW';
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en';
  }
  return 'en';
}

/** The join form: plain HTML, no script (the CSP allows none inline), posts to `/join`. */
export function joinPage(locale: PageLocale, problem?: 'wrong' | 'throttled'): string {
  const t = TEXT[locale];
  const message = problem ? `<p class="problem" role="alert" data-testid="join-error">${t[problem]}</p>` : '';
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t.title}</title>
<style>
body { margin: 0; min-height: 100vh; display: grid; place-content: center; font-family: system-ui, sans-serif; }
form { display: grid; gap: 0.75rem; width: min(22rem, 90vw); }
input { font: 1.5rem ui-monospace, monospace; letter-spacing: 0.1em; text-transform: uppercase; padding: 0.5rem; }
button { font-size: 1rem; padding: 0.5rem; }
.problem { color: #b00020; }
</style>
</head>
<body>
<form method="post" action="/join" data-testid="join-form">
<h1>${t.title}</h1>
<label for="code">${t.prompt}</label>
${message}
<input id="code" name="code" autocomplete="off" autocapitalize="characters" spellcheck="false" placeholder="XXXX-XXXX" maxlength="20" required autofocus data-testid="join-code">
<button type="submit" data-testid="join-submit">${t.button}</button>
</form>
</body>
</html>
`;
}
