/**
 * How each recorded op changes the schema model. `applyOp` checks that the
 * op can apply (the table, column, constraint or index it needs exists; a
 * new one does not clash), changes the model, and returns what renderers
 * need to know (the states before and after, resolved names, enum types to
 * create first). A problem throws a model error before any SQL is written.
 */
import { modelError } from '../errors.js';
import type { BatchOp, UserOp } from '../ops/index.js';
import type {
  AddColumnOp,
  AlterColumnOp,
  CreateTableOp,
  DropColumnOp,
  RenameTableOp,
} from '../ops/index.js';
import type { ColumnDef, SqlType } from '../record/types.js';
import { columnItems, columnState, nameConstraint, nameIndex } from './columns.js';
import { applyConstraintOp, applyIndexOp, settleIndexes } from './apply-constraints.js';
import { applyRawDdl } from './ddl/apply-raw.js';
import type { SchemaModel } from './schema.js';
import type { ColumnState, ConstraintState, EnumState, IndexState, TableState } from './state.js';
import { constraintColumns, findColumn, tableKey } from './state.js';

export interface OpInfo {
  readonly tableBefore?: TableState;
  readonly tableAfter?: TableState;
  readonly columnBefore?: ColumnState;
  readonly columnAfter?: ColumnState;
  /** the constraint created or dropped, with its resolved name and type */
  readonly constraint?: ConstraintState;
  /** the index created or dropped, with its resolved name */
  readonly index?: IndexState;
  /** enum types the op needs that do not exist yet (created first on PostgreSQL) */
  readonly newEnums?: readonly EnumState[];
  /** constraints and indexes dropped along with a column */
  readonly dropped?: { readonly constraints: readonly ConstraintState[]; readonly indexes: readonly IndexState[] };
  /** for a batch: the info of each inner op, in order */
  readonly inner?: readonly OpInfo[];
}

function requireColumn(table: TableState, name: string): ColumnState {
  const c = findColumn(table, name);
  if (!c) throw modelError(`column ${tableKey(table.name, table.schema)}.${name} does not exist in the schema model`);
  return c;
}

/** Named enum types used by these types that the model does not have yet (registers them). */
function enumsToCreate(model: SchemaModel, types: readonly SqlType[]): EnumState[] {
  if (!model.dialect.enumTypes) return [];
  const out: EnumState[] = [];
  for (const type of types) {
    if (type.kind !== 'enum' || model.getEnum(type.name, type.schema)) continue;
    const e: EnumState = { name: type.name, schema: type.schema, values: type.values };
    model.putEnum(e);
    out.push(e);
  }
  return out;
}

function checkReference(model: SchemaModel, c: ConstraintState, self: TableState): void {
  if (c.kind !== 'foreignKey') return;
  const refSchema = c.refSchema ?? undefined;
  const target = c.refTable === self.name && refSchema === self.schema ? self : model.getTable(c.refTable, refSchema);
  if (!target) throw modelError(`foreign key ${c.name ?? '(unnamed)'} references table ${tableKey(c.refTable, refSchema)}, which does not exist`);
  for (const col of c.refColumns) requireColumn(target, col);
}

