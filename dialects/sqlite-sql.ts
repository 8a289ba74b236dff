/**
 * The SQLite SQL writer: types as SQLAlchemy renders them for SQLite,
 * double-quoted identifiers, booleans as 1/0, expression defaults in
 * parentheses, no comments, no identity clause (an INTEGER PRIMARY KEY is
 * the rowid already), and SQLite's own CREATE INDEX and REFERENCES syntax.
 * https://www.sqlite.org/lang_createtable.html
 */
import type { ColumnState, ConstraintState, ForeignKeyState, IndexState, TableState } from '../src/model/state.js';
import { primaryKey } from '../src/model/state.js';
import type { LiteralValue, ServerDefault, SqlType } from '../src/record/types.js';
import { unsupported } from '../src/emit/dialect.js';
import { formatTimestamp, type LiteralRules, type QuoteRules } from '../src/emit/quote.js';
import { StandardSql, type ColumnSpecOptions } from '../src/emit/sql.js';

/**
 * Words that must be quoted: SQLite's keywords
 * (https://www.sqlite.org/lang_keywords.html) and the few more SQLAlchemy's
 * SQLite dialect quotes (`true`, `false`, `database`, ...). Quoting a word
 * that SQLite would also accept bare is harmless; missing one is not.
 */
const RESERVED = new Set(
  (
    'abort action add after all alter always analyze and as asc attach autoincrement before begin between by cascade ' +
    'case cast check collate column commit conflict constraint create cross current current_date current_time ' +
    'current_timestamp database default deferrable deferred delete desc detach distinct do drop each else end escape ' +
    'except exclude exclusive exists explain fail false filter first following for foreign from full generated glob ' +
    'group groups having if ignore immediate in index indexed initially inner insert instead intersect into is isnull ' +
    'join key last left like limit match materialized natural no not nothing notnull null nulls of offset on or order ' +
    'others outer over partition plan pragma preceding primary query raise range recursive references regexp reindex ' +
    'release rename replace restrict returning right rollback row rows savepoint select set table temp temporary then ' +
    'ties to transaction trigger true unbounded union unique update using vacuum values view virtual when where window ' +
    'with without'
  ).split(' '),
);

/** SQLite's column affinity of a declared type (https://www.sqlite.org/datatype3.html#determination_of_column_affinity). */
export type Affinity = 'INTEGER' | 'TEXT' | 'BLOB' | 'REAL' | 'NUMERIC';

export function affinity(declared: string): Affinity {
  const t = declared.toUpperCase();
  if (t.includes('INT')) return 'INTEGER';
  if (/CHAR|CLOB|TEXT/.test(t)) return 'TEXT';
  if (t.includes('BLOB') || t.trim() === '') return 'BLOB';
  if (/REAL|FLOA|DOUB/.test(t)) return 'REAL';
  return 'NUMERIC';
}

/** Whether the text is one balanced parenthesised group, `(...)`. */
function parenthesised(text: string): boolean {
  const s = text.trim();
  if (!s.startsWith('(') || !s.endsWith(')')) return false;
  let depth = 0;
  let quote: string | null = null;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0 && i < s.length - 1) return false;
  }
  return depth === 0;
}

export class SqliteSql extends StandardSql {
  readonly quoteRules: QuoteRules = { identifierQuote: ['"', '"'], reservedWords: RESERVED };
  readonly literalRules: LiteralRules = { backslashEscapes: false, booleanTrue: '1', booleanFalse: '0' };

  type(type: SqlType): string {
    switch (type.kind) {
      case 'integer':
        return 'INTEGER';
      case 'bigInteger':
        return 'BIGINT';
      case 'smallInteger':
        return 'SMALLINT';
      case 'boolean':
        return 'BOOLEAN';
      case 'string':
      case 'unicode':
        return type.length !== undefined ? `VARCHAR(${type.length})` : 'VARCHAR';
      case 'text':
      case 'unicodeText':
        return 'TEXT';
      case 'date':
        return 'DATE';
      // SQLite has no time zones: SQLAlchemy writes the same type either way
      case 'dateTime':
        return 'DATETIME';
      case 'time':
        return 'TIME';
      // SQLAlchemy's Interval is stored as a DATETIME offset from the epoch where there is no native type
      case 'interval':
        return 'DATETIME';
      case 'numeric':
        return type.precision === undefined ? 'NUMERIC' : type.scale === undefined ? `NUMERIC(${type.precision})` : `NUMERIC(${type.precision}, ${type.scale})`;
      case 'float':
        return 'FLOAT';
      case 'largeBinary':
        return 'BLOB';
      case 'json':
        return 'JSON';
      // SQLAlchemy 2's Uuid without a native type: 32 hex digits
      case 'uuid':
        return 'CHAR(32)';
      // no enum types: a VARCHAR as long as the longest value (SQLAlchemy's non-native Enum)
      case 'enum':
        return `VARCHAR(${Math.max(0, ...type.values.map((v) => v.length))})`;
      case 'custom':
        return type.sql;
    }
  }

