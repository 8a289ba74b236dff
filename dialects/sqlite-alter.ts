/**
 * SQLite's ALTER TABLE: what it can do is written directly (ADD COLUMN,
 * RENAME COLUMN, DROP COLUMN, each only where SQLite allows it); everything
 * else rebuilds the table from the schema model (create, copy, drop,
 * rename, re-index), as Alembic's batch mode does with `copy_from`, but
 * without needing it. A batch makes one rebuild for all its ops.
 * https://www.sqlite.org/lang_altertable.html
 */
import { modelError } from '../src/errors.js';
import type { OpInfo } from '../src/model/apply.js';
import type { ColumnState, ConstraintState, ForeignKeyState, TableState } from '../src/model/state.js';
import { primaryKey } from '../src/model/state.js';
import type { BatchOp } from '../src/ops/index.js';
import type { RenderContext, Renderer, Statement } from '../src/emit/dialect.js';
import { unsupported } from '../src/emit/dialect.js';
import { columnSources, rebuildStatements, staleReferences } from '../src/emit/rebuild.js';
import { standardRenderers } from '../src/emit/renderers/index.js';
import { affinity, sqliteSql as sql } from './sqlite-sql.js';

function need<T>(v: T | undefined, what: string): T {
  if (v === undefined) throw modelError(`internal: the schema model gave no ${what}`);
  return v;
}

const KIND: Record<ConstraintState['kind'], string> = { primaryKey: 'primary key', unique: 'unique constraint', foreignKey: 'foreign key', check: 'check constraint' };

function describe(c: ConstraintState): string {
  return c.name ? `${KIND[c.kind]} ${c.name}` : `an unnamed ${KIND[c.kind]}`;
}

function defaultText(c: ColumnState): string | null {
  return c.serverDefault === undefined ? null : sql.defaultValue(c.serverDefault, c);
}

/**
 * ADD COLUMN restrictions (https://www.sqlite.org/lang_altertable.html#altertabaddcol):
 * no PRIMARY KEY or UNIQUE, no expression default, NOT NULL needs a
 * non-NULL default, and a REFERENCES column must default to NULL when
 * foreign keys are on (we cannot know they are off, so we rebuild).
 */
function addColumnReason(info: OpInfo): string | null {
  const before = need(info.tableBefore, 'table');
  const table = need(info.tableAfter, 'table');
  const col = need(info.columnAfter, 'column');
  const added = table.constraints.filter((c) => !before.constraints.includes(c));
  const what = `add column ${col.name}`;
  if (added.some((c) => c.kind === 'primaryKey' || c.kind === 'unique')) return `${what} with a PRIMARY KEY or UNIQUE constraint`;
  if (added.some((c) => c.kind === 'check' && c.column !== col.name)) return `${what} with a table-level check constraint`;
  if (col.serverDefault !== undefined && sql.isExpressionDefault(col.serverDefault)) return `${what} with an expression default`;
  const text = defaultText(col);
  const nullDefault = text === null || /^\s*null\s*$/i.test(text);
  if (!col.nullable && nullDefault) return `${what} NOT NULL without a default`;
  if (!nullDefault && added.some((c) => c.kind === 'foreignKey')) return `${what} with a foreign key and a non-NULL default`;
  return null;
}

/**
 * DROP COLUMN fails for a column in the primary key, a UNIQUE or foreign
 * key constraint, an index, or another column's CHECK
 * (https://www.sqlite.org/lang_altertable.html#altertabdropcol).
 */
function dropColumnReason(info: OpInfo): string | null {
  const before = need(info.tableBefore, 'table');
  const col = need(info.columnBefore, 'column');
  const what = `drop column ${col.name}`;
  if (primaryKey(before)?.columns.includes(col.name)) return `${what} of the primary key`;
  for (const c of info.dropped?.constraints ?? []) {
    if (c.kind === 'check' && c.column === col.name) continue; // the column's own CHECK goes with it
    return `${what} used by ${describe(c)}`;
  }
  const ix = info.dropped?.indexes[0];
  return ix ? `${what} used by index ${ix.name}` : null;
}

function alterColumnReason(op: Extract<BatchOp, { kind: 'alterColumn' }>, info: OpInfo): string | null {
  const b = need(info.columnBefore, 'column');
  const a = need(info.columnAfter, 'column');
  const changes: string[] = [];
  if (sql.type(b.type) !== sql.type(a.type) || op.using !== undefined) changes.push('type');
  if (b.nullable !== a.nullable) changes.push('nullability');
  if (defaultText(b) !== defaultText(a)) changes.push('default');
  return changes.length > 0 ? `change the ${changes.join(' and ')} of column ${op.column}` : null;
}

