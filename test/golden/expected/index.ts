/**
 * Expectations of every dialect. The record is keyed by dialect name, so a
 * dialect without its expectations does not compile.
 */
import type { CaseName, Expected, VersionCaseName } from '../cases.js';
import type { DialectName } from '../../../src/record/operations.js';
import * as mariadb from './mariadb.js';
import * as mssql from './mssql.js';
import * as mysql from './mysql.js';
import * as oracle from './oracle.js';
import * as postgresql from './postgresql.js';
import * as sqlite from './sqlite.js';

export interface DialectExpectations {
  readonly cases: Record<CaseName, Expected>;
  readonly versionCases: Record<VersionCaseName, Expected>;
}

export const EXPECTED: Record<DialectName, DialectExpectations> = {
  postgresql,
  mysql,
  mariadb,
  mssql,
  oracle,
  sqlite,
};
