/**
 * Raw PostgreSQL DDL (op.execute) followed in the schema model: the ops
 * libpg-query's tree becomes, statement kind by statement kind, and the
 * model after applying them the way the pipeline does (an execute op whose
 * modelOps the model applies).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { postgresModel } from '../../dialects/postgresql.js';
import { applyOp } from '../../src/model/apply.js';
import type { DdlParser, DdlResult } from '../../src/model/ddl/index.js';
import { noteOf } from '../../src/model/ddl/notes.js';
import { postgresqlDdlParser } from '../../dialects/ddl/postgresql.js';
import type { NamingConvention } from '../../src/model/naming.js';
import { SchemaModel } from '../../src/model/schema.js';
import { findColumn, type TableState } from '../../src/model/state.js';
import { t } from '../../src/record/builders.js';
import { sql } from '../../src/record/sql.js';

let parse: DdlParser;
beforeAll(async () => {
  parse = await postgresqlDdlParser();
});

function newModel(namingConvention?: NamingConvention): SchemaModel {
  return new SchemaModel({ dialect: postgresModel, namingConvention });
}

/** Parses and applies raw SQL as the pipeline does. */
function run(model: SchemaModel, text: string): DdlResult {
  const r = parse(text);
  applyOp(model, { kind: 'execute', sql: text, modelOps: r.ops });
  return r;
}

function table(model: SchemaModel, name: string, schema?: string): TableState {
  return model.requireTable(name, schema);
}

function constraintNames(tbl: TableState): string[] {
  return tbl.constraints.map((c) => `${c.kind}:${c.name ?? '(none)'}`);
}

const raw = (s: string) => sql.raw(s);

