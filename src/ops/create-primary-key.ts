/** `op.createPrimaryKey(name, table, columns, opts)` */
export interface CreatePrimaryKeyOp {
  readonly kind: 'createPrimaryKey';
  readonly name: string | null;
  readonly table: string;
  readonly schema?: string;
  readonly columns: readonly string[];
}
