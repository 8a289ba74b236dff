/**
 * SQL Server renderers that differ from the standard ones: `ADD` without
 * COLUMN, `ALTER COLUMN` restating type and nullability from the schema
 * model, defaults as constraints (dropped through the catalog before the
 * column changes or goes), `sp_rename`, `DROP INDEX ix ON t`, comments as
 * extended properties, IDENTITY_INSERT only where needed.
 * https://learn.microsoft.com/en-us/sql/t-sql/statements/alter-table-transact-sql
 */
import { renderError } from '../src/errors.js';
import type { ColumnState, TableState } from '../src/model/state.js';
import { findColumn } from '../src/model/state.js';
import type { LiteralValue } from '../src/record/types.js';
import type { Renderer, Renderers, Statement } from '../src/emit/dialect.js';
import { standardRenderers } from '../src/emit/renderers/index.js';
import { required } from '../src/emit/renderers/tables.js';
import { dropByLookup, extendedProperty, MssqlSql, nstring } from './mssql-sql.js';
import type { StandardSql } from '../src/emit/sql.js';

/** The writer of a render context, as the MSSQL one (these renderers only run with it). */
function writer(sql: StandardSql): MssqlSql {
  if (!(sql instanceof MssqlSql)) throw new Error('internal: the mssql renderers need the mssql SQL writer');
  return sql;
}

/** `IF OBJECT_ID(N't', N'U') IS NULL`: T-SQL has no CREATE TABLE IF NOT EXISTS. */
export function ifTableMissing(sql: MssqlSql, table: Pick<TableState, 'name' | 'schema'>, statements: readonly string[]): string {
  const test = `IF OBJECT_ID(${nstring(sql.table(table))}, N'U') IS NULL`;
  if (statements.length === 1) return `${test}\n${statements[0]}`;
  return `${test}\nBEGIN\n${statements.map((s) => `    ${s.replace(/\n/g, '\n    ')};`).join('\n')}\nEND`;
}

const createTable: Renderer<'createTable'> = (op, ctx) => {
  const statements = standardRenderers.createTable({ ...op, ifNotExists: false }, ctx);
  if (!op.ifNotExists) return statements;
  const table = required(ctx.info.tableAfter, 'table');
  return [{ sql: ifTableMissing(writer(ctx.sql), table, statements.map((s) => s.sql)) }];
};

const renameTable: Renderer<'renameTable'> = (op, { sql }) => [
  // https://learn.microsoft.com/en-us/sql/relational-databases/system-stored-procedures/sp-rename-transact-sql
  { sql: `EXEC sp_rename ${nstring(sql.qualified(op.table, op.schema))}, ${nstring(op.newName)}` },
];

/** `ALTER TABLE t ADD c ...` (no COLUMN keyword), then the column's constraints, indexes and comment. */
/**
 * SQL Server refuses to drop a column that a default, constraint or index
 * still uses: those go first (by name when the model knows it, through
 * the catalog when the database chose it).
 */
const dropColumn: Renderer<'dropColumn'> = (op, ctx) => {
  const sql = writer(ctx.sql);
  const table = required(ctx.info.tableBefore, 'table');
  const column = required(ctx.info.columnBefore, 'column');
  const t = sql.table(table);
  const out: Statement[] = [];
  if (column.serverDefault !== undefined && !sql.identityClause(column)) out.push({ sql: dropByLookup(sql, table, column.name, 'default') });
  for (const c of ctx.info.dropped?.constraints ?? []) {
    out.push({ sql: c.name !== null ? `ALTER TABLE ${t} DROP CONSTRAINT ${sql.ident(c.name)}` : dropByLookup(sql, table, column.name, c.kind) });
  }
  for (const ix of ctx.info.dropped?.indexes ?? []) out.push({ sql: `DROP INDEX ${sql.ident(ix.name)} ON ${t}` });
  out.push({ sql: `ALTER TABLE ${t} DROP COLUMN ${sql.ident(op.column)}` });
  return out;
};

function commentStatement(table: TableState, column: string | null, before: string | undefined, after: string | null): Statement[] {
  if (after === null) return before === undefined ? [] : [{ sql: extendedProperty('drop', table, column, null) }];
  return [{ sql: extendedProperty(before === undefined ? 'add' : 'update', table, column, after) }];
}

/**
 * One `ALTER COLUMN c TYPE NULL|NOT NULL` restating both from the model
 * (Alembic makes a column NULL when nullability is not repeated, #977);
 * the default constraint is dropped first when the default changes or the
 * type does (SQL Server refuses to retype a column a default is bound to,
 * #1744) and put back after; then comment, then rename.
 */
