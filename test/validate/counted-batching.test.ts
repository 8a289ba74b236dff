/**
 * Raw `op.execute` text in PGlite's batches: the runner counts each raw
 * text's statements with PostgreSQL's parser, so raw text shares a batch
 * (one round trip to the engine) and a failure is still pinned on the item
 * that holds the failing statement; what behaves differently in a
 * multi-statement text still runs alone. Real PGlite, no mocks: only the
 * connection is wrapped, to see the texts it is sent.
 */
import os from 'node:os';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Tally, type ExecItem, type StatementItem } from '../../src/validate/engine.js';
import { CountedRunner, type CountingConnection } from '../../src/validate/counted-runner.js';
import { pgStatementCounter } from '../../src/validate/engines/pg-statements.js';
import { startPglite, type PgConn } from '../../src/validate/engines/pglite-host.js';
import { startOptions } from '../../src/validate/engines/pglite-start.js';

function stmt(sql: string, extra: Partial<StatementItem> = {}): StatementItem {
  return { kind: 'statement', sql, revision: 'r1', file: 'migrations/versions/r1.ts', op: `op for ${sql.slice(0, 20)}`, raw: false, outsideTransaction: false, ...extra };
}

function raw(sql: string, revision: string): StatementItem {
  return stmt(sql, { raw: true, revision, file: `migrations/versions/${revision}.ts`, op: `execute(${revision})` });
}

const BEGIN: ExecItem = { kind: 'begin', sql: 'BEGIN' };
const COMMIT: ExecItem = { kind: 'commit', sql: 'COMMIT' };

let conn: PgConn;
/** every text sent with execCounted, in order */
let sent: string[] = [];

/** The connection, recording what it is sent. */
const recording: CountingConnection = {
  execCounted(sql) {
    sent.push(sql);
    return conn.execCounted(sql);
  },
};

function runner(batchSize = 200): CountedRunner {
  return new CountedRunner(recording, batchSize, pgStatementCounter());
}

beforeAll(() => {
  conn = startPglite(startOptions(os.tmpdir(), 1000));
});
afterAll(async () => {
  await conn.close();
});
afterEach(async () => {
  sent = [];
  await conn.exec('ROLLBACK'); // outside a transaction: only a warning
});

describe('counting raw text', () => {
  it('counts what may share a batch, and keeps alone what may not', async () => {
    const count = pgStatementCounter();
    expect(await count('CREATE TABLE a (x int); INSERT INTO a VALUES (1)')).toBe(2);
    expect(await count("UPDATE t0 SET name = 'x' WHERE id < 0 -- nothing to change")).toBe(1);
    expect(await count("DO $$ BEGIN RAISE NOTICE 'hi'; END $$; SET lock_timeout = '1s'; LOCK TABLE a IN SHARE MODE")).toBeNull();
    expect(await count("DO $$ BEGIN RAISE NOTICE 'hi'; END $$; SET lock_timeout = '1s'")).toBe(2);
    for (const alone of [
      'COMMIT; BEGIN',
      'SAVEPOINT s',
      'VACUUM a',
      'ANALYZE a',
      'CREATE INDEX CONCURRENTLY ix ON a (x)',
      'DROP INDEX CONCURRENTLY ix',
      'REINDEX INDEX CONCURRENTLY ix',
      'ALTER TABLE p DETACH PARTITION c CONCURRENTLY',
      'CLUSTER',
      'CHECKPOINT',
      'CREATE DATABASE d',
      'ALTER SYSTEM SET work_mem = 1',
      'DO $$ BEGIN COMMIT; END $$',
      'CALL proc()',
      'SET LOCAL work_mem = 1',
      'COPY a FROM STDIN',
      '-- only a comment',
      'CREAT TABLE nope (x int)',
    ]) {
      expect(await count(alone), alone).toBeNull();
    }
  });

  it('uses the parser of the PostgreSQL that PGlite runs (a text PGlite cannot parse fails its whole batch)', async () => {
    const pg = await import('libpg-query');
    await pg.loadModule();
    const parserMajor = Math.floor((pg.parseSync('SELECT 1').version ?? 0) / 10000);
    const [row] = await conn.query<{ server_version_num: string }>('SHOW server_version_num');
    expect(parserMajor).toBe(Math.floor(Number(row!.server_version_num) / 10000));
  });
});

