/**
 * Applying the ops a DDL parser made of raw SQL (`execute.modelOps`). They
 * differ from ops a revision records in what the model must supply:
 *
 * - Names are the database's: a naming convention applies to constraints
 *   the revision declares through gensql, never to names written in raw SQL
 *   or left to the database by it.
 * - A column type the parser kept as written may name an enum type the
 *   model knows (PostgreSQL `status mood`): it becomes that enum.
 * - `REFERENCES parent` without columns means the parent's primary key.
 * - An op about a table, index, enum or sequence the model does not know is
 *   skipped: the raw SQL is emitted as written either way (and validated),
 *   and what the model never knew it cannot change. Such objects come from
 *   statements the parser reported it could not follow, or live outside the
 *   migrations (other schemas, temporary tables).
 * - Notes (notes.ts): IF [NOT] EXISTS, CASCADE, and model edits no op says.
 */
import type { UserOp } from '../../ops/index.js';
import type { ColumnDef, ForeignKeyItem, SqlType, TableItem } from '../../record/types.js';
import type { OpInfo } from '../apply.js';
import type { SchemaModel } from '../schema.js';
import { findColumn, primaryKey, type EnumState, type TableState } from '../state.js';
import { noteOf, type ModelEdit } from './notes.js';

export type ApplyOp = (model: SchemaModel, op: UserOp) => OpInfo;

/** Applies what raw SQL did, in order (see above). */
export function applyRawDdl(model: SchemaModel, ops: readonly UserOp[], apply: ApplyOp): void {
  if (ops.length === 0) return;
  model.withoutNamingConvention(() => {
    for (const op of ops) applyOne(model, op, apply);
  });
}

function applyOne(model: SchemaModel, op: UserOp, apply: ApplyOp): void {
  const note = noteOf(op) ?? {};
  if (note.edit) {
    applyEdit(model, note.edit, apply);
    return;
  }
  if (!targetKnown(model, op)) return;
  if (note.ifExists && !objectExists(model, op)) return;
  if (note.ifNotExists && objectExists(model, op)) return;
  if (note.cascade) dropDependents(model, op, apply);
  const resolved = resolve(model, op);
  if (note.restated && resolved.kind === 'alterColumn') {
    restate(model, resolved, note.restated.autoincrement, apply);
    return;
  }
  apply(model, resolved);
}

/**
 * MySQL MODIFY / CHANGE: a primary-key column stays NOT NULL (the server
 * makes it so), and AUTO_INCREMENT is whatever the statement says.
 */
function restate(model: SchemaModel, op: Extract<UserOp, { kind: 'alterColumn' }>, autoincrement: boolean, apply: ApplyOp): void {
  const inKey = primaryKey(model.requireTable(op.table, op.schema))?.columns.includes(op.column) ?? false;
  apply(model, inKey && op.nullable === true ? { ...op, nullable: false } : op);
  const table = model.requireTable(op.table, op.schema);
  const name = op.newColumnName ?? op.column;
  model.putTable({ ...table, columns: table.columns.map((c) => (c.name === name ? { ...c, autoincrement } : c)) });
}

/** Whether the model knows the table (or index, enum, sequence) the op works on. */
function targetKnown(model: SchemaModel, op: UserOp): boolean {
  switch (op.kind) {
    case 'createTable':
    case 'createEnum':
    case 'createSequence':
    case 'execute':
      return true;
    case 'dropIndex':
      return op.table ? model.getTable(op.table, op.schema) !== undefined : model.findIndexTable(op.name, op.schema) !== undefined;
    case 'dropEnum':
      // DROP TYPE also drops composite, range and domain types, which the model does not track
      return !model.dialect.enumTypes || model.getEnum(op.name, op.schema) !== undefined;
    case 'dropSequence':
      // and DROP SEQUENCE the sequences behind SERIAL columns
      return model.getSequence(op.name, op.schema) !== undefined;
    default:
      return model.getTable(op.table, op.schema) !== undefined;
  }
}

