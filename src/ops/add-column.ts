import type { ColumnDef } from '../record/types.js';

/** `op.addColumn(table, column, opts)` */
export interface AddColumnOp {
  readonly kind: 'addColumn';
  readonly table: string;
  readonly schema?: string;
  readonly column: ColumnDef;
}
