/** `op.dropSequence(name, opts)` */
export interface DropSequenceOp {
  readonly kind: 'dropSequence';
  readonly name: string;
  readonly schema?: string;
}
