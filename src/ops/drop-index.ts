/** `op.dropIndex(name, opts)` */
export interface DropIndexOp {
  readonly kind: 'dropIndex';
  readonly name: string;
  readonly table?: string;
  readonly schema?: string;
  readonly concurrently?: boolean;
  readonly ifExists?: boolean;
}
