/**
 * `--validate-url`: the script also runs on the real PostgreSQL server the
 * test setup starts, inside a transaction that is rolled back — so the
 * server is left exactly as it was — and a statement the server rejects is
 * reported with the server's own message.
 */
import os from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import { gensql, makeProject, revisionFile } from '../support/cli.js';
import { pg } from '../support/engines.js';

const dbs: string[] = [];
function fresh(): string {
  const db = pg.fresh();
  dbs.push(db);
  return db;
}
afterAll(() => {
  for (const db of dbs) pg.drop(db);
});

/** As a user would write it for the local server: socket folder and user name in the query string. */
const url = (db: string): string => `postgresql:///${db}?host=/var/run/postgresql&user=${encodeURIComponent(os.userInfo().username)}`;

function state(db: string): string {
  return `${pg.schema(db)}\n${pg.query(db, "select string_agg(relname, ',' order by relname) from pg_class where relnamespace = 'public'::regnamespace").join('')}`;
}

describe('--validate-url', () => {
  it('runs the script on the server and leaves it unchanged; CONCURRENTLY is not checked there', async () => {
    const db = fresh();
    pg.applyOk(db, 'CREATE TABLE keep_me (id integer primary key);');
    const before = state(db);
    const r = await gensql(['upgrade', 'base:head', '--validate-url', url(db)]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/validated with PGlite: \d+ statements checked, 0 not checked/);
    expect(r.stderr).toMatch(/validated on postgresql:\/\/\/gsqlt_[^ ]* \(rolled back\): (\d+) statements checked, 0 not checked/);
    expect(state(db)).toBe(before);
    expect(pg.versions(db)).toEqual([]);

    const dir = makeProject({
      'a1_items.ts': revisionFile({ id: 'a1', up: "  op.createTable('items', [column('id', t.integer(), { primaryKey: true }), column('name', t.string(50))]);" }),
      'b2_ix.ts': revisionFile({ id: 'b2', down: 'a1', up: "  op.createIndex('ix_items_name', 'items', ['name'], { concurrently: true });" }),
    });
    const c = await gensql(['upgrade', 'base:head', '--validate-url', url(db)], { cwd: dir });
    expect(c.code, c.stderr).toBe(0);
    expect(c.stderr).toMatch(/\(rolled back\): 5 statements checked, 1 not checked/);
    expect(c.stderr).toContain("revision b2: createIndex('ix_items_name', 'items'): it must run outside a transaction block");
    expect(state(db)).toBe(before);
  });

  it("reports a statement the server rejects with the server's message, and still changes nothing", async () => {
    const db = fresh();
    // the server already has a table the script creates: PGlite's empty database cannot know that
    pg.applyOk(db, 'CREATE TABLE account (id integer primary key, owner text);');
    const before = state(db);
    const r = await gensql(['upgrade', 'base:head', '--validate-url', url(db)]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/validated with PGlite: \d+ statements checked, 0 not checked/);
    expect(r.stderr).toContain("error: migrations/versions/c3d4e5f6a1b2_create_account_table.ts: revision c3d4e5f6a1b2: createTable('account'): PostgreSQL server postgresql:///");
    expect(r.stderr).toContain('rejected the statement: relation "account" already exists');
    expect(r.stderr).toContain('  revision: c3d4e5f6a1b2');
    expect(r.stderr).toContain('    CREATE TABLE account (');
    expect(state(db)).toBe(before);
  });

  it('refuses a script for another dialect, and an unreachable server is a usage error', async () => {
    const other = await gensql(['upgrade', 'base:head', '--dialect', 'sqlite', '--validate-url', 'postgresql:///postgres']);
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('--validate-url runs the script on a PostgreSQL server; it cannot check a sqlite script');
    const gone = await gensql(['upgrade', 'base:head', '--validate-url', 'postgresql://nobody:secret@127.0.0.1:1/none']);
    expect(gone.code).toBe(2);
    expect(gone.stdout).toBe('');
    expect(gone.stderr).toContain('cannot connect to postgresql://nobody:***@127.0.0.1:1/none');
    expect(gone.stderr).not.toContain('secret');
  });
});