describe('CREATE TABLE', () => {
  it('columns, defaults as written, inline and table constraints, IF NOT EXISTS', () => {
    const text = `CREATE TABLE IF NOT EXISTS account (
      id serial PRIMARY KEY,
      email varchar(100) NOT NULL UNIQUE,
      nickname varchar(30) NOT NULL DEFAULT '',
      bio text NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      balance numeric(12, 2) DEFAULT 0.50 CHECK (balance >= 0),
      owner_id integer REFERENCES owner (id) ON DELETE CASCADE,
      CONSTRAINT positive CHECK (balance > -1),
      CONSTRAINT account_nick_email UNIQUE (nickname, email)
    )`;
    const r = parse(text);
    expect(r.warnings).toEqual([]);
    expect(r.ops).toEqual([
      {
        kind: 'createTable',
        table: 'account',
        schema: undefined,
        ifNotExists: true,
        items: [
          { kind: 'column', name: 'id', type: t.integer(), primaryKey: true, unique: false, index: false, autoincrement: true, nullable: false },
          { kind: 'column', name: 'email', type: t.string(100), primaryKey: false, unique: true, index: false, autoincrement: false, nullable: false },
          { kind: 'column', name: 'nickname', type: t.string(30), primaryKey: false, unique: false, index: false, autoincrement: false, nullable: false, serverDefault: raw("''") },
          { kind: 'column', name: 'bio', type: t.text(), primaryKey: false, unique: false, index: false, autoincrement: false, nullable: true },
          { kind: 'column', name: 'created_at', type: t.dateTime({ timezone: true }), primaryKey: false, unique: false, index: false, autoincrement: false, nullable: false, serverDefault: raw('now()') },
          { kind: 'column', name: 'balance', type: t.numeric(12, 2), primaryKey: false, unique: false, index: false, autoincrement: false, serverDefault: raw('0.50'), check: raw('balance >= 0') },
          { kind: 'column', name: 'owner_id', type: t.integer(), primaryKey: false, unique: false, index: false, autoincrement: false },
          { kind: 'foreignKey', name: null, columns: ['owner_id'], refTable: 'owner', refSchema: undefined, refColumns: ['id'], onDelete: 'CASCADE' },
          { kind: 'check', name: 'positive', condition: raw('balance > -1') },
          { kind: 'unique', name: 'account_nick_email', columns: ['nickname', 'email'] },
        ],
      },
    ]);
    const model = newModel();
    run(model, 'CREATE TABLE owner (id integer PRIMARY KEY)');
    run(model, text);
    const acc = table(model, 'account');
    expect(acc.columns.map((c) => `${c.name}:${c.nullable ? 'null' : 'not null'}${c.autoincrement ? ':auto' : ''}`)).toEqual([
      'id:not null:auto',
      'email:not null',
      'nickname:not null',
      'bio:null',
      'created_at:not null',
      'balance:null',
      'owner_id:null',
    ]);
    // the names PostgreSQL gives: the model's implicit names, as for the op builders
    expect(constraintNames(acc).sort()).toEqual(
      ['primaryKey:account_pkey', 'foreignKey:account_owner_id_fkey', 'check:positive', 'unique:account_nick_email', 'unique:account_email_key', 'check:account_balance_check'].sort(),
    );
    expect(findColumn(table(model, 'owner'), 'id')?.autoincrement).toBe(false);
    // IF NOT EXISTS on a table the model has: nothing changes
    run(model, 'CREATE TABLE IF NOT EXISTS account (x int)');
    expect(table(model, 'account').columns).toHaveLength(7);
  });

  it('serial kinds, identity columns, a schema, public as the default schema', () => {
    const model = newModel();
    run(model, 'CREATE TABLE s.a (id bigserial PRIMARY KEY, n smallserial)');
    run(model, 'CREATE TABLE public.b (id int GENERATED ALWAYS AS IDENTITY (START WITH 10 INCREMENT BY 5) PRIMARY KEY)');
    expect(table(model, 'a', 's').columns.map((c) => [c.type.kind, c.autoincrement, c.nullable])).toEqual([
      ['bigInteger', true, false],
      ['smallInteger', false, false],
    ]);
    const b = table(model, 'b');
    expect(b.columns[0]!.identity).toEqual({ always: true, start: 10, increment: 5 });
    expect(constraintNames(b)).toEqual(['primaryKey:b_pkey']);
  });

  it('REFERENCES without columns means the parent primary key; deferrable constraints', () => {
    const model = newModel();
    run(model, 'CREATE TABLE parent (code text PRIMARY KEY)');
    run(model, 'CREATE TABLE child (id int PRIMARY KEY, p text REFERENCES parent DEFERRABLE INITIALLY DEFERRED, u int UNIQUE DEFERRABLE, up int REFERENCES child)');
    const fks = table(model, 'child').constraints.filter((c) => c.kind === 'foreignKey');
    expect(fks).toMatchObject([
      { name: 'child_p_fkey', refTable: 'parent', refColumns: ['code'], deferrable: true, initially: 'DEFERRED' },
      { name: 'child_up_fkey', refTable: 'child', refColumns: ['id'] },
    ]);
    expect(table(model, 'child').constraints.find((c) => c.kind === 'unique')).toMatchObject({ name: 'child_u_key', deferrable: true });
  });

  it('temporary tables are not part of the schema; inherited columns are a warning', () => {
    const model = newModel();
    expect(run(model, 'CREATE TEMP TABLE scratch (a int)')).toEqual({ ops: [], warnings: [] });
    expect(model.getTable('scratch')).toBeUndefined();
    run(model, 'CREATE TABLE base (a int)');
    for (const text of ['CREATE TABLE c1 (b int) INHERITS (base)', 'CREATE TABLE c2 (LIKE base)', 'CREATE TABLE c3 AS SELECT * FROM base', 'SELECT * INTO c4 FROM base']) {
      const r = run(model, text);
      expect(r.ops).toEqual([]);
      expect(r.warnings).toHaveLength(1);
      expect(r.warnings[0]).toContain(`cannot follow "${text}"`);
    }
  });
});

