/**
 * The IR: every operation a revision can record, as readonly data with a
 * `kind`. One name through every layer: `op.createTable` records
 * `{ kind: 'createTable' }`, rendered by the `createTable` renderer.
 */
import type { AddColumnOp } from './add-column.js';
import type { AlterColumnOp } from './alter-column.js';
import type { BatchAlterTableOp } from './batch-alter-table.js';
import type { BulkInsertOp } from './bulk-insert.js';
import type { CreateCheckConstraintOp } from './create-check-constraint.js';
import type { CreateEnumOp } from './create-enum.js';
import type { CreateForeignKeyOp } from './create-foreign-key.js';
import type { CreateIndexOp } from './create-index.js';
import type { CreatePrimaryKeyOp } from './create-primary-key.js';
import type { CreateSequenceOp } from './create-sequence.js';
import type { CreateTableCommentOp } from './create-table-comment.js';
import type { CreateTableOp } from './create-table.js';
import type { CreateUniqueConstraintOp } from './create-unique-constraint.js';
import type { DropColumnOp } from './drop-column.js';
import type { DropConstraintOp } from './drop-constraint.js';
import type { DropEnumOp } from './drop-enum.js';
import type { DropIndexOp } from './drop-index.js';
import type { DropSequenceOp } from './drop-sequence.js';
import type { DropTableCommentOp } from './drop-table-comment.js';
import type { DropTableOp } from './drop-table.js';
import type { ExecuteOp } from './execute.js';
import type { RenameTableOp } from './rename-table.js';
import type {
  VersionDeleteOp,
  VersionGuardOp,
  VersionInsertOp,
  VersionTableCreateOp,
  VersionUpdateOp,
} from './version-table.js';
import { fragmentText, isSqlFragment } from '../record/sql.js';

export type {
  AddColumnOp,
  AlterColumnOp,
  BatchAlterTableOp,
  BulkInsertOp,
  CreateCheckConstraintOp,
  CreateEnumOp,
  CreateForeignKeyOp,
  CreateIndexOp,
  CreatePrimaryKeyOp,
  CreateSequenceOp,
  CreateTableCommentOp,
  CreateTableOp,
  CreateUniqueConstraintOp,
  DropColumnOp,
  DropConstraintOp,
  DropEnumOp,
  DropIndexOp,
  DropSequenceOp,
  DropTableCommentOp,
  DropTableOp,
  ExecuteOp,
  RenameTableOp,
  VersionDeleteOp,
  VersionGuardOp,
  VersionInsertOp,
  VersionTableCreateOp,
  VersionUpdateOp,
};
export type { BatchOp, Recreate } from './batch-alter-table.js';
export type { ConstraintType } from './drop-constraint.js';

/** Operations a revision records through `op.*`. */
export type UserOp =
  | CreateTableOp
  | DropTableOp
  | RenameTableOp
  | AddColumnOp
  | DropColumnOp
  | AlterColumnOp
  | CreateIndexOp
  | DropIndexOp
  | CreatePrimaryKeyOp
  | CreateUniqueConstraintOp
  | CreateForeignKeyOp
  | CreateCheckConstraintOp
  | DropConstraintOp
  | CreateTableCommentOp
  | DropTableCommentOp
  | ExecuteOp
  | BulkInsertOp
  | BatchAlterTableOp
  | CreateEnumOp
  | DropEnumOp
  | CreateSequenceOp
  | DropSequenceOp;

/** Version-table bookkeeping, added by script assembly. */
export type VersionOp = VersionTableCreateOp | VersionInsertOp | VersionUpdateOp | VersionDeleteOp | VersionGuardOp;

export type Op = UserOp | VersionOp;
export type OpKind = Op['kind'];
export type OpOf<K extends OpKind> = Extract<Op, { kind: K }>;

function q(s: string): string {
  // one description per op, 10,000s per run: skip the replaces when there is nothing to escape
  if (!s.includes("'") && !s.includes('\\')) return `'${s}'`;
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function qualified(table: string, schema?: string): string {
  return q(schema ? `${schema}.${table}` : table);
}

function shortSql(text: unknown): string {
  const s = typeof text === 'string' ? text : isSqlFragment(text) ? (fragmentText(text) ?? text.strings.join('${...}')) : String(text);
  const one = s.replace(/\s+/g, ' ').trim();
  return q(one.length > 60 ? `${one.slice(0, 57)}...` : one);
}

/** A short call-like description for messages: `dropColumn('account', 'name')`. */
export function describeOp(op: Op): string {
  switch (op.kind) {
    case 'createTable':
    case 'dropTable':
    case 'bulkInsert':
    case 'createTableComment':
    case 'dropTableComment':
    case 'batchAlterTable':
      return `${op.kind}(${qualified(op.table, op.schema)})`;
    case 'renameTable':
      return `renameTable(${qualified(op.table, op.schema)}, ${q(op.newName)})`;
    case 'addColumn':
      return `addColumn(${qualified(op.table, op.schema)}, ${q(op.column.name)})`;
    case 'dropColumn':
    case 'alterColumn':
      return `${op.kind}(${qualified(op.table, op.schema)}, ${q(op.column)})`;
    case 'createIndex':
    case 'createPrimaryKey':
    case 'createUniqueConstraint':
    case 'createCheckConstraint':
      return `${op.kind}(${op.name === null ? 'null' : q(op.name)}, ${qualified(op.table, op.schema)})`;
    case 'createForeignKey':
      return `createForeignKey(${op.name === null ? 'null' : q(op.name)}, ${qualified(op.table, op.schema)}, ${qualified(op.refTable, op.refSchema)})`;
    case 'dropIndex':
      return `dropIndex(${q(op.name)}${op.table ? `, { table: ${qualified(op.table, op.schema)} }` : ''})`;
    case 'dropConstraint':
      return `dropConstraint(${q(op.name)}, ${qualified(op.table, op.schema)})`;
    case 'execute':
      return `execute(${shortSql(op.sql)})`;
    case 'createEnum':
    case 'dropEnum':
    case 'createSequence':
    case 'dropSequence':
      return `${op.kind}(${qualified(op.name, op.schema)})`;
    case 'versionTableCreate':
      return 'version table create';
    case 'versionInsert':
      return `version table insert ${q(op.rev)}`;
    case 'versionUpdate':
      return `version table update ${q(op.from)} -> ${q(op.to)}`;
    case 'versionDelete':
      return `version table delete ${q(op.rev)}`;
    case 'versionGuard':
      return 'version guard';
  }
}
