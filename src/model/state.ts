/**
 * The schema model: what exists after the ops replayed so far. Table states
 * are immutable values (an op replaces the table it changes), so a renderer
 * can hold the state before and after an op without copying.
 */
import type {
  IdentityOptions,
  IndexColumn,
  ReferentialAction,
  ServerDefault,
  SqlText,
  SqlType,
} from '../record/types.js';

export interface ColumnState {
  readonly name: string;
  readonly type: SqlType;
  readonly nullable: boolean;
  readonly serverDefault?: ServerDefault;
  readonly comment?: string;
  readonly identity?: IdentityOptions;
  /** the column is the table's auto-incrementing key (SERIAL, AUTO_INCREMENT, IDENTITY) */
  readonly autoincrement: boolean;
}

interface ConstraintBase {
  /** null when the database picks a name nobody can know offline (MSSQL, Oracle, SQLite) */
  readonly name: string | null;
  /** the name was given by the user or a naming convention (not the database's default) */
  readonly explicit: boolean;
}

export interface PrimaryKeyState extends ConstraintBase {
  readonly kind: 'primaryKey';
  readonly columns: readonly string[];
}

export interface UniqueState extends ConstraintBase {
  readonly kind: 'unique';
  readonly columns: readonly string[];
  readonly deferrable?: boolean;
  readonly initially?: 'DEFERRED' | 'IMMEDIATE';
}

export interface ForeignKeyState extends ConstraintBase {
  readonly kind: 'foreignKey';
  readonly columns: readonly string[];
  readonly refSchema?: string;
  readonly refTable: string;
  readonly refColumns: readonly string[];
  readonly onDelete?: ReferentialAction;
  readonly onUpdate?: ReferentialAction;
  readonly deferrable?: boolean;
  readonly initially?: 'DEFERRED' | 'IMMEDIATE';
  readonly match?: 'FULL' | 'PARTIAL' | 'SIMPLE';
}

export interface CheckState extends ConstraintBase {
  readonly kind: 'check';
  readonly condition: SqlText;
  /** a column's inline check (dropped with the column) */
  readonly column?: string;
}

export type ConstraintState = PrimaryKeyState | UniqueState | ForeignKeyState | CheckState;

/**
 * Marks an index the database made by itself for a foreign key (InnoDB's
 * own, see dialects/mysql-model.ts), as opposed to one a revision created.
 *
 * Such an index is part of the schema (SHOW CREATE TABLE lists it like any
 * other), so it is in `TableState.indexes`; but it is never written as SQL,
 * and it lives by the database's rules: it goes when another index serves
 * its foreign key, and it cannot be dropped by name. An index made by hand
 * on the same columns looks the same in the catalog and differs only in
 * those rules, so the mark is a symbol: it is not part of what the index
 * looks like (a schema snapshot, JSON, shows the index the same either way),
 * and spreading an index state (`{ ...ix, name }`) keeps it. A registered
 * symbol, so that the render cache can store a model holding it
 * (src/render-cache.ts).
 */
export const IMPLICIT_INDEX: unique symbol = Symbol.for('gensql.implicitIndex');

export interface IndexState {
  readonly name: string;
  readonly columns: readonly IndexColumn[];
  readonly unique: boolean;
  readonly where?: SqlText;
  readonly using?: string;
  /** the database made this index for a foreign key (see IMPLICIT_INDEX) */
  readonly [IMPLICIT_INDEX]?: true;
}

export interface TableState {
  readonly schema?: string;
  readonly name: string;
  readonly columns: readonly ColumnState[];
  /** primary key first when present, then the others in creation order */
  readonly constraints: readonly ConstraintState[];
  readonly indexes: readonly IndexState[];
  readonly comment?: string;
}

export interface EnumState {
  readonly schema?: string;
  readonly name: string;
  readonly values: readonly string[];
}

export interface SequenceState {
  readonly schema?: string;
  readonly name: string;
  readonly start?: number;
  readonly increment?: number;
}

export function tableKey(name: string, schema?: string): string {
  return schema ? `${schema}.${name}` : name;
}

export function findColumn(table: TableState, name: string): ColumnState | undefined {
  return table.columns.find((c) => c.name === name);
}

/** A column's inline CHECK (written with the column's `check` option). */
export function inlineCheck(table: TableState, column: string): CheckState | undefined {
  return table.constraints.find((c): c is CheckState => c.kind === 'check' && c.column === column);
}

export function primaryKey(table: TableState): PrimaryKeyState | undefined {
  return table.constraints.find((c): c is PrimaryKeyState => c.kind === 'primaryKey');
}

/** Whether the database made this index by itself for a foreign key (see IMPLICIT_INDEX). */
export function isImplicitIndex(index: IndexState): boolean {
  return index[IMPLICIT_INDEX] === true;
}

/** The index the database makes for a foreign key, marked as its own. */
export function implicitIndex(name: string, columns: readonly string[]): IndexState {
  return { name, columns: [...columns], unique: false, [IMPLICIT_INDEX]: true };
}

export function constraintColumns(c: ConstraintState): readonly string[] {
  if (c.kind === 'check') return c.column ? [c.column] : [];
  return c.columns;
}

/** The integer kinds that can carry SERIAL / AUTO_INCREMENT / IDENTITY. */
export function isIntegerType(type: SqlType): boolean {
  return type.kind === 'integer' || type.kind === 'bigInteger' || type.kind === 'smallInteger';
}
