/**
 * Turning written columns and table items into model state, with
 * SQLAlchemy's rules: nullability defaults, which column auto-increments,
 * the constraints and indexes a column's options imply.
 */
import { renderError } from '../errors.js';
import type { ColumnDef, ConstraintItem, IndexItem, SqlText } from '../record/types.js';
import { fragmentText } from '../record/sql.js';
import { conventionName, defaultIndexName } from './naming.js';
import type { SchemaModel } from './schema.js';
import type { ColumnState, ConstraintState, IndexState, TableState } from './state.js';
import { isIntegerType } from './state.js';

/**
 * SQLAlchemy's `_autoincrement_column`: an integer primary-key column with
 * autoincrement true, or 'auto' when it is the only key column and has no
 * foreign key or server default.
 */
export function isAutoincrement(def: ColumnDef, pkColumns: readonly string[]): boolean {
  if (!pkColumns.includes(def.name) || !isIntegerType(def.type)) return false;
  if (def.autoincrement === true) return true;
  if (def.autoincrement === false) return false;
  return pkColumns.length === 1 && !def.references && def.serverDefault === undefined;
}

export function columnState(def: ColumnDef, pkColumns: readonly string[]): ColumnState {
  const inPk = pkColumns.includes(def.name);
  return {
    name: def.name,
    type: def.type,
    nullable: def.nullable ?? !(inPk || def.identity !== undefined),
    serverDefault: def.serverDefault,
    comment: def.comment,
    identity: def.identity,
    autoincrement: def.identity === undefined && isAutoincrement(def, pkColumns),
  };
}

/** Adds a constraint with its final name (convention, given, or the database's implicit one). */
export function nameConstraint(
  model: SchemaModel,
  table: TableState,
  item: ConstraintItem | (ConstraintItem & { column?: string }),
  extra: Partial<ConstraintState> = {},
): ConstraintState {
  const convention = model.options.namingConvention;
  const key = item.kind === 'primaryKey' ? 'pk' : item.kind === 'unique' ? 'uq' : item.kind === 'foreignKey' ? 'fk' : 'ck';
  const columns = item.kind === 'check' ? [] : item.columns;
  const named = conventionName(convention, {
    key,
    table: table.name,
    columns,
    referredTable: item.kind === 'foreignKey' ? item.refTable : undefined,
    referredColumns: item.kind === 'foreignKey' ? item.refColumns : undefined,
    name: item.name,
  });
  const implicitCols =
    item.kind === 'check' ? ('column' in item && item.column ? [item.column] : referencedColumns(item.condition, table)) : columns;
  const inlineColumn = item.kind === 'check' && 'column' in item ? item.column : undefined;
  const name = named ?? model.dialect.implicitConstraintName(item.kind, table, implicitCols, (n) => model.nameTaken(n, table.schema, table), { inlineColumn });
  const explicit = named !== null;
  switch (item.kind) {
    case 'primaryKey':
      return { kind: 'primaryKey', name, explicit, columns: [...item.columns], ...extra } as ConstraintState;
    case 'unique':
      return { kind: 'unique', name, explicit, columns: [...item.columns], deferrable: item.deferrable, initially: item.initially, ...extra } as ConstraintState;
    case 'foreignKey':
      return {
        kind: 'foreignKey',
        name,
        explicit,
        columns: [...item.columns],
        refSchema: item.refSchema,
        refTable: item.refTable,
        refColumns: [...item.refColumns],
        onDelete: item.onDelete,
        onUpdate: item.onUpdate,
        deferrable: item.deferrable,
        initially: item.initially,
        match: item.match,
        ...extra,
      } as ConstraintState;
    case 'check':
      return { kind: 'check', name, explicit, condition: item.condition, ...extra } as ConstraintState;
  }
}

/** Columns of the table an expression mentions (outside string literals), in order of appearance. */
export function referencedColumns(text: SqlText, table: TableState): string[] {
  const source = fragmentText(text) ?? (typeof text === 'string' ? text : text.strings.join(' '));
  const bare = source.replace(/'([^']|'')*'/g, ' ');
  const found: string[] = [];
  for (const m of bare.matchAll(/"((?:[^"]|"")+)"|([A-Za-z_][A-Za-z0-9_$]*)/g)) {
    const name = m[1] !== undefined ? m[1].replace(/""/g, '"') : m[2]!;
    if (table.columns.some((c) => c.name === name) && !found.includes(name)) found.push(name);
  }
  return found;
}

export function nameIndex(model: SchemaModel, table: TableState, item: IndexItem & { where?: IndexState['where']; using?: string }): IndexState {
  const columns = item.columns.filter((c): c is string => typeof c === 'string');
  const name = conventionName(model.options.namingConvention, { key: 'ix', table: table.name, columns, name: item.name });
  if (name === null) throw renderError(`index on ${table.name} needs a name (or an 'ix' naming convention)`);
  return { name, columns: [...item.columns], unique: item.unique, where: item.where, using: item.using };
}

/** The constraints and index a column's own options imply (unique, references, check, index). */
export function columnItems(
  model: SchemaModel,
  table: TableState,
  def: ColumnDef,
): { constraints: ConstraintState[]; indexes: IndexState[] } {
  const constraints: ConstraintState[] = [];
  const indexes: IndexState[] = [];
  let current = table;
  const add = (c: ConstraintState): void => {
    constraints.push(c);
    current = { ...current, constraints: [...current.constraints, c] };
  };
  if (def.references) {
    const r = def.references;
    add(nameConstraint(model, current, { kind: 'foreignKey', name: null, columns: [def.name], refSchema: r.schema, refTable: r.table, refColumns: [r.column], onDelete: r.onDelete, onUpdate: r.onUpdate }));
  }
  if (def.unique && !def.index) add(nameConstraint(model, current, { kind: 'unique', name: null, columns: [def.name] }));
  if (def.check !== undefined) {
    add(nameConstraint(model, current, { kind: 'check', name: null, condition: def.check, column: def.name }, { column: def.name } as Partial<ConstraintState>));
  }
  if (def.index) {
    indexes.push({ name: defaultIndexName(model.options.namingConvention, table.name, def.name), columns: [def.name], unique: def.unique });
  }
  return { constraints, indexes };
}
