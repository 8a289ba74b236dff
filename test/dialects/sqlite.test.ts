/**
 * SQLite table rebuilds on populated tables, applied with the real sqlite3
 * shell: rows, indexes and the foreign keys of other tables survive; what
 * ALTER TABLE can do stays an ALTER; a batch is one rebuild.
 */
import { describe, expect, it } from 'vitest';
import { column, sql, t } from '../../src/index.js';
import type { Recorder } from '../support/render.js';
import { columns, count, indexColumns, indexes, populated, type Fixture } from './sqlite-support.js';

const schema: Recorder = (op) => {
  op.createTable('people', [
    column('id', t.integer(), { primaryKey: true }),
    column('email', t.string(100), { unique: true }),
    column('nickname', t.string(30), { index: true }),
    column('code', t.string(10)),
    column('born', t.date()),
    column('age', t.integer()),
  ]);
  op.createTable('pets', [
    column('id', t.integer(), { primaryKey: true }),
    column('owner_id', t.integer(), { references: 'people.id', onDelete: 'CASCADE' }),
    column('name', t.string(20)),
  ]);
  op.createTable('toys', [column('id', t.integer(), { primaryKey: true }), column('pet_id', t.integer())]);
};

const DATA = `INSERT INTO people VALUES (1, 'a@x', 'ann', '0042', '2024-01-02', 30), (2, 'b@x', 'bo', '7', NULL, NULL), (3, NULL, 'cy', 'x1', '1999-12-31', 5);
INSERT INTO pets VALUES (10, 1, 'rex'), (11, 1, 'tom'), (12, 3, 'kit');
INSERT INTO toys VALUES (100, 10), (101, 12);`;

const PETS = ['10\t1\trex', '11\t1\ttom', '12\t3\tkit'];

async function fixture(): Promise<Fixture> {
  return populated(schema, DATA);
}

/** The foreign key of pets still points at the (rebuilt) people table, and is enforced when foreign keys are on. */
function petsForeignKeyWorks(f: Fixture, key = 'id'): void {
  expect(f.q('SELECT * FROM pets ORDER BY id')).toEqual(PETS);
  expect(f.q('PRAGMA foreign_key_check')).toEqual([]);
  const bad = f.withFk("INSERT INTO pets VALUES (13, 99, 'ghost');");
  expect(bad.code).not.toBe(0);
  expect(bad.stderr).toMatch(/FOREIGN KEY constraint failed/);
  // ON DELETE CASCADE of the new parent table: deleting person 3 removes pet 12
  expect(f.withFk(`DELETE FROM people WHERE ${key} = 3;`).code).toBe(0);
  expect(f.q('SELECT id FROM pets ORDER BY id')).toEqual(['10', '11']);
}

describe('SQLite: dropping columns', () => {
  it('a plain column is an ALTER TABLE DROP COLUMN', async () => {
    const f = await fixture();
    const statements = await f.apply((op) => op.dropColumn('people', 'born'));
    expect(statements).toEqual(['ALTER TABLE people DROP COLUMN born']);
    expect(f.q('SELECT * FROM people ORDER BY id')).toEqual(['1\ta@x\tann\t0042\t30', '2\tb@x\tbo\t7\t', '3\t\tcy\tx1\t5']);
  });

  it('a UNIQUE column rebuilds the table, keeping rows, other indexes and the foreign keys that point at it', async () => {
    const f = await fixture();
    expect(indexes(f, 'people')).toEqual(['<auto>\t1\tu', 'ix_people_nickname\t0\tc']);
    const statements = await f.apply((op) => op.dropColumn('people', 'email'));
    expect(statements[0]).toMatch(/^SELECT json_extract/); // the foreign-key guard: pets references people
    expect(statements).toContain('DROP TABLE people');
    expect(f.q('SELECT * FROM people ORDER BY id')).toEqual(['1\tann\t0042\t2024-01-02\t30', '2\tbo\t7\t\t', '3\tcy\tx1\t1999-12-31\t5']);
    expect(indexes(f, 'people')).toEqual(['ix_people_nickname\t0\tc']);
    expect(indexColumns(f, 'ix_people_nickname')).toEqual(['nickname']);
    petsForeignKeyWorks(f);
  });

  it('an indexed column rebuilds the table; the index goes with the column', async () => {
    const f = await fixture();
    await f.apply((op) => op.dropColumn('people', 'nickname'));
    expect(indexes(f, 'people')).toEqual(['<auto>\t1\tu']);
    expect(f.q('SELECT id, email FROM people ORDER BY id')).toEqual(['1\ta@x', '2\tb@x', '3\t']);
  });

  it('a column named by a table CHECK is refused with a clear error, before any SQL', async () => {
    const f = await fixture();
    await f.apply((op) => op.createCheckConstraint('ck_people_age', 'people', 'age >= 0'));
    await expect(f.render((op) => op.dropColumn('people', 'age'))).rejects.toThrow(/check constraint ck_people_age refers to column age/);
  });
});

