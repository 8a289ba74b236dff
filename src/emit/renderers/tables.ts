/**
 * Standard renderers for table-level ops (SQLAlchemy's generic DDL).
 */
import { modelError } from '../../errors.js';
import type { TableState } from '../../model/state.js';
import type { RenderContext, Renderer, Statement } from '../dialect.js';
import type { StandardSql } from '../sql.js';

function required<T>(v: T | undefined, what: string): T {
  if (v === undefined) throw modelError(`internal: the schema model gave no ${what}`);
  return v;
}

/** The body lines of CREATE TABLE: columns, then table-level constraints. */
export function createTableLines(sql: StandardSql, table: TableState): string[] {
  const lines = table.columns.map((c) => sql.columnSpec(c, table, { inCreate: true }));
  for (const c of table.constraints) {
    if (c.kind === 'check' && c.column) continue; // written inline with its column
    lines.push(sql.constraintSpec(c, table));
  }
  return lines;
}

/** Comments of a new table and its columns, as separate statements where the dialect needs them. */
export function commentStatements(sql: StandardSql, table: TableState): Statement[] {
  const out: Statement[] = [];
  if (table.comment !== undefined) {
    const s = sql.tableComment(table, table.comment);
    if (s) out.push({ sql: s });
  }
  for (const c of table.columns) {
    if (c.comment === undefined) continue;
    const s = sql.columnComment(table, c.name, c.comment);
    if (s) out.push({ sql: s });
  }
  return out;
}

export const createTable: Renderer<'createTable'> = (op, ctx: RenderContext) => {
  const { sql } = ctx;
  const table = required(ctx.info.tableAfter, 'table');
  const lines = createTableLines(sql, table);
  const head = `CREATE TABLE ${op.ifNotExists ? 'IF NOT EXISTS ' : ''}${sql.table(table)}`;
  const out: Statement[] = [{ sql: `${head} (\n    ${lines.join(',\n    ')}\n)${sql.tableOptions(table)}` }];
  out.push(...commentStatements(sql, table));
  for (const ix of table.indexes) out.push({ sql: sql.createIndex(ix, table) });
  return out;
};

export const dropTable: Renderer<'dropTable'> = (op, { sql }) => [
  { sql: `DROP TABLE ${op.ifExists ? 'IF EXISTS ' : ''}${sql.qualified(op.table, op.schema)}` },
];

export const renameTable: Renderer<'renameTable'> = (op, { sql }) => [
  { sql: `ALTER TABLE ${sql.qualified(op.table, op.schema)} RENAME TO ${sql.ident(op.newName)}` },
];

export const createTableComment: Renderer<'createTableComment'> = (op, ctx) => {
  const s = ctx.sql.tableComment(required(ctx.info.tableAfter, 'table'), op.comment);
  return s ? [{ sql: s }] : [];
};

export const dropTableComment: Renderer<'dropTableComment'> = (_op, ctx) => {
  const s = ctx.sql.tableComment(required(ctx.info.tableAfter, 'table'), null);
  return s ? [{ sql: s }] : [];
};

export { required };
