/**
 * The public API revision files import from 'gensql': builders, types and
 * the `Operations` type of `op`.
 */
export {
  column,
  t,
  primaryKeyConstraint,
  uniqueConstraint,
  foreignKeyConstraint,
  checkConstraint,
  index,
} from './record/builders.js';
export type { TypeBuilders, ForeignKeyOptions } from './record/builders.js';
export { sql } from './record/sql.js';
export type { SqlTag } from './record/sql.js';
export { Operations } from './record/operations.js';
export type {
  AlterColumnOptions,
  BatchOperations,
  CreateIndexOptions,
  DialectName,
  DropIndexOptions,
  ForeignKeyOpOptions,
  SchemaOpt,
  UniqueOptions,
} from './record/operations.js';
export type {
  CheckItem,
  ColumnDef,
  ColumnOptions,
  ForeignKeyItem,
  IdentityOptions,
  IndexColumn,
  IndexItem,
  LiteralValue,
  PrimaryKeyItem,
  ReferentialAction,
  ServerDefault,
  SqlFragment,
  SqlIdentifier,
  SqlText,
  SqlType,
  TableItem,
  UniqueItem,
} from './record/types.js';