describe('raw text in batches', () => {
  it('runs raw multi-statement text in the batch, in a few round trips', async () => {
    const items: ExecItem[] = [BEGIN];
    for (let i = 0; i < 50; i++) {
      items.push(raw(`CREATE TABLE rb${i} (x int); INSERT INTO rb${i} VALUES (1)`, `rev${i}`));
      items.push(stmt(`CREATE INDEX ix_rb${i} ON rb${i} (x)`));
    }
    // raw text ending in a comment does not swallow the next statement
    items.push(raw('INSERT INTO rb0 VALUES (2) -- a second row', 'revc'), stmt('INSERT INTO rb0 VALUES (3)'));
    items.push(COMMIT);
    const tally = new Tally();
    expect(await runner().run(items, tally)).toBeNull();
    expect(tally.checked).toBe(102);
    expect(sent.length).toBeLessThanOrEqual(3);
    const [row] = await conn.query<{ n: string }>('SELECT count(*) AS n FROM rb0');
    expect(Number(row!.n)).toBe(3);
    // and a small batch size splits by statements, raw text counting all of its own
    sent = [];
    const small = [BEGIN, raw('CREATE TABLE rs (x int); INSERT INTO rs VALUES (1); INSERT INTO rs VALUES (2)', 'rs'), stmt('INSERT INTO rs VALUES (3)'), stmt('INSERT INTO rs VALUES (4)'), COMMIT];
    const smallTally = new Tally();
    expect(await runner(4).run(small, smallTally)).toBeNull();
    expect(smallTally.checked).toBe(3);
    expect(sent.length).toBe(2);
  });

  it('names the raw item whose second statement fails in the middle of a batch', async () => {
    const tally = new Tally();
    const failure = await runner().run(
      [
        BEGIN,
        stmt('CREATE TABLE f1 (id INTEGER PRIMARY KEY)'),
        raw('CREATE TABLE f2 (x int); INSERT INTO f2 VALUES (1)', 'ok-raw'),
        stmt('CREATE TABLE f3 (id INTEGER)'),
        raw('CREATE TABLE f4 (x int); INSERT INTO nope VALUES (1); INSERT INTO f4 VALUES (1)', 'bad-raw'),
        stmt('CREATE TABLE f5 (id INTEGER)'),
        COMMIT,
      ],
      tally,
    );
    expect(sent.length).toBe(1);
    expect(failure?.statement.revision).toBe('bad-raw');
    expect(failure?.statement.op).toBe('execute(bad-raw)');
    expect(failure?.statement.file).toBe('migrations/versions/bad-raw.ts');
    expect(failure?.message).toBe('relation "nope" does not exist');
    expect(tally.checked).toBe(3);
  });

  it('names the statement after a multi-statement raw item, not one off', async () => {
    const tally = new Tally();
    const failure = await runner().run(
      [
        BEGIN,
        raw('CREATE TABLE g1 (x int); INSERT INTO g1 VALUES (1); INSERT INTO g1 VALUES (2)', 'raw-before'),
        stmt('ALTER TABLE g1 DROP COLUMN nope', { revision: 'after', op: "dropColumn('g1', 'nope')" }),
        stmt('CREATE TABLE g2 (id INTEGER)', { revision: 'later' }),
        COMMIT,
      ],
      tally,
    );
    expect(sent.length).toBe(1);
    expect(failure?.statement.revision).toBe('after');
    expect(failure?.statement.op).toBe("dropColumn('g1', 'nope')");
    expect(failure?.message).toBe('column "nope" of relation "g1" does not exist');
    expect(tally.checked).toBe(1);
  });

  it('names a failing COMMIT after raw text by the last statement of its transaction', async () => {
    const failure = await runner().run(
      [
        BEGIN,
        stmt('CREATE TABLE h1 (id INTEGER PRIMARY KEY)'),
        raw('CREATE TABLE h2 (ref INTEGER REFERENCES h1 (id) DEFERRABLE INITIALLY DEFERRED); INSERT INTO h2 VALUES (42)', 'deferred'),
        COMMIT,
      ],
      new Tally(),
    );
    expect(failure?.statement.sql).toBe('COMMIT');
    expect(failure?.statement.revision).toBe('deferred');
    expect(failure?.statement.op).toBe('COMMIT (ending the transaction of execute(deferred))');
    expect(failure?.message).toMatch(/violates foreign key constraint/);
  });
});

