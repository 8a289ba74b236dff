/**
 * The option types of the `op.*` calls (what editors show for each
 * operation), kept apart from the recording code in operations.ts.
 */
import type { ConstraintType } from '../ops/index.js';
import type { ColumnDef, IndexColumn, ReferentialAction, ServerDefault, SqlText, SqlType } from './types.js';

export type DialectName = 'postgresql' | 'mysql' | 'mariadb' | 'sqlite' | 'mssql' | 'oracle';

export interface SchemaOpt {
  schema?: string;
}

export interface AlterColumnOptions extends SchemaOpt {
  nullable?: boolean;
  type?: SqlType;
  /** `null` drops the default */
  serverDefault?: ServerDefault | null;
  newColumnName?: string;
  /** `null` drops the comment */
  comment?: string | null;
  existingType?: SqlType;
  existingNullable?: boolean;
  existingServerDefault?: ServerDefault | null;
  existingComment?: string | null;
  /** PostgreSQL: `ALTER COLUMN ... TYPE ... USING <expr>` */
  using?: SqlText;
}

export interface CreateIndexOptions extends SchemaOpt {
  unique?: boolean;
  where?: SqlText;
  concurrently?: boolean;
  using?: string;
  ifNotExists?: boolean;
}

export interface DropIndexOptions extends SchemaOpt {
  table?: string;
  concurrently?: boolean;
  ifExists?: boolean;
}

export interface ForeignKeyOpOptions {
  onDelete?: ReferentialAction;
  onUpdate?: ReferentialAction;
  deferrable?: boolean;
  initially?: 'DEFERRED' | 'IMMEDIATE';
  match?: 'FULL' | 'PARTIAL' | 'SIMPLE';
}

export interface UniqueOptions extends SchemaOpt {
  deferrable?: boolean;
  initially?: 'DEFERRED' | 'IMMEDIATE';
}

/** What a `batchAlterTable` callback receives: the table-level ops without table/schema. */
export interface BatchOperations {
  addColumn(column: ColumnDef): void;
  dropColumn(name: string): void;
  alterColumn(name: string, opts: Omit<AlterColumnOptions, 'schema'>): void;
  createIndex(name: string | null, columns: readonly IndexColumn[], opts?: Omit<CreateIndexOptions, 'schema'>): void;
  dropIndex(name: string, opts?: Omit<DropIndexOptions, 'schema' | 'table'>): void;
  createPrimaryKey(name: string | null, columns: readonly string[]): void;
  createUniqueConstraint(name: string | null, columns: readonly string[], opts?: Omit<UniqueOptions, 'schema'>): void;
  createForeignKey(
    name: string | null,
    referent: string,
    localColumns: readonly string[],
    remoteColumns: readonly string[],
    opts?: ForeignKeyOpOptions & { referentSchema?: string },
  ): void;
  createCheckConstraint(name: string | null, condition: SqlText): void;
  dropConstraint(name: string, opts?: { type?: ConstraintType }): void;
}
