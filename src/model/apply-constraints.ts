/**
 * Constraint and index ops on the schema model.
 */
import { modelError } from '../errors.js';
import type {
  CreateCheckConstraintOp,
  CreateForeignKeyOp,
  CreateIndexOp,
  CreatePrimaryKeyOp,
  CreateUniqueConstraintOp,
  DropConstraintOp,
  DropIndexOp,
} from '../ops/index.js';
import type { ConstraintItem } from '../record/types.js';
import type { OpInfo } from './apply.js';
import { nameConstraint, nameIndex } from './columns.js';
import type { SchemaModel } from './schema.js';
import type { ConstraintState, IndexState, TableState } from './state.js';
import { constraintColumns, findColumn, isImplicitIndex, primaryKey, tableKey } from './state.js';

const TYPE_OF: Record<ConstraintState['kind'], NonNullable<DropConstraintOp['type']>> = {
  primaryKey: 'primary',
  unique: 'unique',
  foreignKey: 'foreignkey',
  check: 'check',
};

export function applyIndexOp(model: SchemaModel, op: CreateIndexOp | DropIndexOp): OpInfo {
  if (op.kind === 'createIndex') {
    const before = model.requireTable(op.table, op.schema);
    for (const c of op.columns) {
      if (typeof c === 'string' && !findColumn(before, c)) throw modelError(`index column ${op.table}.${c} does not exist`);
    }
    const index = nameIndex(model, before, { kind: 'index', name: op.name, columns: op.columns, unique: op.unique, where: op.where, using: op.using });
    // the database's own index for a foreign key is not in the name registry (its name is the table's only)
    const own = before.indexes.find((i) => i.name === index.name && isImplicitIndex(i));
    const exists = model.findIndexTable(index.name, op.schema) !== undefined;
    if (op.ifNotExists && (exists || own)) return { tableBefore: before, tableAfter: before, index };
    if (exists) throw modelError(`index ${index.name} already exists`);
    const after = settleIndexes(model, before, { ...before, indexes: [...before.indexes, index] });
    // a new index that serves the foreign key replaces the database's one of that name; any other clashes with it
    if (own && after.indexes.includes(own)) {
      throw modelError(`index ${index.name} already exists on table ${op.table}: the database made it for ${foreignKeysServed(before, own)}`);
    }
    model.putTable(after);
    return { tableBefore: before, tableAfter: after, index };
  }
  const before = op.table ? model.getTable(op.table, op.schema) : model.findIndexTable(op.name, op.schema);
  const index = before?.indexes.find((i) => i.name === op.name);
  if (!before || !index) {
    if (op.ifExists) return {};
    if (op.table && !before) throw modelError(`table ${tableKey(op.table, op.schema)} does not exist`);
    throw modelError(`index ${op.name} does not exist${op.table ? ` on table ${op.table}` : ''}`);
  }
  if (isImplicitIndex(index)) {
    // InnoDB: error 1553, "needed in a foreign key constraint"; the index goes with the foreign key
    throw modelError(`index ${op.name} of table ${before.name} is the one the database made for ${foreignKeysServed(before, index)}: it cannot be dropped while the foreign key needs it; drop the foreign key instead`);
  }
  const after = settleIndexes(model, before, { ...before, indexes: before.indexes.filter((i) => i !== index) });
  model.putTable(after);
  return { tableBefore: before, tableAfter: after, index };
}

/** `foreign key a` / `foreign keys a, b`: those of the table whose columns lead the index. */
function foreignKeysServed(table: TableState, index: IndexState): string {
  const names = table.constraints
    .filter((c) => c.kind === 'foreignKey' && c.columns.every((col, i) => index.columns[i] === col))
    .map((c) => c.name ?? '(unnamed)');
  return `foreign key${names.length > 1 ? 's' : ''} ${names.join(', ')}`;
}

/**
 * The table after an op changed `before` (undefined: a new table) into
 * `after`, with the indexes the database keeps for foreign keys: made by
 * itself, dropped when another index serves the key, re-created by a drop
 * that would leave a key without one (MySQL; see
 * ModelDialect.settleForeignKeyIndexes). Elsewhere, `after`.
 */
export function settleIndexes(model: SchemaModel, before: TableState | undefined, after: TableState): TableState {
  const settle = model.dialect.settleForeignKeyIndexes;
  return settle ? settle(before, after) : after;
}

type ConstraintOp = CreatePrimaryKeyOp | CreateUniqueConstraintOp | CreateForeignKeyOp | CreateCheckConstraintOp | DropConstraintOp;

function itemOf(op: Exclude<ConstraintOp, DropConstraintOp>): ConstraintItem {
  switch (op.kind) {
    case 'createPrimaryKey':
      return { kind: 'primaryKey', name: op.name, columns: op.columns };
    case 'createUniqueConstraint':
      return { kind: 'unique', name: op.name, columns: op.columns, deferrable: op.deferrable, initially: op.initially };
    case 'createForeignKey':
      return {
        kind: 'foreignKey',
        name: op.name,
        columns: op.columns,
        refSchema: op.refSchema,
        refTable: op.refTable,
        refColumns: op.refColumns,
        onDelete: op.onDelete,
        onUpdate: op.onUpdate,
        deferrable: op.deferrable,
        initially: op.initially,
        match: op.match,
      };
    case 'createCheckConstraint':
      return { kind: 'check', name: op.name, condition: op.condition };
  }
}

export function applyConstraintOp(
  model: SchemaModel,
  op: ConstraintOp,
  checkReference: (model: SchemaModel, c: ConstraintState, self: TableState) => void,
): OpInfo {
  const before = model.requireTable(op.table, op.schema);
  if (op.kind === 'dropConstraint') {
    const found = before.constraints.find((c) => c.name === op.name);
    if (!found) throw modelError(`constraint ${op.name} does not exist on table ${tableKey(op.table, op.schema)}`);
    if (op.type && TYPE_OF[found.kind] !== op.type) {
      throw modelError(`constraint ${op.name} on ${op.table} is a ${TYPE_OF[found.kind]} constraint, not ${op.type}`);
    }
    const after = settleIndexes(model, before, { ...before, constraints: before.constraints.filter((c) => c !== found) });
    model.putTable(after);
    return { tableBefore: before, tableAfter: after, constraint: found };
  }
  const item = itemOf(op);
  const constraint = nameConstraint(model, before, item);
  for (const col of constraintColumns(constraint)) {
    if (!findColumn(before, col)) throw modelError(`column ${op.table}.${col} does not exist`);
  }
  if (constraint.kind === 'primaryKey' && primaryKey(before)) throw modelError(`table ${op.table} already has a primary key`);
  if (constraint.name !== null && before.constraints.some((c) => c.name === constraint.name)) {
    throw modelError(`constraint ${constraint.name} already exists on table ${op.table}`);
  }
  checkReference(model, constraint, before);
  const constraints = constraint.kind === 'primaryKey' ? [constraint, ...before.constraints] : [...before.constraints, constraint];
  let columns = before.columns;
  if (constraint.kind === 'primaryKey') {
    // key columns become NOT NULL, as the database makes them
    columns = columns.map((c) => (constraint.columns.includes(c.name) ? { ...c, nullable: false } : c));
  }
  // a foreign key gets the database's index when none serves it; a key that serves one replaces it
  const after = settleIndexes(model, before, { ...before, columns, constraints });
  model.putTable(after);
  return { tableBefore: before, tableAfter: after, constraint };
}
