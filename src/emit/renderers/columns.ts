/**
 * Standard renderers for column ops. `alterColumn` writes one statement per
 * change, type first (PostgreSQL's order), rename last.
 */
import type { Renderer, Statement } from '../dialect.js';
import { required } from './tables.js';

export const addColumn: Renderer<'addColumn'> = (op, ctx) => {
  const { sql } = ctx;
  const table = required(ctx.info.tableAfter, 'table');
  const column = required(ctx.info.columnAfter, 'column');
  const t = sql.table(table);
  const out: Statement[] = [{ sql: `ALTER TABLE ${t} ${sql.addColumnKeyword} ${sql.columnSpec(column, table, { inCreate: false })}` }];
  const before = required(ctx.info.tableBefore, 'table');
  for (const c of table.constraints) {
    if (before.constraints.includes(c) || (c.kind === 'check' && c.column)) continue;
    out.push({ sql: `ALTER TABLE ${t} ADD ${sql.constraintSpec(c, table)}` });
  }
  for (const ix of table.indexes) if (!before.indexes.includes(ix)) out.push({ sql: sql.createIndex(ix, table) });
  if (column.comment !== undefined) {
    const s = sql.columnComment(table, column.name, column.comment);
    if (s) out.push({ sql: s });
  }
  return out;
};

export const dropColumn: Renderer<'dropColumn'> = (op, { sql }) => [
  { sql: `ALTER TABLE ${sql.qualified(op.table, op.schema)} DROP COLUMN ${sql.ident(op.column)}` },
];

export const alterColumn: Renderer<'alterColumn'> = (op, ctx) => {
  const { sql } = ctx;
  const table = required(ctx.info.tableBefore, 'table');
  const after = required(ctx.info.columnAfter, 'column');
  const t = sql.table(table);
  const c = sql.ident(op.column);
  const out: Statement[] = [];
  const before = required(ctx.info.columnBefore, 'column');
  // a default that changes with the type goes first, or the database tries to cast the old one
  const defaultFirst = op.type !== undefined && op.serverDefault !== undefined && before.serverDefault !== undefined;
  if (defaultFirst) out.push({ sql: `ALTER TABLE ${t} ALTER COLUMN ${c} DROP DEFAULT` });
  if (op.type !== undefined) {
    const using = op.using !== undefined ? ` USING ${sql.text(op.using)}` : '';
    out.push({ sql: `ALTER TABLE ${t} ALTER COLUMN ${c} TYPE ${sql.type(op.type, after)}${using}` });
  }
  if (op.nullable !== undefined) out.push({ sql: `ALTER TABLE ${t} ALTER COLUMN ${c} ${op.nullable ? 'DROP NOT NULL' : 'SET NOT NULL'}` });
  if (op.serverDefault !== undefined && !(defaultFirst && op.serverDefault === null)) {
    out.push({
      sql: op.serverDefault === null ? `ALTER TABLE ${t} ALTER COLUMN ${c} DROP DEFAULT` : `ALTER TABLE ${t} ALTER COLUMN ${c} SET DEFAULT ${sql.defaultValue(op.serverDefault, after)}`,
    });
  }
  if (op.comment !== undefined) {
    const s = sql.columnComment(table, op.column, op.comment);
    if (s) out.push({ sql: s });
  }
  if (op.newColumnName !== undefined && op.newColumnName !== op.column) {
    out.push({ sql: `ALTER TABLE ${t} RENAME COLUMN ${c} TO ${sql.ident(op.newColumnName)}` });
  }
  return out;
};