describe('ALTER TABLE', () => {
  const setup = (): SchemaModel => {
    const model = newModel();
    run(model, "CREATE TABLE account (id int PRIMARY KEY, name varchar(30) NOT NULL DEFAULT 'x', age int, legacy text)");
    run(model, 'CREATE TABLE team (id int PRIMARY KEY)');
    return model;
  };

  it('several actions in one statement, defaults and USING kept as written', () => {
    const model = setup();
    const text = `ALTER TABLE account
      ADD COLUMN nickname varchar(30) NOT NULL DEFAULT 'é''s',
      ADD team_id int CONSTRAINT fk_team REFERENCES team (id),
      DROP COLUMN legacy,
      ALTER COLUMN name DROP NOT NULL,
      ALTER age SET NOT NULL,
      ALTER COLUMN age SET DEFAULT (1 + 2) * 3,
      ALTER COLUMN name DROP DEFAULT,
      ALTER COLUMN age TYPE bigint USING age::bigint,
      ADD CONSTRAINT age_positive CHECK (age > 0),
      ADD UNIQUE (nickname)`;
    const r = run(model, text);
    expect(r.warnings).toEqual([]);
    expect(r.ops.map((o) => o.kind)).toEqual([
      'addColumn',
      'addColumn',
      'createForeignKey',
      'dropColumn',
      'alterColumn',
      'alterColumn',
      'alterColumn',
      'alterColumn',
      'alterColumn',
      'createCheckConstraint',
      'createUniqueConstraint',
    ]);
    expect(r.ops[0]).toMatchObject({ column: { name: 'nickname', serverDefault: raw("'é''s'"), nullable: false } });
    expect(r.ops[6]).toEqual({ kind: 'alterColumn', table: 'account', schema: undefined, column: 'age', serverDefault: raw('(1 + 2) * 3') });
    expect(r.ops[8]).toEqual({ kind: 'alterColumn', table: 'account', schema: undefined, column: 'age', type: t.bigInteger(), using: raw('age::bigint') });
    const acc = table(model, 'account');
    expect(acc.columns.map((c) => c.name)).toEqual(['id', 'name', 'age', 'nickname', 'team_id']);
    expect(findColumn(acc, 'name')).toMatchObject({ nullable: true, serverDefault: undefined });
    expect(findColumn(acc, 'age')).toMatchObject({ nullable: false, type: t.bigInteger(), serverDefault: raw('(1 + 2) * 3') });
    expect(constraintNames(acc)).toEqual(['primaryKey:account_pkey', 'foreignKey:fk_team', 'check:age_positive', 'unique:account_nickname_key']);
  });

  it('renames, constraint drops, IF EXISTS / IF NOT EXISTS, CASCADE', () => {
    const model = setup();
    run(model, 'CREATE TABLE member (id int PRIMARY KEY, account_id int REFERENCES account (id))');
    const r = run(
      model,
      'ALTER TABLE account ADD COLUMN IF NOT EXISTS age int, DROP COLUMN IF EXISTS nope, DROP CONSTRAINT IF EXISTS nope; ' +
        'ALTER TABLE account RENAME COLUMN name TO full_name; ALTER TABLE account RENAME TO customer; ' +
        'ALTER TABLE customer RENAME CONSTRAINT account_pkey TO customer_pk',
    );
    expect(r.warnings).toEqual([]);
    expect(noteOf(r.ops[0]!)).toEqual({ ifNotExists: true });
    expect(noteOf(r.ops[1]!)).toEqual({ ifExists: true });
    expect(model.getTable('account')).toBeUndefined();
    const c = table(model, 'customer');
    expect(c.columns.map((x) => x.name)).toEqual(['id', 'full_name', 'age', 'legacy']);
    expect(constraintNames(c)).toEqual(['primaryKey:customer_pk']);
    // the member's foreign key followed the rename
    expect(table(model, 'member').constraints.find((x) => x.kind === 'foreignKey')).toMatchObject({ refTable: 'customer' });
    // DROP COLUMN ... CASCADE also drops the foreign keys on it
    run(model, 'ALTER TABLE customer DROP COLUMN id CASCADE');
    expect(table(model, 'member').constraints.map((x) => x.kind)).toEqual(['primaryKey']);
    run(model, 'ALTER TABLE member DROP CONSTRAINT member_pkey');
    expect(table(model, 'member').constraints).toEqual([]);
  });

  it('SET SCHEMA, identity changes and other untracked changes', () => {
    const model = setup();
    const moved = run(model, 'ALTER TABLE account SET SCHEMA archive');
    expect(moved.ops).toEqual([]);
    expect(moved.warnings).toEqual([expect.stringContaining('cannot follow "ALTER TABLE account SET SCHEMA archive": SET SCHEMA moves')]);
    const identity = run(model, 'ALTER TABLE account ALTER COLUMN age ADD GENERATED ALWAYS AS IDENTITY');
    expect(identity.warnings).toEqual([expect.stringContaining('AddIdentity')]);
    // storage, statistics, owners, row security: not part of the model, nothing said
    expect(run(model, 'ALTER TABLE account SET (fillfactor = 70), ALTER COLUMN name SET STATISTICS 100, ENABLE ROW LEVEL SECURITY, OWNER TO CURRENT_USER')).toEqual({ ops: [], warnings: [] });
  });

  it('ops on tables the model does not know change nothing and fail nothing', () => {
    const model = setup();
    const r = run(model, 'ALTER TABLE IF EXISTS elsewhere ADD COLUMN x int; DROP TABLE IF EXISTS elsewhere; CREATE INDEX ix_e ON elsewhere (x); COMMENT ON TABLE elsewhere IS NULL');
    expect(r.ops).toHaveLength(4);
    expect(model.getTable('elsewhere')).toBeUndefined();
  });
});

