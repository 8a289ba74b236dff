/**
 * Details of the MySQL family checked on the real MariaDB server (quoting
 * every reserved word, literals that round-trip, AUTO_INCREMENT start,
 * MySQL 8 parenthesised defaults, which MariaDB also takes), and the
 * operations gensql refuses, with a message, instead of writing SQL the
 * server would reject half-way through a script that cannot roll back.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { MARIADB_RESERVED, MYSQL_RESERVED } from '../../dialects/mysql-reserved.js';
import { checkConstraint, column, foreignKeyConstraint, index, sql, t, uniqueConstraint } from '../../src/index.js';
import type { DialectName } from '../../src/record/operations.js';
import { maria } from '../support/engines.js';
import { errorMessage, session, type Recorder } from '../support/render.js';

const dbs: string[] = [];
afterAll(() => dbs.forEach((db) => maria.drop(db)));

/** Renders on `dialect` and applies to a fresh MariaDB database; returns the database and the statements. */
async function applied(fn: Recorder, dialect: DialectName = 'mariadb'): Promise<{ db: string; statements: string[] }> {
  const s = await session(dialect);
  const statements = await s.run(fn);
  const db = maria.fresh();
  dbs.push(db);
  maria.applyOk(db, statements.map((x) => `${x};\n`).join(''));
  return { db, statements };
}

async function refusal(fn: Recorder, dialect: DialectName = 'mariadb'): Promise<string> {
  const s = await session(dialect);
  try {
    await s.run(fn);
  } catch (e) {
    return errorMessage(e);
  }
  throw new Error('rendered without an error');
}

describe('MariaDB: quoting and literals on the server', () => {
  it('every reserved word works as a table and column name', async () => {
    const words = [...MARIADB_RESERVED].sort();
    const { db } = await applied((op) => {
      op.createTable('select', words.map((w) => column(w, t.integer())));
      op.bulkInsert('select', [Object.fromEntries(words.map((w, i) => [w, i]))]);
    });
    expect(maria.query(db, 'select count(*) from `select`')).toEqual(['1']);
  });

  it('the MySQL list quotes its own words (window functions) and MariaDB its own (OFFSET, RETURNING)', () => {
    for (const w of ['rank', 'row', 'lateral', 'json_table']) expect(MYSQL_RESERVED.has(w) && !MARIADB_RESERVED.has(w)).toBe(true);
    for (const w of ['offset', 'returning', 'body']) expect(MARIADB_RESERVED.has(w) && !MYSQL_RESERVED.has(w)).toBe(true);
  });

  it('strings with quotes, backslashes, newlines and non-ASCII round-trip, in rows, defaults and comments', async () => {
    const tricky = ["it's", 'back\\slash', 'C:\\new\\table', 'two\nlines', 'ü€😀 中文', "\\'", '%_'];
    const { db } = await applied((op) => {
      op.createTable('lits', [
        column('id', t.integer(), { primaryKey: true }),
        column('s', t.text(), { comment: "a 'tricky' \\ comment" }),
        column('d', t.string(20), { serverDefault: 'a\\b\'c' }),
      ]);
      op.bulkInsert('lits', tricky.map((s, i) => ({ id: i + 1, s })));
      op.execute(sql`INSERT INTO lits (id, s) VALUES (${100}, ${'x\\y'})`);
    });
    const raw = maria.query(db, 'select hex(s) from lits where id < 100 order by id');
    expect(raw.map((h) => Buffer.from(h, 'hex').toString('utf8'))).toEqual(tricky);
    expect(maria.query(db, 'select hex(s), hex(d) from lits where id = 100')).toEqual([`${Buffer.from('x\\y').toString('hex').toUpperCase()}\t${Buffer.from("a\\b'c").toString('hex').toUpperCase()}`]);
    expect(maria.query(db, "select column_comment from information_schema.columns where table_schema = database() and column_name = 's'")).toEqual(["a 'tricky' \\\\ comment"]);
  });

  it('named constraints, foreign-key actions and an index in CREATE TABLE (the golden case, its CHECK on a plain column)', async () => {
    const { db, statements } = await applied((op) => {
      op.createTable('parent', [column('id', t.integer(), { primaryKey: true })]);
      op.createTable('child', [
        column('id', t.integer(), { primaryKey: true }),
        column('parent_id', t.integer(), { nullable: false }),
        column('code', t.string(10)),
        foreignKeyConstraint(['parent_id'], 'parent', ['id'], { name: 'fk_child_parent', onDelete: 'CASCADE', onUpdate: 'RESTRICT' }),
        uniqueConstraint(['code'], { name: 'uq_child_code' }),
        checkConstraint("code <> ''", { name: 'ck_child_code' }),
        index('ix_child_parent', ['parent_id']),
      ]);
    });
    expect(statements.slice(1)).toEqual([
      'CREATE TABLE child (\n    id INTEGER NOT NULL AUTO_INCREMENT,\n    parent_id INTEGER NOT NULL,\n    code VARCHAR(10),\n    PRIMARY KEY (id),\n' +
        '    CONSTRAINT fk_child_parent FOREIGN KEY(parent_id) REFERENCES parent (id) ON DELETE CASCADE ON UPDATE RESTRICT,\n' +
        "    CONSTRAINT uq_child_code UNIQUE (code),\n    CONSTRAINT ck_child_code CHECK (code <> '')\n)",
      'CREATE INDEX ix_child_parent ON child (parent_id)',
    ]);
    expect(maria.query(db, "select constraint_name from information_schema.table_constraints where table_schema = database() and table_name = 'child' order by 1")).toEqual([
      'ck_child_code',
      'fk_child_parent',
      'PRIMARY',
      'uq_child_code',
    ]);
  });

  it('an identity start becomes the AUTO_INCREMENT start', async () => {
    const { db, statements } = await applied((op) => {
      op.createTable('ledger', [column('id', t.integer(), { primaryKey: true, identity: { start: 10 } }), column('x', t.integer())], { comment: 'books' });
      op.execute('INSERT INTO ledger (x) VALUES (1)');
    });
    expect(statements[0]).toBe("CREATE TABLE ledger (\n    id INTEGER NOT NULL AUTO_INCREMENT,\n    x INTEGER,\n    PRIMARY KEY (id)\n)AUTO_INCREMENT=10 COMMENT='books'");
    expect(maria.query(db, 'select id from ledger')).toEqual(['10']);
  });

  it("MySQL 8's parenthesised defaults (TEXT/JSON, expressions) apply on MariaDB too", async () => {
    const { db, statements } = await applied(
      (op) =>
        op.createTable('defs', [
          column('id', t.integer(), { primaryKey: true }),
          column('body', t.text(), { serverDefault: 'empty' }),
          column('doc', t.json(), { serverDefault: sql`'{}'` }),
          column('code', t.string(40), { serverDefault: sql`concat('a', 'b')` }),
          column('at', t.dateTime(), { serverDefault: sql`CURRENT_TIMESTAMP` }),
          column('n', t.integer(), { serverDefault: 7 }),
        ]),
      'mysql',
    );
    expect(statements[0]).toContain("body TEXT DEFAULT ('empty')");
    expect(statements[0]).toContain("doc JSON DEFAULT ('{}')");
    expect(statements[0]).toContain("code VARCHAR(40) DEFAULT (concat('a', 'b'))");
    expect(statements[0]).toContain('at DATETIME DEFAULT CURRENT_TIMESTAMP');
    expect(statements[0]).toContain('n INTEGER DEFAULT 7');
    maria.applyOk(db, 'INSERT INTO defs (id) VALUES (1);');
    expect(maria.query(db, 'select body, doc, code, n from defs')).toEqual(['empty\t{}\tab\t7']);
  });
});

