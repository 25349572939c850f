/**
 * The syntax tree the parser produces and the interpreter walks. Words keep their parts with a
 * `quoted` flag because quoting decides field splitting and globbing after expansion.
 */

export type ParamOp = ':-' | '-' | ':=' | '=' | ':+' | '+' | ':?' | '?' | '#' | '##' | '%' | '%%';

export type WordPart =
  | { readonly type: 'literal'; readonly value: string; readonly quoted: boolean }
  /** `$x`, `${x}`, `${x:-word}`, `$?`; `length` is `${#x}`. */
  | {
      readonly type: 'param';
      readonly name: string;
      readonly quoted: boolean;
      readonly op?: ParamOp;
      readonly arg?: Word;
      readonly length?: boolean;
    }
  | { readonly type: 'command'; readonly program: Program; readonly quoted: boolean }
  /** `<(list)` and `>(list)`: a `/dev/fd/N` path the command reads the list's output from, or writes its input to. */
  | { readonly type: 'procsub'; readonly direction: '<' | '>'; readonly program: Program; readonly quoted: false }
  | { readonly type: 'arith'; readonly expression: string; readonly quoted: boolean };

export interface Word {
  readonly parts: readonly WordPart[];
  /** The source text, for diagnostics (`$x: ambiguous redirect`). */
  readonly raw: string;
}

export interface Assignment {
  readonly name: string;
  readonly value: Word;
}

export type Redirect =
  /** `>`, `>>`, `<`, `&>`, `&>>` (fd is -1 for the `&` forms, meaning stdout and stderr). */
  | { readonly type: 'file'; readonly fd: number; readonly op: '>' | '>>' | '<' | '&>' | '&>>'; readonly target: Word }
  /** `2>&1`, `>&2`, `<&0`; target `-` closes. */
  | { readonly type: 'dup'; readonly fd: number; readonly target: Word }
  | { readonly type: 'heredoc'; readonly fd: number; readonly body: HeredocBody }
  | { readonly type: 'herestring'; readonly fd: number; readonly target: Word };

/** Filled in when the parser reaches the line after the `<<` operator. */
export interface HeredocBody {
  readonly delimiter: string;
  readonly expand: boolean;
  readonly stripTabs: boolean;
  /** Raw text of the body, each line ending in `\n`. */
  text: string;
  /** The body parsed for `$` expansions, when `expand`. */
  word: Word | undefined;
}

export interface SimpleCommand {
  readonly type: 'simple';
  readonly assignments: readonly Assignment[];
  readonly words: readonly Word[];
  readonly redirects: readonly Redirect[];
}

export interface Subshell {
  readonly type: 'subshell';
  readonly body: Program;
  readonly redirects: readonly Redirect[];
}

export interface Group {
  readonly type: 'group';
  readonly body: Program;
  readonly redirects: readonly Redirect[];
}

export interface IfClause {
  readonly type: 'if';
  readonly branches: ReadonlyArray<{ readonly condition: Program; readonly body: Program }>;
  readonly otherwise: Program | undefined;
  readonly redirects: readonly Redirect[];
}

export interface ForClause {
  readonly type: 'for';
  readonly name: string;
  readonly items: readonly Word[];
  readonly body: Program;
  readonly redirects: readonly Redirect[];
}

export interface WhileClause {
  readonly type: 'while';
  /** `until` loops run while the condition fails. */
  readonly until: boolean;
  readonly condition: Program;
  readonly body: Program;
  readonly redirects: readonly Redirect[];
}

export type Command = SimpleCommand | Subshell | Group | IfClause | ForClause | WhileClause;

export interface Pipeline {
  readonly type: 'pipeline';
  readonly negated: boolean;
  readonly commands: readonly Command[];
}

export interface AndOrList {
  readonly type: 'andor';
  readonly first: Pipeline;
  readonly rest: ReadonlyArray<{ readonly op: '&&' | '||'; readonly pipeline: Pipeline }>;
  /** Ended by `&`: runs as a background job. */
  readonly background?: boolean;
  /** The source text, for `jobs` and `fg`. */
  readonly text?: string;
}

export interface Program {
  readonly type: 'program';
  readonly items: readonly AndOrList[];
}