describe('raw text that runs alone', () => {
  it('runs transaction control alone, and names it when it fails', async () => {
    const control = raw('COMMIT; BEGIN', 'control');
    const tally = new Tally();
    expect(await runner().run([BEGIN, stmt('CREATE TABLE k1 (id INTEGER)'), control, stmt('CREATE TABLE k2 (id INTEGER)'), COMMIT], tally)).toBeNull();
    expect(tally.checked).toBe(3);
    expect(sent).toContain('COMMIT; BEGIN;\n');
    expect(sent.length).toBe(3);
    sent = [];
    const failure = await runner().run([BEGIN, stmt('CREATE TABLE k3 (id INTEGER)'), raw('COMMIT; SELECT nope FROM k3', 'control-bad'), stmt('CREATE TABLE k4 (id INTEGER)'), COMMIT], new Tally());
    expect(sent).toContain('COMMIT; SELECT nope FROM k3;\n');
    expect(failure?.statement.revision).toBe('control-bad');
    expect(failure?.message).toBe('column "nope" does not exist');
  });

  it('runs VACUUM alone: outside a transaction block it passes, as it does in the script', async () => {
    const tally = new Tally();
    const failure = await runner().run([stmt('CREATE TABLE v1 (id INTEGER)'), raw('VACUUM v1', 'vacuum'), stmt('INSERT INTO v1 VALUES (1)')], tally);
    expect(failure).toBeNull();
    expect(tally.checked).toBe(3);
    expect(sent).toEqual(['CREATE TABLE v1 (id INTEGER);\n', 'VACUUM v1;\n', 'INSERT INTO v1 VALUES (1);\n']);
    // inside one, PostgreSQL refuses it, and the failure is the VACUUM's
    const inside = await runner().run([BEGIN, stmt('CREATE TABLE v2 (id INTEGER)'), raw('VACUUM v2', 'vacuum-in'), COMMIT], new Tally());
    expect(inside?.statement.revision).toBe('vacuum-in');
    expect(inside?.message).toBe('VACUUM cannot run inside a transaction block');
  });

  it('runs comment-only text alone', async () => {
    const tally = new Tally();
    const failure = await runner().run([BEGIN, stmt('CREATE TABLE c1 (id INTEGER)'), raw('-- nothing to do', 'comment'), stmt('CREATE TABLE c2 (id INTEGER)'), COMMIT], tally);
    expect(failure).toBeNull();
    expect(tally.checked).toBe(3);
    expect(sent).toContain('-- nothing to do;\n');
    expect(sent.length).toBe(3);
  });

  it('runs text PostgreSQL cannot parse alone, and its syntax error is the failure', async () => {
    const tally = new Tally();
    const failure = await runner().run(
      [BEGIN, stmt('CREATE TABLE s1 (id INTEGER)'), raw('CREATE TABLE s2 (x int); CREAT TABLE s3 (x int)', 'typo'), stmt('CREATE TABLE s4 (id INTEGER)'), COMMIT],
      tally,
    );
    expect(sent).toEqual(['BEGIN;\nCREATE TABLE s1 (id INTEGER);\n', 'CREATE TABLE s2 (x int); CREAT TABLE s3 (x int);\n']);
    expect(failure?.statement.revision).toBe('typo');
    expect(failure?.statement.op).toBe('execute(typo)');
    expect(failure?.message).toBe('syntax error at or near "CREAT"');
    expect(tally.checked).toBe(1);
  });
});
