/**
 * `` sql`...` ``: raw SQL with safely interpolated literals and identifiers.
 * A fragment is data; the dialect's literal and quoting rules apply when it
 * is rendered (see src/emit/quote.ts).
 */
import { IDENT_BRAND, SQL_BRAND, type LiteralValue, type SqlFragment, type SqlIdentifier, type SqlText } from './types.js';

type Interpolated = LiteralValue | SqlIdentifier | SqlFragment;

export interface SqlTag {
  (strings: TemplateStringsArray, ...values: Interpolated[]): SqlFragment;
  /** a quoted identifier; `sql.identifier('schema', 'table')` gives a dotted name */
  identifier(...parts: string[]): SqlIdentifier;
  /** raw SQL text as a fragment, with nothing interpolated */
  raw(text: string): SqlFragment;
}

function makeFragment(strings: readonly string[], values: readonly Interpolated[]): SqlFragment {
  return Object.freeze({ [SQL_BRAND]: true as const, strings: Object.freeze([...strings]), values: Object.freeze([...values]) });
}

function tag(strings: TemplateStringsArray, ...values: Interpolated[]): SqlFragment {
  for (const v of values) {
    if (v === undefined) throw new TypeError('sql`...`: an interpolated value is undefined (use null for SQL NULL)');
    if (typeof v === 'function' || typeof v === 'symbol') throw new TypeError(`sql\`...\`: cannot interpolate a ${typeof v}`);
  }
  // .raw would keep backslash escapes as typed; the cooked strings are what the user means
  return makeFragment(strings, values);
}

export const sql: SqlTag = Object.assign(tag, {
  identifier(...parts: string[]): SqlIdentifier {
    if (parts.length === 0 || parts.some((p) => typeof p !== 'string' || p.length === 0)) {
      throw new TypeError('sql.identifier() needs one or more non-empty names');
    }
    return Object.freeze({ [IDENT_BRAND]: true as const, parts: Object.freeze([...parts]) });
  },
  raw(text: string): SqlFragment {
    return makeFragment([text], []);
  },
});

// frozen for the same reason as the builders (see the end of builders.ts)
Object.freeze(sql.identifier);
Object.freeze(sql.raw);
Object.freeze(sql);

export function isSqlFragment(v: unknown): v is SqlFragment {
  return typeof v === 'object' && v !== null && (v as Record<symbol, unknown>)[SQL_BRAND] === true;
}

export function isSqlIdentifier(v: unknown): v is SqlIdentifier {
  return typeof v === 'object' && v !== null && (v as Record<symbol, unknown>)[IDENT_BRAND] === true;
}

/** Plain SQL text of a fragment with no interpolations, for messages and model parsing. */
export function fragmentText(f: SqlText): string | null {
  if (typeof f === 'string') return f;
  return f.values.length === 0 ? f.strings.join('') : null;
}
