/**
 * SQLite statements that stop a script on purpose (the version guard, the
 * foreign-key check before a rebuild), views and triggers across a rebuild,
 * and the same SQL on a newer SQLite: every golden case and the guards also
 * run on sql.js (SQLite 3.5x in WebAssembly) besides the sqlite3 3.40 shell.
 */
import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { column, t } from '../../src/index.js';
import type { Op } from '../../src/ops/index.js';
import { CASES } from '../golden/cases.js';
import { sqlite } from '../support/engines.js';
import { session, type Recorder } from '../support/render.js';
import { fresh, populated, script } from './sqlite-support.js';

const family: Recorder = (op) => {
  op.createTable('people', [column('id', t.integer(), { primaryKey: true }), column('name', t.string(30))]);
  op.createTable('pets', [
    column('id', t.integer(), { primaryKey: true }),
    column('owner_id', t.integer(), { references: 'people.id', onDelete: 'CASCADE' }),
  ]);
  op.createTable('nodes', [column('id', t.integer(), { primaryKey: true }), column('parent_id', t.integer(), { references: 'nodes.id' })]);
};
const DATA = "INSERT INTO people VALUES (1, 'ann'), (2, 'bo');\nINSERT INTO pets VALUES (10, 1), (11, 2);\nINSERT INTO nodes VALUES (1, NULL), (2, 1);";

describe('SQLite: foreign keys on while a referenced table is rebuilt', () => {
  it('stops the script, inside the transaction, before anything changes', async () => {
    const f = await populated(family, DATA);
    const schema = f.q('SELECT sql FROM sqlite_master ORDER BY name');
    const r = await f.refuse((op) => op.alterColumn('people', 'name', { type: t.string(60) }), { foreignKeys: true });
    expect(r.stderr).toMatch(/gensql: table people must be rebuilt .*PRAGMA foreign_keys is ON and rows of pets reference it/);
    expect(r.stderr).toMatch(/apply this script with foreign keys off/);
    expect(f.q('SELECT sql FROM sqlite_master ORDER BY name')).toEqual(schema);
    expect(f.q('SELECT * FROM pets ORDER BY id')).toEqual(['10\t1', '11\t2']); // no ON DELETE CASCADE fired
  });

  it('a self-referencing table with linked rows is stopped the same way', async () => {
    const f = await populated(family, DATA);
    const r = await f.refuse((op) => op.addColumn('nodes', column('label', t.string(10), { unique: true })), { foreignKeys: true });
    expect(r.stderr).toMatch(/table nodes must be rebuilt .*rows of nodes reference it/);
  });

  it('goes through with foreign keys on when no row references the table, and with them off', async () => {
    const f = await populated(family, `${DATA}\nDELETE FROM pets;`);
    await f.apply((op) => op.alterColumn('people', 'name', { type: t.string(60) }), { foreignKeys: true });
    expect(f.q('SELECT * FROM people ORDER BY id')).toEqual(['1\tann', '2\tbo']);
    const g = await populated(family, DATA);
    await g.apply((op) => op.alterColumn('people', 'name', { type: t.string(60) }));
    expect(g.q('SELECT * FROM pets ORDER BY id')).toEqual(['10\t1', '11\t2']);
    expect(g.q('PRAGMA foreign_key_check')).toEqual([]);
    expect(g.withFk('DELETE FROM people WHERE id = 1;').code).toBe(0);
    expect(g.q('SELECT * FROM pets')).toEqual(['11\t2']);
  });
});

describe('SQLite: views and triggers across a rebuild', () => {
  it('a view and a trigger naming the rebuilt table keep working (the rename runs in legacy mode)', async () => {
    const f = await populated(family, DATA);
    await f.apply((op) => {
      op.execute('CREATE VIEW named_pets AS SELECT pets.id, people.name FROM pets JOIN people ON people.id = pets.owner_id');
      op.execute("CREATE TRIGGER pets_touch AFTER INSERT ON pets BEGIN UPDATE people SET name = name || '+' WHERE id = new.owner_id; END");
    });
    await f.apply((op) => op.batchAlterTable('people', (b) => b.alterColumn('name', { type: t.text(), nullable: false })));
    expect(f.q('SELECT * FROM named_pets ORDER BY id')).toEqual(['10\tann', '11\tbo']);
    expect(f.withFk('INSERT INTO pets VALUES (12, 2);').code).toBe(0);
    expect(f.q('SELECT name FROM people WHERE id = 2')).toEqual(['bo+']);
    expect(f.q('PRAGMA legacy_alter_table')).toEqual(['0']);
  });
});

