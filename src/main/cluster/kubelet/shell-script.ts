/**
 * The small `sh` that runs inside simulated containers: what `command: ["sh", "-c", "…"]` scripts
 * of the kind learners write do — `;`/`&&`/`||` lists, `|` pipelines, `echo`, `sleep`, `exit N`,
 * `date`, `cat`, `head`/`tail`/`grep`/`wc`, `touch`/`rm`, `cd`/`pwd`/`export`, assignments with
 * `$((…))`, `$(…)`, `while`/`until` and `for` loops, `>`/`>>`/`>&2`/`<` redirection. An interactive shell
 * (`kubectl exec -it … -- sh`, exec-session.ts) runs typed lines one by one on the same Shell. It is a generator: it yields how long it sleeps (Infinity = forever) so the runtime
 * can resume it on the lab clock, and returns the exit status. Output goes to the process's sink.
 */
import type { Userland } from './image-catalog.js';
import { countOption, tailLines, textFilter } from './text-filters.js';

/** What a running script sees of its container. */
export interface ProcessContext {
  userland: Userland;
  env: Map<string, string>;
  /** Files created at run time (the image's own files are not modelled). */
  files: Map<string, string>;
  /** TCP ports the process has opened. */
  listening: Set<number>;
  /**
   * The container's files as the process reads them from disk (the image's, the mounted volumes,
   * and what was written into the container), for servers that serve files; undefined where the
   * runtime does not model them.
   */
  fileView?(): ReadonlyMap<string, string> | undefined;
  /** The working directory, which `cd` changes; `/` when unset. */
  cwd?: string;
  /** Whether `path` is a directory (for `cd`); without it `cd` goes anywhere. */
  isDirectory?(path: string): boolean;
  podIP?: string;
  now(): number;
  out(stream: 'stdout' | 'stderr', text: string): void;
  /**
   * Start-up lines, written as of now but rendered only when read: thousands of identical servers
   * then cost one closure each instead of a dozen strings.
   */
  startup(lines: (write: (stream: 'stdout' | 'stderr', text: string) => void, time: number) => void): void;
  /**
   * More commands (the image's tools: ls, id, wget, nslookup …): the exit status, or undefined
   * when the command is not one of them. A command that takes lab time the process must spend
   * (a container's main process waiting on the network) answers with a run the shell steps through.
   */
  command?(name: string, args: string[], write: (stream: 'stdout' | 'stderr', text: string) => void, io?: CommandIO): number | ProcessRun | undefined;
}

/** Where a command's stdout goes: a file or a pipe rather than the process's own stdout (`ls` lays out columns only on a tty). */
export interface CommandIO {
  stdoutRedirected: boolean;
}

/** How the shell introduces its own errors: busybox `sh: `, dash `sh: LINE: `, bash `bash: `. */
export interface ShellFlavor {
  /** The shell's argv[0] basename (`sh`, `ash`, `bash`). */
  name: string;
  /** Interactive: dash counts the lines typed (`sh: 3: foo: not found`). */
  interactive?: boolean;
}