describe('indexes', () => {
  it('CREATE [UNIQUE] INDEX with expressions, ordering, USING and WHERE; DROP INDEX; renames', () => {
    const model = newModel();
    run(model, 'CREATE TABLE account (id int PRIMARY KEY, email text, tags text[], score int)');
    const r = run(
      model,
      "CREATE UNIQUE INDEX IF NOT EXISTS ux_email ON account (lower(email), score DESC) WHERE email <> '' AND score > 0; " +
        'CREATE INDEX CONCURRENTLY ix_tags ON ONLY account USING gin (tags); CREATE INDEX ix_score ON account (score)',
    );
    expect(r.warnings).toEqual([]);
    expect(r.ops).toEqual([
      { kind: 'createIndex', name: 'ux_email', table: 'account', schema: undefined, columns: [raw('lower(email)'), raw('score DESC')], unique: true, where: raw("email <> '' AND score > 0"), ifNotExists: true },
      { kind: 'createIndex', name: 'ix_tags', table: 'account', schema: undefined, columns: ['tags'], unique: false, concurrently: true, using: 'gin' },
      { kind: 'createIndex', name: 'ix_score', table: 'account', schema: undefined, columns: ['score'], unique: false },
    ]);
    expect(table(model, 'account').indexes.map((i) => i.name)).toEqual(['ux_email', 'ix_tags', 'ix_score']);
    run(model, 'ALTER INDEX ix_score RENAME TO ix_account_score; DROP INDEX IF EXISTS ix_tags, nope');
    expect(table(model, 'account').indexes.map((i) => i.name)).toEqual(['ux_email', 'ix_account_score']);
    // a unique constraint's index carries the constraint's name: renaming it renames the constraint
    run(model, 'ALTER TABLE account ADD CONSTRAINT uq_score UNIQUE (score); ALTER INDEX uq_score RENAME TO uq_account_score');
    expect(constraintNames(table(model, 'account'))).toContain('unique:uq_account_score');
  });

  it('an index without a name is a warning: PostgreSQL chooses the name', () => {
    const r = parse('CREATE INDEX ON account (email)');
    expect(r.ops).toEqual([]);
    expect(r.warnings).toEqual([expect.stringMatching(/cannot follow "CREATE INDEX ON account \(email\)": an index without a name/)]);
  });
});

