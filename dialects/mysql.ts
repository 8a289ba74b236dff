/**
 * MySQL 8.0 (8.0.19+ for ALTER TABLE ... DROP CHECK).
 * https://dev.mysql.com/doc/refman/8.0/en/alter-table.html
 * Not executed here (the test server is MariaDB); its output is checked
 * against the MySQL 8.0 manual and Alembic's mysql output.
 */
import { mysqlFamilyDialect } from './mysql-family.js';
import { MYSQL_RESERVED } from './mysql-reserved.js';

export const mysql = mysqlFamilyDialect(
  {
    name: 'mysql',
    reservedWords: MYSQL_RESERVED,
    parenthesizedDefaults: true,
    columnLevelChecks: false,
    indexIfExists: false,
    expressionIndexes: true,
    sequences: false,
    dropCheck: 'CHECK',
  },
  { checkNames: 'table_chk_n', renamesChecks: true },
);
