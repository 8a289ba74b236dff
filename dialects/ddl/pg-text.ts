/**
 * The statement text behind a libpg-query parse tree. The tree gives start
 * locations only (byte offsets into the UTF-8 text), so the extent of a
 * default, a CHECK condition, a type as written or an index expression is
 * found with PostgreSQL's own scanner: from a start token to the first
 * comma, semicolon or unbalanced parenthesis at its own depth, or to where
 * the next clause starts. The original text is kept exactly, never deparsed.
 */

export interface Token {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** an unquoted word (key word or identifier), lower case; null for anything else */
  readonly word: string | null;
}

export interface RawToken {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly tokenName: string;
  readonly keywordKind: number;
}

export interface Extent {
  readonly start: number;
  readonly end: number;
}

const OPEN = new Set(['(', '[']);
const CLOSE = new Set([')', ']']);

export class PgText {
  readonly bytes: Buffer;
  /** the scanner's tokens, comments left out */
  readonly tokens: readonly Token[];

  constructor(text: string, raw: readonly RawToken[]) {
    this.bytes = Buffer.from(text, 'utf8');
    this.tokens = raw
      .filter((t) => t.tokenName !== 'SQL_COMMENT' && t.tokenName !== 'C_COMMENT')
      .map((t) => ({
        start: t.start,
        end: t.end,
        text: t.text,
        word: t.keywordKind > 0 || (t.tokenName === 'IDENT' && !t.text.startsWith('"')) ? t.text.toLowerCase() : null,
      }));
  }

  slice(start: number, end: number): string {
    return this.bytes.subarray(start, end).toString('utf8');
  }

  text(e: Extent): string {
    return this.slice(e.start, e.end);
  }

  /** Index of the first token starting at or after a byte offset (tokens.length when none). */
  at(pos: number): number {
    let lo = 0;
    let hi = this.tokens.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.tokens[mid]!.start < pos) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Index of the next token at or after `from`, before byte offset `limit`, that is this word (at any depth). */
  findWord(from: number, word: string, limit = Infinity): number {
    for (let i = from; i < this.tokens.length && this.tokens[i]!.start < limit; i++) {
      if (this.tokens[i]!.word === word) return i;
    }
    return -1;
  }

  /** Index of the next token at paren depth 0 from `from` that is this word or punctuation, before `limit`. */
  findAtDepth0(from: number, what: string, limit = Infinity): number {
    let depth = 0;
    for (let i = from; i < this.tokens.length && this.tokens[i]!.start < limit; i++) {
      const t = this.tokens[i]!;
      if (depth === 0 && (t.word === what || t.text === what)) return i;
      if (OPEN.has(t.text)) depth++;
      else if (CLOSE.has(t.text)) {
        if (depth === 0) return -1;
        depth--;
      }
    }
    return -1;
  }

  /** Index of the parenthesis closing the one at `open`, or -1. */
  closing(open: number): number {
    let depth = 0;
    for (let i = open; i < this.tokens.length; i++) {
      const t = this.tokens[i]!.text;
      if (OPEN.has(t)) depth++;
      else if (CLOSE.has(t) && --depth === 0) return i;
    }
    return -1;
  }

  /**
   * The extent of a clause from token `from`: up to (not including) the first
   * comma or semicolon at its own depth, an unbalanced closing parenthesis,
   * a token at or after byte offset `limit`, or one of `stopWords` at depth 0.
   */
  extent(from: number, limit = Infinity, stopWords: ReadonlySet<string> = new Set()): Extent | null {
    let depth = 0;
    let last = -1;
    for (let i = from; i < this.tokens.length; i++) {
      const t = this.tokens[i]!;
      if (t.start >= limit) break;
      if (depth === 0 && (t.text === ',' || t.text === ';' || (t.word !== null && stopWords.has(t.word)))) break;
      if (OPEN.has(t.text)) depth++;
      else if (CLOSE.has(t.text)) {
        if (depth === 0) break;
        depth--;
      }
      last = i;
    }
    if (last < from) return null;
    return { start: this.tokens[from]!.start, end: this.tokens[last]!.end };
  }

  /** The text inside the parentheses that open at token `open`, or null. */
  inside(open: number): string | null {
    if (this.tokens[open]?.text !== '(') return null;
    const close = this.closing(open);
    if (close < 0) return null;
    return this.slice(this.tokens[open]!.end, this.tokens[close]!.start).trim();
  }

  /**
   * Splits tokens [from, to) at commas of depth 0 into the extents of the
   * items between them (the commands of an ALTER TABLE, the elements of an
   * index's column list).
   */
  split(from: number, to: number): Extent[] {
    const out: Extent[] = [];
    let depth = 0;
    let first = from;
    for (let i = from; i < to; i++) {
      const t = this.tokens[i]!.text;
      if (OPEN.has(t)) depth++;
      else if (CLOSE.has(t)) depth--;
      else if (depth === 0 && (t === ',' || t === ';')) {
        if (i > first) out.push({ start: this.tokens[first]!.start, end: this.tokens[i - 1]!.end });
        first = i + 1;
      }
    }
    if (to > first) out.push({ start: this.tokens[first]!.start, end: this.tokens[to - 1]!.end });
    return out;
  }

  /** The index just past a possibly qualified name starting at token `i` (`a`, `a.b`, `"A".b`). */
  afterName(i: number): number {
    let j = i + 1;
    while (this.tokens[j]?.text === '.' && j + 1 < this.tokens.length) j += 2;
    return j;
  }
}
