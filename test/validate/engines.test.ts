/**
 * The engine layer, engine by engine, on hand-written statements: what each
 * checks, what it cannot check, how a failure inside a batch is pinpointed
 * with the engine's own message, and the schema read-back `check` relies on.
 * Every engine runs for real.
 */
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Tally, type EngineSession, type ExecItem, type StatementItem } from '../../src/validate/engine.js';
import { engineFor } from '../../src/validate/registry.js';
import { wantedExtensions } from '../../src/validate/engines/pglite.js';
import { unsupportedReason } from '../../src/validate/engines/pg-mem.js';
import { diffSnapshots, differenceLines } from '../../src/validate/snapshot.js';
import type { DialectName } from '../../src/record/operations.js';

const cacheBase = os.tmpdir();
const log = (): void => undefined;

function stmt(sql: string, extra: Partial<StatementItem> = {}): StatementItem {
  return { kind: 'statement', sql, revision: 'r1', file: 'migrations/versions/r1.ts', op: `op for ${sql.slice(0, 20)}`, raw: false, outsideTransaction: false, ...extra };
}

const BEGIN: ExecItem = { kind: 'begin', sql: 'BEGIN' };
const COMMIT: ExecItem = { kind: 'commit', sql: 'COMMIT' };

async function open(dialect: DialectName, engine: string | undefined, statements: string[] = []): Promise<EngineSession> {
  const factory = await engineFor(dialect, engine);
  return factory.open({ dialect, statements, cacheBase, log });
}

describe('registry', () => {
  it('picks the most exact engine per dialect and refuses engines that do not run the dialect', async () => {
    expect((await engineFor('postgresql')).name).toBe('pglite');
    expect((await engineFor('postgresql', 'pg-mem')).name).toBe('pg-mem');
    expect((await engineFor('sqlite')).name).toBe('sqljs');
    expect((await engineFor('mysql')).kind).toBe('parses');
    expect((await engineFor('mariadb')).kind).toBe('parses');
    expect((await engineFor('mssql')).kind).toBe('none');
    expect((await engineFor('oracle')).kind).toBe('none');
    await expect(engineFor('sqlite', 'pg-mem')).rejects.toThrow(/does not run sqlite/);
    await expect(engineFor('postgresql', 'nope')).rejects.toThrow(/unknown engine 'nope'/);
  });
});

