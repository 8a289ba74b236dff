/**
 * The main job on PostgreSQL, end to end: scripts rendered by the CLI from
 * the example project and applied with psql (ON_ERROR_STOP) to a real
 * server, checking the schema and the version rows after every step, the
 * guard, transactions, and byte-identical output.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXAMPLES, gensql, makeProject, revisionFile } from '../support/cli.js';
import { pg } from '../support/engines.js';

const HEAD = '0a1b2c3d4e5f';
const dbs: string[] = [];
afterAll(() => dbs.forEach((d) => pg.drop(d)));

function fresh(): string {
  const db = pg.fresh();
  dbs.push(db);
  return db;
}

async function render(args: string[], cwd = EXAMPLES): Promise<string> {
  const r = await gensql([...args, '--no-validate'], { cwd });
  expect(r.code, r.stderr).toBe(0);
  expect(r.stderr).toBe('');
  return r.stdout;
}

function userTables(db: string): string[] {
  return pg.tables(db).filter((t) => t !== 'public.gensql_version');
}

describe('PostgreSQL end to end (examples/)', () => {
  it('upgrade base:head then downgrade head:base, version rows right after each', async () => {
    const db = fresh();
    pg.applyOk(db, await render(['upgrade', 'base:head']));
    expect(pg.versions(db)).toEqual([HEAD]);
    expect(userTables(db).sort()).toEqual(['public."user"', 'public.account', 'public.posts', 'public.subscription_tiers', 'public.users']);
    expect(pg.query(db, 'select name from subscription_tiers order by id')).toEqual(['free', 'pro', "owner's plan"]);
    expect(pg.query(db, "select column_name from information_schema.columns where table_name = 'user' order by ordinal_position")).toEqual(['id', 'name']);
    pg.applyOk(db, await render(['downgrade', 'head:base']));
    expect(pg.versions(db)).toEqual([]);
    expect(userTables(db)).toEqual([]);
    // the table stays, empty, and upgrading again works
    expect(pg.tables(db)).toEqual(['public.gensql_version']);
    pg.applyOk(db, await render(['upgrade', 'base:head']));
    expect(pg.versions(db)).toEqual([HEAD]);
  });

  it('partial ranges base:X then X:head leave exactly what base:head leaves', async () => {
    const whole = fresh();
    pg.applyOk(whole, await render(['upgrade', 'base:head']));
    for (const x of ['a1b2c3d4e5f6', 'd4e5f6a1b2c3', 'e5f6a1b2c3d4', 'f6a1b2c3d4e5']) {
      const db = fresh();
      pg.applyOk(db, await render(['upgrade', `base:${x}`]));
      expect(pg.versions(db)).toEqual([x]);
      pg.applyOk(db, await render(['upgrade', `${x}:head`]));
      expect(pg.versions(db)).toEqual([HEAD]);
      expect(pg.schema(db)).toBe(pg.schema(whole));
    }
  });

  it('downgrades through the merge point restore both branch rows, then each branch', async () => {
    const db = fresh();
    pg.applyOk(db, await render(['upgrade', 'base:head']));
    pg.applyOk(db, await render(['downgrade', `${HEAD}:e5f6a1b2c3d4`]));
    expect(pg.versions(db)).toEqual(['e5f6a1b2c3d4', 'f6a1b2c3d4e5']);
    // the database holds both branch rows: the range starts from both (a comma list)
    const refused = pg.apply(db, await render(['downgrade', 'e5f6a1b2c3d4:d4e5f6a1b2c3']));
    expect(refused.stderr).toMatch(/must hold exactly e5f6a1b2c3d4, but holds e5f6a1b2c3d4,f6a1b2c3d4e5/);
    pg.applyOk(db, await render(['downgrade', 'e5f6a1b2c3d4,f6a1b2c3d4e5:d4e5f6a1b2c3']));
    expect(pg.versions(db)).toEqual(['d4e5f6a1b2c3']);
    expect(pg.tables(db)).not.toContain('public.subscription_tiers');
    expect(pg.query(db, "select column_name from information_schema.columns where table_name = 'user' order by ordinal_position")).toEqual(['id', 'name', 'mobile_number']);
  });

  it('a guarded script on a database at the wrong revision fails and changes nothing', async () => {
    // X:head on an empty database
    const empty = fresh();
    const r1 = pg.apply(empty, await render(['upgrade', 'd4e5f6a1b2c3:head']));
    expect(r1.code).not.toBe(0);
    expect(r1.stderr).toMatch(/gensql: upgrade d4e5f6a1b2c3:head: the version table gensql_version must hold exactly d4e5f6a1b2c3, but holds no version table/);
    expect(pg.tables(empty)).toEqual([]);
    // base:head on a database that is already at head
    const at = fresh();
    pg.applyOk(at, await render(['upgrade', 'base:head']));
    const before = pg.schema(at);
    const r2 = pg.apply(at, await render(['upgrade', 'base:head']));
    expect(r2.code).not.toBe(0);
    expect(r2.stderr).toMatch(/must hold no revision, but holds 0a1b2c3d4e5f/);
    expect(pg.schema(at)).toBe(before);
    // X:head on a database at another revision
    const other = fresh();
    pg.applyOk(other, await render(['upgrade', 'base:c3d4e5f6a1b2']));
    const schema = pg.schema(other);
    const r3 = pg.apply(other, await render(['upgrade', 'd4e5f6a1b2c3:head']));
    expect(r3.code).not.toBe(0);
    expect(r3.stderr).toMatch(/but holds c3d4e5f6a1b2/);
    expect(pg.schema(other)).toBe(schema);
    expect(pg.versions(other)).toEqual(['c3d4e5f6a1b2']);
  });

  it('stamp writes only version rows', async () => {
    const db = fresh();
    const script = await render(['stamp', 'heads']);
    expect(script).not.toMatch(/CREATE TABLE (?!IF NOT EXISTS gensql_version)/);
    pg.applyOk(db, script);
    expect(pg.versions(db)).toEqual([HEAD]);
    expect(userTables(db)).toEqual([]);
    pg.applyOk(db, await render(['stamp', `${HEAD}:base`]));
    expect(pg.versions(db)).toEqual([]);
  });

  it('same inputs give byte-identical output, cold or warm cache', async () => {
    const a = await render(['upgrade', 'base:head']);
    const cold = await gensql(['upgrade', 'base:head', '--no-validate'], { env: { GENSQL_NO_CACHE: '1' } });
    const warm = await render(['upgrade', 'base:head']);
    expect(cold.stdout).toBe(a);
    expect(warm).toBe(a);
    expect(a).not.toMatch(/\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}/); // no timestamps in the header
  });
});

describe('PostgreSQL script shape and settings', () => {
  const files = {
    'a_one.ts': revisionFile({
      id: 'aaaa00000001',
      message: 'accounts\nwith a second line',
      up: "  op.createTable('acct', [column('id', t.integer(), { primaryKey: true }), column('email', t.string(80))]);",
      down_body: "  op.dropTable('acct');",
    }),
    'b_two.ts': revisionFile({
      id: 'bbbb00000002',
      down: 'aaaa00000001',
      up: "  op.createIndex('ix_acct_email', 'acct', ['email'], { concurrently: true });\n  op.addColumn('acct', column('mood', t.enum(['ok', 'sad'], { name: 'mood' })));",
      down_body: "  op.dropColumn('acct', 'mood');\n  op.dropEnum('mood');\n  op.dropIndex('ix_acct_email', { concurrently: true });",
    }),
  };

  it('CREATE INDEX CONCURRENTLY runs outside the transaction; enum types come first', async () => {
    const dir = makeProject(files);
    const script = await render(['upgrade', 'base:head'], dir);
    expect(script).toContain('COMMIT;\n\nCREATE INDEX CONCURRENTLY ix_acct_email ON acct (email);\n\nBEGIN;');
    expect(script.indexOf("CREATE TYPE mood AS ENUM ('ok', 'sad')")).toBeLessThan(script.indexOf('ADD COLUMN mood mood'));
    expect(script).toContain('-- Running upgrade  -> aaaa00000001\n-- accounts\n-- with a second line');
    const db = fresh();
    pg.applyOk(db, script);
    expect(pg.versions(db)).toEqual(['bbbb00000002']);
    pg.applyOk(db, await render(['downgrade', 'head:base'], dir));
    expect(pg.tables(db)).toEqual(['public.gensql_version']);
    expect(pg.query(db, "select count(*) from pg_type where typname = 'mood'")).toEqual(['0']);
  });

  it('transactionPerMigration, versionTable and versionTableSchema from the config (a flag wins)', async () => {
    const dir = makeProject(files, { versionTable: 'schema_history', versionTableSchema: 'audit', transactionPerMigration: true });
    const script = await render(['upgrade', 'base:head'], dir);
    expect(script.match(/^BEGIN;$/gm)?.length).toBe(3); // one per revision, plus the reopening after CONCURRENTLY
    expect(script).toContain('CREATE TABLE IF NOT EXISTS audit.schema_history (');
    expect(script).toContain("UPDATE audit.schema_history SET version_num='bbbb00000002' WHERE audit.schema_history.version_num = 'aaaa00000001'");
    const db = fresh();
    pg.applyOk(db, 'CREATE SCHEMA audit;');
    pg.applyOk(db, script);
    expect(pg.query(db, 'select version_num from audit.schema_history')).toEqual(['bbbb00000002']);
    const single = await render(['upgrade', 'base:head', '--no-transaction-per-migration'], dir);
    expect(single.match(/^BEGIN;$/gm)?.length).toBe(2);
  });

  it('the header lists the range, tag, expected and resulting revisions, without timestamps', async () => {
    const dir = makeProject(files);
    const script = await render(['upgrade', 'aaaa00000001:head', '--tag', 'release-42'], dir);
    const header = script.slice(0, script.indexOf('\n\n'));
    expect(header).toBe(
      [
        '-- gensql 0.1.0: upgrade aaaa00000001:head (postgresql)',
        '-- tag: release-42',
        '-- version table: gensql_version',
        '-- expects: aaaa00000001',
        '-- leaves: bbbb00000002',
        '-- revisions, in order:',
        '--   bbbb00000002  revision bbbb00000002',
      ].join('\n'),
    );
    fs.rmSync(path.join(dir), { recursive: true, force: true });
  });
});
