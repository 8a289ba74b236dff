export type ConstraintType = 'foreignkey' | 'primary' | 'unique' | 'check';

/** `op.dropConstraint(name, table, opts)`; the model knows the type when not given. */
export interface DropConstraintOp {
  readonly kind: 'dropConstraint';
  readonly name: string;
  readonly table: string;
  readonly schema?: string;
  readonly type?: ConstraintType;
}
