/**
 * SQL Server 2016+: the SQL writer (bracket quoting, T-SQL types as
 * SQLAlchemy renders them with `deprecate_large_types`, `IDENTITY`,
 * explicit `NULL`/`NOT NULL`, N'' literals) and the T-SQL helpers the
 * renderers share: the sys-catalog lookup batches that drop a constraint
 * whose name the database chose, and the extended-property calls that hold
 * comments.
 */
import type { ColumnState, ConstraintState, ForeignKeyState, IndexState, TableState } from '../src/model/state.js';
import type { LiteralValue, SqlType } from '../src/record/types.js';
import { unsupported } from '../src/emit/dialect.js';
import { formatTimestamp, stringLiteral, type LiteralRules, type QuoteRules } from '../src/emit/quote.js';
import { StandardSql, type ColumnSpecOptions } from '../src/emit/sql.js';

/**
 * T-SQL reserved keywords: they must be bracketed.
 * https://learn.microsoft.com/en-us/sql/t-sql/language-elements/reserved-keywords-transact-sql
 */
const RESERVED = new Set(
  (
    'add all alter and any as asc authorization backup begin between break browse bulk by cascade case check checkpoint ' +
    'close clustered coalesce collate column commit compute constraint contains containstable continue convert create ' +
    'cross current current_date current_time current_timestamp current_user cursor database dbcc deallocate declare ' +
    'default delete deny desc disk distinct distributed double drop dump else end errlvl escape except exec execute ' +
    'exists exit external fetch file fillfactor for foreign freetext freetexttable from full function goto grant group ' +
    'having holdlock identity identity_insert identitycol if in index inner insert intersect into is join key kill left ' +
    'like lineno load merge national nocheck nonclustered not null nullif of off offsets on open opendatasource openquery ' +
    'openrowset openxml option or order outer over percent pivot plan precision primary print proc procedure public ' +
    'raiserror read readtext reconfigure references replication restore restrict return revert revoke right rollback ' +
    'rowcount rowguidcol rule save schema securityaudit select semantickeyphrasetable semanticsimilaritydetailstable ' +
    'semanticsimilaritytable session_user set setuser shutdown some statistics system_user table tablesample textsize ' +
    'then to top tran transaction trigger truncate try_convert tsequal union unique unpivot update updatetext use user ' +
    'values varying view waitfor when where while with writetext'
  ).split(' '),
);

/** Longest VARCHAR / VARBINARY (NVARCHAR: half) before `max` is needed. https://learn.microsoft.com/en-us/sql/t-sql/data-types/char-and-varchar-transact-sql */
const MAX_BYTES = 8000;

/** Types whose text SQL Server stores as UTF-16 (NVARCHAR): their string literals need the N prefix. */
function isNational(type: SqlType): boolean {
  return type.kind === 'unicode' || type.kind === 'unicodeText' || type.kind === 'json';
}

function isCharacter(type: SqlType): boolean {
  return isNational(type) || type.kind === 'string' || type.kind === 'text' || type.kind === 'enum';
}

/** A sysname argument (object or column name as data): always N'...', names may be non-ASCII. */
export function nstring(s: string): string {
  return `N${stringLiteral(s, { backslashEscapes: false, booleanTrue: '1', booleanFalse: '0' })}`;
}

export class MssqlSql extends StandardSql {
  override readonly addColumnKeyword = 'ADD';
  readonly quoteRules: QuoteRules = { identifierQuote: ['[', ']'], reservedWords: RESERVED };
  readonly literalRules: LiteralRules = {
    backslashEscapes: false,
    booleanTrue: '1',
    booleanFalse: '0',
    nationalPrefix: 'N',
    // 'YYYY-MM-DD hh:mm:ss' is read through SET DATEFORMAT / SET LANGUAGE for DATETIME (a British login reads
    // 2026-01-02 as 1 February); the ISO 8601 form with 'T' never is.
    // https://learn.microsoft.com/en-us/sql/t-sql/data-types/datetime-transact-sql#supported-string-literal-formats-for-datetime
    timestamp: (d) => `'${formatTimestamp(d).replace(' ', 'T')}'`,
  };

