/**
 * The SQL writer shared by MySQL 8.0 and MariaDB 10.5+: types as SQLAlchemy
 * renders them, backtick quoting, backslash-escaping literals, and MySQL's
 * column definition `TYPE [NULL|NOT NULL] [DEFAULT x] [AUTO_INCREMENT]
 * [COMMENT 'x'] [CHECK (...)]`, which `MODIFY`/`CHANGE` restate in full.
 * https://dev.mysql.com/doc/refman/8.0/en/create-table.html
 * https://mariadb.com/kb/en/create-table/
 */
import { unsupported } from '../src/emit/dialect.js';
import type { LiteralRules, QuoteRules } from '../src/emit/quote.js';
import { StandardSql, type ColumnSpecOptions } from '../src/emit/sql.js';
import { isSqlFragment } from '../src/record/sql.js';
import type { ServerDefault, SqlType } from '../src/record/types.js';
import type { CheckState, ColumnState, ForeignKeyState, IndexState, TableState } from '../src/model/state.js';
import { inlineCheck } from '../src/model/state.js';

/** What differs between the two servers, as data. */
export interface MySqlFlavour {
  readonly name: 'mysql' | 'mariadb';
  readonly reservedWords: ReadonlySet<string>;
  /**
   * MySQL 8 accepts an expression default only in parentheses (except
   * CURRENT_TIMESTAMP and friends), and a TEXT/BLOB/JSON column's default
   * only as an expression; MariaDB takes both as written.
   * https://dev.mysql.com/doc/refman/8.0/en/data-type-defaults.html
   */
  readonly parenthesizedDefaults: boolean;
  /**
   * MariaDB keeps an unnamed column CHECK with its column (named after it,
   * dropped by a MODIFY that does not restate it, and it cannot carry a
   * name there); MySQL 8 stores every CHECK as a table constraint.
   * https://mariadb.com/kb/en/constraint/
   */
  readonly columnLevelChecks: boolean;
  /** `CREATE INDEX IF NOT EXISTS` / `DROP INDEX IF EXISTS` (MariaDB only) */
  readonly indexIfExists: boolean;
  /** index key parts may be expressions, `((lower(name)))` (MySQL 8.0.13+; MariaDB indexes a generated column instead) */
  readonly expressionIndexes: boolean;
  /** CREATE SEQUENCE (MariaDB 10.3+; MySQL has none) */
  readonly sequences: boolean;
  /** `ALTER TABLE t DROP CHECK c` (MySQL 8.0.19+) or `DROP CONSTRAINT c` (MariaDB) */
  readonly dropCheck: 'CHECK' | 'CONSTRAINT';
}

/** Column types whose default MySQL 8 accepts only as a parenthesised expression. */
const BLOB_LIKE = /^(TINY|MEDIUM|LONG)?(TEXT|BLOB)\b|^JSON\b|^(GEOMETRY|POINT|LINESTRING|POLYGON)\b/i;

/** Defaults MySQL 8 takes unparenthesised: CURRENT_TIMESTAMP and its synonyms, optionally with ON UPDATE. */
const NOW_LIKE = /^\s*(current_timestamp|now|localtime|localtimestamp)\s*(\(\s*\d*\s*\))?(\s+on\s+update\s+(current_timestamp|now|localtime|localtimestamp)\s*(\(\s*\d*\s*\))?)?\s*$/i;

function wrappedInParentheses(text: string): boolean {
  const t = text.trim();
  if (!t.startsWith('(') || !t.endsWith(')')) return false;
  let depth = 0;
  for (let i = 0; i < t.length; i++) {
    if (t[i] === '(') depth++;
    else if (t[i] === ')' && --depth === 0 && i < t.length - 1) return false;
  }
  return true;
}

export class MySqlFamilySql extends StandardSql {
  readonly quoteRules: QuoteRules;
  readonly literalRules: LiteralRules = { backslashEscapes: true, booleanTrue: 'true', booleanFalse: 'false' };

