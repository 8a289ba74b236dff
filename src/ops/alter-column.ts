import type { ServerDefault, SqlText, SqlType } from '../record/types.js';

/**
 * `op.alterColumn(table, column, opts)`. An option left undefined is not
 * changed; `serverDefault: null` / `comment: null` drop the default / comment.
 * The `existing*` options are hints that win over the schema model.
 */
export interface AlterColumnOp {
  readonly kind: 'alterColumn';
  readonly table: string;
  readonly schema?: string;
  readonly column: string;
  readonly nullable?: boolean;
  readonly type?: SqlType;
  readonly serverDefault?: ServerDefault | null;
  readonly newColumnName?: string;
  readonly comment?: string | null;
  readonly existingType?: SqlType;
  readonly existingNullable?: boolean;
  readonly existingServerDefault?: ServerDefault | null;
  readonly existingComment?: string | null;
  /** PostgreSQL `ALTER COLUMN ... TYPE ... USING <expr>` */
  readonly using?: SqlText;
}
