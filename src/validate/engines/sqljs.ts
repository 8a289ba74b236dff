/**
 * SQLite compiled to WebAssembly (sql.js): the real SQLite, so it accepts
 * and rejects exactly what the sqlite3 shell would (including what SQLite
 * tolerates, such as unknown type names). Foreign-key enforcement stays at
 * SQLite's default (off), as when a DBA runs the script with sqlite3.
 */
import type { Database } from 'sql.js';
import { SQLITE_SNAPSHOT_SQL, sqliteSnapshot } from '../catalog-sqlite.js';
import type { CatalogAccess, EngineFactory, EngineSession, ExecItem, Failure, Tally } from '../engine.js';
import { BatchRunner } from '../runner.js';
import type { SchemaSnapshot } from '../snapshot.js';
import { installedVersion } from '../../version.js';

const BATCH = 200;

class SqljsSession implements EngineSession, CatalogAccess {
  readonly label = 'SQLite (sql.js)';
  readonly catalog: CatalogAccess = this;
  private readonly runner: BatchRunner;

  constructor(private readonly db: Database) {
    this.runner = new BatchRunner(
      {
        exec: async (sql) => {
          db.exec(sql);
        },
      },
      { batchSize: BATCH, transactions: true, startsInTransaction: false },
    );
  }

  run(items: readonly ExecItem[], tally: Tally, progress?: (done: number) => void): Promise<Failure | null> {
    return this.runner.run(items, tally, progress);
  }

  /** a SQLite "schema" is an attached database */
  async createSchema(name: string): Promise<void> {
    this.db.exec(`ATTACH DATABASE ':memory:' AS "${name.replace(/"/g, '""')}"`);
  }

  async snapshot(): Promise<SchemaSnapshot> {
    const result = this.db.exec(SQLITE_SNAPSHOT_SQL);
    return sqliteSnapshot(result[0]?.values ?? []);
  }

  async mark(): Promise<void> {
    this.db.exec('SAVEPOINT gensql_check');
  }

  async rewind(): Promise<void> {
    this.db.exec('ROLLBACK TO SAVEPOINT gensql_check; RELEASE SAVEPOINT gensql_check');
  }

  async close(): Promise<void> {
    this.db.close();
  }
}

export const sqljs: EngineFactory = {
  name: 'sqljs',
  label: 'SQLite (sql.js)',
  kind: 'executes',
  dialects: ['sqlite'],
  memoId: () => `sql.js ${installedVersion('sql.js')}`,
  async open() {
    const initSqlJs = (await import('sql.js')).default;
    const SQL = await initSqlJs();
    return new SqljsSession(new SQL.Database());
  },
};
