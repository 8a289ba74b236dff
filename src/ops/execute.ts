import type { SqlText } from '../record/types.js';

/** `op.execute(sql)`: raw SQL kept as written. */
export interface ExecuteOp {
  readonly kind: 'execute';
  readonly sql: SqlText;
}
