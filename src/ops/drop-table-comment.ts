/** `op.dropTableComment(table, opts)` */
export interface DropTableCommentOp {
  readonly kind: 'dropTableComment';
  readonly table: string;
  readonly schema?: string;
  readonly existingComment?: string | null;
}
