/** `op.dropTable(name, opts)` */
export interface DropTableOp {
  readonly kind: 'dropTable';
  readonly table: string;
  readonly schema?: string;
  readonly ifExists?: boolean;
}