/** Why SQLite's ALTER TABLE cannot do this op, so the table must be rebuilt; null when it can. */
export function rebuildReason(op: BatchOp, info: OpInfo): string | null {
  switch (op.kind) {
    case 'addColumn':
      return addColumnReason(info);
    case 'dropColumn':
      return dropColumnReason(info);
    case 'alterColumn':
      return alterColumnReason(op, info);
    case 'createIndex':
    case 'dropIndex':
      return null;
    case 'createPrimaryKey':
      return 'add a primary key';
    case 'createUniqueConstraint':
      return 'add a unique constraint';
    case 'createForeignKey':
      return 'add a foreign key';
    case 'createCheckConstraint':
      return 'add a check constraint';
    case 'dropConstraint':
      return `drop constraint ${op.name}`;
  }
}

/**
 * Rows are CAST when the column's SQLite affinity changes, so they take
 * the new type (Alembic does the same on a SQLAlchemy type-class change).
 * Not into NUMERIC affinity (BOOLEAN, DATE, DATETIME, NUMERIC, JSON): there
 * CAST keeps only a number's prefix ('2024-01-02' becomes 2024, a JSON
 * text 0), while the column's own affinity converts every well-formed
 * number on insert and keeps other values intact.
 * https://www.sqlite.org/lang_expr.html#castexpr
 */
function needsCast(from: ColumnState, to: ColumnState): boolean {
  const target = affinity(sql.type(to.type));
  return affinity(sql.type(from.type)) !== target && target !== 'NUMERIC';
}

function qualifiedIn(t: Pick<TableState, 'name' | 'schema'>): string {
  return sql.qualified(t.name, t.schema);
}

/**
 * Foreign keys during a rebuild. Dropping the old table with
 * `PRAGMA foreign_keys=ON` first deletes its rows, which fires the ON
 * DELETE actions of the rows that reference it (CASCADE would empty them)
 * or fails; `PRAGMA foreign_keys=OFF` is a no-op inside the transaction
 * gensql wraps the script in, and `defer_foreign_keys` defers the checks
 * but not the actions, and the copy (renamed, not inserted) never settles
 * the deferred count, so COMMIT fails. So the rebuild itself keeps every
 * reference valid (same table name, same key values; other tables' foreign
 * keys name the table, and the rename happens in legacy mode so nothing
 * else is rewritten), and when rows reference the table and foreign keys
 * are on, this statement stops the script (still inside the transaction,
 * nothing changed) with an error saying to apply it with foreign keys off,
 * as the sqlite3 shell starts.
 * https://www.sqlite.org/lang_altertable.html#otheralter
 */
function foreignKeyGuard(before: TableState, ctx: RenderContext): Statement[] {
  const points = (t: TableState, c: ConstraintState): c is ForeignKeyState =>
    c.kind === 'foreignKey' && c.refTable === before.name && (c.refSchema ?? t.schema) === before.schema;
  const referencing = [before, ...ctx.model.referencingTables(before.name, before.schema)];
  const conditions: string[] = [];
  const names: string[] = [];
  for (const t of referencing) {
    for (const c of t.constraints) {
      if (!points(t, c)) continue;
      if (!names.includes(t.name)) names.push(t.name);
      conditions.push(`EXISTS (SELECT 1 FROM ${qualifiedIn(t)} WHERE ${c.columns.map((x) => `${sql.ident(x)} IS NOT NULL`).join(' AND ')})`);
    }
  }
  if (conditions.length === 0) return [];
  const message = sql.literal(
    `gensql: table ${before.name} must be rebuilt (copied, dropped, renamed), but PRAGMA foreign_keys is ON and rows of ` +
      `${names.join(', ')} reference it, so dropping it would fire their ON DELETE actions; ` +
      'apply this script with foreign keys off (the sqlite3 default, or PRAGMA foreign_keys=OFF before BEGIN)',
  );
  return [{ sql: `SELECT json_extract('{}', ${message}) FROM pragma_foreign_keys\nWHERE foreign_keys = 1 AND (${conditions.join('\n    OR ')})` }];
}

/**
 * The rename in legacy mode: SQLite 3.26+ otherwise re-parses every view
 * and trigger of the schema on RENAME and fails on those that name the
 * table just dropped; legacy mode leaves them alone, and they find the new
 * table under the old name. Foreign keys elsewhere name the final table
 * already and are not touched either way.
 * https://www.sqlite.org/pragma.html#pragma_legacy_alter_table
 */
function legacyRename(tmp: TableState, after: TableState): Statement[] {
  return [
    { sql: 'PRAGMA legacy_alter_table = ON' },
    { sql: `ALTER TABLE ${qualifiedIn(tmp)} RENAME TO ${sql.ident(after.name)}` },
    { sql: 'PRAGMA legacy_alter_table = OFF' },
  ];
}

