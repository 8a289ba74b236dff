/**
 * What a raw statement does that an op alone cannot say, for `applyRawDdl`
 * (apply-raw.ts), which sees the model the parser never sees:
 *
 * - a note on an op: `IF EXISTS` / `IF NOT EXISTS` where the op has no such
 *   option (`ADD COLUMN IF NOT EXISTS`, `DROP CONSTRAINT IF EXISTS`, ...),
 *   and `CASCADE`, which also drops what depends on the object (foreign
 *   keys of other tables, columns of a dropped enum type);
 * - a model edit no op expresses (renaming an index, a constraint, an enum
 *   type or a sequence; adding or renaming an enum value), carried by an `execute` op of the statement
 *   itself, which changes nothing when applied without the note.
 *
 * Notes live under a symbol, so ops stay plain data that render and compare
 * as before; a copied op (`{ ...op }`) keeps its note.
 */
import type { ExecuteOp, UserOp } from '../../ops/index.js';
import type { ColumnDef, SqlType } from '../../record/types.js';

export type ModelEdit =
  | {
      readonly kind: 'addEnumValue';
      readonly name: string;
      readonly schema?: string;
      readonly value: string;
      /** the neighbour the value goes before (or after, with `after`); at the end when absent */
      readonly neighbor?: string;
      readonly after?: boolean;
      readonly ifNotExists: boolean;
    }
  | { readonly kind: 'renameEnumValue'; readonly name: string; readonly schema?: string; readonly from: string; readonly to: string }
  | { readonly kind: 'renameEnum'; readonly name: string; readonly schema?: string; readonly newName: string }
  | { readonly kind: 'renameSequence'; readonly name: string; readonly schema?: string; readonly newName: string }
  | { readonly kind: 'renameIndex'; readonly name: string; readonly schema?: string; readonly newName: string }
  | { readonly kind: 'renameConstraint'; readonly table: string; readonly schema?: string; readonly name: string; readonly newName: string }
  /** MySQL DROP PRIMARY KEY: the key whatever name the model gave it */
  | { readonly kind: 'dropPrimaryKey'; readonly table: string; readonly schema?: string };

export interface RawNote {
  /** the statement said IF EXISTS: nothing happens when the object is missing */
  readonly ifExists?: boolean;
  /** the statement said IF NOT EXISTS: nothing happens when the object is there */
  readonly ifNotExists?: boolean;
  /** the statement said CASCADE: what depends on the object goes with it */
  readonly cascade?: boolean;
  /**
   * MySQL MODIFY / CHANGE: the column is restated whole, AUTO_INCREMENT
   * included, and a primary-key column stays NOT NULL unless said otherwise.
   */
  readonly restated?: { readonly autoincrement: boolean };
  readonly edit?: ModelEdit;
}

const NOTE = Symbol.for('gensql.ddl.note');

type Noted = { readonly [NOTE]?: RawNote };

/** The op with a note attached (a new object; the op itself is not changed). */
export function noted<T extends UserOp>(op: T, note: RawNote): T {
  const clean = Object.fromEntries(Object.entries(note).filter(([, v]) => v !== undefined && v !== false)) as RawNote;
  if (Object.keys(clean).length === 0) return op;
  return { ...op, [NOTE]: clean };
}

export function noteOf(op: UserOp): RawNote | undefined {
  return (op as Noted)[NOTE];
}

/** An `execute` op standing for a statement whose model effect is `edit`. */
export function editOp(statement: string, edit: ModelEdit): ExecuteOp {
  return noted<ExecuteOp>({ kind: 'execute', sql: statement }, { edit });
}

/** What a statement says of a column beyond its name and type, filled in clause by clause. */
export type ColumnExtras = { -readonly [K in Exclude<keyof ColumnDef, 'kind' | 'name' | 'type'>]?: ColumnDef[K] };

/** A column as the op builders make it, from what a statement says. */
export function columnDef(name: string, type: SqlType, extra: ColumnExtras = {}): ColumnDef {
  return {
    kind: 'column',
    name,
    type,
    primaryKey: false,
    unique: false,
    index: false,
    // raw SQL says exactly when a column auto-increments (SERIAL, AUTO_INCREMENT): never SQLAlchemy's 'auto'
    autoincrement: false,
    ...extra,
  };
}
