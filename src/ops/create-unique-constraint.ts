/** `op.createUniqueConstraint(name, table, columns, opts)` */
export interface CreateUniqueConstraintOp {
  readonly kind: 'createUniqueConstraint';
  readonly name: string | null;
  readonly table: string;
  readonly schema?: string;
  readonly columns: readonly string[];
  readonly deferrable?: boolean;
  readonly initially?: 'DEFERRED' | 'IMMEDIATE';
}