  constructor(readonly flavour: MySqlFlavour) {
    super();
    this.quoteRules = { identifierQuote: ['`', '`'], reservedWords: flavour.reservedWords };
  }

  type(type: SqlType, column?: ColumnState): string {
    switch (type.kind) {
      case 'integer':
        return 'INTEGER';
      case 'bigInteger':
        return 'BIGINT';
      case 'smallInteger':
        return 'SMALLINT';
      case 'boolean':
        return 'BOOL';
      case 'string':
      case 'unicode':
        if (type.length === undefined) {
          unsupported(`${column ? `column ${column.name}: ` : ''}VARCHAR needs a length on ${this.flavour.name} (write t.${type.kind}(n), or t.text())`);
        }
        return `VARCHAR(${type.length})`;
      case 'text':
      case 'unicodeText':
        return 'TEXT';
      case 'date':
        return 'DATE';
      case 'dateTime':
        return 'DATETIME';
      case 'time':
        return 'TIME';
      case 'interval':
        // SQLAlchemy's Interval without a native type: a DATETIME relative to the epoch
        return 'DATETIME';
      case 'numeric':
        return type.precision === undefined ? 'NUMERIC' : type.scale === undefined ? `NUMERIC(${type.precision})` : `NUMERIC(${type.precision}, ${type.scale})`;
      case 'float':
        return type.precision === undefined ? 'FLOAT' : `FLOAT(${type.precision})`;
      case 'largeBinary':
        return type.length === undefined ? 'BLOB' : `BLOB(${type.length})`;
      case 'json':
        return 'JSON';
      case 'uuid':
        // SQLAlchemy's Uuid where the server has no UUID type: 32 hex digits
        return 'CHAR(32)';
      case 'enum':
        return `ENUM(${type.values.map((v) => this.literal(v)).join(',')})`;
      case 'custom':
        return type.sql;
    }
  }

  /** Whether a CHECK is written inside its column's definition (MariaDB's unnamed column checks). */
  isInlineCheck(c: CheckState): boolean {
    return this.flavour.columnLevelChecks && c.column !== undefined && !c.explicit;
  }

  override inlineCheckClause(table: TableState, column: ColumnState): string | null {
    const c = inlineCheck(table, column.name);
    return c && this.isInlineCheck(c) ? `CHECK (${this.text(c.condition)})` : null;
  }

  override identityClause(column: ColumnState): string | null {
    if (!column.identity && !column.autoincrement) return null;
    const step = column.identity?.increment;
    if (step !== undefined && step !== 1) {
      unsupported(
        `column ${column.name}: ${this.flavour.name} has no per-column AUTO_INCREMENT step (identity increment ${step}); ` +
          'the step is the server setting auto_increment_increment',
      );
    }
    return 'AUTO_INCREMENT';
  }

  /**
   * The column definition after its name. `explicitNull` writes `NULL` for a
   * nullable column, as MODIFY/CHANGE restate the column whole; a TIMESTAMP
   * column always says NULL, or old servers make it NOT NULL DEFAULT now().
   */
  definition(column: ColumnState, table: TableState, explicitNull: boolean): string {
    const type = this.columnType(column, table, { inCreate: false });
    const parts = [type];
    if (!column.nullable) parts.push('NOT NULL');
    else if (explicitNull || /^TIMESTAMP\b/i.test(type)) parts.push('NULL');
    if (column.serverDefault !== undefined) parts.push(`DEFAULT ${this.defaultValue(column.serverDefault, column)}`);
    const identity = this.identityClause(column);
    if (identity) parts.push(identity);
    if (column.comment !== undefined) parts.push(`COMMENT ${this.literal(column.comment)}`);
    const check = this.inlineCheckClause(table, column);
    if (check) parts.push(check);
    return parts.join(' ');
  }