/** `path` against `cwd`, with `.` and `..` resolved. */
export function resolvePath(cwd: string, path: string): string {
  const parts: string[] = [];
  for (const part of (path.startsWith('/') ? path : `${cwd}/${path}`).split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

/** Yields sleep durations in ms; returns the exit status. */
export type ProcessRun = Generator<number, number, void>;

type Word = string;
interface Simple {
  kind: 'simple';
  words: Word[];
  /** The script line it starts on (dash names it in its messages). */
  line: number;
  redirect?: { path: string; append: boolean } | 'stderr';
  /** `< FILE`: the command's stdin. */
  input?: string;
}
interface Loop {
  kind: 'while';
  negate: boolean;
  condition: Node[];
  body: Node[];
}
interface ForLoop {
  kind: 'for';
  name: string;
  items: Word[];
  body: Node[];
}
/** `a | b | c`: each command's output is the next one's input. */
interface Pipeline {
  kind: 'pipeline';
  commands: Command[];
}
type Command = Simple | Loop | ForLoop | Pipeline;
/** An and-or list: commands joined by `&&` / `||`. */
interface Node {
  first: Command;
  rest: Array<{ op: '&&' | '||'; command: Command }>;
}

/** A `$(…)` whose commands keep waiting is cut off after this many waits. */
const MAX_SUBSTITUTION_STEPS = 1_000;

class ExitSignal {
  constructor(readonly code: number) {}
}

/** Split into words and operators, keeping quotes in the words (expanded later). */
function tokenize(script: string): string[] {
  const tokens: string[] = [];
  let word = '';
  let inWord = false;
  const flush = (): void => {
    if (inWord) tokens.push(word);
    word = '';
    inWord = false;
  };
  for (let i = 0; i < script.length; i++) {
    const ch = script[i]!;
    if (ch === "'" || ch === '"') {
      const end = script.indexOf(ch, i + 1);
      const stop = end < 0 ? script.length : end;
      word += script.slice(i, stop + 1);
      inWord = true;
      i = stop;
    } else if (ch === '$' && script[i + 1] === '(') {
      // $(…) and $((…)): up to the matching parenthesis.
      let depth = 0;
      let j = i + 1;
      for (; j < script.length; j++) {
        if (script[j] === '(') depth++;
        else if (script[j] === ')' && --depth === 0) break;
      }
      word += script.slice(i, j + 1);
      inWord = true;
      i = j;
    } else if (ch === '#' && !inWord) {
      while (i + 1 < script.length && script[i + 1] !== '\n') i++;
    } else if (ch === ' ' || ch === '\t') {
      flush();
    } else if (ch === '\n' || ch === ';') {
      // A newline separates like `;`, and the parser counts it for line numbers.
      flush();
      tokens.push(ch);
    } else if ((ch === '&' || ch === '|') && script[i + 1] === ch) {
      flush();
      tokens.push(ch + ch);
      i++;
    } else if (ch === '|') {
      flush();
      tokens.push('|');
    } else if (ch === '>' && script[i + 1] === '&' && script[i + 2] === '2') {
      flush();
      tokens.push('>&2');
      i += 2;
    } else if (ch === '<') {
      flush();
      tokens.push('<');
    } else if (ch === '>') {
      flush();
      if (script[i + 1] === '>') {
        tokens.push('>>');
        i++;
      } else tokens.push('>');
    } else {
      word += ch;
      inWord = true;
    }
  }
  flush();
  return tokens;
}

class Parser {
  private pos = 0;
  private line = 1;
  constructor(private readonly tokens: string[]) {}

  private atSeparator(): boolean {
    const t = this.tokens[this.pos];
    return t === ';' || t === '\n';
  }

  private skipSeparators(): void {
    while (this.atSeparator()) if (this.tokens[this.pos++] === '\n') this.line++;
  }

  list(stops: string[]): Node[] {
    const nodes: Node[] = [];
    for (;;) {
      this.skipSeparators();
      const token = this.tokens[this.pos];
      if (token === undefined || stops.includes(token)) return nodes;
      nodes.push(this.andOr());
    }
  }

  private andOr(): Node {
    const node: Node = { first: this.pipeline(), rest: [] };
    while (this.tokens[this.pos] === '&&' || this.tokens[this.pos] === '||') {
      const op = this.tokens[this.pos++] as '&&' | '||';
      this.skipSeparators();
      node.rest.push({ op, command: this.pipeline() });
    }
    return node;
  }

  private pipeline(): Command {
    const first = this.command();
    if (this.tokens[this.pos] !== '|') return first;
    const commands = [first];
    while (this.tokens[this.pos] === '|') {
      this.pos++;
      commands.push(this.command());
    }
    return { kind: 'pipeline', commands };
  }

  private expect(word: string): void {
    if (this.tokens[this.pos] === word) this.pos++;
  }

  private command(): Command {
    const token = this.tokens[this.pos];
    if (token === 'while' || token === 'until') {
      this.pos++;
      const condition = this.list(['do']);
      this.expect('do');
      const body = this.list(['done']);
      this.expect('done');
      return { kind: 'while', negate: token === 'until', condition, body };
    }
    if (token === 'for') {
      this.pos++;
      const name = this.tokens[this.pos++] ?? 'i';
      const items: string[] = [];
      if (this.tokens[this.pos] === 'in') {
        this.pos++;
        while (this.pos < this.tokens.length && !this.atSeparator() && this.tokens[this.pos] !== 'do') items.push(this.tokens[this.pos++]!);
      }
      this.skipSeparators();
      this.expect('do');
      const body = this.list(['done']);
      this.expect('done');
      return { kind: 'for', name, items, body };
    }
    const simple: Simple = { kind: 'simple', words: [], line: this.line };
    for (;;) {
      const t = this.tokens[this.pos];
      if (t === undefined || this.atSeparator() || t === '&&' || t === '||' || t === '|') break;
      this.pos++;
      if (t === '>&2') simple.redirect = 'stderr';
      else if (t === '>' || t === '>>') simple.redirect = { path: this.tokens[this.pos++] ?? '', append: t === '>>' };
      else if (t === '<') simple.input = this.tokens[this.pos++] ?? '';
      else simple.words.push(t);
    }
    return simple;
  }
}

export function parseScript(script: string): Node[] {
  return new Parser(tokenize(script)).list([]);
}

/** Go's "Mon Jan _2 15:04:05 MST 2006", which both busybox and GNU date print in UTC. */
export function dateText(ms: number): string {
  const d = new Date(ms);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const pad = (n: number): string => String(n).padStart(2, '0');
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return `${days[d.getUTCDay()]} ${months[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${time} UTC ${d.getUTCFullYear()}`;
}

/** `sleep` operands: seconds with an optional s/m/h/d suffix, or `infinity`. */
export function sleepMs(args: string[]): number | undefined {
  let total = 0;
  for (const arg of args) {
    if (arg === 'infinity' || arg === 'inf') return Infinity;
    const m = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(arg);
    if (!m) return undefined;
    const unit = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2] as '' | 's' | 'm' | 'h' | 'd'];
    total += Number(m[1]) * unit * 1000;
  }
  return total;
}

