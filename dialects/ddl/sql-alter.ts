/**
 * ALTER TABLE actions of MySQL / MariaDB / SQLite as ops, one action at a
 * time (node-sql-parser checks each action on its own, so one action it
 * lacks, such as `ALTER COLUMN ... SET DEFAULT`, does not hide the others).
 * https://dev.mysql.com/doc/refman/8.0/en/alter-table.html
 * https://mariadb.com/kb/en/alter-table/
 * https://www.sqlite.org/lang_altertable.html
 */
import type { UserOp } from '../../src/ops/index.js';
import { sql } from '../../src/record/sql.js';
import type { ConstraintItem } from '../../src/record/types.js';
import { closing, identName, stringValue } from './lexer.js';
import { editOp, noted } from '../../src/model/ddl/notes.js';
import { readColumn, readElement, slice, Unreadable, type ColumnRead, type Span, type SqlContext } from './sql-columns.js';

export interface ActionResult {
  readonly ops: UserOp[];
  readonly notes: string[];
  /** the action's own small grammar was read in full, so it needs no parser check (SET / DROP DEFAULT) */
  readonly exact?: boolean;
  /** parts read in full, with stand-ins for the parser check (see ColumnRead) */
  readonly spans?: Span[];
}

function fail(why: string): never {
  throw new Unreadable(why);
}

export function constraintOp(item: ConstraintItem, table: string, schema: string | undefined): UserOp {
  switch (item.kind) {
    case 'primaryKey':
      return { kind: 'createPrimaryKey', name: item.name, table, schema, columns: item.columns };
    case 'unique':
      return { kind: 'createUniqueConstraint', name: item.name, table, schema, columns: item.columns };
    case 'foreignKey': {
      const { kind: _kind, name, ...fk } = item;
      return { kind: 'createForeignKey', name, table, schema, ...fk };
    }
    case 'check':
      return { kind: 'createCheckConstraint', name: item.name, table, schema, condition: item.condition };
  }
}

/** Table options and actions that change nothing the model tracks. */
const UNTRACKED = new Set(
  ('engine auto_increment avg_row_length checksum compression connection data delay_key_write encryption insert_method ' +
    'key_block_size max_rows min_rows pack_keys password row_format stats_auto_recalc stats_persistent stats_sample_pages ' +
    'tablespace union algorithm lock force order enable disable discard import with without analyze optimize rebuild repair ' +
    'check truncate coalesce reorganize exchange remove upgrade partition page_checksum transactional secondary_engine').split(' '),
);

const ELEMENT_WORDS = new Set(['constraint', 'primary', 'unique', 'foreign', 'check', 'index', 'key', 'fulltext', 'spatial']);

/** `IF [NOT] EXISTS` at token k (MariaDB): the index after it and whether it was there. */
function ifClause(ctx: SqlContext, k: number, not: boolean): [number, boolean] {
  const t = ctx.toks;
  if (t[k]?.word !== 'if') return [k, false];
  if (not && t[k + 1]?.word === 'not' && t[k + 2]?.word === 'exists') return [k + 3, true];
  if (!not && t[k + 1]?.word === 'exists') return [k + 2, true];
  return fail('IF what');
}

function name(ctx: SqlContext, k: number): string {
  return identName(ctx.toks[k]) ?? fail(`a name was expected at "${ctx.toks[k]?.text ?? 'the end'}"`);
}

/** MODIFY / CHANGE: the column restated whole, as alterColumn with every property said. */
function restated(ctx: SqlContext, col: ColumnRead, table: string, schema: string | undefined, oldName: string): ActionResult {
  const d = col.def;
  if (d.check !== undefined) fail('a CHECK restated with the column');
  const op: UserOp = {
    kind: 'alterColumn',
    table,
    schema,
    column: oldName,
    type: d.type,
    nullable: d.nullable ?? true,
    serverDefault: d.serverDefault ?? null,
    comment: d.comment ?? null,
    ...(d.name !== oldName ? { newColumnName: d.name } : {}),
  };
  const ops: UserOp[] = [noted(op, { restated: { autoincrement: col.autoincrement } })];
  if (d.primaryKey) ops.push({ kind: 'createPrimaryKey', name: null, table, schema, columns: [d.name] });
  if (d.unique) ops.push({ kind: 'createUniqueConstraint', name: null, table, schema, columns: [d.name] });
  ops.push(...col.items.map((i) => constraintOp(i, table, schema)));
  return { ops, notes: col.notes, spans: col.spans };
}

