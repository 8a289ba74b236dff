/** `op.renameTable(oldName, newName, opts)` */
export interface RenameTableOp {
  readonly kind: 'renameTable';
  readonly table: string;
  readonly newName: string;
  readonly schema?: string;
}