/** The interpreter over one process context. */
export class Shell {
  private status = 0;
  /** Loop iterations since the last sleep: a busy loop still lets the clock move. */
  private spins = 0;
  /** Lines typed before the one being run (an interactive shell counts on, as dash does). */
  private linesBefore = 0;
  /** The line of the command being run, for dash's messages. */
  private lineNumber = 1;
  /** Set once `exit` ran: the shell is over. */
  exited = false;
  /** Inside a pipeline: where this stage's stdout goes, and what its stdin holds. */
  private pipeOut: string[] | undefined;
  private pipeIn: string | undefined;
  /** The command being run writes to a file or a pipe. */
  private stdoutRedirected = false;
  /** The status of the last `$(…)` expanded for the command being run. */
  private substituted: number | undefined;

  constructor(
    private readonly ctx: ProcessContext,
    private readonly flavor: ShellFlavor = { name: 'sh' },
  ) {}

  /**
   * Run a script (or, interactively, one typed line); returns `exit`'s status or the last one.
   * `stdin` is what the process was given on its stdin (`kubectl exec -i`), read by its commands.
   */
  *run(script: string, stdin?: string): ProcessRun {
    if (this.flavor.interactive) this.linesBefore++;
    if (stdin !== undefined) this.pipeIn = stdin;
    try {
      yield* this.list(parseScript(script));
    } catch (e) {
      if (e instanceof ExitSignal) {
        this.exited = true;
        return e.code;
      }
      throw e;
    }
    return this.status;
  }

  /** `$?` and the status at end of input. */
  get lastStatus(): number {
    return this.status;
  }

  /** The line in progress was stopped by SIGINT (Ctrl+C on the terminal). */
  interrupted(): void {
    this.status = 130;
    this.pipeOut = undefined;
    this.pipeIn = undefined;
  }

  private get cwd(): string {
    return this.ctx.cwd ?? '/';
  }

  private resolve(path: string): string {
    return resolvePath(this.cwd, path);
  }

  private *list(nodes: Node[]): Generator<number, void, void> {
    for (const node of nodes) {
      yield* this.command(node.first);
      for (const { op, command } of node.rest) {
        if ((op === '&&') === (this.status === 0)) yield* this.command(command);
      }
    }
  }