  type(type: SqlType, column?: ColumnState): string {
    const where = column ? ` (column ${column.name})` : '';
    const sized = (name: string, length: number | undefined, max: number): string => {
      if (length === undefined) return `${name}(max)`;
      if (length > max) unsupported(`${name}(${length}) is longer than SQL Server allows (${max})${where}; leave the length out for ${name}(max)`);
      return `${name}(${length})`;
    };
    switch (type.kind) {
      case 'integer':
        return 'INTEGER';
      case 'bigInteger':
        return 'BIGINT';
      case 'smallInteger':
        return 'SMALLINT';
      case 'boolean':
        return 'BIT';
      case 'string':
        return sized('VARCHAR', type.length, MAX_BYTES);
      case 'unicode':
        return sized('NVARCHAR', type.length, MAX_BYTES / 2);
      case 'text':
        return 'VARCHAR(max)';
      case 'unicodeText':
      case 'json':
        return 'NVARCHAR(max)';
      case 'date':
        return 'DATE';
      case 'dateTime':
        return type.timezone ? 'DATETIMEOFFSET' : 'DATETIME';
      case 'time':
        // SQLAlchemy drops the zone silently; a different type is not what was asked for
        if (type.timezone) unsupported(`SQL Server has no TIME WITH TIME ZONE${where}; use t.time() or t.dateTime({ timezone: true }) (DATETIMEOFFSET)`);
        return 'TIME';
      case 'interval':
        // SQLAlchemy's Interval on SQL Server: a DATETIME counted from the 1900-01-01 epoch
        return 'DATETIME';
      case 'numeric':
        return type.precision === undefined ? 'NUMERIC' : type.scale === undefined ? `NUMERIC(${type.precision})` : `NUMERIC(${type.precision}, ${type.scale})`;
      case 'float':
        return type.precision === undefined ? 'FLOAT' : `FLOAT(${type.precision})`;
      case 'largeBinary':
        return sized('VARBINARY', type.length, MAX_BYTES);
      case 'uuid':
        return 'UNIQUEIDENTIFIER';
      case 'enum':
        return `VARCHAR(${Math.max(1, ...type.values.map((v) => v.length))})`;
      case 'custom':
        return type.sql;
    }
  }

  /**
   * Strings for NVARCHAR columns (JSON included) are always N'...': a plain
   * literal goes through the database's code page first. Dates for text
   * columns are the plain timestamp text.
   */
  override columnLiteral(value: LiteralValue | undefined, column?: ColumnState): string {
    if (value instanceof Date && column && isCharacter(column.type)) return this.literal(formatTimestamp(value));
    const text = this.literal(value);
    return column && isNational(column.type) && text.startsWith("'") ? `N${text}` : text;
  }

  /** `IDENTITY` / `IDENTITY(start,increment)`; SQL Server has no ALWAYS / BY DEFAULT. */
  override identityClause(column: ColumnState): string | null {
    if (column.identity) {
      const { start, increment } = column.identity;
      return start === undefined && increment === undefined ? 'IDENTITY' : `IDENTITY(${start ?? 1},${increment ?? 1})`;
    }
    return column.autoincrement ? 'IDENTITY' : null;
  }

  /** `name TYPE NULL|NOT NULL [IDENTITY | DEFAULT x [WITH VALUES]] [CHECK (...)]`, SQLAlchemy's MSSQL order. */
  override columnSpec(column: ColumnState, table: TableState, opts: ColumnSpecOptions): string {
    const parts = [this.ident(column.name), this.columnType(column, table, opts), column.nullable ? 'NULL' : 'NOT NULL'];
    const identity = this.identityClause(column);
    if (identity) {
      if (column.serverDefault !== undefined) unsupported(`an IDENTITY column cannot have a default (column ${column.name})`);
      parts.push(identity);
    } else if (column.serverDefault !== undefined) {
      parts.push(`DEFAULT ${this.defaultValue(column.serverDefault, column)}`);
      // added to a table: existing rows get the default as on every other dialect (SQL Server leaves a
      // nullable column NULL without WITH VALUES; a NOT NULL one gets the default either way)
      // https://learn.microsoft.com/en-us/sql/t-sql/statements/alter-table-column-definition-transact-sql
      if (!opts.inCreate && column.nullable) parts.push('WITH VALUES');
    }
    const check = this.inlineCheckClause(table, column);
    if (check) parts.push(check);
    return parts.join(' ');
  }

  /** SQL Server checks every constraint at once: no DEFERRABLE (NOT DEFERRABLE / INITIALLY IMMEDIATE is what it does anyway). */
  override deferrability(c: { deferrable?: boolean; initially?: string }): string {
    if (c.deferrable === true || c.initially === 'DEFERRED') unsupported('SQL Server has no deferrable constraints');
    return '';
  }

  /**
   * RESTRICT is written NO ACTION: SQL Server knows only NO ACTION, which it
   * checks immediately, i.e. exactly RESTRICT's behaviour.
   * https://learn.microsoft.com/en-us/sql/t-sql/statements/create-table-transact-sql#on-delete--no-action--cascade--set-null--set-default-
   */
  override referentialActions(c: Pick<ForeignKeyState, 'onDelete' | 'onUpdate'>): string {
    const action = (a: string): string => (a === 'RESTRICT' ? 'NO ACTION' : a);
    return `${c.onDelete ? ` ON DELETE ${action(c.onDelete)}` : ''}${c.onUpdate ? ` ON UPDATE ${action(c.onUpdate)}` : ''}`;
  }

  override foreignKeyBody(c: ForeignKeyState, table: Pick<TableState, 'schema'>): string {
    if (c.match) unsupported(`SQL Server has no MATCH ${c.match} for foreign keys`);
    return super.foreignKeyBody(c, table);
  }

