/**
 * The engine registry: engines by `--engine` name, loaded only when chosen,
 * and the default engine of each dialect (the most exact one there is).
 * Adding an engine is one file under engines/ and one line here.
 */
import { usageError } from '../errors.js';
import type { DialectName } from '../record/operations.js';
import type { EngineFactory } from './engine.js';

const ENGINES: Record<string, () => Promise<EngineFactory>> = {
  pglite: async () => (await import('./engines/pglite.js')).pglite,
  'pg-mem': async () => (await import('./engines/pg-mem.js')).pgMem,
  sqljs: async () => (await import('./engines/sqljs.js')).sqljs,
  'node-sql-parser': async () => (await import('./engines/sql-parser.js')).sqlParser,
  none: async () => (await import('./engines/none.js')).none,
};

const DEFAULT_ENGINE: Record<DialectName, string> = {
  postgresql: 'pglite',
  sqlite: 'sqljs',
  mysql: 'node-sql-parser',
  mariadb: 'node-sql-parser',
  mssql: 'none',
  oracle: 'none',
};

export const ENGINE_NAMES = Object.keys(ENGINES);

/** The engine for a dialect: the requested one (which must support the dialect) or the default. */
export async function engineFor(dialect: DialectName, requested?: string): Promise<EngineFactory> {
  const name = requested ?? DEFAULT_ENGINE[dialect];
  const load = Object.prototype.hasOwnProperty.call(ENGINES, name) ? ENGINES[name] : undefined;
  if (!load) throw usageError(`unknown engine '${name}' (choose one of ${ENGINE_NAMES.join(', ')})`);
  const factory = await load();
  if (!factory.dialects.includes(dialect)) {
    throw usageError(`engine ${name} does not run ${dialect} scripts (it runs ${factory.dialects.join(', ')}); the default for ${dialect} is ${DEFAULT_ENGINE[dialect]}`);
  }
  return factory;
}
