/**
 * SQLite 3.35+: SQLAlchemy's SQLite types, ALTER TABLE where SQLite has it
 * and table rebuilds from the schema model where it has not
 * (sqlite-alter.ts), no comments, no enum types, no sequences, and a
 * version guard made of a plain SELECT that fails on purpose.
 * The script runs in one transaction: SQLite's DDL is transactional.
 * https://www.sqlite.org/lang_transaction.html
 */
import type { ModelDialect } from '../src/model/schema.js';
import type { Dialect, DialectProfile, Renderer, Renderers } from '../src/emit/dialect.js';
import { unsupported } from '../src/emit/dialect.js';
import { standardRenderers } from '../src/emit/renderers/index.js';
import {
  addColumn,
  alterColumn,
  batchAlterTable,
  createCheckConstraint,
  createForeignKey,
  createPrimaryKey,
  createUniqueConstraint,
  dropColumn,
  dropConstraint,
} from './sqlite-alter.js';
import { sqliteSql } from './sqlite-sql.js';

/**
 * SQLite names no unnamed constraint in a way a script can use (there is no
 * ALTER TABLE ... DROP CONSTRAINT at all): such a constraint stays unnamed
 * in the model; a name or a naming convention makes it droppable.
 */
export const sqliteModel: ModelDialect = {
  enumTypes: false,
  uniqueIsIndex: false,
  implicitConstraintName: () => null,
};

/**
 * SQLite has no procedural blocks and no RAISE outside triggers, so the
 * guard is a SELECT that returns no row when all is well and otherwise
 * calls json_extract() with the message as a (malformed) JSON path: the
 * error text carries the message and what the table holds ("JSON path
 * error near '...'" / "bad JSON path: '...'"), and `sqlite3 -bail` stops
 * inside the transaction, before anything changed. The version table must
 * exist for the SELECT to compile, so a first statement reports a missing
 * one, and from base the guard runs after CREATE TABLE IF NOT EXISTS.
 * https://www.sqlite.org/json1.html#jex
 */
const versionGuard: Renderer<'versionGuard'> = (op, { sql, versionTable }) => {
  const table = sql.qualified(versionTable.name, versionTable.schema);
  const master = sql.qualified('sqlite_master', versionTable.schema);
  // revision ids are [A-Za-z0-9_]: JavaScript's order is SQLite's BINARY order
  const expected = [...op.expected].sort().join(',');
  const want = op.expected.length > 0 ? `exactly ${expected}` : 'no revision';
  const prefix = `gensql: ${op.purpose}: the version table ${versionTable.name} must hold ${want}, but `;
  const out = [];
  if (op.expected.length > 0) {
    out.push({
      sql:
        `SELECT json_extract('{}', ${sql.literal(`${prefix}the database has no such table`)})\n` +
        `FROM (SELECT count(*) AS n FROM ${master} WHERE type = 'table' AND name = ${sql.literal(versionTable.name)})\nWHERE n = 0`,
    });
  }
  out.push({
    sql:
      `SELECT json_extract('{}', ${sql.literal(`${prefix}holds `)} || CASE actual WHEN '' THEN 'no revision' ELSE actual END)\n` +
      `FROM (SELECT coalesce(group_concat(version_num, ','), '') AS actual FROM (SELECT version_num FROM ${table} ORDER BY version_num))\n` +
      `WHERE actual <> ${sql.literal(expected)}`,
  });
  return out;
};

/** https://www.sqlite.org/lang.html has no CREATE SEQUENCE: an INTEGER PRIMARY KEY numbers rows itself. */
const noSequences = (): never => unsupported('SQLite has no sequences (an INTEGER PRIMARY KEY column numbers its rows by itself)');

const overrides: Partial<Renderers> = {
  addColumn,
  dropColumn,
  alterColumn,
  createPrimaryKey,
  createUniqueConstraint,
  createForeignKey,
  createCheckConstraint,
  dropConstraint,
  batchAlterTable,
  createSequence: noSequences,
  dropSequence: noSequences,
  versionGuard,
};

const profile: DialectProfile = {
  name: 'sqlite',
  terminator: ';',
  batchSeparator: null,
  transactionalDdl: true,
  beginTransaction: 'BEGIN',
  commitTransaction: 'COMMIT',
  guardAfterVersionTable: true,
  formatterLanguage: 'sqlite',
};

export const sqlite: Dialect = {
  profile,
  sql: sqliteSql,
  renderers: { ...standardRenderers, ...overrides },
  model: sqliteModel,
  // raw op.execute DDL followed in the model (node-sql-parser, loaded only when a revision uses execute)
  ddlParser: async () => (await import('./ddl/sql-parser.js')).sqliteDdlParser(),
};