async function versionScript(expected: string[], fromBase: boolean): Promise<string> {
  const s = await session('sqlite');
  const ops: Op[] = [...(fromBase ? [{ kind: 'versionTableCreate' } as const] : []), { kind: 'versionGuard', expected, purpose: 'upgrade x:head' }];
  return script([...s.renderOps(ops), "CREATE TABLE marker (id INTEGER)"]);
}

describe('SQLite: the version guard', () => {
  it('from base: passes on a new or emptied database, stops on one with revisions', async () => {
    const db = fresh();
    const r = sqlite.apply(db, await versionScript([], true));
    expect(r).toMatchObject({ code: 0, stdout: '', stderr: '' });
    sqlite.applyOk(db, "DROP TABLE marker; INSERT INTO gensql_version VALUES ('bbbb'), ('aaaa');");
    const again = sqlite.apply(db, await versionScript([], true));
    expect(again.code).not.toBe(0);
    expect(again.stderr).toMatch(/gensql: upgrade x:head: the version table gensql_version must hold no revision, but holds aaaa,bbbb/);
    expect(sqlite.tables(db)).toEqual(['gensql_version']);
  });

  it('at revisions: a missing table, other rows and the right rows', async () => {
    const db = fresh();
    const missing = sqlite.apply(db, await versionScript(['bbbb', 'aaaa'], false));
    expect(missing.stderr).toMatch(/must hold exactly aaaa,bbbb, but the database has no such table/);
    sqlite.applyOk(db, "CREATE TABLE gensql_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY); INSERT INTO gensql_version VALUES ('aaaa');");
    const other = sqlite.apply(db, await versionScript(['aaaa', 'bbbb'], false));
    expect(other.stderr).toMatch(/must hold exactly aaaa,bbbb, but holds aaaa'/);
    sqlite.applyOk(db, 'DELETE FROM gensql_version;');
    expect(sqlite.apply(db, await versionScript(['aaaa'], false)).stderr).toMatch(/must hold exactly aaaa, but holds no revision/);
    expect(sqlite.tables(db)).toEqual(['gensql_version']);
    sqlite.applyOk(db, "INSERT INTO gensql_version VALUES ('bbbb'), ('aaaa');");
    expect(sqlite.apply(db, await versionScript(['bbbb', 'aaaa'], false))).toMatchObject({ code: 0, stdout: '', stderr: '' });
    expect(sqlite.tables(db)).toEqual(['gensql_version', 'marker']);
  });
});

describe('SQLite: the same SQL on sql.js (a newer SQLite)', () => {
  it('every golden case runs', async () => {
    const SQL = await initSqlJs();
    for (const [name, c] of Object.entries(CASES)) {
      if (name.startsWith('createSequence')) continue; // an error by design
      const s = await session('sqlite');
      const db = new SQL.Database();
      try {
        const statements = [...('given' in c && c.given ? await s.run(c.given) : []), ...(await s.run(c.when))];
        expect(() => db.exec(script(statements)), name).not.toThrow();
      } finally {
        db.close();
      }
    }
  });

  it('the guards stop with their message', async () => {
    const SQL = await initSqlJs();
    const db = new SQL.Database();
    db.exec("CREATE TABLE gensql_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY); INSERT INTO gensql_version VALUES ('cccc');");
    expect(() => db.exec(script([]))).not.toThrow();
    const guard = await versionScript(['aaaa'], false);
    expect(() => db.exec(guard)).toThrow(/bad JSON path: 'gensql: upgrade x:head: the version table gensql_version must hold exactly aaaa, but holds cccc'/);
    db.exec('ROLLBACK');
    const f = await session('sqlite');
    db.exec(script(await f.run(family)));
    db.exec(DATA);
    const rebuild = script(await f.run((op) => op.alterColumn('people', 'name', { type: t.string(60) })), { foreignKeys: true });
    expect(() => db.exec(rebuild)).toThrow(/gensql: table people must be rebuilt/);
    db.exec('ROLLBACK');
    expect(db.exec('SELECT count(*) FROM pets')[0]?.values).toEqual([[2]]);
    db.close();
  });
});
