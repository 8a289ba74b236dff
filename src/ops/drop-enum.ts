/** `op.dropEnum(name, opts)` */
export interface DropEnumOp {
  readonly kind: 'dropEnum';
  readonly name: string;
  readonly schema?: string;
  readonly ifExists?: boolean;
}
