import type { SqlText } from '../record/types.js';

/** `op.createCheckConstraint(name, table, condition, opts)` */
export interface CreateCheckConstraintOp {
  readonly kind: 'createCheckConstraint';
  readonly name: string | null;
  readonly table: string;
  readonly schema?: string;
  readonly condition: SqlText;
}
