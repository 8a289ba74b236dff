import type { SqlText } from '../record/types.js';
import type { UserOp } from './index.js';

/** `op.execute(sql)`: raw SQL kept as written. */
export interface ExecuteOp {
  readonly kind: 'execute';
  readonly sql: SqlText;
  /**
   * What the statement does to the schema, as ops, when the dialect's DDL
   * parser understood it (filled in by the pipeline, never by revisions);
   * applied to the model only — the SQL itself is emitted as written.
   */
  readonly modelOps?: readonly UserOp[];
}
