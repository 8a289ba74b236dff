/** `op.createEnum(name, values, opts)` (a PostgreSQL type; nothing elsewhere) */
export interface CreateEnumOp {
  readonly kind: 'createEnum';
  readonly name: string;
  readonly schema?: string;
  readonly values: readonly string[];
  readonly ifNotExists?: boolean;
}
