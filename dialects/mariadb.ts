/**
 * MariaDB 10.5+ (RENAME COLUMN since 10.5.2, CHECK constraints since 10.2).
 * https://mariadb.com/kb/en/alter-table/
 * Executed on a real MariaDB server by the golden and dialect tests.
 */
import { mysqlFamilyDialect } from './mysql-family.js';
import { MARIADB_RESERVED } from './mysql-reserved.js';

export const mariadb = mysqlFamilyDialect(
  {
    name: 'mariadb',
    reservedWords: MARIADB_RESERVED,
    parenthesizedDefaults: false,
    columnLevelChecks: true,
    indexIfExists: true,
    expressionIndexes: false,
    sequences: true,
    dropCheck: 'CONSTRAINT',
  },
  { checkNames: 'column_or_constraint_n', renamesChecks: false },
);