describe('PGlite', () => {
  let db: EngineSession;
  beforeAll(async () => {
    db = await open('postgresql', undefined, ['CREATE EXTENSION IF NOT EXISTS "uuid-ossp"']);
  });
  afterAll(async () => {
    await db.close();
  });

  it('runs batches, and names the failing statement in the middle of one with PostgreSQL\'s message', async () => {
    const items: ExecItem[] = [BEGIN];
    for (let i = 0; i < 50; i++) items.push(stmt(`CREATE TABLE t${i} (id SERIAL PRIMARY KEY, name VARCHAR(20))`));
    items.push(stmt('ALTER TABLE t7 DROP COLUMN nope', { revision: 'bad', op: "dropColumn('t7', 'nope')" }));
    for (let i = 50; i < 60; i++) items.push(stmt(`CREATE TABLE t${i} (id INTEGER)`));
    items.push(COMMIT);
    const tally = new Tally();
    const failure = await db.run(items, tally);
    expect(failure?.statement.revision).toBe('bad');
    expect(failure?.statement.op).toBe("dropColumn('t7', 'nope')");
    expect(failure?.message).toBe('column "nope" of relation "t7" does not exist');
    expect(tally.checked).toBe(50);
    await db.run([{ kind: 'commit', sql: 'ROLLBACK' }], new Tally());
  });

  it('batches across COMMIT and BEGIN (one transaction per revision) and still names the failing statement, or the COMMIT', async () => {
    const tally = new Tally();
    const failure = await db.run(
      [BEGIN, stmt('CREATE TABLE tpm1 (id INTEGER PRIMARY KEY)'), COMMIT, BEGIN, stmt('CREATE TABLE tpm2 (id INTEGER REFERENCES nope (id))', { revision: 'r2' }), COMMIT],
      tally,
    );
    expect(failure?.statement.revision).toBe('r2');
    expect(failure?.message).toBe('relation "nope" does not exist');
    expect(tally.checked).toBe(1);
    await db.run([{ kind: 'commit', sql: 'ROLLBACK' }], new Tally());
    // a deferred foreign key is checked at COMMIT: the failure is the COMMIT's
    const atCommit = await db.run(
      [BEGIN, stmt('CREATE TABLE tpm3 (id INTEGER PRIMARY KEY, ref INTEGER REFERENCES tpm1 (id) DEFERRABLE INITIALLY DEFERRED)'), stmt('INSERT INTO tpm3 VALUES (1, 42)'), COMMIT],
      new Tally(),
    );
    expect(atCommit?.statement.op).toBe('COMMIT (ending the transaction of op for INSERT INTO tpm3 VAL)');
    expect(atCommit?.statement.revision).toBe('r1');
    expect(atCommit?.statement.sql).toBe('COMMIT');
    expect(atCommit?.message).toMatch(/violates foreign key constraint/);
  });

  it('keeps DETAIL and HINT, loads the contrib extension a statement creates, and runs CONCURRENTLY outside the transaction', async () => {
    const tally = new Tally();
    const ok = await db.run(
      [
        BEGIN,
        stmt('CREATE EXTENSION IF NOT EXISTS "uuid-ossp"'),
        stmt('CREATE TABLE items (id uuid DEFAULT uuid_generate_v4() PRIMARY KEY, price INTEGER)'),
        stmt('CREATE VIEW cheap AS SELECT id FROM items WHERE price < 10', { raw: true }),
        COMMIT,
        stmt('CREATE INDEX CONCURRENTLY ix_items_price ON items (price)', { outsideTransaction: true }),
        BEGIN,
        COMMIT,
      ],
      tally,
    );
    expect(ok).toBeNull();
    expect(tally.checked).toBe(4);
    const failure = await db.run([BEGIN, stmt('DROP TABLE items'), COMMIT], new Tally());
    expect(failure?.message).toMatch(/^cannot drop table items because other objects depend on it\nDETAIL: view cheap depends on table items\nHINT: /);
    await db.run([{ kind: 'commit', sql: 'ROLLBACK' }], new Tally());
  });

  it('reads the schema back and rewinds to a savepoint', async () => {
    const catalog = db.catalog!;
    await db.run([BEGIN, stmt("CREATE TYPE mood AS ENUM ('sad', 'ok')"), stmt("CREATE TABLE people (id INTEGER PRIMARY KEY, m mood NOT NULL DEFAULT 'ok')")], new Tally());
    const before = await catalog.snapshot();
    expect(before.get('column public.people.m')).toBe("mood NOT NULL DEFAULT 'ok'::mood");
    expect(before.get('type public.mood')).toBe("enum ('sad', 'ok')");
    expect(before.get('constraint public.people.people_pkey')).toBe('PRIMARY KEY (id)');
    await catalog.mark();
    await db.run([stmt('CREATE INDEX ix_people_m ON people (m)'), stmt('ALTER TABLE people ALTER COLUMN m DROP NOT NULL')], new Tally());
    const lines = differenceLines(diffSnapshots(before, await catalog.snapshot()));
    expect(lines).toEqual(['+ index public.ix_people_m: CREATE INDEX ix_people_m ON public.people USING btree (m)', "~ column public.people.m: mood NOT NULL DEFAULT 'ok'::mood -> mood NULL DEFAULT 'ok'::mood"]);
    await catalog.rewind();
    expect(diffSnapshots(before, await catalog.snapshot())).toEqual({ added: [], removed: [], changed: [] });
    await db.run([{ kind: 'commit', sql: 'ROLLBACK' }], new Tally());
  });

  it("leaves an extension's own objects out of the schema, whole or scoped to touched names", async () => {
    const catalog = db.catalog!;
    const setup = [BEGIN, stmt('CREATE EXTENSION IF NOT EXISTS "uuid-ossp"'), stmt("CREATE FUNCTION mine() RETURNS uuid LANGUAGE sql AS 'SELECT uuid_generate_v4()'")];
    expect(await db.run(setup, new Tally())).toBeNull();
    const whole = await catalog.snapshot();
    expect(whole.get('extension uuid-ossp')).toBeDefined();
    expect([...whole.keys()].filter((k) => k.startsWith('function '))).toEqual(['function public.mine()']);
    expect(await catalog.track!()).toBe(true);
    await catalog.touched!();
    expect(await db.run([stmt("CREATE OR REPLACE FUNCTION mine() RETURNS uuid LANGUAGE sql AS 'SELECT uuid_generate_v1()'")], new Tally())).toBeNull();
    const touched = await catalog.touched!();
    const scoped = await catalog.snapshot([...touched, 'public.uuid_generate_v1', 'public.uuid_generate_v4']);
    expect([...scoped.keys()].filter((k) => k.startsWith('function '))).toEqual(['function public.mine()']);
    await db.run([{ kind: 'commit', sql: 'ROLLBACK' }], new Tally());
  });

  it('finds the contrib extensions statements create', () => {
    expect(wantedExtensions(['create extension if not exists "uuid-ossp"', 'CREATE EXTENSION pg_trgm', 'CREATE EXTENSION postgis', 'SELECT 1'])).toEqual(['pg_trgm', 'uuid_ossp']);
  });
});

