/**
 * The example project (examples/) with the built CLI and --dialect sqlite,
 * applied with the sqlite3 shell (-bail): full and partial ranges up and
 * down, the version rows after every step, rows of a referencing table kept
 * across a rebuild, and a guarded script at the wrong revision changing
 * nothing.
 */
import { describe, expect, it } from 'vitest';
import { gensql } from '../support/cli.js';
import { sqlite } from '../support/engines.js';
import { fresh } from './sqlite-support.js';

const HEAD = '0a1b2c3d4e5f';

async function render(args: string[]): Promise<string> {
  const r = await gensql([...args, '--dialect', 'sqlite']);
  expect(r.code, r.stderr).toBe(0);
  expect(r.stderr).toMatch(/validated with SQLite \(sql\.js\): \d+ statements checked, 0 not checked/);
  return r.stdout;
}

function userTables(db: string): string[] {
  return sqlite.tables(db).filter((t) => t !== 'gensql_version');
}

describe('SQLite end to end (examples/)', () => {
  it('upgrade base:head, downgrade head:base, upgrade again; version rows after each', async () => {
    const db = fresh();
    const up = await render(['upgrade', 'base:head']);
    expect(up).toMatch(/^BEGIN;$/m);
    expect(up.trimEnd().endsWith('COMMIT;')).toBe(true);
    sqlite.applyOk(db, up);
    expect(sqlite.versions(db)).toEqual([HEAD]);
    expect(userTables(db)).toEqual(['account', 'posts', 'subscription_tiers', 'user', 'users']);
    expect(sqlite.query(db, 'SELECT name FROM subscription_tiers ORDER BY id')).toEqual(['free', 'pro', "owner's plan"]);
    expect(sqlite.query(db, "SELECT name FROM pragma_table_info('user')")).toEqual(['id', 'name']);
    const whole = sqlite.schema(db);
    sqlite.applyOk(db, await render(['downgrade', 'head:base']));
    expect(sqlite.versions(db)).toEqual([]);
    expect(userTables(db)).toEqual([]);
    expect(sqlite.tables(db)).toEqual(['gensql_version']);
    sqlite.applyOk(db, await render(['upgrade', 'base:head']));
    expect(sqlite.versions(db)).toEqual([HEAD]);
    expect(sqlite.schema(db)).toBe(whole);
  });

  it('partial ranges base:X then X:head leave exactly what base:head leaves', async () => {
    const whole = fresh();
    sqlite.applyOk(whole, await render(['upgrade', 'base:head']));
    for (const x of ['a1b2c3d4e5f6', 'd4e5f6a1b2c3', 'e5f6a1b2c3d4', 'f6a1b2c3d4e5']) {
      const db = fresh();
      sqlite.applyOk(db, await render(['upgrade', `base:${x}`]));
      expect(sqlite.versions(db)).toEqual([x]);
      sqlite.applyOk(db, await render(['upgrade', `${x}:head`]));
      expect(sqlite.versions(db)).toEqual([HEAD]);
      expect(sqlite.schema(db)).toBe(sqlite.schema(whole));
    }
  });

  it('step by step down: to both branch heads, through the merge, to base', async () => {
    const db = fresh();
    sqlite.applyOk(db, await render(['upgrade', 'base:head']));
    sqlite.applyOk(db, await render(['downgrade', `${HEAD}:e5f6a1b2c3d4`]));
    expect(sqlite.versions(db)).toEqual(['e5f6a1b2c3d4', 'f6a1b2c3d4e5']);
    expect(sqlite.query(db, "SELECT name FROM pragma_index_list('users') WHERE name = 'ix_users_tier_id'")).toEqual([]);
    const other = fresh();
    sqlite.applyOk(other, await render(['upgrade', 'base:head']));
    sqlite.applyOk(other, await render(['downgrade', `${HEAD}:d4e5f6a1b2c3`]));
    expect(sqlite.versions(other)).toEqual(['d4e5f6a1b2c3']);
    expect(userTables(other)).not.toContain('subscription_tiers');
    expect(sqlite.query(other, "SELECT name FROM pragma_table_info('users')")).not.toContain('tier_id');
    expect(sqlite.query(other, "SELECT name FROM pragma_table_info('user')")).toEqual(['id', 'name', 'mobile_number']);
    sqlite.applyOk(other, await render(['downgrade', 'd4e5f6a1b2c3:c3d4e5f6a1b2']));
    expect(sqlite.versions(other)).toEqual(['c3d4e5f6a1b2']);
    expect(userTables(other)).toEqual(['account', 'user']);
    sqlite.applyOk(other, await render(['downgrade', 'c3d4e5f6a1b2:base']));
    expect(userTables(other)).toEqual([]);
    expect(sqlite.versions(other)).toEqual([]);
  });

  it('rows of posts survive the rebuild of users (new NOT NULL foreign key column), and the foreign keys hold', async () => {
    const db = fresh();
    sqlite.applyOk(db, await render(['upgrade', 'base:d4e5f6a1b2c3']));
    sqlite.applyOk(db, "INSERT INTO users (id, email) VALUES (1, 'a@x'), (2, 'b@x');\nINSERT INTO posts (id, user_id, title) VALUES (1, 1, 'hi'), (2, 2, 'yo'), (3, 1, 'again');");
    const script = await render(['upgrade', 'd4e5f6a1b2c3:head']);
    expect(script).toContain('CREATE TABLE _gensql_tmp_users (');
    sqlite.applyOk(db, script);
    expect(sqlite.query(db, 'SELECT id, email, is_active, tier_id FROM users ORDER BY id')).toEqual(['1\ta@x\t1\t1', '2\tb@x\t1\t1']);
    expect(sqlite.query(db, 'SELECT id, user_id FROM posts ORDER BY id')).toEqual(['1\t1', '2\t2', '3\t1']);
    expect(sqlite.query(db, 'PRAGMA foreign_key_check')).toEqual([]);
    expect(sqlite.apply(db, "PRAGMA foreign_keys = ON;\nINSERT INTO users (id, email, tier_id) VALUES (3, 'c@x', 99);").stderr).toMatch(/FOREIGN KEY constraint failed/);
    expect(sqlite.apply(db, "PRAGMA foreign_keys = ON;\nINSERT INTO posts (id, user_id, title) VALUES (4, 99, 'x');").stderr).toMatch(/FOREIGN KEY constraint failed/);
    sqlite.applyOk(db, 'PRAGMA foreign_keys = ON;\nDELETE FROM users WHERE id = 1;');
    expect(sqlite.query(db, 'SELECT id FROM posts')).toEqual(['2']);
    // and back down: users is rebuilt again, without tier_id
    sqlite.applyOk(db, await render(['downgrade', `${HEAD}:d4e5f6a1b2c3`]));
    expect(sqlite.query(db, 'SELECT * FROM posts')).toEqual(['2\t2\tyo\t']);
    expect(sqlite.versions(db)).toEqual(['d4e5f6a1b2c3']);
  });

  it('a guarded script on a database at the wrong revision fails and changes nothing', async () => {
    const empty = fresh();
    const r1 = sqlite.apply(empty, await render(['upgrade', 'd4e5f6a1b2c3:head']));
    expect(r1.code).not.toBe(0);
    expect(r1.stderr).toMatch(/gensql: upgrade d4e5f6a1b2c3:head: the version table gensql_version must hold exactly d4e5f6a1b2c3, but the database has no such table/);
    expect(sqlite.tables(empty)).toEqual([]);

    const at = fresh();
    sqlite.applyOk(at, await render(['upgrade', 'base:head']));
    const before = sqlite.schema(at);
    const r2 = sqlite.apply(at, await render(['upgrade', 'base:head']));
    expect(r2.code).not.toBe(0);
    expect(r2.stderr).toMatch(/must hold no revision, but holds 0a1b2c3d4e5f/);
    expect(sqlite.schema(at)).toBe(before);
    expect(sqlite.versions(at)).toEqual([HEAD]);

    const other = fresh();
    sqlite.applyOk(other, await render(['upgrade', 'base:c3d4e5f6a1b2']));
    const schema = sqlite.schema(other);
    const r3 = sqlite.apply(other, await render(['upgrade', 'd4e5f6a1b2c3:head']));
    expect(r3.code).not.toBe(0);
    expect(r3.stderr).toMatch(/must hold exactly d4e5f6a1b2c3, but holds c3d4e5f6a1b2/);
    expect(sqlite.schema(other)).toBe(schema);
    expect(sqlite.versions(other)).toEqual(['c3d4e5f6a1b2']);

    // a downgrade script aimed at another revision leaves the database alone too
    const r4 = sqlite.apply(other, await render(['downgrade', `${HEAD}:base`]));
    expect(r4.stderr).toMatch(/must hold exactly 0a1b2c3d4e5f, but holds c3d4e5f6a1b2/);
    expect(sqlite.schema(other)).toBe(schema);
  });

  it('stamp writes only version rows; transactionPerMigration gives one transaction per revision', async () => {
    const db = fresh();
    sqlite.applyOk(db, await render(['stamp', 'heads']));
    expect(sqlite.versions(db)).toEqual([HEAD]);
    expect(userTables(db)).toEqual([]);
    const per = await render(['upgrade', 'base:head', '--transaction-per-migration']);
    expect(per.match(/^BEGIN;$/gm)?.length).toBe(7);
    const db2 = fresh();
    sqlite.applyOk(db2, per);
    expect(sqlite.versions(db2)).toEqual([HEAD]);
  });
});