  private *command(command: Command): Generator<number, void, void> {
    if (command.kind === 'pipeline') {
      const outer = { out: this.pipeOut, input: this.pipeIn };
      let input = outer.input;
      try {
        for (let i = 0; i < command.commands.length; i++) {
          const last = i === command.commands.length - 1;
          const captured: string[] = [];
          this.pipeOut = last ? outer.out : captured;
          this.pipeIn = input;
          yield* this.command(command.commands[i]!);
          input = captured.map((line) => `${line}\n`).join('');
        }
      } finally {
        this.pipeOut = outer.out;
        this.pipeIn = outer.input;
      }
      return;
    }
    if (command.kind === 'while') {
      for (;;) {
        yield* this.list(command.condition);
        if ((this.status === 0) === command.negate) break;
        yield* this.list(command.body);
        if (++this.spins >= 100) {
          this.spins = 0;
          yield 10;
        }
      }
      this.status = 0;
      return;
    }
    if (command.kind === 'for') {
      const items = command.items.flatMap((w) => this.expand(w).split(/\s+/).filter(Boolean));
      for (const item of items) {
        this.ctx.env.set(command.name, item);
        yield* this.list(command.body);
      }
      return;
    }
    this.lineNumber = (this.flavor.interactive ? this.linesBefore - 1 : 0) + command.line;
    this.substituted = undefined;
    const words = command.words.map((w) => this.expand(w));
    if (words.length === 0) return;
    const assignment = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(words[0]!);
    if (assignment && words.length === 1) {
      this.ctx.env.set(assignment[1]!, assignment[2]!);
      // An assignment alone has the status of its last command substitution, else 0.
      this.status = this.substituted ?? 0;
      return;
    }
    const output: string[] = [];
    const piped = this.pipeOut;
    const write = (stream: 'stdout' | 'stderr', text: string): void => {
      if (stream === 'stdout' && command.redirect === 'stderr') this.ctx.out('stderr', text);
      else if (stream === 'stdout' && command.redirect) output.push(text);
      else if (stream === 'stdout' && piped) piped.push(text);
      else this.ctx.out(stream, text);
    };
    this.stdoutRedirected = command.redirect !== undefined || piped !== undefined;
    if (command.input === undefined) yield* this.exec(words, write);
    else {
      const path = this.expand(command.input);
      const content = readProcessFile(this.ctx, this.resolve(path));
      if (content === undefined) {
        this.ctx.out('stderr', this.cannotOpen(path));
        this.status = this.flavor.name === 'bash' || this.ctx.userland === 'busybox' ? 1 : 2;
        return;
      }
      const outerInput = this.pipeIn;
      this.pipeIn = content;
      try {
        yield* this.exec(words, write);
      } finally {
        this.pipeIn = outerInput;
      }
    }
    if (command.redirect && command.redirect !== 'stderr') {
      const { append } = command.redirect;
      const path = this.resolve(command.redirect.path);
      const text = output.map((l) => `${l}\n`).join('');
      this.ctx.files.set(path, append ? (this.ctx.files.get(path) ?? '') + text : text);
    }
  }

  /** The shell's own message prefix: busybox `sh: `, dash's `sh: 3: `, bash's `bash: ` or `bash: line 3: `. */
  private prefix(): string {
    const name = this.flavor.name;
    if (this.ctx.userland === 'busybox') return `${name}: `;
    if (name === 'bash') return this.flavor.interactive ? 'bash: ' : `bash: line ${this.lineNumber}: `;
    return `${name}: ${this.lineNumber}: `;
  }

  /** A `< FILE` that does not exist, as busybox sh, dash and bash report it. */
  private cannotOpen(path: string): string {
    if (this.ctx.userland === 'busybox') return `${this.prefix()}can't open '${path}': No such file or directory`;
    if (this.flavor.name === 'bash') return `${this.prefix()}${path}: No such file or directory`;
    return `${this.prefix()}cannot open ${path}: No such file`;
  }

  private notFound(name: string): string {
    return `${this.prefix()}${name}: ${this.flavor.name === 'bash' && this.ctx.userland !== 'busybox' ? 'command not found' : 'not found'}`;
  }

