/** `op.createTableComment(table, comment, opts)` */
export interface CreateTableCommentOp {
  readonly kind: 'createTableComment';
  readonly table: string;
  readonly schema?: string;
  readonly comment: string;
  readonly existingComment?: string | null;
}