describe('enum types', () => {
  it('CREATE TYPE, a column of it, ALTER TYPE ... ADD VALUE / RENAME VALUE / RENAME TO, DROP TYPE ... CASCADE', () => {
    const model = newModel();
    run(model, "CREATE TYPE mood AS ENUM ('sad', 'happy'); CREATE TABLE person (id int PRIMARY KEY, m mood NOT NULL DEFAULT 'sad', ms public.mood)");
    const mood = t.enum(['sad', 'happy'], { name: 'mood' });
    expect(findColumn(table(model, 'person'), 'm')).toMatchObject({ type: mood, serverDefault: raw("'sad'") });
    expect(findColumn(table(model, 'person'), 'ms')?.type).toEqual(mood);
    run(model, "ALTER TYPE mood ADD VALUE 'ok' BEFORE 'happy'; ALTER TYPE mood ADD VALUE IF NOT EXISTS 'sad'; ALTER TYPE mood ADD VALUE 'ecstatic'");
    expect(model.getEnum('mood')?.values).toEqual(['sad', 'ok', 'happy', 'ecstatic']);
    run(model, "ALTER TYPE mood RENAME VALUE 'ok' TO 'fine'; ALTER TYPE mood RENAME TO feeling");
    expect(model.getEnum('mood')).toBeUndefined();
    expect(findColumn(table(model, 'person'), 'm')?.type).toEqual(t.enum(['sad', 'fine', 'happy', 'ecstatic'], { name: 'feeling' }));
    // a type the model does not track (composite, domain) drops without complaint
    expect(run(model, 'CREATE TYPE pair AS (a int, b int); DROP TYPE pair').warnings).toEqual([]);
    run(model, 'DROP TYPE feeling CASCADE');
    expect(model.getEnum('feeling')).toBeUndefined();
    expect(table(model, 'person').columns.map((c) => c.name)).toEqual(['id']);
  });
});

describe('sequences, comments, DROP TABLE', () => {
  it('CREATE / DROP SEQUENCE; ALTER SEQUENCE START is a warning', () => {
    const model = newModel();
    run(model, 'CREATE SEQUENCE IF NOT EXISTS s.counter START WITH 5 INCREMENT BY 2; CREATE SEQUENCE IF NOT EXISTS s.counter');
    expect(model.getSequence('counter', 's')).toEqual({ name: 'counter', schema: 's', start: 5, increment: 2 });
    expect(run(model, 'ALTER SEQUENCE s.counter RESTART WITH 1').warnings).toEqual([]);
    expect(run(model, 'ALTER SEQUENCE s.counter INCREMENT BY 3').warnings).toHaveLength(1);
    run(model, 'ALTER SEQUENCE s.counter RENAME TO tally');
    expect(model.getSequence('tally', 's')).toEqual({ name: 'tally', schema: 's', start: 5, increment: 2 });
    run(model, 'DROP SEQUENCE s.tally; DROP SEQUENCE IF EXISTS s.tally; DROP SEQUENCE account_id_seq');
    expect(model.allSequences()).toEqual([]);
  });

  it('COMMENT ON TABLE / COLUMN; comments on other objects change nothing', () => {
    const model = newModel();
    run(model, "CREATE TABLE account (id int); COMMENT ON TABLE account IS 'the accounts'; COMMENT ON COLUMN public.account.id IS 'it''s the key'");
    expect(table(model, 'account').comment).toBe('the accounts');
    expect(findColumn(table(model, 'account'), 'id')?.comment).toBe("it's the key");
    expect(run(model, "COMMENT ON TABLE account IS NULL; COMMENT ON COLUMN account.id IS NULL; COMMENT ON INDEX ix IS 'x'").warnings).toEqual([]);
    expect(table(model, 'account').comment).toBeUndefined();
    expect(findColumn(table(model, 'account'), 'id')?.comment).toBeUndefined();
  });

  it('DROP TABLE several tables, IF EXISTS, CASCADE drops foreign keys on them', () => {
    const model = newModel();
    run(model, 'CREATE TABLE a (id int PRIMARY KEY); CREATE TABLE b (id int PRIMARY KEY, a_id int REFERENCES a); CREATE TABLE c (id int)');
    const r = run(model, 'DROP TABLE IF EXISTS a, nope CASCADE');
    expect(r.ops.map((o) => [o.kind, noteOf(o)])).toEqual([
      ['dropTable', { cascade: true }],
      ['dropTable', { cascade: true }],
    ]);
    expect(model.getTable('a')).toBeUndefined();
    expect(table(model, 'b').constraints.map((c) => c.name)).toEqual(['b_pkey']);
    run(model, 'DROP TABLE b, c');
    expect(model.allTables()).toEqual([]);
  });
});

