/**
 * The dialect registry. Each dialect module is imported only when used, so
 * a run for one dialect loads nothing of the others.
 */
import { usageError } from '../src/errors.js';
import type { Dialect } from '../src/emit/dialect.js';
import type { DialectName } from '../src/record/operations.js';

const loaders: Record<DialectName, () => Promise<Dialect>> = {
  postgresql: async () => (await import('./postgresql.js')).postgresql,
  mysql: async () => (await import('./mysql.js')).mysql,
  mariadb: async () => (await import('./mariadb.js')).mariadb,
  sqlite: async () => (await import('./sqlite.js')).sqlite,
  mssql: async () => (await import('./mssql.js')).mssql,
  oracle: async () => (await import('./oracle.js')).oracle,
};

export const DIALECT_NAMES = Object.keys(loaders) as DialectName[];

export function isDialectName(name: string): name is DialectName {
  return Object.prototype.hasOwnProperty.call(loaders, name);
}

export async function getDialect(name: string): Promise<Dialect> {
  if (!isDialectName(name)) throw usageError(`unknown dialect '${name}' (choose one of ${DIALECT_NAMES.join(', ')})`);
  return loaders[name]();
}