/** One action in tokens [a, b). */
export function alterAction(ctx: SqlContext, a: number, b: number, table: string, schema: string | undefined, head = ''): ActionResult {
  const t = ctx.toks;
  const w = t[a]?.word;
  const next = t[a + 1]?.word ?? null;
  if (w === 'add') {
    let k = a + 1;
    const column = next === 'column';
    if (column) k++;
    if (!column && next !== null && ELEMENT_WORDS.has(next)) {
      const el = readElement(ctx, k, b);
      if (el.kind === 'index') return { ops: [{ kind: 'createIndex', name: el.item.name, table, schema, columns: el.item.columns, unique: false }], notes: el.notes };
      return { ops: [constraintOp(el.item, table, schema)], notes: el.notes, spans: el.spans };
    }
    if (t[k]?.text === '(') fail('ADD with a list of columns');
    const [start, ifNotExists] = ifClause(ctx, k, true);
    const col = readColumn(ctx, start, b);
    const def = col.def.primaryKey ? { ...col.def, primaryKey: false } : col.def;
    const ops: UserOp[] = [noted({ kind: 'addColumn', table, schema, column: def }, { ifNotExists })];
    // a key declared with the added column is a constraint added after it
    if (col.def.primaryKey) ops.push({ kind: 'createPrimaryKey', name: null, table, schema, columns: [def.name] });
    ops.push(...col.items.map((i) => constraintOp(i, table, schema)));
    return { ops, notes: col.notes, spans: col.spans };
  }
  if (w === 'drop') {
    // DROP <what> [IF EXISTS] name: read here in full (node-sql-parser lacks the IF EXISTS forms)
    const dropped = (k: number, op: UserOp): ActionResult => {
      const end = ['restrict', 'cascade'].includes(t[k + 1]?.word ?? '') ? k + 2 : k + 1;
      if (end !== b) fail(`unexpected words after DROP ... ${t[k]!.text}`);
      return { ops: [op], notes: [], exact: true };
    };
    if (next === 'primary' && t[a + 2]?.word === 'key') {
      if (a + 3 !== b) fail('unexpected words after DROP PRIMARY KEY');
      return { ops: [editOp(head + slice(ctx, a, b), { kind: 'dropPrimaryKey', table, schema })], notes: [], exact: true };
    }
    if (next === 'foreign' && t[a + 2]?.word === 'key') {
      const [k, ifExists] = ifClause(ctx, a + 3, false);
      return dropped(k, noted({ kind: 'dropConstraint', name: name(ctx, k), table, schema, type: 'foreignkey' }, { ifExists }));
    }
    if (next === 'index' || next === 'key') {
      const [k, ifExists] = ifClause(ctx, a + 2, false);
      return dropped(k, { kind: 'dropIndex', name: name(ctx, k), table, schema, ...(ifExists ? { ifExists } : {}) });
    }
    if (next === 'check' || next === 'constraint') {
      const [k, ifExists] = ifClause(ctx, a + 2, false);
      return dropped(k, noted({ kind: 'dropConstraint', name: name(ctx, k), table, schema, ...(next === 'check' ? { type: 'check' as const } : {}) }, { ifExists }));
    }
    // (MySQL accepts RESTRICT / CASCADE here and does nothing with them)
    const [k, ifExists] = ifClause(ctx, next === 'column' ? a + 2 : a + 1, false);
    return dropped(k, noted({ kind: 'dropColumn', table, schema, column: name(ctx, k) }, { ifExists }));
  }
  if (w === 'modify' || w === 'change') {
    let k = a + 1;
    if (t[k]?.word === 'column') k++;
    [k] = ifClause(ctx, k, false);
    const oldName = w === 'change' ? name(ctx, k) : null;
    const col = readColumn(ctx, w === 'change' ? k + 1 : k, b);
    return restated(ctx, col, table, schema, oldName ?? col.def.name);
  }
  if (w === 'alter') {
    let k = a + 1;
    if (next === 'index' || next === 'check' || next === 'constraint') return { ops: [], notes: [] };
    if (next === 'column') k++;
    const column = name(ctx, k);
    const verb = `${t[k + 1]?.word ?? ''} ${t[k + 2]?.word ?? ''}`;
    if (verb === 'drop default' && k + 3 === b) return { ops: [{ kind: 'alterColumn', table, schema, column, serverDefault: null }], notes: [], exact: true };
    if (verb === 'set default' && k + 3 < b) {
      const text = slice(ctx, k + 3, b);
      // a literal, or an expression in parentheses (https://dev.mysql.com/doc/refman/8.0/en/alter-table.html)
      const single = k + 4 === b || (t[k + 3]!.text === '(' && b - 1 === closing(t, k + 3)) || (k + 5 === b && ['-', '+'].includes(t[k + 3]!.text));
      if (!single) fail(`SET DEFAULT ${text}`);
      return { ops: [{ kind: 'alterColumn', table, schema, column, serverDefault: sql.raw(text) }], notes: [], exact: true };
    }
    if (verb === 'set visible' || verb === 'set invisible') return { ops: [], notes: [] };
    return fail(`ALTER COLUMN ${column} ${verb}`);
  }
  if (w === 'rename') {
    if (next === 'column') {
      if (t[a + 3]?.word !== 'to') fail('RENAME COLUMN without TO');
      return { ops: [{ kind: 'alterColumn', table, schema, column: name(ctx, a + 2), newColumnName: name(ctx, a + 4) }], notes: [] };
    }
    if (next === 'index' || next === 'key') {
      if (t[a + 3]?.word !== 'to') fail('RENAME INDEX without TO');
      return { ops: [editOp(head + slice(ctx, a, b), { kind: 'renameIndex', name: name(ctx, a + 2), schema, newName: name(ctx, a + 4) })], notes: [] };
    }
    const k = next === 'to' || next === 'as' ? a + 2 : a + 1;
    const target = identName(t[k]);
    if (target === null || k + 1 !== b) fail('RENAME to what');
    return { ops: [{ kind: 'renameTable', table, schema, newName: target }], notes: [] };
  }
  if (w === 'comment') {
    const k = t[a + 1]?.text === '=' ? a + 2 : a + 1;
    if (t[k]?.kind !== 'string') fail('COMMENT without a string');
    return { ops: [{ kind: 'createTableComment', table, schema, comment: stringValue(t[k]!, ctx.flavor) }], notes: [] };
  }
  if (w === 'convert') fail('CONVERT TO CHARACTER SET changes the type of every text column');
  if (w === 'default' || w === 'charset' || w === 'character' || w === 'collate' || (w !== null && w !== undefined && UNTRACKED.has(w))) return { ops: [], notes: [] };
  return fail(`the action "${slice(ctx, a, Math.min(b, a + 4))}"`);
}