describe('pg-mem', () => {
  it('counts what it does not support as not checked, and fails on what it knows is wrong', async () => {
    const db = await open('postgresql', 'pg-mem');
    const tally = new Tally();
    const guard = stmt("DO $g$ BEGIN IF to_regclass('x') IS NOT NULL THEN RAISE EXCEPTION 'x'; END IF; END $g$", { revision: null, op: 'version guard' });
    const ok = await db.run([BEGIN, guard, stmt('CREATE TABLE a (id SERIAL NOT NULL, name VARCHAR(20), PRIMARY KEY (id))'), stmt('ALTER TABLE a ADD COLUMN b INTEGER'), COMMIT], tally);
    expect(ok).toBeNull();
    expect(tally.checked).toBe(2);
    expect(tally.notChecked.map((n) => n.reason)).toEqual(['pg-mem cannot parse it']);
    const failure = await db.run([stmt('ALTER TABLE a DROP COLUMN nope')], new Tally());
    expect(failure?.message).toMatch(/nope/);
    await db.close();
  });

  it('stops trusting its rejections once it skipped a statement that changes the schema', async () => {
    const db = await open('postgresql', 'pg-mem');
    const tally = new Tally();
    const failure = await db.run(
      [stmt('CREATE TABLE a (id INTEGER PRIMARY KEY)'), stmt('ALTER TABLE a RENAME CONSTRAINT a_pkey TO a_pk', { revision: 'r2' }), stmt('ALTER TABLE a DROP CONSTRAINT a_pk')],
      tally,
    );
    expect(failure).toBeNull();
    expect(tally.checked).toBe(1);
    expect(tally.notChecked[0]!.reason).toMatch(/does not support it \(Not supported : rename constraint\)/);
    expect(tally.notChecked[1]!.reason).toMatch(/only after skipping an earlier statement of revision r2/);
    await db.close();
  });

  it('tells its own limits from PostgreSQL errors', () => {
    expect(unsupportedReason(new Error('invalid syntax at line 1 col 4:'))).toBe('pg-mem cannot parse it');
    expect(unsupportedReason(new Error('ERROR: function char_length(text) does not exist'))).toMatch(/lacks a function/);
    expect(unsupportedReason(new Error('relation "x" does not exist'))).toBeNull();
  });
});