  override columnSpec(column: ColumnState, table: TableState, _opts: ColumnSpecOptions): string {
    return `${this.ident(column.name)} ${this.definition(column, table, false)}`;
  }

  /** A default as ALTER COLUMN ... SET DEFAULT takes it: a literal (parenthesised expressions aside). */
  isLiteralDefault(value: ServerDefault): boolean {
    return this.isPlainDefault(value);
  }

  override defaultValue(value: ServerDefault, column: ColumnState): string {
    const text = super.defaultValue(value, column);
    if (!this.flavour.parenthesizedDefaults || wrappedInParentheses(text)) return text;
    const blobLike = BLOB_LIKE.test(this.type(column.type, column));
    if (blobLike) return `(${text})`;
    if (this.isPlainDefault(value) || (isSqlFragment(value) && NOW_LIKE.test(text))) return text;
    return `(${text})`;
  }

  override deferrability(c: { deferrable?: boolean; initially?: string }): string {
    if (c.deferrable === true || c.initially === 'DEFERRED') {
      unsupported(`${this.flavour.name} checks constraints at once; it has no DEFERRABLE / INITIALLY DEFERRED constraints`);
    }
    return '';
  }

  override referentialActions(c: Pick<ForeignKeyState, 'onDelete' | 'onUpdate'>): string {
    if (c.onDelete === 'SET DEFAULT' || c.onUpdate === 'SET DEFAULT') {
      // https://dev.mysql.com/doc/refman/8.0/en/create-table-foreign-keys.html#foreign-key-referential-actions
      unsupported(`InnoDB rejects foreign keys with SET DEFAULT actions`);
    }
    return super.referentialActions(c);
  }

  /** `CREATE [UNIQUE] INDEX name ON t (cols) [USING BTREE]`; expression key parts in their own parentheses. */
  override createIndex(index: IndexState, table: Pick<TableState, 'name' | 'schema'>, opts: { ifNotExists?: boolean; concurrently?: boolean } = {}): string {
    if (index.where !== undefined) unsupported(`${this.flavour.name} has no partial indexes (where)`);
    if (opts.ifNotExists && !this.flavour.indexIfExists) unsupported(`${this.flavour.name} has no CREATE INDEX IF NOT EXISTS`);
    const cols = index.columns.map((c) => {
      if (typeof c === 'string') return this.ident(c);
      if (!this.flavour.expressionIndexes) unsupported(`${this.flavour.name} cannot index an expression; index a generated column instead`);
      // https://dev.mysql.com/doc/refman/8.0/en/create-index.html#create-index-functional-key-parts
      return `(${this.text(c)})`;
    });
    const using = index.using ? ` USING ${index.using.toUpperCase()}` : '';
    // InnoDB builds indexes online; LOCK=NONE makes the server refuse rather than block writes
    const lock = opts.concurrently ? ' LOCK=NONE' : '';
    return `CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX ${opts.ifNotExists ? 'IF NOT EXISTS ' : ''}${this.ident(index.name)} ON ${this.table(table)} (${cols.join(', ')})${using}${lock}`;
  }

  /** SQLAlchemy's table options: `)AUTO_INCREMENT=10 COMMENT='...'`. */
  override tableOptions(table: TableState): string {
    const opts: string[] = [];
    const start = table.columns.find((c) => c.identity?.start !== undefined)?.identity?.start;
    if (start !== undefined) opts.push(`AUTO_INCREMENT=${start}`);
    if (table.comment !== undefined) opts.push(`COMMENT=${this.literal(table.comment)}`);
    return opts.join(' ');
  }

  override tableComment(table: Pick<TableState, 'name' | 'schema'>, comment: string | null): string {
    return `ALTER TABLE ${this.table(table)} COMMENT ${this.literal(comment ?? '')}`;
  }

  /** Column comments live in the column definition (COMMENT 'x'). */
  override columnComment(): null {
    return null;
  }
}
