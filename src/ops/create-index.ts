import type { IndexColumn, SqlText } from '../record/types.js';

/** `op.createIndex(name, table, columns, opts)` */
export interface CreateIndexOp {
  readonly kind: 'createIndex';
  readonly name: string | null;
  readonly table: string;
  readonly schema?: string;
  readonly columns: readonly IndexColumn[];
  readonly unique: boolean;
  readonly where?: SqlText;
  readonly concurrently?: boolean;
  /** index method, e.g. `gin` (PostgreSQL) */
  readonly using?: string;
  readonly ifNotExists?: boolean;
}
