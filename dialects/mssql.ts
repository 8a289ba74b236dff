/**
 * SQL Server 2016+: a T-SQL script of batches (`GO` after every statement),
 * inside BEGIN TRANSACTION / COMMIT (SQL Server's DDL is transactional).
 * The writer is in mssql-sql.ts, the renderers that differ in
 * mssql-renderers.ts; this file holds the profile, the model facts and the
 * version-table statements.
 * https://learn.microsoft.com/en-us/sql/t-sql/language-elements/sql-server-utilities-statements-go
 */
import type { ModelDialect } from '../src/model/schema.js';
import type { Dialect, DialectProfile, Renderer, Renderers } from '../src/emit/dialect.js';
import { standardRenderers } from '../src/emit/renderers/index.js';
import { versionTableCreate as standardVersionTableCreate } from '../src/emit/renderers/version.js';
import { ifTableMissing, mssqlRenderers } from './mssql-renderers.js';
import { MssqlSql, nstring } from './mssql-sql.js';

const sql = new MssqlSql();

/**
 * SQL Server names an unnamed constraint `PK__account__3213E83F1A2B3C4D`,
 * with a random suffix: unknowable offline. Such constraints are dropped
 * through a catalog lookup (dropColumn), or named by a naming convention.
 */
export const mssqlModel: ModelDialect = {
  enumTypes: false,
  uniqueIsIndex: false,
  implicitConstraintName: () => null,
};

/** The version table, created only when missing (T-SQL has no CREATE TABLE IF NOT EXISTS). */
const versionTableCreate: Renderer<'versionTableCreate'> = (op, ctx) => {
  const [create] = standardVersionTableCreate(op, ctx);
  const text = create!.sql.replace(/^CREATE TABLE IF NOT EXISTS /, 'CREATE TABLE ');
  return [{ sql: ifTableMissing(sql, ctx.versionTable, [text]) }];
};

/** A RAISERROR message ending in the `%s` argument (`%` elsewhere is doubled: it starts a format specification). */
function raiserrorMessage(prefix: string): string {
  return nstring(`${prefix.replace(/%/g, '%%')}%s`);
}

/**
 * The guard: a batch that fails unless the version table holds exactly the
 * expected rows (from base, a missing table counts as empty). RAISERROR is
 * followed by SET NOEXEC ON because an error only ends its own batch: SSMS
 * and sqlcmd (without -b) would go on with the next one; under NOEXEC the
 * rest of the script is compiled but not run.
 * https://learn.microsoft.com/en-us/sql/t-sql/statements/set-noexec-transact-sql
 * The rows are joined with FOR XML PATH, since STRING_AGG needs SQL Server 2017.
 */
const versionGuard: Renderer<'versionGuard'> = (op, { versionTable }) => {
  const table = sql.qualified(versionTable.name, versionTable.schema);
  const rows = `STUFF((SELECT N',' + version_num FROM ${table} ORDER BY version_num FOR XML PATH('')), 1, 1, N'')`;
  const expected = op.expected.join(',');
  const must = op.expected.length ? `exactly ${expected}` : 'no revision';
  const message = raiserrorMessage(`gensql: ${op.purpose}: the version table ${versionTable.name} must hold ${must}, but holds `);
  const fail = `BEGIN\n    RAISERROR(${message}, 16, 1, @actual);\n    SET NOEXEC ON;\nEND`;
  const note = '-- on failure SET NOEXEC ON skips the rest of the script (SET NOEXEC OFF resets the session)';
  const exists = `IF OBJECT_ID(${nstring(table)}, N'U') IS NOT NULL`;
  if (op.expected.length === 0) {
    return [{ sql: `${note}\nDECLARE @actual nvarchar(2000);\n${exists}\n    SET @actual = ${rows};\nIF @actual IS NOT NULL\n${fail}` }];
  }
  return [
    {
      sql:
        `${note}\nDECLARE @actual nvarchar(2000) = N'no version table';\n${exists}\n    SET @actual = ISNULL(${rows}, N'no revision');\n` +
        `IF @actual <> ${nstring(expected)}\n${fail}`,
    },
  ];
};

const overrides: Partial<Renderers> = { ...mssqlRenderers, versionTableCreate, versionGuard };

const profile: DialectProfile = {
  name: 'mssql',
  terminator: ';',
  batchSeparator: 'GO',
  transactionalDdl: true,
  beginTransaction: 'BEGIN TRANSACTION',
  commitTransaction: 'COMMIT',
  guardAfterVersionTable: false,
  formatterLanguage: 'transactsql',
};

export const mssql: Dialect = {
  profile,
  sql,
  renderers: { ...standardRenderers, ...overrides },
  model: mssqlModel,
};