  /**
   * `CREATE [UNIQUE] INDEX ix ON t (cols) [WHERE ...]` (a filtered index).
   * SQL Server indexes columns only (an expression needs a computed column)
   * and has no index methods; IF NOT EXISTS is a sys.indexes test.
   * `concurrently` (PostgreSQL's) has no meaning here and is left out.
   */
  override createIndex(index: IndexState, table: Pick<TableState, 'name' | 'schema'>, opts: { ifNotExists?: boolean } = {}): string {
    if (index.columns.some((c) => typeof c !== 'string')) {
      unsupported(`SQL Server cannot index an expression (index ${index.name}); index a computed column instead`);
    }
    if (index.using) unsupported(`SQL Server has no index method '${index.using}' (index ${index.name})`);
    const where = index.where !== undefined ? ` WHERE ${this.text(index.where)}` : '';
    const create = `CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX ${this.ident(index.name)} ON ${this.table(table)} ${this.columnList(index.columns as string[])}${where}`;
    if (!opts.ifNotExists) return create;
    return `IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE object_id = OBJECT_ID(${nstring(this.table(table))}) AND name = ${nstring(index.name)})\n${create}`;
  }

  /** Comments are the MS_Description extended property; on a new table or column it is added. */
  override tableComment(table: Pick<TableState, 'name' | 'schema'>, comment: string | null): string | null {
    return comment === null ? null : extendedProperty('add', table, null, comment);
  }

  override columnComment(table: Pick<TableState, 'name' | 'schema'>, column: string, comment: string | null): string | null {
    return comment === null ? null : extendedProperty('add', table, column, comment);
  }
}

/**
 * `EXEC sp_addextendedproperty 'MS_Description', N'text', 'SCHEMA', N'dbo', 'TABLE', N't'[, 'COLUMN', N'c']`
 * (update/drop likewise). The property hangs on a schema-qualified object;
 * a table given without a schema is taken to be in `dbo`, SQL Server's
 * default schema (Alembic fails offline without an explicit schema).
 * https://learn.microsoft.com/en-us/sql/relational-databases/system-stored-procedures/sp-addextendedproperty-transact-sql
 */
export function extendedProperty(
  action: 'add' | 'update' | 'drop',
  table: Pick<TableState, 'name' | 'schema'>,
  column: string | null,
  comment: string | null,
): string {
  const args = [`'MS_Description'`];
  if (action !== 'drop') args.push(nstring(comment ?? ''));
  args.push(`'SCHEMA'`, nstring(table.schema ?? 'dbo'), `'TABLE'`, nstring(table.name));
  if (column !== null) args.push(`'COLUMN'`, nstring(column));
  return `EXEC sp_${action}extendedproperty ${args.join(', ')}`;
}

export type LookupKind = 'default' | ConstraintState['kind'];

/** The catalog query that finds the database-chosen name of a constraint on one column. */
function lookupQuery(kind: LookupKind, objectId: string, column: string): string {
  switch (kind) {
    case 'default':
    case 'check':
      return (
        `select @const_name = QUOTENAME([name]) from sys.${kind === 'default' ? 'default' : 'check'}_constraints\n` +
        `where parent_object_id = object_id(${objectId})\nand col_name(parent_object_id, parent_column_id) = ${column}`
      );
    case 'foreignKey':
      return (
        'select @const_name = QUOTENAME(fk.[name]) from\nsys.foreign_keys fk join sys.foreign_key_columns fkc\non fk.object_id=fkc.constraint_object_id\n' +
        `where fkc.parent_object_id = object_id(${objectId})\nand col_name(fkc.parent_object_id, fkc.parent_column_id) = ${column}`
      );
    case 'primaryKey':
    case 'unique':
      return (
        'select @const_name = QUOTENAME(kc.[name]) from\nsys.key_constraints kc join sys.index_columns ic\non ic.object_id=kc.parent_object_id and ic.index_id=kc.unique_index_id\n' +
        `where kc.parent_object_id = object_id(${objectId}) and kc.type = '${kind === 'primaryKey' ? 'PK' : 'UQ'}'\nand col_name(ic.object_id, ic.column_id) = ${column}`
      );
  }
}

/**
 * A batch that drops the constraint (or default) on a column whose name
 * SQL Server chose (`DF__t__c__3213E83F`, `FK__t__c__...`): it looks the
 * name up in the catalog, then drops it — Alembic's batch with the table
 * quoted inside object_id() and the statement, names as N'' strings, and
 * nvarchar for the name (QUOTENAME gives up to 258 characters).
 */
export function dropByLookup(sql: MssqlSql, table: Pick<TableState, 'name' | 'schema'>, column: string, kind: LookupKind): string {
  const t = sql.table(table);
  return (
    'declare @const_name nvarchar(258)\n' +
    `${lookupQuery(kind, nstring(t), nstring(column))}\n` +
    `exec(${nstring(`alter table ${t} drop constraint `)} + @const_name)`
  );
}
