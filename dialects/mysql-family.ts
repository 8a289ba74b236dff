/**
 * MySQL 8.0 and MariaDB 10.5+ share one implementation: the SQL writer
 * (mysql-sql.ts), the model facts (mysql-model.ts), the renderers
 * (mysql-renderers.ts) and the version guard (mysql-guard.ts). Each
 * dialect module gives only what differs, as data.
 *
 * Choices where the servers leave room:
 * - no BEGIN/COMMIT: every DDL statement commits implicitly, so a
 *   transaction around the script would promise what it cannot keep;
 * - batchAlterTable with recreate: 'always' is refused (everything it would
 *   do is a plain ALTER TABLE here, and a copy-and-rename without
 *   transactional DDL could lose the table on a failure half-way);
 * - the guard comes after `CREATE TABLE IF NOT EXISTS` of the version
 *   table, since a statement cannot test for a missing table.
 */
import type { Dialect, DialectProfile } from '../src/emit/dialect.js';
import { standardRenderers } from '../src/emit/renderers/index.js';
import { mysqlFamilyModel, type ModelFlavour } from './mysql-model.js';
import { mysqlFamilyRenderers } from './mysql-renderers.js';
import { MySqlFamilySql, type MySqlFlavour } from './mysql-sql.js';

export function mysqlFamilyDialect(flavour: MySqlFlavour, model: ModelFlavour): Dialect {
  const sql = new MySqlFamilySql(flavour);
  const profile: DialectProfile = {
    name: flavour.name,
    terminator: ';',
    batchSeparator: null,
    transactionalDdl: false,
    beginTransaction: 'BEGIN',
    commitTransaction: 'COMMIT',
    guardAfterVersionTable: true,
    formatterLanguage: flavour.name,
  };
  return {
    profile,
    sql,
    renderers: { ...standardRenderers, ...mysqlFamilyRenderers(sql) },
    model: mysqlFamilyModel(model),
    // raw op.execute DDL followed in the model (node-sql-parser, loaded only when a revision uses execute)
    ddlParser: async () => {
      const parsers = await import('./ddl/sql-parser.js');
      return flavour.name === 'mariadb' ? parsers.mariadbDdlParser() : parsers.mysqlDdlParser();
    },
  };
}
