/**
 * The plain-data vocabulary revision files speak: SQL types, column
 * definitions, table items and raw SQL fragments. Everything here is
 * immutable data; rendering happens later, per dialect.
 */

/** Brand used to recognise our own objects across module instances. */
export const SQL_BRAND = Symbol.for('gensql.sql');
export const IDENT_BRAND = Symbol.for('gensql.identifier');

/** A value that renders as a literal of the target dialect. */
export type LiteralValue = string | number | bigint | boolean | null | Date | readonly unknown[] | { readonly [k: string]: unknown };

/** `sql.identifier(name)`: interpolates a quoted identifier. */
export interface SqlIdentifier {
  readonly [IDENT_BRAND]: true;
  /** one or more parts, e.g. ['schema', 'table'] */
  readonly parts: readonly string[];
}

/**
 * Raw SQL from `` sql`...` ``: `strings` are kept verbatim, each value between
 * them renders as an escaped literal (or a quoted identifier, or a nested
 * fragment) of the target dialect.
 */
export interface SqlFragment {
  readonly [SQL_BRAND]: true;
  readonly strings: readonly string[];
  readonly values: readonly (LiteralValue | SqlIdentifier | SqlFragment)[];
}

/** A SQL expression option: plain text is SQL text, a fragment is rendered. */
export type SqlText = string | SqlFragment;

export type SqlType =
  | { readonly kind: 'integer' }
  | { readonly kind: 'bigInteger' }
  | { readonly kind: 'smallInteger' }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'string'; readonly length?: number }
  | { readonly kind: 'text' }
  | { readonly kind: 'unicode'; readonly length?: number }
  | { readonly kind: 'unicodeText' }
  | { readonly kind: 'date' }
  | { readonly kind: 'dateTime'; readonly timezone: boolean }
  | { readonly kind: 'time'; readonly timezone: boolean }
  | { readonly kind: 'interval' }
  | { readonly kind: 'numeric'; readonly precision?: number; readonly scale?: number }
  | { readonly kind: 'float'; readonly precision?: number }
  | { readonly kind: 'largeBinary'; readonly length?: number }
  | { readonly kind: 'json' }
  | { readonly kind: 'uuid' }
  | { readonly kind: 'enum'; readonly values: readonly string[]; readonly name: string; readonly schema?: string }
  | { readonly kind: 'custom'; readonly sql: string };

export type TypeKind = SqlType['kind'];

/** `serverDefault`: a string is a quoted literal, number/boolean a literal, `sql` raw SQL. */
export type ServerDefault = string | number | bigint | boolean | SqlFragment;

export type ReferentialAction = 'CASCADE' | 'SET NULL' | 'SET DEFAULT' | 'RESTRICT' | 'NO ACTION';

export interface IdentityOptions {
  readonly always?: boolean;
  readonly start?: number;
  readonly increment?: number;
}

export interface ColumnReference {
  readonly schema?: string;
  readonly table: string;
  readonly column: string;
  readonly onDelete?: ReferentialAction;
  readonly onUpdate?: ReferentialAction;
}

/** A column as written in a revision file (after option defaults). */
export interface ColumnDef {
  readonly kind: 'column';
  readonly name: string;
  readonly type: SqlType;
  readonly primaryKey: boolean;
  /** undefined: not said (nullable unless primary key / identity) */
  readonly nullable?: boolean;
  readonly serverDefault?: ServerDefault;
  readonly comment?: string;
  readonly unique: boolean;
  readonly index: boolean;
  readonly autoincrement: boolean | 'auto';
  readonly identity?: IdentityOptions;
  readonly references?: ColumnReference;
  readonly check?: SqlText;
}

export interface ColumnOptions {
  primaryKey?: boolean;
  nullable?: boolean;
  serverDefault?: ServerDefault;
  comment?: string;
  unique?: boolean;
  index?: boolean;
  autoincrement?: boolean | 'auto';
  identity?: IdentityOptions | boolean;
  /** `'table.column'` or `'schema.table.column'` */
  references?: string;
  onDelete?: ReferentialAction;
  onUpdate?: ReferentialAction;
  /** SQL text, rendered inline with the column */
  check?: SqlText;
}

export interface PrimaryKeyItem {
  readonly kind: 'primaryKey';
  readonly name: string | null;
  readonly columns: readonly string[];
}

export interface UniqueItem {
  readonly kind: 'unique';
  readonly name: string | null;
  readonly columns: readonly string[];
  readonly deferrable?: boolean;
  readonly initially?: 'DEFERRED' | 'IMMEDIATE';
}

export interface ForeignKeyItem {
  readonly kind: 'foreignKey';
  readonly name: string | null;
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

export interface CheckItem {
  readonly kind: 'check';
  readonly name: string | null;
  readonly condition: SqlText;
}

/** An index column is a column name or an expression. */
export type IndexColumn = string | SqlFragment;

export interface IndexItem {
  readonly kind: 'index';
  readonly name: string | null;
  readonly columns: readonly IndexColumn[];
  readonly unique: boolean;
}

export type ConstraintItem = PrimaryKeyItem | UniqueItem | ForeignKeyItem | CheckItem;
export type TableItem = ColumnDef | ConstraintItem | IndexItem;
