/**
 * Helpers for the SQLite dialect tests: a populated database built from
 * recorded ops, scripts wrapped as gensql wraps them (BEGIN/COMMIT), and
 * read-backs through PRAGMAs with the sqlite3 shell.
 */
import { afterAll } from 'vitest';
import { sqlite, type RunResult } from '../support/engines.js';
import { session, type Recorder, type Session } from '../support/render.js';

const dbs: string[] = [];
afterAll(() => dbs.forEach((d) => sqlite.drop(d)));

export function fresh(): string {
  const db = sqlite.fresh();
  dbs.push(db);
  return db;
}

/** Statements as a script: in one transaction, optionally with foreign keys enforced (set before BEGIN, where it takes effect). */
export function script(statements: readonly string[], opts: { foreignKeys?: boolean } = {}): string {
  return `${opts.foreignKeys ? 'PRAGMA foreign_keys = ON;\n' : ''}BEGIN;\n${statements.map((s) => `${s};\n`).join('')}COMMIT;\n`;
}

export interface Fixture {
  readonly s: Session;
  readonly db: string;
  /** renders ops on the fixture's model (it carries over) */
  render(fn: Recorder): Promise<string[]>;
  /** renders and applies ops; returns the statements */
  apply(fn: Recorder, opts?: { foreignKeys?: boolean }): Promise<string[]>;
  /** renders and applies ops, expecting the engine to refuse */
  refuse(fn: Recorder, opts?: { foreignKeys?: boolean }): Promise<RunResult>;
  q(sql: string): string[];
  /** runs SQL with foreign keys on; returns the shell's result */
  withFk(sql: string): RunResult;
}

/** A database with the tables the recorder creates and the rows of `data`. */
export async function populated(create: Recorder, data: string): Promise<Fixture> {
  const s = await session('sqlite');
  const db = fresh();
  sqlite.applyOk(db, script(await s.run(create)));
  sqlite.applyOk(db, data);
  return {
    s,
    db,
    render: (fn) => s.run(fn),
    async apply(fn, opts = {}) {
      const statements = await s.run(fn);
      sqlite.applyOk(db, script(statements, opts));
      return statements;
    },
    async refuse(fn, opts = {}) {
      const r = sqlite.apply(db, script(await s.run(fn), opts));
      if (r.code === 0) throw new Error('the engine accepted the script');
      return r;
    },
    q: (sql) => sqlite.query(db, sql),
    withFk: (sql) => sqlite.apply(db, `PRAGMA foreign_keys = ON;\n${sql}\n`),
  };
}

/** `name unique origin` of each index of a table, sorted; SQLite's automatic ones as `<auto>`. */
export function indexes(f: Fixture, table: string): string[] {
  return f
    .q(`SELECT name, "unique", origin FROM pragma_index_list('${table}') ORDER BY name`)
    .map((l) => (l.startsWith('sqlite_autoindex_') ? `<auto>${l.slice(l.indexOf('\t'))}` : l))
    .sort();
}

/** The columns an index covers. */
export function indexColumns(f: Fixture, index: string): string[] {
  return f.q(`SELECT name FROM pragma_index_info('${index}') ORDER BY seqno`);
}

/** `name type notnull default pk` per column. */
export function columns(f: Fixture, table: string): string[] {
  return f.q(`SELECT name, type, "notnull", coalesce(dflt_value, '-'), pk FROM pragma_table_info('${table}') ORDER BY cid`);
}

export function count(sql: string, pattern: RegExp): number {
  return sql.match(new RegExp(pattern.source, 'g'))?.length ?? 0;
}
