/**
 * `--format`: sql-formatter over a script, statement by statement.
 *
 * Formatting each statement on its own (never the whole text) is what keeps
 * the script's own structure intact: header and `-- Running` comments,
 * terminators and batch separators (`GO` on mssql, `/` on oracle, which
 * sql-formatter would glue to the next statement) are written by script
 * assembly around the formatted statements, so the formatter never sees
 * them. Raw SQL from `op.execute` is kept as written (SPEC 5.2), and any
 * statement the formatter cannot parse, or would change beyond whitespace
 * (see safety.ts), is kept as written too.
 */
import type { SqlLanguage } from 'sql-formatter';
import type { Chunk } from '../emit/script.js';
import { usageError } from '../errors.js';
import { meaningChange } from './safety.js';

export interface StatementFormatter {
  readonly language: string;
  /** the formatted statement, or the statement unchanged when formatting is unsafe */
  format(sql: string): string;
  /** statements kept as written, with the reason, since this formatter was made */
  readonly kept: { readonly sql: string; readonly reason: string }[];
}

/** Loads sql-formatter (only when --format is given) for a dialect's formatter language. */
export async function loadFormatter(language: string): Promise<StatementFormatter> {
  const { format, supportedDialects } = await import('sql-formatter');
  if (!supportedDialects.includes(language)) {
    throw usageError(`--format: sql-formatter has no language '${language}' (it knows ${supportedDialects.join(', ')})`);
  }
  // the membership check above is what makes this cast true
  const lang = language as SqlLanguage;
  const kept: { sql: string; reason: string }[] = [];
  const cache = new Map<string, string>();
  return {
    language,
    kept,
    format(sql: string): string {
      const hit = cache.get(sql);
      if (hit !== undefined) return hit;
      let out: string;
      try {
        out = format(sql, { language: lang, tabWidth: 4, keywordCase: 'preserve', linesBetweenQueries: 1 }).trimEnd();
      } catch (e) {
        kept.push({ sql, reason: `sql-formatter: ${(e as Error).message.split('\n')[0]}` });
        cache.set(sql, sql);
        return sql;
      }
      const why = meaningChange(sql, out);
      if (why !== null) {
        kept.push({ sql, reason: why });
        out = sql;
      }
      cache.set(sql, out);
      return out;
    },
  };
}

/** The same chunks with every generated statement formatted (raw `op.execute` text untouched). */
export function formatChunks(chunks: readonly Chunk[], formatter: StatementFormatter): Chunk[] {
  return chunks.map((c) => (c.kind === 'statement' && !c.raw ? { ...c, sql: formatter.format(c.sql) } : c));
}