/** One rebuild of a table for these ops, from the model's states before and after them. */
export function rebuild(ops: readonly BatchOp[], before: TableState, after: TableState, ctx: RenderContext): Statement[] {
  const expressions = new Map<string, string>();
  for (const op of ops) {
    // PostgreSQL's USING, honoured: the new column's rows are computed from the old row
    if (op.kind === 'alterColumn' && op.using !== undefined) expressions.set(op.newColumnName ?? op.column, `(${sql.text(op.using)})`);
  }
  return rebuildStatements(before, after, columnSources(ops, before), ctx, {
    before: foreignKeyGuard(before, ctx),
    needsCast,
    expressions,
    rename: legacyRename,
  });
}

function rebuildOne(op: BatchOp, ctx: RenderContext): Statement[] {
  return rebuild([op], need(ctx.info.tableBefore, 'table'), need(ctx.info.tableAfter, 'table'), ctx);
}

/** SQL text that names a column the op removes makes SQLite refuse the ALTER as well as a rebuild. */
function refuseStale(ctx: RenderContext): void {
  const stale = staleReferences(need(ctx.info.tableBefore, 'table'), need(ctx.info.tableAfter, 'table'));
  if (stale.length > 0) throw modelError(`${stale.join('; ')}, which would no longer exist; drop it first`);
}

export const addColumn: Renderer<'addColumn'> = (op, ctx) => {
  if (addColumnReason(ctx.info)) return rebuildOne(op, ctx);
  const before = need(ctx.info.tableBefore, 'table');
  const table = need(ctx.info.tableAfter, 'table');
  const column = need(ctx.info.columnAfter, 'column');
  // the column's foreign key goes inline: SQLite has no ALTER TABLE ... ADD CONSTRAINT
  const refs = table.constraints
    .filter((c): c is ForeignKeyState => c.kind === 'foreignKey' && !before.constraints.includes(c))
    .map((c) => `${sql.constraintPrefix(c)}${sql.referencesClause(c, table)}`);
  const spec = [sql.columnSpec(column, table, { inCreate: false }), ...refs].join(' ');
  const out: Statement[] = [{ sql: `ALTER TABLE ${qualifiedIn(table)} ADD COLUMN ${spec}` }];
  for (const ix of table.indexes) if (!before.indexes.includes(ix)) out.push({ sql: sql.createIndex(ix, table) });
  return out;
};

export const dropColumn: Renderer<'dropColumn'> = (op, ctx) => {
  refuseStale(ctx);
  return dropColumnReason(ctx.info) ? rebuildOne(op, ctx) : standardRenderers.dropColumn(op, ctx);
};

/** Only a rename is an ALTER (3.25+); a comment is not stored; anything else rebuilds. */
export const alterColumn: Renderer<'alterColumn'> = (op, ctx) => {
  if (alterColumnReason(op, ctx.info)) return rebuildOne(op, ctx);
  if (op.newColumnName === undefined || op.newColumnName === op.column) return [];
  return [{ sql: `ALTER TABLE ${sql.qualified(op.table, op.schema)} RENAME COLUMN ${sql.ident(op.column)} TO ${sql.ident(op.newColumnName)}` }];
};

/** SQLite has no ALTER TABLE ... ADD/DROP CONSTRAINT: these always rebuild. */
export const createPrimaryKey: Renderer<'createPrimaryKey'> = rebuildOne;
export const createUniqueConstraint: Renderer<'createUniqueConstraint'> = rebuildOne;
export const createForeignKey: Renderer<'createForeignKey'> = rebuildOne;
export const createCheckConstraint: Renderer<'createCheckConstraint'> = rebuildOne;
export const dropConstraint: Renderer<'dropConstraint'> = rebuildOne;

/**
 * A batch is one rebuild when any of its ops needs one (`recreate: 'auto'`)
 * or always (`'always'`); otherwise, and with `'never'`, its ops are
 * ALTERs one by one, and an op that needs a rebuild is an error.
 */
export const batchAlterTable: Renderer<'batchAlterTable'> = (op, ctx) => {
  const inner = ctx.info.inner ?? [];
  const reasons = op.ops.map((o, i) => rebuildReason(o, inner[i] ?? {})).filter((r): r is string => r !== null);
  if (op.recreate === 'never' && reasons.length > 0) {
    unsupported(`recreate: 'never', but SQLite's ALTER TABLE cannot ${reasons[0]}; use recreate: 'auto' to rebuild the table`);
  }
  if (op.recreate === 'always' || reasons.length > 0) {
    return rebuild(op.ops, need(ctx.info.tableBefore, 'table'), need(ctx.info.tableAfter, 'table'), ctx);
  }
  return op.ops.flatMap((o, i) => ctx.render(o, inner[i] ?? {}));
};