  private *exec(words: string[], write: (stream: 'stdout' | 'stderr', text: string) => void): Generator<number, void, void> {
    const [name, ...args] = words as [string, ...string[]];
    const busybox = this.ctx.userland === 'busybox';
    switch (name) {
      case 'echo': {
        const noNewline = args[0] === '-n';
        const text = (noNewline ? args.slice(1) : args).join(' ');
        for (const line of text.split('\n')) write('stdout', line);
        this.status = 0;
        return;
      }
      case 'sleep': {
        const ms = sleepMs(args);
        if (ms === undefined) {
          write('stderr', busybox ? `sleep: invalid number '${args[0] ?? ''}'` : `sleep: invalid time interval '${args[0] ?? ''}'`);
          this.status = 1;
          return;
        }
        this.spins = 0;
        if (ms > 0) yield ms;
        this.status = 0;
        return;
      }
      case 'exit':
        throw new ExitSignal(Number(args[0] ?? this.status) & 0xff);
      case 'true':
      case ':':
        this.status = 0;
        return;
      case 'false':
        this.status = 1;
        return;
      case 'date':
        write('stdout', dateText(this.ctx.now()));
        this.status = 0;
        return;
      case 'hostname':
        write('stdout', this.ctx.env.get('HOSTNAME') ?? '');
        this.status = 0;
        return;
      case 'env':
      case 'printenv':
        if (name === 'printenv' && args.length > 0) {
          // printenv NAME…: each value on its own line; status 1 if any is unset.
          this.status = 0;
          for (const arg of args) {
            const value = this.ctx.env.get(arg);
            if (value === undefined) this.status = 1;
            else write('stdout', value);
          }
          return;
        }
        for (const [k, v] of this.ctx.env) if (!/^[a-z]/.test(k)) write('stdout', `${k}=${v}`);
        this.status = 0;
        return;
      case 'touch':
        for (const path of args.map((a) => this.resolve(a))) if (!this.ctx.files.has(path)) this.ctx.files.set(path, '');
        this.status = 0;
        return;
      case 'cd':
        this.status = this.cd(args[0], write);
        return;
      case 'pwd':
        write('stdout', this.cwd);
        this.status = 0;
        return;
      case 'export':
        for (const arg of args) {
          const assigned = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(arg);
          if (assigned) this.ctx.env.set(assigned[1]!, assigned[2]!);
        }
        this.status = 0;
        return;
      case 'head':
      case 'tail':
      case 'grep':
      case 'wc':
        if (name === 'tail' && isFollowingFile(args)) {
          yield* this.tailFollow(args, write);
          return;
        }
        this.status = textFilter(name, args, { userland: this.ctx.userland, stdin: this.pipeIn ?? '', read: (path) => readProcessFile(this.ctx, this.resolve(path)) }, write);
        return;
      case 'mkdir':
        this.status = 0;
        return;
      case 'rm':
        this.status = 0;
        for (const path of args.filter((a) => !a.startsWith('-'))) {
          if (this.ctx.files.delete(this.resolve(path)) || args.some((a) => a.startsWith('-') && a.includes('f'))) continue;
          write('stderr', busybox ? `rm: can't remove '${path}': No such file or directory` : `rm: cannot remove '${path}': No such file or directory`);
          this.status = 1;
        }
        return;
      case 'cat':
        if (args.length === 0 && this.pipeIn !== undefined) {
          for (const line of this.pipeIn.replace(/\n$/, '').split('\n')) if (this.pipeIn !== '') write('stdout', line);
          this.status = 0;
          return;
        }
        this.status = catFiles(this.ctx, args, write);
        return;
      case 'test':
      case '[': {
        const operands = name === '[' ? args.slice(0, -1) : args;
        this.status = operands[0] === '-f' || operands[0] === '-e' ? (readProcessFile(this.ctx, this.resolve(operands[1] ?? '')) !== undefined ? 0 : 1) : 1;
        return;
      }
      case 'sh':
      case '/bin/sh':
        if (args[0] === '-c') {
          const inner = new Shell(this.ctx);
          this.status = yield* inner.run(args[1] ?? '');
          return;
        }
        this.status = 0;
        return;
      default: {
        const status = this.ctx.command?.(name, args, write, { stdoutRedirected: this.stdoutRedirected });
        if (typeof status === 'object') {
          this.status = yield* status;
          return;
        }
        if (status !== undefined) {
          this.status = status;
          return;
        }
        write('stderr', this.notFound(name));
        this.status = 127;
      }
    }
  }

