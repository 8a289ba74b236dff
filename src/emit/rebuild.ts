/**
 * Move-and-copy table rebuild (Alembic's batch "recreate"), built from the
 * schema model instead of a reflected table: create the new table under a
 * temporary name, copy the rows, drop the old table, rename the new one,
 * recreate the indexes. SQLite needs it for every ALTER it lacks; other
 * dialects use it for `recreate: 'always'`. Dialects adjust it through
 * hooks (statements around it, when and how to CAST, how to rename).
 */
import { modelError } from '../errors.js';
import type { BatchAlterTableOp, BatchOp } from '../ops/index.js';
import { referencedColumns } from '../model/columns.js';
import type { ColumnState, TableState } from '../model/state.js';
import { findColumn } from '../model/state.js';
import type { SqlText } from '../record/types.js';
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

/**
 * SQL text of the new table (CHECK conditions, index expressions, partial
 * index conditions) that names a column the table no longer has: the model
 * keeps such text as written, so a column dropped or renamed under it would
 * make the database reject the new table. Returns a description per problem.
 */
export function staleReferences(before: TableState, after: TableState): string[] {
  const gone = (text: SqlText): string[] => referencedColumns(text, before).filter((c) => !findColumn(after, c));
  const out: string[] = [];
  for (const c of after.constraints) {
    if (c.kind !== 'check') continue;
    for (const col of gone(c.condition)) out.push(`check constraint ${c.name ?? `on ${c.column ?? after.name}`} refers to column ${col}`);
  }
  for (const ix of after.indexes) {
    const texts: SqlText[] = ix.columns.filter((c): c is Exclude<typeof c, string> => typeof c !== 'string');
    if (ix.where !== undefined) texts.push(ix.where);
    for (const t of texts) for (const col of gone(t)) out.push(`index ${ix.name} refers to column ${col}`);
  }
  return out;
}

export interface RebuildHooks {
  /** statements before the rebuild (SQLite: a foreign-key safety check) */
  readonly before?: Statement[];
  readonly after?: Statement[];
  /** how the copy reads an old column into a new one whose type changed */
  readonly cast?: (expr: string, to: ColumnState) => string;
  /** whether a column's rows need a CAST on the way (default: when the rendered type changes) */
  readonly needsCast?: (from: ColumnState, to: ColumnState) => boolean;
  /** a copy expression per new column, replacing its old column (an alterColumn `using`) */
  readonly expressions?: ReadonlyMap<string, string>;
  /** the statements that give the new table its final name (default `ALTER TABLE tmp RENAME TO name`) */
  readonly rename?: (tmp: TableState, after: TableState) => Statement[];
}

export function rebuildStatements(
  before: TableState,
  after: TableState,
  sources: Map<string, string | undefined>,
  ctx: RenderContext,
  hooks: RebuildHooks = {},
): Statement[] {
  const { sql } = ctx;
  const stale = staleReferences(before, after);
  if (stale.length > 0) {
    throw modelError(
      `cannot rebuild table ${after.name}: ${stale.join('; ')}, which the new table does not have ` +
        '(gensql does not rewrite SQL text); drop that constraint or index first and create it again with the new column names',
    );
  }
  const tmpName = temporaryName(after.name);
  const tmp: TableState = { ...after, name: tmpName };
  const lines = createTableLines(sql, tmp);
  const out: Statement[] = [...(hooks.before ?? [])];
  out.push({ sql: `CREATE TABLE ${sql.table(tmp)} (\n    ${lines.join(',\n    ')}\n)${sql.tableOptions(tmp)}` });
  const needsCast = hooks.needsCast ?? ((from: ColumnState, to: ColumnState) => sql.type(from.type, from) !== sql.type(to.type, to));
  const targets: string[] = [];
  const exprs: string[] = [];
  for (const col of after.columns) {
    const given = hooks.expressions?.get(col.name);
    if (given !== undefined) {
      targets.push(sql.ident(col.name));
      exprs.push(`${given} AS ${sql.ident(col.name)}`);
      continue;
    }
    const from = sources.get(col.name);
    if (from === undefined) continue;
    const old = findColumn(before, from);
    if (!old) throw modelError(`internal: rebuild of ${before.name} lost column ${from}`);
    const ref = `${sql.table(before)}.${sql.ident(from)}`;
    const cast = needsCast(old, col);
    const expr = cast ? (hooks.cast ? hooks.cast(ref, col) : `CAST(${ref} AS ${sql.type(col.type, col)})`) : ref;
    targets.push(sql.ident(col.name));
    exprs.push(cast || from !== col.name ? `${expr} AS ${sql.ident(col.name)}` : expr);
  }
  if (targets.length > 0) {
    out.push({ sql: `INSERT INTO ${sql.table(tmp)} (${targets.join(', ')}) SELECT ${exprs.join(', ')}\nFROM ${sql.table(before)}` });
  }
  out.push({ sql: `DROP TABLE ${sql.table(before)}` });
  out.push(...(hooks.rename ? hooks.rename(tmp, after) : [{ sql: `ALTER TABLE ${sql.table(tmp)} RENAME TO ${sql.ident(after.name)}` }]));
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
