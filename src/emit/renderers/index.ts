/**
 * The standard renderers: a complete set, one per op kind. Dialects replace
 * the ones that differ.
 */
import type { Renderers } from '../dialect.js';
import { addColumn, alterColumn, dropColumn } from './columns.js';
import {
  createCheckConstraint,
  createForeignKey,
  createIndex,
  createPrimaryKey,
  createUniqueConstraint,
  dropConstraint,
  dropIndex,
} from './constraints.js';
import {
  batchAlterTable,
  bulkInsert,
  createEnum,
  createSequence,
  dropEnum,
  dropSequence,
  execute,
  versionGuardUnsupported,
} from './misc.js';
import { createTable, createTableComment, dropTable, dropTableComment, renameTable } from './tables.js';
import { versionDelete, versionInsert, versionTableCreate, versionUpdate } from './version.js';

export const standardRenderers: Renderers = {
  createTable,
  dropTable,
  renameTable,
  addColumn,
  dropColumn,
  alterColumn,
  createIndex,
  dropIndex,
  createPrimaryKey,
  createUniqueConstraint,
  createForeignKey,
  createCheckConstraint,
  dropConstraint,
  createTableComment,
  dropTableComment,
  execute,
  bulkInsert,
  batchAlterTable,
  createEnum,
  dropEnum,
  createSequence,
  dropSequence,
  versionTableCreate,
  versionInsert,
  versionUpdate,
  versionDelete,
  versionGuard: versionGuardUnsupported,
};