  /**
   * SQLite stores dates as text, compared as text, so a Date goes into a
   * DATE, DATETIME or TIME column in the text form SQLAlchemy writes there
   * (`2026-01-02`, `2026-01-02 03:04:05.678000`, `03:04:05.678000`, UTC):
   * rows seeded by a script then sort and compare with rows an application
   * wrote. Elsewhere a Date is the usual ISO timestamp.
   * https://www.sqlite.org/lang_datefunc.html
   */
  override columnLiteral(value: LiteralValue | undefined, column?: ColumnState): string {
    if (!(value instanceof Date) || column === undefined) return this.literal(value);
    const stamp = formatTimestamp(value);
    switch (column.type.kind) {
      case 'date':
        return this.literal(stamp.slice(0, 10));
      case 'dateTime':
        return this.literal(`${stamp}000`);
      case 'time':
        return this.literal(`${stamp.slice(11)}000`);
      default:
        return this.literal(value);
    }
  }

  /** SQLite needs parentheses around an expression default (`DEFAULT (CURRENT_TIMESTAMP)`); a plain literal goes bare. */
  override defaultValue(value: ServerDefault, column: ColumnState): string {
    const text = super.defaultValue(value, column);
    return this.isPlainDefault(value) || parenthesised(text) ? text : `(${text})`;
  }

  /** An expression default (parenthesised), which `ALTER TABLE ADD COLUMN` does not accept. */
  isExpressionDefault(value: ServerDefault): boolean {
    return !this.isPlainDefault(value);
  }

  /**
   * Only a single INTEGER PRIMARY KEY numbers rows by itself (it is the
   * rowid); asking for it in a composite key is an error, as in SQLAlchemy.
   * https://www.sqlite.org/lang_createtable.html#rowid
   */
  override columnType(column: ColumnState, table: TableState, opts: ColumnSpecOptions): string {
    if (column.autoincrement && (primaryKey(table)?.columns.length ?? 0) > 1) {
      unsupported(`SQLite cannot autoincrement ${column.name}: only a single INTEGER PRIMARY KEY column numbers rows by itself, not a column of a composite key`);
    }
    return super.columnType(column, table, opts);
  }

  /** An integer primary key is the rowid already; SQLite has no other identity columns. */
  override identityClause(): string | null {
    return null;
  }

  /** `REFERENCES parent (id) ...`: SQLite's foreign keys name a table of the same database, unqualified. */
  referencesClause(c: ForeignKeyState, table: Pick<TableState, 'schema'>): string {
    const refSchema = c.refSchema ?? table.schema;
    if (refSchema !== table.schema) {
      unsupported(`a SQLite foreign key cannot reference a table in another database (${refSchema ?? 'main'}.${c.refTable}); see https://www.sqlite.org/foreignkeys.html`);
    }
    const match = c.match ? ` MATCH ${c.match}` : '';
    return `REFERENCES ${this.ident(c.refTable)} ${this.columnList(c.refColumns)}${match}${this.referentialActions(c)}${this.deferrability(c)}`;
  }

  /** SQLite's grammar has INITIALLY only after DEFERRABLE (https://www.sqlite.org/syntax/foreign-key-clause.html). */
  override deferrability(c: { deferrable?: boolean; initially?: string }): string {
    return c.initially && c.deferrable === undefined ? ` DEFERRABLE INITIALLY ${c.initially}` : super.deferrability(c);
  }

  override foreignKeyBody(c: ForeignKeyState, table: Pick<TableState, 'schema'>): string {
    return `FOREIGN KEY(${c.columns.map((x) => this.ident(x)).join(', ')}) ${this.referencesClause(c, table)}`;
  }

  override constraintSpec(c: ConstraintState, table: Pick<TableState, 'schema'>): string {
    // https://www.sqlite.org/lang_createtable.html: only foreign keys can be deferred
    if (c.kind === 'unique' && (c.deferrable !== undefined || c.initially !== undefined)) {
      unsupported('SQLite cannot defer a UNIQUE constraint (only foreign keys are DEFERRABLE)');
    }
    return super.constraintSpec(c, table);
  }

  /**
   * `CREATE INDEX schema.name ON table (...)`: SQLite qualifies the index,
   * not the table (https://www.sqlite.org/lang_createindex.html). There is
   * no USING; CONCURRENTLY means nothing here (SQLite locks the database
   * for any write), so it is left out.
   */
  override createIndex(index: IndexState, table: Pick<TableState, 'name' | 'schema'>, opts: { ifNotExists?: boolean; concurrently?: boolean } = {}): string {
    if (index.using) unsupported(`SQLite indexes have no access methods (USING ${index.using})`);
    const cols = index.columns.map((c) => this.indexColumn(c)).join(', ');
    const where = index.where !== undefined ? ` WHERE ${this.text(index.where)}` : '';
    return `CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX ${opts.ifNotExists ? 'IF NOT EXISTS ' : ''}${this.qualified(index.name, table.schema)} ON ${this.ident(table.name)} (${cols})${where}`;
  }

  /** SQLite does not store comments. */
  override tableComment(): string | null {
    return null;
  }

  override columnComment(): string | null {
    return null;
  }
}

export const sqliteSql = new SqliteSql();
