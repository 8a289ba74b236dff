/**
 * Oracle renderers that differ from the standard ones: `ADD` without
 * COLUMN, `MODIFY` for column changes (nullability only when it changes:
 * Oracle refuses a no-op), PL/SQL blocks for IF [NOT] EXISTS, multi-row
 * inserts as a UNION ALL of SELECTs from DUAL, PL/SQL kept whole in raw SQL.
 * https://docs.oracle.com/en/database/oracle/oracle-database/19/sqlrf/ALTER-TABLE.html
 */
import { renderError } from '../src/errors.js';
import { findColumn } from '../src/model/state.js';
import type { LiteralValue } from '../src/record/types.js';
import type { Renderer, Renderers, Statement } from '../src/emit/dialect.js';
import { standardRenderers } from '../src/emit/renderers/index.js';
import { required } from '../src/emit/renderers/tables.js';
import type { StandardSql } from '../src/emit/sql.js';
import { ignoringError, ORA, OracleSql } from './oracle-sql.js';

/** The writer of a render context, as the Oracle one (these renderers only run with it). */
function writer(sql: StandardSql): OracleSql {
  if (!(sql instanceof OracleSql)) throw new Error('internal: the oracle renderers need the oracle SQL writer');
  return sql;
}

/** With ifNotExists, each CREATE lets ORA-00955 through (comments just set the text again). */
const createTable: Renderer<'createTable'> = (op, ctx) => {
  const statements = standardRenderers.createTable({ ...op, ifNotExists: false }, ctx);
  if (!op.ifNotExists) return statements;
  const sql = writer(ctx.sql);
  return statements.map((s) => (/^CREATE /.test(s.sql) ? { sql: ignoringError(sql, s.sql, ORA.nameInUse) } : s));
};

const dropTable: Renderer<'dropTable'> = (op, ctx) => {
  const drop = `DROP TABLE ${ctx.sql.qualified(op.table, op.schema)}`;
  return [{ sql: op.ifExists ? ignoringError(writer(ctx.sql), drop, ORA.noTable) : drop }];
};

/**
 * Oracle drops the column's indexes and one-column constraints with it; a
 * constraint over several columns needs CASCADE CONSTRAINTS (the model
 * drops it too, as PostgreSQL does).
 */
const dropColumn: Renderer<'dropColumn'> = (op, ctx) => {
  const multi = (ctx.info.dropped?.constraints ?? []).some((c) => c.kind !== 'check' && c.columns.length > 1);
  return [{ sql: `ALTER TABLE ${ctx.sql.qualified(op.table, op.schema)} DROP COLUMN ${ctx.sql.ident(op.column)}${multi ? ' CASCADE CONSTRAINTS' : ''}` }];
};

/**
 * `MODIFY c NULL|NOT NULL` (only when it changes: Oracle raises ORA-01451 /
 * ORA-01442 for a no-op), `MODIFY c DEFAULT x` (`DEFAULT NULL` drops it),
 * `MODIFY c TYPE`, comment, `RENAME COLUMN` — Alembic's order.
 */
const alterColumn: Renderer<'alterColumn'> = (op, ctx) => {
  const sql = writer(ctx.sql);
  const table = required(ctx.info.tableBefore, 'table');
  const before = required(ctx.info.columnBefore, 'column');
  const after = required(ctx.info.columnAfter, 'column');
  const modify = `ALTER TABLE ${sql.table(table)} MODIFY ${sql.ident(op.column)}`;
  const out: Statement[] = [];
  if (op.nullable !== undefined && op.nullable !== before.nullable) out.push({ sql: `${modify} ${op.nullable ? 'NULL' : 'NOT NULL'}` });
  if (op.serverDefault !== undefined) out.push({ sql: `${modify} DEFAULT ${op.serverDefault === null ? 'NULL' : sql.defaultValue(op.serverDefault, after)}` });
  if (op.type !== undefined) out.push({ sql: `${modify} ${sql.type(op.type, after)}` });
  if (op.comment !== undefined) out.push({ sql: sql.columnComment(table, op.column, op.comment) });
  if (op.newColumnName !== undefined && op.newColumnName !== op.column) {
    out.push({ sql: `ALTER TABLE ${sql.table(table)} RENAME COLUMN ${sql.ident(op.column)} TO ${sql.ident(op.newColumnName)}` });
  }
  return out;
};

/** `DROP INDEX [s.]ix`: Oracle index names are per schema. */
const dropIndex: Renderer<'dropIndex'> = (op, ctx) => {
  const drop = `DROP INDEX ${ctx.sql.qualified(op.name, op.schema)}`;
  return [{ sql: op.ifExists ? ignoringError(writer(ctx.sql), drop, ORA.noIndex) : drop }];
};

/**
 * One INSERT per row; with multiInsert, rows with the same columns go into
 * one `INSERT ... SELECT ... FROM DUAL UNION ALL ...` (Oracle has no
 * multi-row VALUES before 23c, and INSERT ALL would give every row the same
 * identity value).
 */
const bulkInsert: Renderer<'bulkInsert'> = (op, ctx) => {
  if (!op.multiInsert) return standardRenderers.bulkInsert(op, ctx);
  const sql = writer(ctx.sql);
  const table = required(ctx.info.tableBefore, 'table');
  const t = sql.qualified(op.table, op.schema);
  const select = (row: Readonly<Record<string, LiteralValue>>, keys: readonly string[]): string =>
    `SELECT ${keys.map((k) => sql.columnLiteral(row[k], findColumn(table, k))).join(', ')} FROM DUAL`;
  const out: Statement[] = [];
  let i = 0;
  while (i < op.rows.length) {
    const keys = Object.keys(op.rows[i]!);
    const group = [op.rows[i]!];
    while (i + group.length < op.rows.length && Object.keys(op.rows[i + group.length]!).join('\u0000') === keys.join('\u0000')) group.push(op.rows[i + group.length]!);
    out.push({ sql: `INSERT INTO ${t} ${sql.columnList(keys)}\n    ${group.map((r) => select(r, keys)).join(' UNION ALL\n    ')}` });
    i += group.length;
  }
  return out;
};

/** A PL/SQL unit: its closing `END;` belongs to it. */
const PLSQL = /^\s*(DECLARE|BEGIN|CREATE\s+(OR\s+REPLACE\s+)?((NON)?EDITIONABLE\s+)?(PROCEDURE|FUNCTION|PACKAGE|TRIGGER|TYPE|LIBRARY))\b/i;

/** Raw SQL as written; a trailing `;` is dropped (Oracle rejects it) except after a PL/SQL block, which needs it. */
const execute: Renderer<'execute'> = (op, ctx) => {
  const text = ctx.sql.text(op.sql).trimEnd();
  if (text.trim() === '') throw renderError('execute(): the SQL text is empty');
  if (PLSQL.test(text)) return [{ sql: text, raw: true }];
  return standardRenderers.execute(op, ctx);
};

export const oracleRenderers: Partial<Renderers> = {
  createTable,
  dropTable,
  dropColumn,
  alterColumn,
  dropIndex,
  bulkInsert,
  execute,
};
