import type { TableItem } from '../record/types.js';

/** `op.createTable(name, items, opts)` */
export interface CreateTableOp {
  readonly kind: 'createTable';
  readonly table: string;
  readonly schema?: string;
  readonly items: readonly TableItem[];
  readonly comment?: string;
  readonly ifNotExists?: boolean;
}
