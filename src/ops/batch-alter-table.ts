import type { AddColumnOp } from './add-column.js';
import type { AlterColumnOp } from './alter-column.js';
import type { CreateCheckConstraintOp } from './create-check-constraint.js';
import type { CreateForeignKeyOp } from './create-foreign-key.js';
import type { CreateIndexOp } from './create-index.js';
import type { CreatePrimaryKeyOp } from './create-primary-key.js';
import type { CreateUniqueConstraintOp } from './create-unique-constraint.js';
import type { DropColumnOp } from './drop-column.js';
import type { DropConstraintOp } from './drop-constraint.js';
import type { DropIndexOp } from './drop-index.js';

/** The operations a `batchAlterTable` callback may record; each names the batch's table. */
export type BatchOp =
  | AddColumnOp
  | DropColumnOp
  | AlterColumnOp
  | CreateIndexOp
  | DropIndexOp
  | CreatePrimaryKeyOp
  | CreateUniqueConstraintOp
  | CreateForeignKeyOp
  | CreateCheckConstraintOp
  | DropConstraintOp;

export type Recreate = 'auto' | 'always' | 'never';

/** `op.batchAlterTable(table, (batch) => ..., opts)` */
export interface BatchAlterTableOp {
  readonly kind: 'batchAlterTable';
  readonly table: string;
  readonly schema?: string;
  readonly recreate: Recreate;
  readonly ops: readonly BatchOp[];
}