function createTable(model: SchemaModel, op: CreateTableOp): OpInfo {
  const existing = model.getTable(op.table, op.schema);
  if (existing) {
    if (op.ifNotExists) return { tableBefore: existing, tableAfter: existing };
    throw modelError(`table ${tableKey(op.table, op.schema)} already exists`);
  }
  const defs = op.items.filter((i): i is ColumnDef => i.kind === 'column');
  const seen = new Set<string>();
  for (const d of defs) {
    if (seen.has(d.name)) throw modelError(`column '${d.name}' appears twice in table ${op.table}`);
    seen.add(d.name);
  }
  const pkItems = op.items.filter((i) => i.kind === 'primaryKey');
  if (pkItems.length > 1) throw modelError(`table ${op.table} has more than one primaryKeyConstraint`);
  const flagged = defs.filter((d) => d.primaryKey).map((d) => d.name);
  const pkItem = pkItems[0];
  if (pkItem && flagged.length > 0 && pkItem.columns.join() !== flagged.join()) {
    throw modelError(`table ${op.table}: primaryKeyConstraint(${pkItem.columns.join(', ')}) disagrees with the columns marked primaryKey (${flagged.join(', ')})`);
  }
  const pkCols = pkItem ? pkItem.columns : flagged;
  for (const c of pkCols) if (!seen.has(c)) throw modelError(`table ${op.table}: primary key column '${c}' is not a column of the table`);
  let table: TableState = {
    schema: op.schema,
    name: op.table,
    columns: defs.map((d) => columnState(d, pkCols)),
    constraints: [],
    indexes: [],
    comment: op.comment,
  };
  const newEnums = enumsToCreate(model, defs.map((d) => d.type));
  const addConstraint = (c: ConstraintState): void => {
    for (const col of constraintColumns(c)) if (!seen.has(col)) throw modelError(`table ${op.table}: constraint ${c.name ?? ''} names column '${col}', which is not in the table`);
    table = { ...table, constraints: [...table.constraints, c] };
  };
  if (pkCols.length > 0) addConstraint(nameConstraint(model, table, { kind: 'primaryKey', name: pkItem?.name ?? null, columns: pkCols }));
  for (const item of op.items) {
    if (item.kind === 'unique' || item.kind === 'foreignKey' || item.kind === 'check') addConstraint(nameConstraint(model, table, item));
  }
  const indexes: IndexState[] = [];
  for (const d of defs) {
    const implied = columnItems(model, table, d);
    implied.constraints.forEach(addConstraint);
    indexes.push(...implied.indexes);
  }
  for (const item of op.items) if (item.kind === 'index') indexes.push(nameIndex(model, table, item));
  for (const ix of indexes) {
    if (model.findIndexTable(ix.name, op.schema) || indexes.filter((i) => i.name === ix.name).length > 1) {
      throw modelError(`index ${ix.name} already exists`);
    }
  }
  table = { ...table, indexes };
  for (const c of table.constraints) checkReference(model, c, table);
  // the indexes the database makes for foreign keys no index serves (MySQL)
  table = settleIndexes(model, undefined, table);
  model.putTable(table);
  return { tableAfter: table, newEnums };
}

function dropTable(model: SchemaModel, op: { table: string; schema?: string; ifExists?: boolean }): OpInfo {
  const table = model.getTable(op.table, op.schema);
  if (!table) {
    if (op.ifExists) return {};
    throw modelError(`table ${tableKey(op.table, op.schema)} does not exist`);
  }
  const referencing = model.referencingTables(op.table, op.schema);
  if (referencing.length > 0) {
    throw modelError(`table ${tableKey(op.table, op.schema)} is referenced by foreign keys of ${referencing.map((t) => tableKey(t.name, t.schema)).join(', ')}; drop those first`);
  }
  model.deleteTable(op.table, op.schema);
  return { tableBefore: table };
}

function renameTable(model: SchemaModel, op: RenameTableOp): OpInfo {
  const table = model.requireTable(op.table, op.schema);
  if (model.getTable(op.newName, op.schema)) throw modelError(`cannot rename ${op.table} to ${op.newName}: table ${op.newName} already exists`);
  const renamed = model.dialect.renamedConstraintName;
  const constraints = renamed
    ? table.constraints.map((c) => {
        const name = c.name === null ? null : renamed(c, op.table, op.newName);
        return name === null || name === c.name ? c : { ...c, name };
      })
    : table.constraints;
  const after: TableState = { ...table, name: op.newName, constraints };
  model.deleteTable(op.table, op.schema);
  model.putTable(after);
  // foreign keys elsewhere follow the table
  for (const t of model.allTables()) {
    if (!t.constraints.some((c) => c.kind === 'foreignKey' && c.refTable === op.table && (c.refSchema ?? t.schema) === op.schema)) continue;
    model.putTable({
      ...t,
      constraints: t.constraints.map((c) => (c.kind === 'foreignKey' && c.refTable === op.table ? { ...c, refTable: op.newName } : c)),
    });
  }
  return { tableBefore: table, tableAfter: model.requireTable(op.newName, op.schema) };
}