describe('SQLite: altering columns', () => {
  it('a type change CASTs where the affinity changes, and not into NUMERIC affinity', async () => {
    const f = await fixture();
    const statements = await f.apply((op) => {
      op.alterColumn('people', 'code', { type: t.integer() });
      op.alterColumn('people', 'age', { type: t.string(10) });
      op.alterColumn('people', 'born', { type: t.dateTime() });
    });
    const text = statements.join('\n');
    expect(text).toContain('CAST(people.code AS INTEGER) AS code');
    expect(text).toContain('CAST(people.age AS VARCHAR(10)) AS age');
    expect(text).not.toMatch(/CAST\(people\.born/);
    // as Alembic: CAST('x1' AS INTEGER) is 0; dates stay text instead of becoming 2024
    expect(f.q('SELECT id, code, typeof(code), age, typeof(age), born FROM people ORDER BY id')).toEqual([
      '1\t42\tinteger\t30\ttext\t2024-01-02',
      '2\t7\tinteger\t\tnull\t',
      '3\t0\tinteger\t5\ttext\t1999-12-31',
    ]);
    expect(columns(f, 'people').map((c) => c.split('\t').slice(0, 2).join(' '))).toEqual([
      'id INTEGER', 'email VARCHAR(100)', 'nickname VARCHAR(30)', 'code INTEGER', 'born DATETIME', 'age VARCHAR(10)',
    ]);
    expect(indexes(f, 'people')).toEqual(['<auto>\t1\tu', 'ix_people_nickname\t0\tc']);
    petsForeignKeyWorks(f);
  });

  it('nullability and defaults change; rows stay', async () => {
    const f = await fixture();
    await f.apply((op) => {
      op.alterColumn('people', 'nickname', { nullable: false });
      op.alterColumn('people', 'age', { serverDefault: 18 });
      op.alterColumn('people', 'born', { serverDefault: sql`CURRENT_DATE` });
    });
    expect(columns(f, 'people').filter((c) => /^(nickname|age|born)\t/.test(c))).toEqual([
      'nickname\tVARCHAR(30)\t1\t-\t0',
      'born\tDATE\t0\tCURRENT_DATE\t0',
      'age\tINTEGER\t0\t18\t0',
    ]);
    expect(f.withFk("INSERT INTO people (id, nickname) VALUES (4, 'di');").code).toBe(0);
    expect(f.q('SELECT age, born IS NOT NULL FROM people WHERE id = 4')).toEqual(['18\t1']);
    expect(f.withFk('INSERT INTO people (id) VALUES (5);').stderr).toMatch(/NOT NULL constraint failed: people.nickname/);
    await f.apply((op) => {
      op.alterColumn('people', 'nickname', { nullable: true });
      op.alterColumn('people', 'age', { serverDefault: null });
    });
    expect(columns(f, 'people').filter((c) => /^(nickname|age)\t/.test(c))).toEqual(['nickname\tVARCHAR(30)\t0\t-\t0', 'age\tINTEGER\t0\t-\t0']);
    expect(f.q('SELECT count(*) FROM people')).toEqual(['4']);
  });

  it('NOT NULL over existing NULLs fails inside the transaction and changes nothing', async () => {
    const f = await fixture();
    const before = [f.q("SELECT sql FROM sqlite_master WHERE name = 'people'"), f.q('SELECT * FROM people ORDER BY id')];
    const r = await f.refuse((op) => op.alterColumn('people', 'email', { nullable: false }));
    expect(r.stderr).toMatch(/NOT NULL constraint failed/);
    expect([f.q("SELECT sql FROM sqlite_master WHERE name = 'people'"), f.q('SELECT * FROM people ORDER BY id')]).toEqual(before);
    expect(f.q("SELECT name FROM sqlite_master WHERE name LIKE '_gensql_tmp_%'")).toEqual([]);
  });

  it('a rename alone is RENAME COLUMN, which SQLite carries into indexes and foreign keys', async () => {
    const f = await fixture();
    expect(await f.apply((op) => op.alterColumn('people', 'nickname', { newColumnName: 'handle' }))).toEqual([
      'ALTER TABLE people RENAME COLUMN nickname TO handle',
    ]);
    expect(indexColumns(f, 'ix_people_nickname')).toEqual(['handle']);
    await f.apply((op) => op.alterColumn('people', 'id', { newColumnName: 'person_id' }));
    // pets is rebuilt from the model, whose foreign key now names people.person_id
    await f.apply((op) => op.alterColumn('pets', 'name', { type: t.string(40) }));
    expect(f.q("SELECT \"table\", \"from\", \"to\" FROM pragma_foreign_key_list('pets')")).toEqual(['people\towner_id\tperson_id']);
    petsForeignKeyWorks(f, 'person_id');
  });

  it('a comment alone is nothing (SQLite does not store comments)', async () => {
    const f = await fixture();
    expect(await f.render((op) => op.alterColumn('people', 'age', { comment: 'years' }))).toEqual([]);
  });
});

describe('SQLite: constraints outside a batch rebuild the table', () => {
  it('unique and check constraints are added and dropped, rows kept', async () => {
    const f = await fixture();
    await f.apply((op) => {
      op.createUniqueConstraint('uq_people_code', 'people', ['code']);
      op.createCheckConstraint('ck_people_age', 'people', 'age >= 0');
    });
    expect(f.withFk("INSERT INTO people (id, code) VALUES (9, '7');").stderr).toMatch(/UNIQUE constraint failed: people.code/);
    expect(f.withFk('INSERT INTO people (id, age) VALUES (9, -1);').stderr).toMatch(/CHECK constraint failed: ck_people_age/);
    expect(indexes(f, 'people')).toEqual(['<auto>\t1\tu', '<auto>\t1\tu', 'ix_people_nickname\t0\tc']);
    await f.apply((op) => {
      op.dropConstraint('uq_people_code', 'people', { type: 'unique' });
      op.dropConstraint('ck_people_age', 'people');
    });
    expect(f.withFk("INSERT INTO people (id, code, age) VALUES (9, '7', -1);").code).toBe(0);
    expect(f.q('SELECT count(*) FROM people')).toEqual(['4']);
    petsForeignKeyWorks(f);
  });

  it('a foreign key is added and dropped', async () => {
    const f = await fixture();
    await f.apply((op) => op.createForeignKey('fk_toys_pet', 'toys', 'pets', ['pet_id'], ['id'], { onDelete: 'SET NULL' }));
    expect(f.q("SELECT \"table\", \"from\", \"to\", on_delete FROM pragma_foreign_key_list('toys')")).toEqual(['pets\tpet_id\tid\tSET NULL']);
    expect(f.q('PRAGMA foreign_key_check')).toEqual([]);
    expect(f.withFk('INSERT INTO toys VALUES (102, 99);').stderr).toMatch(/FOREIGN KEY constraint failed/);
    expect(f.withFk('DELETE FROM pets WHERE id = 12;').code).toBe(0);
    expect(f.q('SELECT id, pet_id FROM toys ORDER BY id')).toEqual(['100\t10', '101\t']);
    await f.apply((op) => op.dropConstraint('fk_toys_pet', 'toys', { type: 'foreignkey' }));
    expect(f.withFk('INSERT INTO toys VALUES (102, 99);').code).toBe(0);
  });

  it('an unnamed constraint cannot be dropped (SQLite has no name for it)', async () => {
    const f = await fixture();
    await expect(f.render((op) => op.dropConstraint('people_email_key', 'people'))).rejects.toThrow(/does not exist/);
  });
});

describe('SQLite: batchAlterTable', () => {
  it('recreate auto: all the ops are one rebuild; rows and indexes kept', async () => {
    const f = await fixture();
    const statements = await f.apply((op) =>
      op.batchAlterTable('people', (b) => {
        b.addColumn(column('score', t.integer(), { nullable: false, serverDefault: 0 }));
        b.alterColumn('code', { type: t.integer() });
        b.dropColumn('born');
        b.alterColumn('nickname', { newColumnName: 'handle' });
        b.createIndex('ix_people_age', ['age']);
        b.createCheckConstraint('ck_people_age', 'age >= 0');
        b.dropConstraint('ck_people_age');
        b.createUniqueConstraint('uq_people_code', ['code']);
      }),
    );
    expect(count(statements.join('\n'), /CREATE TABLE/)).toBe(1);
    expect(f.q('SELECT id, email, handle, code, age, score FROM people ORDER BY id')).toEqual(['1\ta@x\tann\t42\t30\t0', '2\tb@x\tbo\t7\t\t0', '3\t\tcy\t0\t5\t0']);
    expect(indexes(f, 'people')).toEqual(['<auto>\t1\tu', '<auto>\t1\tu', 'ix_people_age\t0\tc', 'ix_people_nickname\t0\tc']);
    expect(indexColumns(f, 'ix_people_nickname')).toEqual(['handle']);
    petsForeignKeyWorks(f);
  });

  it('recreate auto without an op that needs it, and recreate never: plain ALTERs', async () => {
    const f = await fixture();
    const ops: Recorder = (op) =>
      op.batchAlterTable(
        'people',
        (b) => {
          b.addColumn(column('score', t.integer(), { nullable: false, serverDefault: 0 }));
          b.alterColumn('code', { newColumnName: 'ref' });
          b.dropColumn('born');
          b.createIndex('ix_people_age', ['age']);
        },
        { recreate: 'never' },
      );
    expect(await f.apply(ops)).toEqual([
      'ALTER TABLE people ADD COLUMN score INTEGER DEFAULT 0 NOT NULL',
      'ALTER TABLE people RENAME COLUMN code TO ref',
      'ALTER TABLE people DROP COLUMN born',
      'CREATE INDEX ix_people_age ON people (age)',
    ]);
    expect(f.q('SELECT id, ref, score FROM people ORDER BY id')).toEqual(['1\t0042\t0', '2\t7\t0', '3\tx1\t0']);
  });

  it("recreate never refuses an op that needs a rebuild; recreate always rebuilds for anything", async () => {
    const refused = await fixture();
    await expect(
      refused.render((op) => op.batchAlterTable('people', (b) => b.alterColumn('age', { nullable: false }), { recreate: 'never' })),
    ).rejects.toThrow(/recreate: 'never', but SQLite's ALTER TABLE cannot change the nullability of column age/);
    const f = await fixture();
    const statements = await f.apply((op) => op.batchAlterTable('people', (b) => b.createIndex('ix_people_age', ['age']), { recreate: 'always' }));
    expect(count(statements.join('\n'), /CREATE TABLE/)).toBe(1);
    expect(indexes(f, 'people')).toEqual(['<auto>\t1\tu', 'ix_people_age\t0\tc', 'ix_people_nickname\t0\tc']);
    expect(f.q('SELECT count(*) FROM people')).toEqual(['3']);
  });
});

describe('SQLite: adding columns', () => {
  it('what ADD COLUMN allows stays an ALTER; an expression default, UNIQUE or NOT NULL without default rebuilds', async () => {
    const f = await fixture();
    expect(await f.apply((op) => op.addColumn('toys', column('owner_id', t.integer(), { references: 'people.id' })))).toEqual([
      'ALTER TABLE toys ADD COLUMN owner_id INTEGER REFERENCES people (id)',
    ]);
    expect(f.withFk('INSERT INTO toys VALUES (102, 10, 99);').stderr).toMatch(/FOREIGN KEY constraint failed/);
    const rebuilt = await f.apply((op) => {
      op.addColumn('people', column('created_at', t.dateTime(), { nullable: false, serverDefault: sql`CURRENT_TIMESTAMP` }));
      op.addColumn('people', column('handle', t.string(20), { unique: true }));
    });
    expect(count(rebuilt.join('\n'), /CREATE TABLE/)).toBe(2);
    expect(f.q('SELECT count(*) FROM people WHERE created_at IS NOT NULL')).toEqual(['3']);
    // NOT NULL without a default: the copy of existing rows must fail, as on any database
    const r = await f.refuse((op) => op.addColumn('people', column('required', t.integer(), { nullable: false })));
    expect(r.stderr).toMatch(/NOT NULL constraint failed/);
    expect(f.q('SELECT count(*) FROM people')).toEqual(['3']);
  });
});

describe('SQLite: literals', () => {
  it('booleans are 1/0; a Date goes into DATE, DATETIME and TIME columns as SQLAlchemy stores it there', async () => {
    const f = await populated(
      (op) =>
        op.createTable('events', [
          column('id', t.integer(), { primaryKey: true }),
          column('d', t.date()),
          column('dt', t.dateTime()),
          column('tm', t.time()),
          column('note', t.text()),
          column('ok', t.boolean(), { nullable: false, serverDefault: false }),
        ]),
      '',
    );
    const at = new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 678));
    await f.apply((op) => op.bulkInsert('events', [{ id: 1, d: at, dt: at, tm: at, note: at, ok: true }, { id: 2 }]));
    expect(f.q('SELECT d, dt, tm, note, ok FROM events ORDER BY id')).toEqual([
      '2026-01-02\t2026-01-02 03:04:05.678000\t03:04:05.678000\t2026-01-02 03:04:05.678\t1',
      '\t\t\t\t0',
    ]);
    // SQLite's own date functions read them
    expect(f.q("SELECT date(d), datetime(dt), time(tm), strftime('%f', dt) FROM events WHERE id = 1")).toEqual(['2026-01-02\t2026-01-02 03:04:05\t03:04:05\t05.678']);
  });
});