describe('MySQL family: what gensql refuses, before any SQL runs', () => {
  const people: Recorder = (op) => {
    op.createTable('people', [column('id', t.integer(), { primaryKey: true }), column('age', t.integer(), { check: 'age >= 0' })]);
  };

  it('a VARCHAR without a length, naming the column', async () => {
    expect(await refusal((op) => op.createTable('x', [column('name', t.string())]))).toMatch(/createTable\('x'\): column name: VARCHAR needs a length on mariadb/);
    expect(await refusal((op) => op.createTable('x', [column('u', t.unicode())]), 'mysql')).toMatch(/column u: VARCHAR needs a length on mysql/);
  });

  it('deferrable foreign keys and SET DEFAULT actions', async () => {
    const fk = (opts: { deferrable?: boolean; onDelete?: 'SET DEFAULT' }): Recorder => (op) => {
      op.createTable('p', [column('id', t.integer(), { primaryKey: true })]);
      op.createTable('c', [column('id', t.integer(), { primaryKey: true }), column('p_id', t.integer()), foreignKeyConstraint(['p_id'], 'p', ['id'], { name: 'fk_c_p', ...opts })]);
    };
    expect(await refusal(fk({ deferrable: true }))).toMatch(/no DEFERRABLE/);
    expect(await refusal(fk({ onDelete: 'SET DEFAULT' }), 'mysql')).toMatch(/InnoDB rejects foreign keys with SET DEFAULT/);
  });

  it('renaming a column a CHECK uses, on MySQL 8 (error 3959); MariaDB renames it and its CHECK', async () => {
    const rename: Recorder = (op) => {
      people(op);
      op.alterColumn('people', 'age', { newColumnName: 'years' });
    };
    expect(await refusal(rename, 'mysql')).toMatch(/MySQL cannot rename people\.age: a CHECK constraint uses it/);
    const { db } = await applied(rename);
    expect(maria.query(db, "select check_clause from information_schema.check_constraints where constraint_schema = database()")).toEqual(['`years` >= 0']);
  });

  it("changing the type of a column a foreign key uses (InnoDB's error 1832)", async () => {
    const message = await refusal((op) => {
      op.createTable('p', [column('id', t.integer(), { primaryKey: true })]);
      op.createTable('c', [column('id', t.integer(), { primaryKey: true }), column('p_id', t.integer(), { references: 'p.id' })]);
      op.alterColumn('c', 'p_id', { type: t.bigInteger() });
    });
    expect(message).toMatch(/cannot change the type of c\.p_id: foreign key c_ibfk_1 uses it/);
    expect(
      await refusal((op) => {
        op.createTable('p', [column('id', t.integer(), { primaryKey: true })]);
        op.createTable('c', [column('id', t.integer(), { primaryKey: true }), column('p_id', t.integer(), { references: 'p.id' })]);
        op.alterColumn('p', 'id', { type: t.bigInteger() });
      }),
    ).toMatch(/cannot change the type of p\.id: foreign key c_ibfk_1 of c uses it/);
  });

  it('a CHECK on a column a foreign key changes by its action', async () => {
    const tables: Recorder = (op) => {
      op.createTable('p', [column('id', t.integer(), { primaryKey: true })]);
      op.createTable('c', [column('id', t.integer(), { primaryKey: true }), column('p_id', t.integer(), { references: 'p.id', onDelete: 'SET NULL' })]);
    };
    expect(await refusal((op) => { tables(op); op.createCheckConstraint('ck_c_p', 'c', 'p_id > 0'); })).toMatch(/CHECK \(ck_c_p\) on a column that the action of foreign key c_ibfk_1 changes/);
    // ON DELETE CASCADE removes rows without changing the column: the server takes it
    await applied((op) => {
      op.createTable('p', [column('id', t.integer(), { primaryKey: true })]);
      op.createTable('c', [column('id', t.integer(), { primaryKey: true }), column('p_id', t.integer(), { references: 'p.id', onDelete: 'CASCADE' })]);
      op.createCheckConstraint('ck_c_p', 'c', 'p_id > 0');
    });
  });

  it('a SET NULL action on a NOT NULL column, when created and when the column becomes NOT NULL', async () => {
    const tables = (nullable: boolean): Recorder => (op) => {
      op.createTable('p', [column('id', t.integer(), { primaryKey: true })]);
      op.createTable('c', [column('id', t.integer(), { primaryKey: true }), column('p_id', t.integer(), { nullable, references: 'p.id', onDelete: 'SET NULL' })]);
    };
    expect(await refusal(tables(false))).toMatch(/cannot have c\.p_id NOT NULL: the SET NULL action of foreign key c_ibfk_1 needs it nullable/);
    const later: Recorder = async (op) => {
      await tables(true)(op);
      op.alterColumn('c', 'p_id', { nullable: false });
    };
    expect(await refusal(later)).toMatch(/cannot have c\.p_id NOT NULL/);
  });

  it('dropping the primary key of an AUTO_INCREMENT column', async () => {
    expect(await refusal((op) => {
      people(op);
      op.dropConstraint('PRIMARY', 'people');
    })).toMatch(/cannot drop the primary key of people: its AUTO_INCREMENT column id must stay a key/);
  });

  it('a CHECK on the AUTO_INCREMENT column, partial and (on MariaDB) expression indexes, index IF [NOT] EXISTS on MySQL', async () => {
    expect(await refusal((op) => op.createTable('t', [column('id', t.integer(), { primaryKey: true, check: 'id > 0' })]))).toMatch(/does not allow a CHECK on the AUTO_INCREMENT column t\.id/);
    expect(await refusal((op) => { people(op); op.createIndex('ix', 'people', ['age'], { where: 'age > 1' }); })).toMatch(/no partial indexes/);
    expect(await refusal((op) => { people(op); op.createIndex('ix', 'people', [sql`abs(age)`]); })).toMatch(/cannot index an expression/);
    expect(await refusal((op) => { people(op); op.createIndex('ix', 'people', ['age'], { ifNotExists: true }); }, 'mysql')).toMatch(/no CREATE INDEX IF NOT EXISTS/);
    expect(await refusal((op) => { people(op); op.dropIndex('ix', { table: 'people', ifExists: true }); }, 'mysql')).toMatch(/no DROP INDEX IF EXISTS/);
  });

  it('an identity step other than 1, and sequences on MySQL', async () => {
    expect(await refusal((op) => op.createTable('t', [column('id', t.integer(), { primaryKey: true, identity: { increment: 2 } })]))).toMatch(/no per-column AUTO_INCREMENT step/);
    expect(await refusal((op) => op.createSequence('s'), 'mysql')).toMatch(/MySQL has no sequences/);
  });

  it("MariaDB's IF [NOT] EXISTS on indexes applies", async () => {
    const { statements } = await applied((op) => {
      people(op);
      op.createIndex('ix_age', 'people', ['age'], { ifNotExists: true });
      op.createIndex('ix_age', 'people', ['age'], { ifNotExists: true });
      op.dropIndex('ix_age', { table: 'people', ifExists: true });
      op.dropIndex('ix_age', { table: 'people', ifExists: true });
    });
    expect(statements.slice(-4)).toEqual([
      'CREATE INDEX IF NOT EXISTS ix_age ON people (age)',
      'CREATE INDEX IF NOT EXISTS ix_age ON people (age)',
      'DROP INDEX IF EXISTS ix_age ON people',
      'DROP INDEX IF EXISTS ix_age ON people',
    ]);
  });
});