function addColumn(model: SchemaModel, op: AddColumnOp): OpInfo {
  const before = model.requireTable(op.table, op.schema);
  const def = op.column;
  if (findColumn(before, def.name)) throw modelError(`column ${op.table}.${def.name} already exists`);
  const pkCols = def.primaryKey ? [def.name] : [];
  const column = columnState(def, pkCols);
  let table: TableState = { ...before, columns: [...before.columns, column] };
  const newEnums = enumsToCreate(model, [def.type]);
  const implied = columnItems(model, table, def);
  for (const c of implied.constraints) checkReference(model, c, table);
  for (const ix of implied.indexes) if (model.findIndexTable(ix.name, op.schema)) throw modelError(`index ${ix.name} already exists`);
  table = settleIndexes(model, before, { ...table, constraints: [...table.constraints, ...implied.constraints], indexes: [...table.indexes, ...implied.indexes] });
  model.putTable(table);
  return { tableBefore: before, tableAfter: table, columnAfter: column, newEnums };
}

function dropColumn(model: SchemaModel, op: DropColumnOp): OpInfo {
  const before = model.requireTable(op.table, op.schema);
  const column = requireColumn(before, op.column);
  if (before.columns.length === 1) throw modelError(`cannot drop ${op.table}.${op.column}: it is the table's only column`);
  // as PostgreSQL does: indexes and constraints over the column go with it
  const involves = (cols: readonly unknown[]): boolean => cols.includes(op.column);
  const droppedConstraints = before.constraints.filter((c) => involves(constraintColumns(c)));
  const droppedIndexes = before.indexes.filter((i) => involves(i.columns));
  const referencing = model
    .allTables()
    .filter((t) => t.constraints.some((c) => c.kind === 'foreignKey' && c.refTable === before.name && (c.refSchema ?? t.schema) === before.schema && c.refColumns.includes(op.column)));
  if (referencing.length > 0) {
    throw modelError(`cannot drop ${op.table}.${op.column}: foreign keys of ${referencing.map((t) => t.name).join(', ')} reference it`);
  }
  const after = settleIndexes(model, before, {
    ...before,
    columns: before.columns.filter((c) => c.name !== op.column),
    constraints: before.constraints.filter((c) => !droppedConstraints.includes(c)),
    indexes: before.indexes.filter((i) => !droppedIndexes.includes(i)),
  });
  model.putTable(after);
  return { tableBefore: before, tableAfter: after, columnBefore: column, dropped: { constraints: droppedConstraints, indexes: droppedIndexes } };
}

function alterColumn(model: SchemaModel, op: AlterColumnOp): OpInfo {
  const before = model.requireTable(op.table, op.schema);
  const found = requireColumn(before, op.column);
  // explicit existing* hints win over what the model knows
  const current: ColumnState = {
    ...found,
    type: op.existingType ?? found.type,
    nullable: op.existingNullable ?? found.nullable,
    serverDefault: op.existingServerDefault === undefined ? found.serverDefault : op.existingServerDefault ?? undefined,
    comment: op.existingComment === undefined ? found.comment : op.existingComment ?? undefined,
  };
  const newName = op.newColumnName ?? current.name;
  if (newName !== current.name && findColumn(before, newName)) throw modelError(`cannot rename ${op.table}.${op.column} to ${newName}: the column exists`);
  const after: ColumnState = {
    ...current,
    name: newName,
    type: op.type ?? current.type,
    nullable: op.nullable ?? current.nullable,
    serverDefault: op.serverDefault === undefined ? current.serverDefault : op.serverDefault ?? undefined,
    comment: op.comment === undefined ? current.comment : op.comment ?? undefined,
  };
  const newEnums = op.type ? enumsToCreate(model, [op.type]) : [];
  const rename = (cols: readonly string[]): string[] => cols.map((c) => (c === op.column ? newName : c));
  const table: TableState = {
    ...before,
    columns: before.columns.map((c) => (c.name === op.column ? after : c)),
    constraints: before.constraints.map((c): ConstraintState => {
      if (c.kind === 'check') return c.column === op.column ? { ...c, column: newName } : c;
      return { ...c, columns: rename(c.columns) } as ConstraintState;
    }),
    indexes: before.indexes.map((i) => ({ ...i, columns: i.columns.map((c) => (c === op.column ? newName : c)) })),
  };
  model.putTable(table);
  if (newName !== op.column) {
    for (const t of model.allTables()) {
      if (t === table) continue;
      const touched = t.constraints.some((c) => c.kind === 'foreignKey' && c.refTable === table.name && c.refColumns.includes(op.column));
      if (!touched) continue;
      model.putTable({
        ...t,
        constraints: t.constraints.map((c) => (c.kind === 'foreignKey' && c.refTable === table.name ? { ...c, refColumns: rename(c.refColumns) } : c)),
      });
    }
  }
  return { tableBefore: before, tableAfter: model.requireTable(table.name, table.schema), columnBefore: current, columnAfter: after, newEnums };
}

