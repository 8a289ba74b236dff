import type { LiteralValue } from '../record/types.js';

/** `op.bulkInsert(table, rows, opts)`: rows are plain objects of literal values. */
export interface BulkInsertOp {
  readonly kind: 'bulkInsert';
  readonly table: string;
  readonly schema?: string;
  readonly rows: readonly Readonly<Record<string, LiteralValue>>[];
  /** one multi-row INSERT per run of rows with the same columns, instead of one INSERT per row */
  readonly multiInsert: boolean;
}