  /**
   * `tail -f FILE` / `tail -F FILE`: the last lines (or from `-n +N`), then every line added as it
   * is written, until the process is stopped. The file is read again each second on the lab clock
   * (tail wakes on inotify); a file written shorter is read from its start again, and `-F` waits
   * for a file that does not exist yet where `-f` gives up.
   */
  private *tailFollow(args: string[], write: (stream: 'stdout' | 'stderr', text: string) => void): Generator<number, void, void> {
    const { count, fromLine, follow, operands } = countOption(args);
    const name = operands[0]!;
    const path = this.resolve(name);
    const busybox = this.ctx.userland === 'busybox';
    let content = readProcessFile(this.ctx, path);
    let printed = 0;
    if (content === undefined) {
      write('stderr', busybox ? `tail: can't open '${name}': No such file or directory` : `tail: cannot open '${name}' for reading: No such file or directory`);
      if (follow === 'f') {
        write('stderr', busybox ? 'tail: no files' : 'tail: no files remaining');
        this.status = 1;
        return;
      }
    } else {
      const lines = content === '' ? [] : content.replace(/\n$/, '').split('\n');
      for (const line of tailLines(lines, count, fromLine)) write('stdout', line);
      printed = content.length;
    }
    for (;;) {
      yield 1_000;
      const now = readProcessFile(this.ctx, path);
      if (now === undefined) continue;
      if (content === undefined || now.length < printed) printed = 0;
      content = now;
      // Whole lines only: a line still being written is printed once it ends.
      const end = now.lastIndexOf('\n');
      if (end < printed) continue;
      for (const line of now.slice(printed, end).split('\n')) write('stdout', line);
      printed = end + 1;
    }
  }

  /** `cd [DIR|-]`: HOME without an operand; PWD and OLDPWD follow. */
  private cd(operand: string | undefined, write: (stream: 'stdout' | 'stderr', text: string) => void): number {
    const env = this.ctx.env;
    const target = operand === undefined ? (env.get('HOME') ?? '/') : operand === '-' ? (env.get('OLDPWD') ?? this.cwd) : operand;
    const path = this.resolve(target);
    if (this.ctx.isDirectory && !this.ctx.isDirectory(path)) {
      const why = readProcessFile(this.ctx, path) !== undefined ? 'Not a directory' : 'No such file or directory';
      if (this.flavor.name === 'bash') write('stderr', `${this.prefix()}cd: ${target}: ${why}`);
      else if (this.ctx.userland === 'busybox') write('stderr', `${this.prefix()}cd: can't cd to ${target}: ${why}`);
      else write('stderr', `${this.prefix()}cd: can't cd to ${target}`);
      return this.ctx.userland === 'busybox' || this.flavor.name === 'bash' ? 1 : 2;
    }
    if (operand === '-') write('stdout', path);
    env.set('OLDPWD', this.cwd);
    env.set('PWD', path);
    this.ctx.cwd = path;
    return 0;
  }

  /** A leading `~`, quotes, `$VAR`/`${VAR}`, `$?`, `$(commands)` and `$((arithmetic))`. */
  private expand(word: string): string {
    let out = '';
    for (let i = 0; i < word.length; i++) {
      const ch = word[i]!;
      if (ch === '~' && i === 0 && (word.length === 1 || word[1] === '/')) {
        out += this.ctx.env.get('HOME') ?? '~';
      } else if (ch === "'") {
        const end = word.indexOf("'", i + 1);
        out += word.slice(i + 1, end < 0 ? word.length : end);
        i = end < 0 ? word.length : end;
      } else if (ch === '"') {
        const end = word.indexOf('"', i + 1);
        out += this.expandDollars(word.slice(i + 1, end < 0 ? word.length : end));
        i = end < 0 ? word.length : end;
      } else if (ch === '$') {
        const rest = this.dollarAt(word, i);
        out += rest.text;
        i = rest.end;
      } else if (ch === '\\' && i + 1 < word.length) {
        out += word[++i];
      } else out += ch;
    }
    return out;
  }

  private expandDollars(text: string): string {
    let out = '';
    for (let i = 0; i < text.length; i++) {
      if (text[i] === '$') {
        const rest = this.dollarAt(text, i);
        out += rest.text;
        i = rest.end;
      } else if (text[i] === '\\' && '$"\\'.includes(text[i + 1] ?? '')) out += text[++i];
      else out += text[i];
    }
    return out;
  }

