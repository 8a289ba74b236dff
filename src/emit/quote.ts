/**
 * Quoting and literals: the one place identifiers are quoted and values
 * become SQL literals, for every statement (version-table ones included).
 * Dialects give data (quote characters, reserved words, escaping rules);
 * nothing else quotes by hand.
 */
import { renderError } from '../errors.js';
import { isSqlFragment, isSqlIdentifier } from '../record/sql.js';
import type { LiteralValue, SqlFragment, SqlText } from '../record/types.js';

export interface QuoteRules {
  /** opening and closing identifier quote, e.g. `"` `"`, `` ` `` `` ` ``, `[` `]` */
  readonly identifierQuote: readonly [string, string];
  /** lower-case reserved words that must be quoted */
  readonly reservedWords: ReadonlySet<string>;
  /** quote names starting with `_` too (Oracle) */
  readonly quoteLeadingUnderscore?: boolean;
}

export interface LiteralRules {
  /** backslash is an escape character in string literals (MySQL, MariaDB) */
  readonly backslashEscapes: boolean;
  readonly booleanTrue: string;
  readonly booleanFalse: string;
  /** prefix for string literals with characters outside ASCII (MSSQL `N`) */
  readonly nationalPrefix?: string;
  /** the literal for a Date value, where a plain string would be read by session settings (Oracle NLS, MSSQL DATEFORMAT) */
  readonly timestamp?: (d: Date) => string;
}

const BARE = /^[a-z_][a-z0-9_]*$/;

/**
 * An identifier, quoted exactly when needed: reserved words, upper or mixed
 * case, characters outside [a-z0-9_], a leading digit. Embedded closing
 * quotes are doubled.
 */
export function quoteIdentifier(name: string, rules: QuoteRules): string {
  const needs =
    !BARE.test(name) || rules.reservedWords.has(name) || (rules.quoteLeadingUnderscore === true && name.startsWith('_'));
  if (!needs) return name;
  const [open, close] = rules.identifierQuote;
  return open + name.split(close).join(close + close) + close;
}

/** `schema.name` with each part quoted on its own. */
export function quoteQualified(name: string, schema: string | undefined, rules: QuoteRules): string {
  return schema ? `${quoteIdentifier(schema, rules)}.${quoteIdentifier(name, rules)}` : quoteIdentifier(name, rules);
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** Date as an ISO 8601 UTC timestamp: `2026-01-02 03:04:05.678`. */
export function formatTimestamp(d: Date): string {
  if (Number.isNaN(d.getTime())) throw renderError('an invalid Date cannot be written as a literal');
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`;
}

export function stringLiteral(s: string, rules: LiteralRules): string {
  let body = rules.backslashEscapes ? s.replace(/\\/g, '\\\\') : s;
  body = body.replace(/'/g, "''");
  // eslint-disable-next-line no-control-regex
  const prefix = rules.nationalPrefix && /[^\x00-\x7f]/.test(s) ? rules.nationalPrefix : '';
  return `${prefix}'${body}'`;
}

/**
 * A value as a literal of the dialect: strings escaped, numbers and bigints
 * as written, booleans per dialect, null as NULL, Date as a UTC timestamp
 * string, arrays and objects as compact JSON text.
 */
export function literal(value: LiteralValue | undefined, rules: LiteralRules): string {
  if (value === null || value === undefined) return 'NULL';
  switch (typeof value) {
    case 'string':
      return stringLiteral(value, rules);
    case 'number':
      if (!Number.isFinite(value)) throw renderError(`${value} cannot be written as a SQL literal`);
      return Object.is(value, -0) ? '0' : String(value);
    case 'bigint':
      return value.toString();
    case 'boolean':
      return value ? rules.booleanTrue : rules.booleanFalse;
    default:
      break;
  }
  if (value instanceof Date) return rules.timestamp ? rules.timestamp(value) : stringLiteral(formatTimestamp(value), rules);
  if (isSqlFragment(value) || isSqlIdentifier(value)) throw renderError('an sql`...` fragment is not a literal value here');
  return stringLiteral(JSON.stringify(value), rules);
}

/** Raw SQL text: a string verbatim, a fragment with its values as literals or quoted identifiers. */
export function renderSqlText(text: SqlText, quote: QuoteRules, lit: LiteralRules): string {
  if (typeof text === 'string') return text;
  return renderFragment(text, quote, lit);
}

function renderFragment(f: SqlFragment, quote: QuoteRules, lit: LiteralRules): string {
  let out = f.strings[0] ?? '';
  f.values.forEach((v, i) => {
    if (isSqlIdentifier(v)) out += v.parts.map((p) => quoteIdentifier(p, quote)).join('.');
    else if (isSqlFragment(v)) out += renderFragment(v, quote, lit);
    else out += literal(v as LiteralValue, lit);
    out += f.strings[i + 1] ?? '';
  });
  return out;
}