describe('SQLite (sql.js)', () => {
  it('executes the statements, rejects what SQLite rejects, and reads the schema back', async () => {
    const db = await open('sqlite', undefined);
    const tally = new Tally();
    const ok = await db.run(
      [
        BEGIN,
        stmt('CREATE TABLE account (id INTEGER NOT NULL, name VARCHAR(50) NOT NULL, PRIMARY KEY (id), UNIQUE (name))'),
        stmt('CREATE TABLE post (id INTEGER NOT NULL, account_id INTEGER, PRIMARY KEY (id), FOREIGN KEY(account_id) REFERENCES account (id) ON DELETE CASCADE)'),
        stmt('CREATE INDEX ix_post_account_id ON post (account_id)'),
        stmt("ALTER TABLE account ADD COLUMN note TEXT DEFAULT 'x'"),
        COMMIT,
      ],
      tally,
    );
    expect(ok).toBeNull();
    expect(tally.checked).toBe(4);
    const snap = await db.catalog!.snapshot();
    expect(snap.get('column account.note')).toBe("TEXT NULL DEFAULT 'x'");
    expect(snap.get('column account.id')).toBe('INTEGER NOT NULL PRIMARY KEY 1');
    expect(snap.get('index ix_post_account_id')).toBe('INDEX ON post (account_id)');
    expect(snap.get('index account(name)')).toBe('UNIQUE UNIQUE constraint ON account (name)');
    expect(snap.get('foreign key post(account_id)')).toBe('REFERENCES account(id) ON UPDATE NO ACTION ON DELETE CASCADE');
    const items: ExecItem[] = [BEGIN, stmt('CREATE TABLE x (a INTEGER)'), stmt('ALTER TABLE account ALTER COLUMN name TYPE TEXT', { revision: 'r9' }), stmt('CREATE TABLE y (a INTEGER)'), COMMIT];
    const failure = await db.run(items, new Tally());
    expect(failure?.statement.revision).toBe('r9');
    expect(failure?.message).toMatch(/syntax error/);
    await db.close();
  });
});

describe('MySQL and MariaDB (node-sql-parser)', () => {
  it('parses each statement; what it cannot parse is not checked, never a failure', async () => {
    for (const dialect of ['mysql', 'mariadb'] as const) {
      const db = await open(dialect, undefined);
      const tally = new Tally();
      const failure = await db.run(
        [
          stmt('CREATE TABLE `user` (id INTEGER NOT NULL AUTO_INCREMENT, name VARCHAR(50) NOT NULL, PRIMARY KEY (id))'),
          stmt('ALTER TABLE `user` ADD COLUMN active BOOL'),
          stmt('SELEC 1'),
          stmt("INSERT INTO gensql_version (version_num) VALUES ('a1')"),
        ],
        tally,
      );
      expect(failure).toBeNull();
      expect(db.label).toMatch(dialect === 'mysql' ? /MySQL/ : /MariaDB/);
      expect(tally.checked).toBe(2);
      expect(tally.notChecked).toHaveLength(2);
      expect(tally.notChecked[0]!.reason).toMatch(/^node-sql-parser cannot parse it/);
      await db.close();
    }
  });
});

describe('MSSQL and Oracle', () => {
  it('have no engine: every statement is not checked', async () => {
    for (const dialect of ['mssql', 'oracle'] as const) {
      const db = await open(dialect, undefined);
      const tally = new Tally();
      expect(await db.run([stmt('CREATE TABLE a (id INTEGER)'), stmt('DROP TABLE a')], tally)).toBeNull();
      expect(tally.checked).toBe(0);
      expect(tally.notChecked).toHaveLength(2);
      await db.close();
    }
  });
});