function tableComment(model: SchemaModel, op: { table: string; schema?: string; comment?: string; existingComment?: string | null }): OpInfo {
  const before = model.requireTable(op.table, op.schema);
  const current = op.existingComment === undefined ? before : { ...before, comment: op.existingComment ?? undefined };
  const after: TableState = { ...before, comment: op.comment };
  model.putTable(after);
  return { tableBefore: current, tableAfter: after };
}

function applyBatch(model: SchemaModel, op: { table: string; schema?: string; ops: readonly BatchOp[] }): OpInfo {
  const before = model.requireTable(op.table, op.schema);
  const inner = op.ops.map((o) => applyOp(model, o));
  return { tableBefore: before, tableAfter: model.requireTable(op.table, op.schema), inner };
}

/** Applies one op to the model, or throws a model error saying why it cannot. */
export function applyOp(model: SchemaModel, op: UserOp): OpInfo {
  switch (op.kind) {
    case 'createTable':
      return createTable(model, op);
    case 'dropTable':
      return dropTable(model, op);
    case 'renameTable':
      return renameTable(model, op);
    case 'addColumn':
      return addColumn(model, op);
    case 'dropColumn':
      return dropColumn(model, op);
    case 'alterColumn':
      return alterColumn(model, op);
    case 'createTableComment':
      return tableComment(model, op);
    case 'dropTableComment':
      return tableComment(model, { ...op, comment: undefined });
    case 'createIndex':
    case 'dropIndex':
      return applyIndexOp(model, op);
    case 'createPrimaryKey':
    case 'createUniqueConstraint':
    case 'createForeignKey':
    case 'createCheckConstraint':
    case 'dropConstraint':
      return applyConstraintOp(model, op, checkReference);
    case 'bulkInsert': {
      const table = model.requireTable(op.table, op.schema);
      for (const row of op.rows) for (const k of Object.keys(row)) requireColumn(table, k);
      return { tableBefore: table, tableAfter: table };
    }
    case 'batchAlterTable':
      return applyBatch(model, op);
    case 'execute':
      // what the dialect's DDL parser understood of the raw SQL (names as the database gives them; see ddl/apply-raw.ts)
      applyRawDdl(model, op.modelOps ?? [], applyOp);
      return {};
    case 'createEnum': {
      if (!model.dialect.enumTypes) return {};
      const existing = model.getEnum(op.name, op.schema);
      if (existing && !op.ifNotExists) throw modelError(`enum type ${tableKey(op.name, op.schema)} already exists`);
      if (!existing) model.putEnum({ name: op.name, schema: op.schema, values: op.values });
      return {};
    }
    case 'dropEnum': {
      if (!model.dialect.enumTypes) return {};
      if (!model.getEnum(op.name, op.schema) && !op.ifExists) throw modelError(`enum type ${tableKey(op.name, op.schema)} does not exist`);
      model.deleteEnum(op.name, op.schema);
      return {};
    }
    case 'createSequence':
      if (model.getSequence(op.name, op.schema)) throw modelError(`sequence ${tableKey(op.name, op.schema)} already exists`);
      model.putSequence({ name: op.name, schema: op.schema, start: op.start, increment: op.increment });
      return {};
    case 'dropSequence':
      if (!model.getSequence(op.name, op.schema)) throw modelError(`sequence ${tableKey(op.name, op.schema)} does not exist`);
      model.deleteSequence(op.name, op.schema);
      return {};
  }
}

export { requireColumn };