describe('what is ignored, what is a warning', () => {
  it.each([
    "INSERT INTO account (id) VALUES (1) ON CONFLICT DO NOTHING",
    'UPDATE account SET id = id + 1',
    'DELETE FROM account',
    'SELECT 1',
    'MERGE INTO account a USING src s ON a.id = s.id WHEN MATCHED THEN DELETE',
    'TRUNCATE account',
    'CREATE VIEW v AS SELECT 1',
    'CREATE MATERIALIZED VIEW mv AS SELECT 1',
    "CREATE OR REPLACE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN DROP TABLE x; RETURN NEW; END $$",
    'CREATE TRIGGER tr BEFORE INSERT ON account FOR EACH ROW EXECUTE FUNCTION f()',
    'CREATE EXTENSION IF NOT EXISTS pg_trgm',
    'GRANT SELECT ON account TO PUBLIC',
    "COMMENT ON FUNCTION f() IS 'x'",
    "SET search_path TO public",
    "DO $$ BEGIN EXECUTE 'DROP TABLE account'; END $$",
    'CREATE SCHEMA billing',
    'CREATE DOMAIN posint AS int CHECK (VALUE > 0)',
    'DROP VIEW IF EXISTS v',
    'BEGIN; COMMIT',
    'VACUUM ANALYZE account',
  ])('%s changes nothing and says nothing', (text) => {
    expect(parse(text)).toEqual({ ops: [], warnings: [] });
  });

  it('a statement PostgreSQL rejects is a warning naming it; the others are still followed', () => {
    const model = newModel();
    const r = run(model, 'CREATE TABLE a (id int);\nALTR TABLE a ADD COLUMN b int;\nCREATE TABLE c (id int);\nSELEC 1;\nSELECT * FRM a');
    // a misspelt query cannot be told from DDL; a statement that starts as a query can
    expect(r.warnings).toEqual([
      expect.stringMatching(/^the schema model cannot follow "ALTR TABLE a ADD COLUMN b int": PostgreSQL's parser rejects it \(syntax error at or near "ALTR"\)/),
      expect.stringMatching(/^the schema model cannot follow "SELEC 1"/),
    ]);
    expect(model.allTables().map((x) => x.name).sort()).toEqual(['a', 'c']);
  });

  it('statement text with multi-byte characters and comments is sliced exactly', () => {
    const r = parse("/* ünïcode */ CREATE TABLE ß (é text DEFAULT 'ça' -- a comment\n, ø text CHECK (ø <> 'ü'))");
    expect(r.ops[0]).toMatchObject({ kind: 'createTable', table: 'ß', items: [{ name: 'é', serverDefault: raw("'ça'") }, { name: 'ø', check: raw("ø <> 'ü'") }] });
  });
});

describe('names in raw SQL are the database’s, not the naming convention’s', () => {
  it('unnamed constraints get PostgreSQL names, named ones keep theirs; ops recorded later still use the convention', () => {
    const model = newModel({ pk: 'pk_%(table_name)s', uq: 'uq_%(table_name)s_%(column_0_name)s', ck: 'ck_%(table_name)s_%(constraint_name)s', ix: 'ix_%(column_0_label)s' });
    run(model, 'CREATE TABLE account (id int PRIMARY KEY, email text UNIQUE, n int CONSTRAINT positive CHECK (n > 0)); CREATE INDEX by_email ON account (email)');
    const acc = table(model, 'account');
    expect(constraintNames(acc).sort()).toEqual(['check:positive', 'primaryKey:account_pkey', 'unique:account_email_key']);
    expect(acc.indexes.map((i) => i.name)).toEqual(['by_email']);
    applyOp(model, { kind: 'createUniqueConstraint', name: null, table: 'account', columns: ['n'] });
    expect(constraintNames(table(model, 'account'))).toContain('unique:uq_account_n');
    expect(model.options.namingConvention?.pk).toBe('pk_%(table_name)s');
  });
});
