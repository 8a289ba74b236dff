/**
 * Tokens of MySQL / MariaDB / SQLite text, for what node-sql-parser's tree
 * does not give: the statements of an `op.execute` text, and the exact text
 * of types, defaults, CHECK conditions and index expressions (its tree
 * carries few locations and re-spells literals). Quoting rules:
 * - MySQL: '...' and "..." are strings, with backslash escapes and doubled
 *   quotes; `...` quotes identifiers; comments are `-- `, `#` and /* *\/.
 *   https://dev.mysql.com/doc/refman/8.0/en/string-literals.html
 * - SQLite: '...' is a string (doubled quotes only); "...", `...` and [...]
 *   quote identifiers; comments are `--` and /* *\/.
 *   https://www.sqlite.org/lang_keywords.html
 */

export type Flavor = 'mysql' | 'sqlite';

export interface Tok {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly kind: 'word' | 'ident' | 'string' | 'punct';
  /** an unquoted word, lower case (key words, bare identifiers, numbers); null otherwise */
  readonly word: string | null;
}

export class LexError extends Error {}

function isWordChar(ch: string): boolean {
  return /[A-Za-z0-9_$]/.test(ch) || ch.charCodeAt(0) > 127;
}

/** The end of a quoted token starting at `i` (the index after its closing quote). */
function quoted(text: string, i: number, close: string, backslash: boolean): number {
  let j = i + 1;
  while (j < text.length) {
    const ch = text[j]!;
    if (backslash && ch === '\\') j += 2;
    else if (ch === close) {
      if (text[j + 1] === close) j += 2;
      else return j + 1;
    } else j++;
  }
  throw new LexError(`unterminated ${text[i]} quote`);
}

export function lex(text: string, flavor: Flavor): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  const mysql = flavor === 'mysql';
  while (i < text.length) {
    const ch = text[i]!;
    const next = text[i + 1] ?? '';
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '-' && next === '-' && (!mysql || /\s|^$/.test(text[i + 2] ?? ''))) {
      // MySQL needs whitespace after `--`
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl + 1;
    } else if (ch === '#' && mysql) {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl + 1;
    } else if (ch === '/' && next === '*') {
      const close = text.indexOf('*/', i + 2);
      if (close < 0) throw new LexError('unterminated comment');
      i = close + 2;
    } else if (ch === "'" || (ch === '"' && mysql)) {
      const end = quoted(text, i, ch, mysql);
      out.push({ start: i, end, text: text.slice(i, end), kind: 'string', word: null });
      i = end;
    } else if (ch === '`' || (ch === '"' && !mysql) || (ch === '[' && !mysql)) {
      const end = quoted(text, i, ch === '[' ? ']' : ch, false);
      out.push({ start: i, end, text: text.slice(i, end), kind: 'ident', word: null });
      i = end;
    } else if (isWordChar(ch)) {
      let j = i + 1;
      // a number's fraction and exponent stay one token (`1.5e-3`)
      while (j < text.length && (isWordChar(text[j]!) || (/[0-9]/.test(ch) && (text[j] === '.' || (/[eE]/.test(text[j - 1]!) && /[+-]/.test(text[j]!)))))) j++;
      out.push({ start: i, end: j, text: text.slice(i, j), kind: 'word', word: text.slice(i, j).toLowerCase() });
      i = j;
    } else {
      out.push({ start: i, end: i + 1, text: ch, kind: 'punct', word: null });
      i++;
    }
  }
  return out;
}

/** An identifier token's name: unquoted, doubled quotes undone; null when the token is no identifier. */
export function identName(tok: Tok | undefined): string | null {
  if (!tok) return null;
  if (tok.kind === 'word') return tok.text;
  if (tok.kind !== 'ident') return null;
  const q = tok.text[0]!;
  const body = tok.text.slice(1, -1);
  return q === '[' ? body : body.split(q + q).join(q);
}

const ESCAPES: Record<string, string> = { '0': '\0', b: '\b', n: '\n', r: '\r', t: '\t', Z: '\x1a', '\\': '\\', "'": "'", '"': '"' };

/** The value of a string literal token. */
export function stringValue(tok: Tok, flavor: Flavor): string {
  const q = tok.text[0]!;
  const body = tok.text.slice(1, -1);
  if (flavor === 'sqlite') return body.split(q + q).join(q);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch === '\\' && i + 1 < body.length) {
      const e = body[++i]!;
      // \% and \_ keep their backslash (they matter only in LIKE patterns)
      out += e === '%' || e === '_' ? `\\${e}` : ESCAPES[e] ?? e;
    } else if (ch === q && body[i + 1] === q) {
      out += q;
      i++;
    } else out += ch;
  }
  return out;
}

/** Index of the token closing the parenthesis at `open`, or -1. */
export function closing(toks: readonly Tok[], open: number): number {
  let depth = 0;
  for (let i = open; i < toks.length; i++) {
    if (toks[i]!.text === '(' && toks[i]!.kind === 'punct') depth++;
    else if (toks[i]!.text === ')' && toks[i]!.kind === 'punct' && --depth === 0) return i;
  }
  return -1;
}

/** Splits tokens [from, to) at top-level commas into token ranges [start, end). */
export function splitCommas(toks: readonly Tok[], from: number, to: number): [number, number][] {
  const out: [number, number][] = [];
  let depth = 0;
  let first = from;
  for (let i = from; i < to; i++) {
    const t = toks[i]!;
    if (t.kind !== 'punct') continue;
    if (t.text === '(') depth++;
    else if (t.text === ')') depth--;
    else if (t.text === ',' && depth === 0) {
      out.push([first, i]);
      first = i + 1;
    }
  }
  if (to > first) out.push([first, to]);
  return out;
}

/** Words that open a compound body inside CREATE TRIGGER / PROCEDURE / FUNCTION / EVENT. */
const ROUTINES = new Set(['trigger', 'procedure', 'function', 'event']);

/**
 * The statements of a text, as token ranges, split at semicolons. Inside a
 * trigger or routine, semicolons within BEGIN ... END (and CASE ... END)
 * belong to its body.
 */
export function statements(toks: readonly Tok[]): [number, number][] {
  const out: [number, number][] = [];
  let first = 0;
  let blocks = 0;
  let routine: boolean | null = null;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    // a routine's kind word comes right after CREATE and its modifiers (OR REPLACE, DEFINER = ...), before any parenthesis or other object kind
    if (routine === null && toks[first]?.word === 'create' && i > first) {
      if (t.word !== null && ROUTINES.has(t.word)) routine = true;
      else if (t.text === '(' || t.word === 'table' || t.word === 'index' || t.word === 'view' || t.word === 'sequence') routine = false;
    }
    if (routine && t.word === 'begin') blocks++;
    else if (routine && t.word === 'case' && toks[i - 1]?.word !== 'end') blocks++;
    else if (routine && t.word === 'end' && !['if', 'loop', 'repeat', 'while'].includes(toks[i + 1]?.word ?? '')) blocks = Math.max(0, blocks - 1);
    if (t.kind === 'punct' && t.text === ';' && blocks === 0) {
      if (i > first) out.push([first, i]);
      first = i + 1;
      routine = null;
    }
  }
  if (toks.length > first) out.push([first, toks.length]);
  return out;
}
