/**
 * The SQL writer renderers use: identifiers, literals, types, column and
 * constraint clauses. The methods write standard SQL in SQLAlchemy's shape;
 * a dialect subclasses it and overrides what differs (its type map, its
 * column spec order, its literal rules).
 */
import { fragmentText, isSqlFragment } from '../record/sql.js';
import type { IndexColumn, LiteralValue, ServerDefault, SqlText, SqlType } from '../record/types.js';
import type { ColumnState, ConstraintState, ForeignKeyState, IndexState, TableState } from '../model/state.js';
import { inlineCheck } from '../model/state.js';
import { literal, quoteIdentifier, quoteQualified, renderSqlText, type LiteralRules, type QuoteRules } from './quote.js';

export interface ColumnSpecOptions {
  /** inside CREATE TABLE (as opposed to ADD COLUMN / MODIFY) */
  readonly inCreate: boolean;
}

export abstract class StandardSql {
  abstract readonly quoteRules: QuoteRules;
  abstract readonly literalRules: LiteralRules;
  /** what follows `ALTER TABLE t` to add a column (`ADD` on SQL Server and Oracle) */
  readonly addColumnKeyword: string = 'ADD COLUMN';

  /** The dialect's name for a generic type; throws for a type it cannot render. */
  abstract type(type: SqlType, column?: ColumnState): string;

  ident(name: string): string {
    return quoteIdentifier(name, this.quoteRules);
  }

  qualified(name: string, schema?: string): string {
    return quoteQualified(name, schema, this.quoteRules);
  }

  table(t: Pick<TableState, 'name' | 'schema'>): string {
    return this.qualified(t.name, t.schema);
  }

  literal(value: LiteralValue | undefined): string {
    return literal(value, this.literalRules);
  }

  /** A literal for a column of this type (dialects may render booleans or dates differently per type). */
  columnLiteral(value: LiteralValue | undefined, _column?: ColumnState): string {
    return this.literal(value);
  }

  text(t: SqlText): string {
    return renderSqlText(t, this.quoteRules, this.literalRules);
  }

  columnList(columns: readonly string[]): string {
    return `(${columns.map((c) => this.ident(c)).join(', ')})`;
  }

  indexColumn(c: IndexColumn): string {
    return typeof c === 'string' ? this.ident(c) : this.text(c);
  }

  /** `DEFAULT` value: a string is a quoted literal, a number or boolean a literal, sql`...` raw. */
  defaultValue(value: ServerDefault, _column: ColumnState): string {
    if (isSqlFragment(value)) return this.text(value);
    return this.literal(value);
  }

