/**
 * Oracle 19c+: a SQL*Plus-style script (no `;` after a SQL statement, a `/`
 * line after every statement; PL/SQL blocks keep their own `END;`), with no
 * transaction statements: Oracle commits around every DDL statement.
 * The writer is in oracle-sql.ts, the renderers that differ in
 * oracle-renderers.ts; this file holds the profile, the model facts and the
 * version-table statements.
 * https://docs.oracle.com/en/database/oracle/oracle-database/19/sqpug/SQL-Plus-command-reference.html
 */
import type { ModelDialect } from '../src/model/schema.js';
import type { Dialect, DialectProfile, Renderer, Renderers, Statement } from '../src/emit/dialect.js';
import { standardRenderers } from '../src/emit/renderers/index.js';
import * as version from '../src/emit/renderers/version.js';
import { oracleRenderers } from './oracle-renderers.js';
import { ignoringError, ORA, OracleSql } from './oracle-sql.js';

const sql = new OracleSql();

/** Oracle names an unnamed constraint `SYS_C0012345`: unknowable offline. */
export const oracleModel: ModelDialect = {
  enumTypes: false,
  uniqueIsIndex: false,
  implicitConstraintName: () => null,
};

/** The version table, created unless it exists (ORA-00955 let through): no IF NOT EXISTS before 23c. */
const versionTableCreate: Renderer<'versionTableCreate'> = (op, ctx) => {
  const [create] = version.versionTableCreate(op, ctx);
  return [{ sql: ignoringError(sql, create!.sql.replace(/^CREATE TABLE IF NOT EXISTS /, 'CREATE TABLE '), ORA.nameInUse) }];
};

/**
 * Version rows are DML, which Oracle does not commit by itself (only the
 * next DDL statement would): each change is committed at once, so the
 * bookkeeping of the last revision is not lost when the client rolls back
 * on exit. Alembic's Oracle scripts end with an uncommitted UPDATE.
 */
function committed<K extends 'versionInsert' | 'versionUpdate' | 'versionDelete'>(base: Renderer<K>): Renderer<K> {
  return (op, ctx): Statement[] => [...base(op, ctx), { sql: 'COMMIT' }];
}

/**
 * The guard: a PL/SQL block that raises unless the version table holds
 * exactly the expected rows (from base, a missing table counts as empty).
 * The query runs through EXECUTE IMMEDIATE, since a block naming a missing
 * table would not compile. It stops the script where the client stops on
 * errors (SQL*Plus: WHENEVER SQLERROR EXIT FAILURE).
 * https://docs.oracle.com/en/database/oracle/oracle-database/19/lnpls/RAISE_APPLICATION_ERROR-procedure.html
 */
const versionGuard: Renderer<'versionGuard'> = (op, { versionTable }) => {
  const table = sql.qualified(versionTable.name, versionTable.schema);
  const query = sql.literal(`SELECT LISTAGG(version_num, ',') WITHIN GROUP (ORDER BY version_num) FROM ${table}`);
  const expected = op.expected.join(',');
  const must = op.expected.length ? `exactly ${expected}` : 'no revision';
  const message = sql.literal(`gensql: ${op.purpose}: the version table ${versionTable.name} must hold ${must}, but holds `);
  const fromBase = op.expected.length === 0;
  const lines = [
    'DECLARE',
    '    -- run with WHENEVER SQLERROR EXIT FAILURE (SQL*Plus, SQLcl) so that a failure here stops the script',
    '    actual VARCHAR2(4000);',
    'BEGIN',
    '    BEGIN',
    `        EXECUTE IMMEDIATE ${query} INTO actual;`,
    '    EXCEPTION',
    '        WHEN OTHERS THEN',
    `            IF SQLCODE != ${ORA.noTable} THEN`,
    '                RAISE;',
    '            END IF;',
    ...(fromBase ? [] : ["            actual := 'no version table';"]),
    '    END;',
    fromBase ? '    IF actual IS NOT NULL THEN' : `    IF actual IS NULL OR actual <> ${sql.literal(expected)} THEN`,
    `        RAISE_APPLICATION_ERROR(-20000, ${message} || NVL(actual, 'no revision'));`,
    '    END IF;',
    'END;',
  ];
  return [{ sql: lines.join('\n') }];
};

const overrides: Partial<Renderers> = {
  ...oracleRenderers,
  versionTableCreate,
  versionInsert: committed(version.versionInsert),
  versionUpdate: committed(version.versionUpdate),
  versionDelete: committed(version.versionDelete),
  versionGuard,
};

const profile: DialectProfile = {
  name: 'oracle',
  terminator: '',
  batchSeparator: '/',
  transactionalDdl: false,
  beginTransaction: 'SET TRANSACTION READ WRITE',
  commitTransaction: 'COMMIT',
  guardAfterVersionTable: false,
  formatterLanguage: 'plsql',
};

export const oracle: Dialect = {
  profile,
  sql,
  renderers: { ...standardRenderers, ...overrides },
  model: oracleModel,
};
