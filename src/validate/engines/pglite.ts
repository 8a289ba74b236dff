/**
 * PostgreSQL in WebAssembly (PGlite): real PostgreSQL, with its own error
 * messages, and the default engine for the postgresql dialect. Starting it
 * (pglite-start.ts) and where it runs (pglite-host.ts: a worker thread in
 * the built CLI) are elsewhere; this is the engine seen by validation and
 * `check`: batches of statements, the catalog read back, savepoints.
 */
import { PG_TRACK_SQL, pgSnapshot, pgTouchedSql } from '../catalog-pg.js';
import type { CatalogAccess, EngineFactory, EngineSession, EngineWarm, ExecItem, Failure, Tally } from '../engine.js';
import { CountedRunner } from '../counted-runner.js';
import { pgStatementCounter } from './pg-statements.js';
import type { SchemaSnapshot } from '../snapshot.js';
import { startPglite, type PgConn } from './pglite-host.js';
import { pgliteVersion, startCovers, startOptions } from './pglite-start.js';
import { installedVersion } from '../../version.js';

export { wantedExtensions } from './pglite-start.js';

/** Statements per batch: large enough that round trips stop mattering, small enough that a failure re-runs little. */
const BATCH = 200;

class PgliteWarm implements EngineWarm {
  readonly engine = 'pglite';
  constructor(readonly conn: PgConn) {}
  dispose(): Promise<void> {
    return this.conn.close();
  }
}

class PgliteSession implements EngineSession, CatalogAccess {
  readonly label = 'PGlite';
  readonly catalog: CatalogAccess = this;
  private readonly runner: CountedRunner;

  constructor(private readonly conn: PgConn) {
    this.runner = new CountedRunner(conn, BATCH, pgStatementCounter());
  }

  run(items: readonly ExecItem[], tally: Tally, progress?: (done: number) => void): Promise<Failure | null> {
    return this.runner.run(items, tally, progress);
  }

  async createSchema(name: string): Promise<void> {
    await this.conn.exec(`CREATE SCHEMA IF NOT EXISTS "${name.replace(/"/g, '""')}"`);
  }

  async snapshot(scope?: readonly string[]): Promise<SchemaSnapshot> {
    return pgSnapshot((sql) => this.conn.query<{ k: string; v: string | null }>(sql), scope);
  }

  async mark(): Promise<void> {
    await this.conn.exec('SAVEPOINT gensql_check');
  }

  async rewind(): Promise<void> {
    await this.conn.exec('ROLLBACK TO SAVEPOINT gensql_check; RELEASE SAVEPOINT gensql_check');
  }

  async track(): Promise<boolean> {
    try {
      await this.conn.exec(`SAVEPOINT gensql_track; ${PG_TRACK_SQL}; RELEASE SAVEPOINT gensql_track`);
      return true;
    } catch {
      await this.conn.exec('ROLLBACK TO SAVEPOINT gensql_track; RELEASE SAVEPOINT gensql_track');
      return false;
    }
  }

  /** the highest log id read */
  private logged = 0;

  async touched(): Promise<string[]> {
    const rows = await this.conn.query<{ id: number; name: string }>(pgTouchedSql(this.logged));
    for (const r of rows) this.logged = Math.max(this.logged, r.id);
    return [...new Set(rows.map((r) => r.name).filter((n) => n.length > 0))];
  }

  close(): Promise<void> {
    return this.conn.close();
  }
}

export const pglite: EngineFactory = {
  name: 'pglite',
  label: 'PGlite',
  kind: 'executes',
  dialects: ['postgresql'],
  // libpg-query decides which raw texts share a batch
  memoId: () => `@electric-sql/pglite ${pgliteVersion()}, libpg-query ${installedVersion('libpg-query')}`,
  warm(opts) {
    const start = startOptions(opts.cacheBase, opts.expectedStatements, []);
    return new PgliteWarm(startPglite(start));
  },
  async open(opts) {
    const need = startOptions(opts.cacheBase, opts.statements);
    const warm = opts.warm instanceof PgliteWarm ? opts.warm : null;
    if (warm && startCovers(warm.conn.start, need)) return new PgliteSession(warm.conn);
    await opts.warm?.dispose();
    return new PgliteSession(startPglite(need));
  },
};
