/**
 * Oracle: what the golden table does not show — the type map, quoting and
 * schema-qualified comments, foreign-key actions Oracle lacks, MODIFY only
 * when something changes, PL/SQL stand-ins for IF [NOT] EXISTS, literals
 * Oracle reads the same under any NLS setting, raw PL/SQL kept whole.
 */
import { describe, expect, it } from 'vitest';
import { column, sql, t, uniqueConstraint } from '../../src/index.js';
import { errorMessage, session, type Recorder } from '../support/render.js';

async function render(given: Recorder | undefined, when: Recorder): Promise<string[]> {
  const s = await session('oracle');
  if (given) await s.run(given);
  return s.run(when);
}

async function failure(fn: Recorder): Promise<string | null> {
  const s = await session('oracle');
  return s.run(fn).then(
    () => null,
    (e: unknown) => errorMessage(e),
  );
}

describe('oracle types', () => {
  it('renders the generic types as SQLAlchemy does, the zone of a timestamp kept', async () => {
    const out = await render(undefined, (op) =>
      op.createTable('types', [
        column('i', t.integer()),
        column('bi', t.bigInteger()),
        column('si', t.smallInteger()),
        column('b', t.boolean()),
        column('s', t.string(20)),
        column('tx', t.text()),
        column('u', t.unicode(30)),
        column('ut', t.unicodeText()),
        column('d', t.date()),
        column('dt', t.dateTime()),
        column('dtz', t.dateTime({ timezone: true })),
        column('iv', t.interval()),
        column('n', t.numeric(10, 2)),
        column('f', t.float()),
        column('f53', t.float(53)),
        column('lb', t.largeBinary()),
        column('j', t.json()),
        column('id', t.uuid()),
        column('e', t.enum(['a', 'bbb'], { name: 'e' })),
      ]),
    );
    expect(out).toEqual([
      'CREATE TABLE types (\n' +
        [
          'i INTEGER',
          'bi NUMBER(19)',
          'si SMALLINT',
          'b SMALLINT',
          's VARCHAR2(20 CHAR)',
          'tx CLOB',
          'u VARCHAR2(30 CHAR)',
          'ut CLOB',
          'd DATE',
          'dt DATE',
          'dtz TIMESTAMP WITH TIME ZONE',
          'iv INTERVAL DAY TO SECOND',
          'n NUMERIC(10, 2)',
          'f FLOAT',
          'f53 FLOAT(53)',
          'lb BLOB',
          'j CLOB',
          'id CHAR(32)',
          'e VARCHAR(3 CHAR)',
        ]
          .map((l) => `    ${l}`)
          .join(',\n') +
        '\n)',
    ]);
  });

  it('refuses a type Oracle lacks, naming the column', async () => {
    expect(await failure((op) => op.createTable('x', [column('at', t.time())]))).toMatch(/^oracle cannot render createTable\('x'\): Oracle has no TIME type \(column at\)/);
    expect(await failure((op) => op.createTable('x', [column('s', t.string())]))).toMatch(/VARCHAR2 needs a length \(column s\)/);
    expect(await failure((op) => op.createTable('x', [column('f', t.float(200))]))).toMatch(/1 to 126 binary digits \(column f\)/);
  });
});

describe('oracle quoting and comments', () => {
  it('quotes reserved words, mixed case and a leading underscore; comments are quoted and schema-qualified', async () => {
    const out = await render(undefined, (op) =>
      op.createTable('Order', [column('level', t.integer(), { comment: "it's" }), column('_tmp', t.integer()), column('ok', t.integer())], {
        schema: 'Sales',
        comment: 'orders',
      }),
    );
    expect(out).toEqual([
      'CREATE TABLE "Sales"."Order" (\n    "level" INTEGER,\n    "_tmp" INTEGER,\n    ok INTEGER\n)',
      `COMMENT ON TABLE "Sales"."Order" IS 'orders'`,
      `COMMENT ON COLUMN "Sales"."Order"."level" IS 'it''s'`,
    ]);
  });

  it('drops a column comment with an empty string, quoted and qualified', async () => {
    const out = await render(
      (op) => op.createTable('T', [column('C', t.integer(), { comment: 'x' })], { schema: 's' }),
      (op) => op.alterColumn('T', 'C', { comment: null, schema: 's' }),
    );
    expect(out).toEqual([`COMMENT ON COLUMN s."T"."C" IS ''`]);
  });
});

const parentChild: Recorder = (op) => {
  op.createTable('p', [column('id', t.integer(), { primaryKey: true })]);
  op.createTable('c', [column('id', t.integer(), { primaryKey: true }), column('p_id', t.integer()), column('k', t.integer())]);
};

describe('oracle foreign keys', () => {
  it('leaves out the actions that are Oracle behaviour anyway (NO ACTION / RESTRICT)', async () => {
    const out = await render(parentChild, (op) => op.createForeignKey('fk', 'c', 'p', ['p_id'], ['id'], { onDelete: 'RESTRICT', onUpdate: 'NO ACTION', deferrable: true, initially: 'DEFERRED' }));
    expect(out).toEqual(['ALTER TABLE c ADD CONSTRAINT fk FOREIGN KEY(p_id) REFERENCES p (id) DEFERRABLE INITIALLY DEFERRED']);
  });

  it('refuses ON UPDATE CASCADE and ON DELETE SET DEFAULT instead of dropping them silently', async () => {
    const cascade = await failure((op) => (parentChild(op), op.createForeignKey('fk', 'c', 'p', ['p_id'], ['id'], { onUpdate: 'CASCADE' })));
    expect(cascade).toMatch(/Oracle has no ON UPDATE CASCADE/);
    const setDefault = await failure((op) => (parentChild(op), op.createTable('d', [column('p_id', t.integer(), { references: 'p.id', onDelete: 'SET DEFAULT' })])));
    expect(setDefault).toMatch(/Oracle has no ON DELETE SET DEFAULT/);
  });
});

