/**
 * PostgreSQL in WebAssembly (PGlite): real PostgreSQL, with its own error
 * messages, and the default engine for the postgresql dialect. Starting it
 * (pglite-start.ts) and where it runs (pglite-host.ts: a worker thread in
 * the built CLI) are elsewhere; this is the engine seen by validation and
 * `check`: batches of statements, the catalog read back, savepoints.
 */
import type { Node } from 'libpg-query';
import { PG_TRACK_SQL, pgSnapshot, pgTouchedSql } from '../catalog-pg.js';
import type { CatalogAccess, EngineFactory, EngineSession, EngineWarm, ExecItem, Failure, Tally } from '../engine.js';
import { CountedRunner, type StatementCounter } from '../counted-runner.js';
import type { SchemaSnapshot } from '../snapshot.js';
import { startPglite, type PgConn } from './pglite-host.js';
import { startCovers, startOptions } from './pglite-start.js';
import { installedVersion } from '../../version.js';

export { wantedExtensions } from './pglite-start.js';

/** Statements per batch: large enough that round trips stop mattering, small enough that a failure re-runs little. */
const BATCH = 200;

type PgQuery = typeof import('libpg-query');

/** libpg-query (WebAssembly, ~1 MB), loaded once, when a script first has raw text. */
let parser: Promise<PgQuery> | null = null;
function loadParser(): Promise<PgQuery> {
  parser ??= import('libpg-query').then(async (pg) => {
    await pg.loadModule();
    return pg;
  });
  return parser;
}

/**
 * Whether a statement behaves the same in a multi-statement text as in a
 * text of its own. Such a text is one implicit transaction block, its
 * statements are not "top level", and PostgreSQL parses all of it first.
 * Everything passes except what this knows to differ; when in doubt, alone.
 */
function batchable(node: Node): boolean {
  // transaction control, and what refuses any transaction block or runs only top level
  if (
    'TransactionStmt' in node ||
    'VacuumStmt' in node ||
    'CreatedbStmt' in node ||
    'DropdbStmt' in node ||
    'AlterDatabaseStmt' in node ||
    'AlterSystemStmt' in node ||
    'CreateTableSpaceStmt' in node ||
    'DropTableSpaceStmt' in node ||
    'CheckPointStmt' in node ||
    'DiscardStmt' in node ||
    'CreateSubscriptionStmt' in node ||
    'AlterSubscriptionStmt' in node ||
    'DropSubscriptionStmt' in node
  ) {
    return false;
  }
  if ('IndexStmt' in node) return node.IndexStmt.concurrent !== true;
  if ('DropStmt' in node) return node.DropStmt.concurrent !== true;
  if ('ReindexStmt' in node) {
    const r = node.ReindexStmt;
    const concurrently = (r.params ?? []).some((p) => 'DefElem' in p && p.DefElem.defname === 'concurrently');
    return !concurrently && r.kind !== 'REINDEX_OBJECT_DATABASE' && r.kind !== 'REINDEX_OBJECT_SYSTEM';
  }
  if ('ClusterStmt' in node) return node.ClusterStmt.relation !== undefined;
  if ('AlterTableStmt' in node) {
    // DETACH PARTITION ... CONCURRENTLY
    const detachConcurrently = (c: Node): boolean => 'AlterTableCmd' in c && c.AlterTableCmd.def !== undefined && 'PartitionCmd' in c.AlterTableCmd.def && c.AlterTableCmd.def.PartitionCmd.concurrent === true;
    return !(node.AlterTableStmt.cmds ?? []).some(detachConcurrently);
  }
  // a procedure, or a DO block, may COMMIT only as the only statement of its text
  if ('CallStmt' in node) return false;
  if ('DoStmt' in node) {
    const body = (node.DoStmt.args ?? []).map((a) => ('DefElem' in a && a.DefElem.arg && 'String' in a.DefElem.arg ? (a.DefElem.arg.String.sval ?? '') : '')).join(' ');
    return !/\b(commit|rollback)\b/i.test(body);
  }
  // what needs a transaction block, which a multi-statement text gives implicitly
  if ('LockStmt' in node || 'DeclareCursorStmt' in node || 'ConstraintsSetStmt' in node) return false;
  if ('VariableSetStmt' in node) return node.VariableSetStmt.is_local !== true && node.VariableSetStmt.kind !== 'VAR_SET_MULTI';
  // COPY ... FROM STDIN waits for data the text does not carry
  if ('CopyStmt' in node) return false;
  return true;
}

/**
 * Counts raw text's statements with PostgreSQL's own parser (libpg-query,
 * the same major version as PGlite's PostgreSQL — a test keeps them
 * together, since a text PGlite cannot parse would fail its whole batch
 * before any statement ran). Null keeps the text alone: it does not parse,
 * holds no statement (comments only), or holds one `batchable` refuses.
 * Results are kept per text, which often repeats.
 */
export function pgStatementCounter(): StatementCounter {
  const counts = new Map<string, number | null>();
  return async (sql) => {
    const known = counts.get(sql);
    if (known !== undefined) return known;
    let count: number | null;
    try {
      const stmts = (await loadParser()).parseSync(sql).stmts ?? [];
      count = stmts.length > 0 && stmts.every((s) => s.stmt !== undefined && batchable(s.stmt)) ? stmts.length : null;
    } catch {
      count = null; // PostgreSQL will say what is wrong with it, alone
    }
    counts.set(sql, count);
    return count;
  };
}

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
  memoId: () => `@electric-sql/pglite ${installedVersion('@electric-sql/pglite')}`,
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