/** For IF [NOT] EXISTS: whether the op's own object (column, constraint, sequence, ...) exists. */
function objectExists(model: SchemaModel, op: UserOp): boolean {
  switch (op.kind) {
    case 'addColumn':
      return findColumn(model.requireTable(op.table, op.schema), op.column.name) !== undefined;
    case 'dropColumn':
      return findColumn(model.requireTable(op.table, op.schema), op.column) !== undefined;
    case 'dropConstraint':
      return model.requireTable(op.table, op.schema).constraints.some((c) => c.name === op.name);
    case 'createSequence':
    case 'dropSequence':
      return model.getSequence(op.name, op.schema) !== undefined;
    default:
      return true;
  }
}

/** CASCADE: foreign keys of other tables on what goes; with an enum type, the columns of that type. */
function dropDependents(model: SchemaModel, op: UserOp, apply: ApplyOp): void {
  if (op.kind === 'dropEnum') {
    for (const t of model.allTables()) {
      for (const c of t.columns) {
        if (c.type.kind === 'enum' && c.type.name === op.name && (c.type.schema ?? undefined) === op.schema) {
          apply(model, { kind: 'dropColumn', table: t.name, schema: t.schema, column: c.name });
        }
      }
    }
    return;
  }
  if (op.kind !== 'dropTable' && op.kind !== 'dropColumn') return;
  const column = op.kind === 'dropColumn' ? op.column : null;
  for (const t of model.allTables()) {
    if (t.name === op.table && t.schema === op.schema) continue;
    for (const c of t.constraints) {
      if (c.kind !== 'foreignKey' || c.refTable !== op.table || (c.refSchema ?? t.schema) !== op.schema || c.name === null) continue;
      if (column !== null && !c.refColumns.includes(column)) continue;
      apply(model, { kind: 'dropConstraint', name: c.name, table: t.name, schema: t.schema });
    }
  }
}

const IDENT = '("(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_$]*)';
const TYPE_NAME = new RegExp(`^\\s*(?:${IDENT}\\s*\\.\\s*)?${IDENT}\\s*$`);

function unquote(part: string): string {
  return part.startsWith('"') ? part.slice(1, -1).replace(/""/g, '"') : part.toLowerCase();
}

/** A type written as a bare (qualified) name that is an enum type of the model becomes that enum. */
function enumOf(model: SchemaModel, type: SqlType): SqlType {
  if (type.kind !== 'custom' || !model.dialect.enumTypes) return type;
  const m = TYPE_NAME.exec(type.sql);
  if (!m) return type;
  const name = unquote(m[2]!);
  const schema = m[1] === undefined ? undefined : unquote(m[1]);
  const found = model.getEnum(name, schema === 'public' ? undefined : schema);
  return found ? { kind: 'enum', name: found.name, schema: found.schema, values: found.values } : type;
}

function resolveColumn(model: SchemaModel, def: ColumnDef): ColumnDef {
  const type = enumOf(model, def.type);
  return type === def.type ? def : { ...def, type };
}

/** `REFERENCES parent` without columns: the parent's primary key (left empty when the model cannot know it). */
function referencedKey(model: SchemaModel, table: string, schema: string | undefined, self?: { name: string; schema?: string; items: readonly TableItem[] }): readonly string[] {
  if (self && self.name === table && self.schema === schema) {
    const pk = self.items.find((i) => i.kind === 'primaryKey');
    if (pk && pk.kind === 'primaryKey') return pk.columns;
    return self.items.filter((i): i is ColumnDef => i.kind === 'column' && i.primaryKey).map((c) => c.name);
  }
  const target: TableState | undefined = model.getTable(table, schema);
  return target ? primaryKey(target)?.columns ?? [] : [];
}