describe('oracle column changes', () => {
  it('writes MODIFY NULL / NOT NULL only when the nullability changes (Oracle rejects a no-op)', async () => {
    const out = await render(parentChild, (op) => {
      op.alterColumn('c', 'k', { nullable: true });
      op.alterColumn('c', 'k', { nullable: false });
      op.alterColumn('c', 'k', { nullable: false, type: t.bigInteger() });
    });
    expect(out).toEqual(['ALTER TABLE c MODIFY k NOT NULL', 'ALTER TABLE c MODIFY k NUMBER(19)']);
  });

  it('drops a column in a constraint over several columns with CASCADE CONSTRAINTS', async () => {
    const out = await render(
      (op) => op.createTable('m', [column('a', t.integer()), column('b', t.integer()), column('c', t.integer()), uniqueConstraint(['a', 'b'], { name: 'uq_m_ab' })]),
      (op) => {
        op.dropColumn('m', 'a');
        op.dropColumn('m', 'c');
      },
    );
    expect(out).toEqual(['ALTER TABLE m DROP COLUMN a CASCADE CONSTRAINTS', 'ALTER TABLE m DROP COLUMN c']);
  });
});

describe('oracle IF [NOT] EXISTS through PL/SQL', () => {
  it('creates an index in the table schema, and lets "name already used" through with ifNotExists', async () => {
    const out = await render(
      (op) => op.createTable('t', [column('a', t.integer())], { schema: 'app' }),
      (op) => {
        op.createIndex('ix_t_a', 't', [sql`lower(a)`], { schema: 'app', ifNotExists: true });
        op.dropIndex('ix_t_a', { schema: 'app', ifExists: true });
      },
    );
    expect(out).toEqual([
      "BEGIN\n    EXECUTE IMMEDIATE 'CREATE INDEX app.ix_t_a ON app.t (lower(a))';\nEXCEPTION\n    WHEN OTHERS THEN\n        IF SQLCODE != -955 THEN\n            RAISE;\n        END IF;\nEND;",
      "BEGIN\n    EXECUTE IMMEDIATE 'DROP INDEX app.ix_t_a';\nEXCEPTION\n    WHEN OTHERS THEN\n        IF SQLCODE != -1418 THEN\n            RAISE;\n        END IF;\nEND;",
    ]);
  });

  it('refuses a partial index', async () => {
    expect(await failure((op) => (op.createTable('t', [column('a', t.integer())]), op.createIndex('ix', 't', ['a'], { where: 'a > 0' })))).toMatch(/Oracle has no partial indexes/);
  });
});

describe('oracle literals and raw SQL', () => {
  const docs: Recorder = (op) => op.createTable('docs', [column('body', t.text()), column('stamp', t.string(30)), column('at', t.dateTime())]);

  it('writes a Date as a TIMESTAMP literal, but as text into a text column', async () => {
    const at = new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 6));
    const out = await render(docs, (op) => op.bulkInsert('docs', [{ stamp: at, at }]));
    expect(out).toEqual(["INSERT INTO docs (stamp, at) VALUES ('2026-01-02 03:04:05.006', TIMESTAMP '2026-01-02 03:04:05.006')"]);
  });

  it('splits a string too long for one SQL literal into TO_CLOB pieces for a CLOB column', async () => {
    const body = `${'é'.repeat(1500)}'${'x'.repeat(600)}`;
    const [insert] = await render(docs, (op) => op.bulkInsert('docs', [{ body }]));
    expect(insert).toBe(`INSERT INTO docs (body) VALUES (TO_CLOB('${'é'.repeat(1000)}') || TO_CLOB('${'é'.repeat(500)}''${'x'.repeat(499)}') || TO_CLOB('${'x'.repeat(101)}'))`);
  });

  it('keeps the closing ; of a PL/SQL block from op.execute and drops it after plain SQL', async () => {
    const out = await render(docs, (op) => {
      op.execute('BEGIN\n    DBMS_OUTPUT.PUT_LINE(1);\nEND;');
      op.execute('CREATE OR REPLACE TRIGGER trg BEFORE INSERT ON docs FOR EACH ROW BEGIN NULL; END;');
      op.execute('DELETE FROM docs;');
    });
    expect(out).toEqual(['BEGIN\n    DBMS_OUTPUT.PUT_LINE(1);\nEND;', 'CREATE OR REPLACE TRIGGER trg BEFORE INSERT ON docs FOR EACH ROW BEGIN NULL; END;', 'DELETE FROM docs']);
  });

  it('refuses an identity column with a default', async () => {
    expect(await failure((op) => op.createTable('x', [column('id', t.integer(), { identity: {}, serverDefault: 1 })]))).toMatch(
      /identity column cannot have a default \(column id\)/,
    );
  });
});
