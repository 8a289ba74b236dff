import type { ReferentialAction } from '../record/types.js';

/** `op.createForeignKey(name, source, referent, localCols, remoteCols, opts)` */
export interface CreateForeignKeyOp {
  readonly kind: 'createForeignKey';
  readonly name: string | null;
  readonly table: string;
  readonly schema?: string;
  readonly refTable: string;
  readonly refSchema?: string;
  readonly columns: readonly string[];
  readonly refColumns: readonly string[];
  readonly onDelete?: ReferentialAction;
  readonly onUpdate?: ReferentialAction;
  readonly deferrable?: boolean;
  readonly initially?: 'DEFERRED' | 'IMMEDIATE';
  readonly match?: 'FULL' | 'PARTIAL' | 'SIMPLE';
}