function resolve(model: SchemaModel, op: UserOp): UserOp {
  switch (op.kind) {
    case 'createTable': {
      const items = op.items.map((item): TableItem => {
        if (item.kind === 'column') return resolveColumn(model, item);
        if (item.kind === 'foreignKey' && item.refColumns.length === 0) {
          const refColumns = referencedKey(model, item.refTable, item.refSchema ?? op.schema, { name: op.table, schema: op.schema, items: op.items });
          return { ...item, refColumns } satisfies ForeignKeyItem;
        }
        return item;
      });
      return { ...op, items };
    }
    case 'addColumn':
      return { ...op, column: resolveColumn(model, op.column) };
    case 'alterColumn':
      return op.type ? { ...op, type: enumOf(model, op.type) } : op;
    case 'createForeignKey':
      return op.refColumns.length > 0 ? op : { ...op, refColumns: referencedKey(model, op.refTable, op.refSchema ?? op.schema) };
    case 'dropIndex': {
      // MySQL: DROP INDEX also drops a unique constraint (it is an index there)
      const t = op.table ? model.getTable(op.table, op.schema) : undefined;
      if (!t || t.indexes.some((i) => i.name === op.name)) return op;
      const c = t.constraints.find((x) => x.name === op.name && x.kind === 'unique');
      return c ? { kind: 'dropConstraint', name: op.name, table: t.name, schema: t.schema, type: 'unique' } : op;
    }
    default:
      return op;
  }
}

/** Columns carry their enum type's name and values: keep them in step with the type. */
function retypeEnumColumns(model: SchemaModel, e: EnumState, change: { name?: string; values?: readonly string[] }): void {
  const isIt = (type: SqlType): boolean => type.kind === 'enum' && type.name === e.name && type.schema === e.schema;
  for (const t of model.allTables()) {
    if (!t.columns.some((c) => isIt(c.type))) continue;
    model.putTable({ ...t, columns: t.columns.map((c) => (c.type.kind === 'enum' && isIt(c.type) ? { ...c, type: { ...c.type, ...change } } : c)) });
  }
}

function applyEdit(model: SchemaModel, edit: ModelEdit, apply: ApplyOp): void {
  switch (edit.kind) {
    case 'addEnumValue':
    case 'renameEnumValue': {
      const e = model.getEnum(edit.name, edit.schema);
      if (!e) return;
      let values: string[];
      if (edit.kind === 'renameEnumValue') values = e.values.map((v) => (v === edit.from ? edit.to : v));
      else if (e.values.includes(edit.value)) return;
      else {
        values = [...e.values];
        const at = edit.neighbor === undefined ? -1 : values.indexOf(edit.neighbor);
        if (at < 0) values.push(edit.value);
        else values.splice(edit.after ? at + 1 : at, 0, edit.value);
      }
      model.putEnum({ ...e, values });
      retypeEnumColumns(model, e, { values });
      return;
    }
    case 'renameEnum': {
      const e = model.getEnum(edit.name, edit.schema);
      if (!e) return;
      model.deleteEnum(e.name, e.schema);
      model.putEnum({ ...e, name: edit.newName });
      retypeEnumColumns(model, e, { name: edit.newName });
      return;
    }
    case 'renameSequence': {
      const s = model.getSequence(edit.name, edit.schema);
      if (!s) return;
      model.deleteSequence(s.name, s.schema);
      model.putSequence({ ...s, name: edit.newName });
      return;
    }
    case 'renameIndex': {
      const t = model.findIndexTable(edit.name, edit.schema);
      if (t) {
        model.putTable({ ...t, indexes: t.indexes.map((i) => (i.name === edit.name ? { ...i, name: edit.newName } : i)) });
        return;
      }
      // PostgreSQL: the index behind a primary key or unique constraint carries the constraint's name, and renaming one renames both
      const owner = model.allTables().find((x) => x.schema === edit.schema && x.constraints.some((c) => c.name === edit.name && (c.kind === 'primaryKey' || c.kind === 'unique')));
      if (owner) applyEdit(model, { kind: 'renameConstraint', table: owner.name, schema: owner.schema, name: edit.name, newName: edit.newName }, apply);
      return;
    }
    case 'dropPrimaryKey': {
      const t = model.getTable(edit.table, edit.schema);
      const pk = t ? primaryKey(t) : undefined;
      if (t && pk?.name) apply(model, { kind: 'dropConstraint', name: pk.name, table: t.name, schema: t.schema, type: 'primary' });
      return;
    }
    case 'renameConstraint': {
      const t = model.getTable(edit.table, edit.schema);
      if (!t || !t.constraints.some((c) => c.name === edit.name)) return;
      model.putTable({ ...t, constraints: t.constraints.map((c) => (c.name === edit.name ? { ...c, name: edit.newName, explicit: true } : c)) });
      return;
    }
  }
}
