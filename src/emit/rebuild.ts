/**
 * Move-and-copy table rebuild (Alembic's batch "recreate"), built from the
 * schema model instead of a reflected table: create the new table under a
 * temporary name, copy the rows, drop the old table, rename the new one,
 * recreate the indexes. SQLite needs it for every ALTER it lacks; other
 * dialects use it for `recreate: 'always'`.
 */
import { modelError } from '../errors.js';
import type { BatchAlterTableOp, BatchOp } from '../ops/index.js';
import type { TableState } from '../model/state.js';
import { findColumn } from '../model/state.js';
import type { RenderContext, Statement } from './dialect.js';
import { createTableLines } from './renderers/tables.js';

/** For each column of the new table, the old column its rows come from (undefined: a new column). */
export function columnSources(ops: readonly BatchOp[], before: TableState): Map<string, string | undefined> {
  const source = new Map<string, string | undefined>(before.columns.map((c) => [c.name, c.name]));
  for (const op of ops) {
    if (op.kind === 'addColumn') source.set(op.column.name, undefined);
    else if (op.kind === 'dropColumn') source.delete(op.column);
    else if (op.kind === 'alterColumn' && op.newColumnName !== undefined && op.newColumnName !== op.column) {
      const from = source.get(op.column);
      source.delete(op.column);
      source.set(op.newColumnName, from);
    }
  }
  return source;
}

export function temporaryName(table: string): string {
  return `_gensql_tmp_${table}`.slice(0, 60);
}

export interface RebuildHooks {
  /** statements before the rebuild (SQLite: foreign key checks off) */
  readonly before?: Statement[];
  readonly after?: Statement[];
  /** how the copy reads an old column into a new one whose type changed */
  readonly cast?: (expr: string, to: TableState['columns'][number]) => string;
}

export function rebuildStatements(
  before: TableState,
  after: TableState,
  sources: Map<string, string | undefined>,
  ctx: RenderContext,
  hooks: RebuildHooks = {},
): Statement[] {
  const { sql } = ctx;
  const tmpName = temporaryName(after.name);
  const tmp: TableState = { ...after, name: tmpName };
  const lines = createTableLines(sql, tmp);
  const out: Statement[] = [...(hooks.before ?? [])];
  out.push({ sql: `CREATE TABLE ${sql.table(tmp)} (\n    ${lines.join(',\n    ')}\n)${sql.tableOptions(tmp)}` });
  const targets: string[] = [];
  const exprs: string[] = [];
  for (const col of after.columns) {
    const from = sources.get(col.name);
    if (from === undefined) continue;
    const old = findColumn(before, from);
    if (!old) throw modelError(`internal: rebuild of ${before.name} lost column ${from}`);
    const ref = `${sql.table(before)}.${sql.ident(from)}`;
    const typeChanged = sql.type(old.type, old) !== sql.type(col.type, col);
    const expr = typeChanged ? (hooks.cast ? hooks.cast(ref, col) : `CAST(${ref} AS ${sql.type(col.type, col)})`) : ref;
    targets.push(sql.ident(col.name));
    exprs.push(typeChanged || from !== col.name ? `${expr} AS ${sql.ident(col.name)}` : expr);
  }
  if (targets.length > 0) {
    out.push({ sql: `INSERT INTO ${sql.table(tmp)} (${targets.join(', ')}) SELECT ${exprs.join(', ')}\nFROM ${sql.table(before)}` });
  }
  out.push({ sql: `DROP TABLE ${sql.table(before)}` });
  out.push({ sql: `ALTER TABLE ${sql.table(tmp)} RENAME TO ${sql.ident(after.name)}` });
  for (const ix of after.indexes) out.push({ sql: sql.createIndex(ix, after) });
  out.push(...(hooks.after ?? []));
  return out;
}

export function rebuildTable(op: BatchAlterTableOp, ctx: RenderContext, hooks: RebuildHooks = {}): Statement[] {
  const before = ctx.info.tableBefore;
  const after = ctx.info.tableAfter;
  if (!before || !after) throw modelError(`internal: no table state for the batch on ${op.table}`);
  return rebuildStatements(before, after, columnSources(op.ops, before), ctx, hooks);
}
