/** `op.createSequence(name, opts)` */
export interface CreateSequenceOp {
  readonly kind: 'createSequence';
  readonly name: string;
  readonly schema?: string;
  readonly start?: number;
  readonly increment?: number;
}