  /** The expansion starting at `text[i] === '$'`; `end` is the index of its last character. */
  private dollarAt(text: string, i: number): { text: string; end: number } {
    if (text.startsWith('$((', i)) {
      const end = text.indexOf('))', i);
      const expr = text.slice(i + 3, end < 0 ? text.length : end);
      return { text: String(this.arithmetic(expr)), end: end < 0 ? text.length : end + 1 };
    }
    if (text.startsWith('$(', i)) {
      const end = text.indexOf(')', i);
      const inner = text.slice(i + 2, end < 0 ? text.length : end).trim();
      const value = inner === 'date' ? dateText(this.ctx.now()) : inner === 'hostname' ? (this.ctx.env.get('HOSTNAME') ?? '') : this.substitute(inner);
      return { text: value, end: end < 0 ? text.length : end };
    }
    if (text[i + 1] === '?') return { text: String(this.status), end: i + 1 };
    if (text[i + 1] === '{') {
      const end = text.indexOf('}', i);
      return { text: this.ctx.env.get(text.slice(i + 2, end)) ?? '', end: end < 0 ? text.length : end };
    }
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i + 1));
    if (!m) return { text: '$', end: i };
    return { text: this.ctx.env.get(m[0]) ?? '', end: i + m[0].length };
  }

  /**
   * `$(commands)`: their stdout, trailing newlines removed. They run at once — a wait inside a
   * substitution is not spent (a command that would wait forever is cut off) — and `exit` ends
   * only the subshell.
   */
  private substitute(script: string): string {
    const outer = { out: this.pipeOut, input: this.pipeIn, redirected: this.stdoutRedirected };
    const captured: string[] = [];
    this.pipeOut = captured;
    this.pipeIn = undefined;
    try {
      const run = this.list(parseScript(script));
      for (let step = run.next(), steps = 0; !step.done && step.value !== Infinity && steps < MAX_SUBSTITUTION_STEPS; step = run.next(), steps++);
    } catch (e) {
      if (!(e instanceof ExitSignal)) throw e;
      this.status = e.code;
    } finally {
      this.pipeOut = outer.out;
      this.pipeIn = outer.input;
      this.stdoutRedirected = outer.redirected;
    }
    this.substituted = this.status;
    return captured.join('\n').replace(/\n+$/, '');
  }

  /** Integer + - * / % over numbers and variables, left to right with * / % first. */
  private arithmetic(expr: string): number {
    const value = (token: string): number => {
      const t = token.trim().replace(/^\$/, '');
      return /^-?\d+$/.test(t) ? Number(t) : Number(this.ctx.env.get(t) ?? 0) || 0;
    };
    const terms = expr.split(/([+-])/);
    let total = 0;
    let sign = 1;
    for (const term of terms) {
      if (term === '+' || term === '-') {
        sign = term === '+' ? 1 : -1;
        continue;
      }
      if (term.trim() === '') continue;
      const factors = term.split(/([*/%])/);
      let product = value(factors[0]!);
      for (let k = 1; k < factors.length; k += 2) {
        const rhs = value(factors[k + 1] ?? '0');
        const op = factors[k];
        product = op === '*' ? product * rhs : rhs === 0 ? 0 : op === '/' ? Math.trunc(product / rhs) : product % rhs;
      }
      total += sign * product;
    }
    return total;
  }
}

/**
 * A file as the process reads it: what it wrote, else the container's own (the image's files and
 * the mounted volumes — a ConfigMap's keys under its mountPath), where the runtime models them.
 */
export function readProcessFile(ctx: ProcessContext, path: string): string | undefined {
  return ctx.files.get(path) ?? ctx.fileView?.()?.get(path);
}

/** `tail -f FILE` / `-F`: follows a file (following a pipe's input is plain tail here). */
function isFollowingFile(args: string[]): boolean {
  const { follow, operands } = countOption(args);
  return follow !== undefined && operands.length > 0;
}

/** `cat`: a file the process can read, else the error busybox or GNU cat prints. Returns the status. */
export function catFiles(ctx: ProcessContext, paths: string[], write: (stream: 'stdout' | 'stderr', text: string) => void): number {
  let status = 0;
  for (const path of paths) {
    const content = readProcessFile(ctx, resolvePath(ctx.cwd ?? '/', path));
    if (content !== undefined) {
      for (const line of content.replace(/\n$/, '').split('\n')) if (content !== '') write('stdout', line);
      continue;
    }
    write('stderr', ctx.userland === 'busybox' ? `cat: can't open '${path}': No such file or directory` : `cat: ${path}: No such file or directory`);
    status = 1;
  }
  return status;
}