  /** Whether a raw default is a plain literal (some dialects parenthesise expressions). */
  protected isPlainDefault(value: ServerDefault): boolean {
    if (!isSqlFragment(value)) return true;
    const text = fragmentText(value);
    return text !== null && /^\s*(-?\d+(\.\d+)?|'([^']|'')*'|true|false|null)\s*$/i.test(text);
  }

  /** The column's type as written in a column definition (PostgreSQL SERIAL etc. override). */
  columnType(column: ColumnState, _table: TableState, _opts: ColumnSpecOptions): string {
    return this.type(column.type, column);
  }

  /** `name TYPE [DEFAULT x] [NOT NULL] [CHECK (...)]`, SQLAlchemy's default order. */
  columnSpec(column: ColumnState, table: TableState, opts: ColumnSpecOptions): string {
    const parts = [this.ident(column.name), this.columnType(column, table, opts)];
    if (column.serverDefault !== undefined) parts.push(`DEFAULT ${this.defaultValue(column.serverDefault, column)}`);
    const identity = this.identityClause(column);
    if (identity) parts.push(identity);
    if (!column.nullable) parts.push('NOT NULL');
    const check = this.inlineCheckClause(table, column);
    if (check) parts.push(check);
    return parts.join(' ');
  }

  identityClause(column: ColumnState): string | null {
    if (!column.identity) return null;
    const opts: string[] = [];
    if (column.identity.increment !== undefined) opts.push(`INCREMENT BY ${column.identity.increment}`);
    if (column.identity.start !== undefined) opts.push(`START WITH ${column.identity.start}`);
    return `GENERATED ${column.identity.always ? 'ALWAYS' : 'BY DEFAULT'} AS IDENTITY${opts.length ? ` (${opts.join(' ')})` : ''}`;
  }

  inlineCheckClause(table: TableState, column: ColumnState): string | null {
    const c = inlineCheck(table, column.name);
    if (!c) return null;
    return `${c.explicit && c.name ? `CONSTRAINT ${this.ident(c.name)} ` : ''}CHECK (${this.text(c.condition)})`;
  }

  /** `CONSTRAINT name ` when the name was chosen (not the database's default). */
  constraintPrefix(c: ConstraintState): string {
    return c.explicit && c.name ? `CONSTRAINT ${this.ident(c.name)} ` : '';
  }

  deferrability(c: { deferrable?: boolean; initially?: string }): string {
    let s = '';
    if (c.deferrable !== undefined) s += c.deferrable ? ' DEFERRABLE' : ' NOT DEFERRABLE';
    if (c.initially) s += ` INITIALLY ${c.initially}`;
    return s;
  }

  referentialActions(c: Pick<ForeignKeyState, 'onDelete' | 'onUpdate'>): string {
    let s = '';
    if (c.onDelete) s += ` ON DELETE ${c.onDelete}`;
    if (c.onUpdate) s += ` ON UPDATE ${c.onUpdate}`;
    return s;
  }

  foreignKeyBody(c: ForeignKeyState, table: Pick<TableState, 'schema'>): string {
    const match = c.match ? ` MATCH ${c.match}` : '';
    return `FOREIGN KEY(${c.columns.map((x) => this.ident(x)).join(', ')}) REFERENCES ${this.qualified(c.refTable, c.refSchema ?? (c.refSchema === undefined ? table.schema : undefined))} ${this.columnList(c.refColumns)}${match}${this.referentialActions(c)}${this.deferrability(c)}`;
  }

  /** A table-level constraint clause as in CREATE TABLE or ALTER TABLE ... ADD. */
  constraintSpec(c: ConstraintState, table: Pick<TableState, 'schema'>): string {
    const prefix = this.constraintPrefix(c);
    switch (c.kind) {
      case 'primaryKey':
        return `${prefix}PRIMARY KEY ${this.columnList(c.columns)}`;
      case 'unique':
        return `${prefix}UNIQUE ${this.columnList(c.columns)}${this.deferrability(c)}`;
      case 'foreignKey':
        return prefix + this.foreignKeyBody(c, table);
      case 'check':
        return `${prefix}CHECK (${this.text(c.condition)})`;
    }
  }

  /** `CREATE [UNIQUE] INDEX name ON table (cols)` with the standard options. */
  createIndex(index: IndexState, table: Pick<TableState, 'name' | 'schema'>, opts: { ifNotExists?: boolean; concurrently?: boolean } = {}): string {
    const cols = index.columns.map((c) => this.indexColumn(c)).join(', ');
    const using = index.using ? `USING ${index.using} ` : '';
    const where = index.where !== undefined ? ` WHERE ${this.text(index.where)}` : '';
    return `CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX ${opts.concurrently ? 'CONCURRENTLY ' : ''}${opts.ifNotExists ? 'IF NOT EXISTS ' : ''}${this.ident(index.name)} ON ${this.table(table)} ${using}(${cols})${where}`;
  }

  /** Table options after the closing parenthesis of CREATE TABLE (MySQL `COMMENT=`). */
  tableOptions(_table: TableState): string {
    return '';
  }

  /** The statement that sets (or with null removes) a table comment; null when the dialect has none. */
  tableComment(table: Pick<TableState, 'name' | 'schema'>, comment: string | null): string | null {
    return `COMMENT ON TABLE ${this.table(table)} IS ${comment === null ? 'NULL' : this.literal(comment)}`;
  }

  /** The statement that sets (or with null removes) a column comment; null when written inline or unsupported. */
  columnComment(table: Pick<TableState, 'name' | 'schema'>, column: string, comment: string | null): string | null {
    return `COMMENT ON COLUMN ${this.table(table)}.${this.ident(column)} IS ${comment === null ? 'NULL' : this.literal(comment)}`;
  }
}
