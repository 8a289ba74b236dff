/** `op.dropColumn(table, columnName, opts)` */
export interface DropColumnOp {
  readonly kind: 'dropColumn';
  readonly table: string;
  readonly schema?: string;
  readonly column: string;
}