const alterColumn: Renderer<'alterColumn'> = (op, ctx) => {
  const sql = writer(ctx.sql);
  const table = required(ctx.info.tableBefore, 'table');
  const before = required(ctx.info.columnBefore, 'column');
  const after: ColumnState = required(ctx.info.columnAfter, 'column');
  const t = sql.table(table);
  const out: Statement[] = [];
  const typeChanges = op.type !== undefined;
  const defaultChanges = op.serverDefault !== undefined;
  const dropDefault = before.serverDefault !== undefined && (defaultChanges || typeChanges);
  if (dropDefault) out.push({ sql: dropByLookup(sql, table, op.column, 'default') });
  if (typeChanges || op.nullable !== undefined) {
    out.push({ sql: `ALTER TABLE ${t} ALTER COLUMN ${sql.ident(op.column)} ${sql.type(after.type, after)} ${after.nullable ? 'NULL' : 'NOT NULL'}` });
  }
  if (after.serverDefault !== undefined && (defaultChanges || dropDefault)) {
    out.push({ sql: `ALTER TABLE ${t} ADD DEFAULT ${sql.defaultValue(after.serverDefault, after)} FOR ${sql.ident(op.column)}` });
  }
  if (op.comment !== undefined) out.push(...commentStatement(table, op.column, before.comment, op.comment));
  if (op.newColumnName !== undefined && op.newColumnName !== op.column) {
    out.push({ sql: `EXEC sp_rename ${nstring(`${t}.${sql.ident(op.column)}`)}, ${nstring(op.newColumnName)}, 'COLUMN'` });
  }
  return out;
};

/** `DROP INDEX ix ON t`: SQL Server index names belong to their table. */
const dropIndex: Renderer<'dropIndex'> = (op, ctx) => {
  const table = op.table ?? ctx.info.tableBefore?.name;
  if (table === undefined) throw renderError(`dropIndex('${op.name}'): SQL Server needs the index's table (give { table })`);
  return [{ sql: `DROP INDEX ${op.ifExists ? 'IF EXISTS ' : ''}${ctx.sql.ident(op.name)} ON ${ctx.sql.qualified(table, op.schema)}` }];
};

const createTableComment: Renderer<'createTableComment'> = (op, ctx) => {
  const before = required(ctx.info.tableBefore, 'table');
  return commentStatement(before, null, before.comment, op.comment);
};

const dropTableComment: Renderer<'dropTableComment'> = (_op, ctx) => {
  const before = required(ctx.info.tableBefore, 'table');
  return commentStatement(before, null, before.comment, null);
};

/** SQL Server takes at most 1000 rows in one VALUES list. https://learn.microsoft.com/en-us/sql/t-sql/queries/table-value-constructor-transact-sql */
const MAX_VALUES_ROWS = 1000;

/**
 * INSERTs, wrapped in `SET IDENTITY_INSERT t ON/OFF` only when some row sets
 * the identity column (Alembic always wraps, which fails on a table
 * without one).
 */
const bulkInsert: Renderer<'bulkInsert'> = (op, ctx) => {
  const sql = writer(ctx.sql);
  const table = required(ctx.info.tableBefore, 'table');
  const t = sql.qualified(op.table, op.schema);
  const values = (row: Readonly<Record<string, LiteralValue>>, keys: readonly string[]): string =>
    `(${keys.map((k) => sql.columnLiteral(row[k], findColumn(table, k))).join(', ')})`;
  const out: Statement[] = [];
  let i = 0;
  while (i < op.rows.length) {
    const keys = Object.keys(op.rows[i]!);
    const group = [op.rows[i]!];
    while (op.multiInsert && group.length < MAX_VALUES_ROWS && i + group.length < op.rows.length && Object.keys(op.rows[i + group.length]!).join('\u0000') === keys.join('\u0000')) {
      group.push(op.rows[i + group.length]!);
    }
    const head = `INSERT INTO ${t} ${sql.columnList(keys)} VALUES`;
    out.push({ sql: group.length === 1 ? `${head} ${values(group[0]!, keys)}` : `${head}\n    ${group.map((r) => values(r, keys)).join(',\n    ')}` });
    i += group.length;
  }
  const identity = table.columns.find((c) => sql.identityClause(c) !== null);
  if (identity && op.rows.some((r) => Object.prototype.hasOwnProperty.call(r, identity.name))) {
    return [{ sql: `SET IDENTITY_INSERT ${t} ON` }, ...out, { sql: `SET IDENTITY_INSERT ${t} OFF` }];
  }
  return out;
};

/** SQL Server sequences start at the type's minimum unless told (-9223372036854775808 for the default BIGINT). */
const createSequence: Renderer<'createSequence'> = (op, ctx) => standardRenderers.createSequence({ ...op, start: op.start ?? 1 }, ctx);

export const mssqlRenderers: Partial<Renderers> = {
  createTable,
  renameTable,
  dropColumn,
  alterColumn,
  dropIndex,
  createTableComment,
  dropTableComment,
  bulkInsert,
  createSequence,
};
