/**
 * Raw op.execute DDL keeping the model in step, end to end: a revision
 * creates tables with raw SQL, a later one uses op.dropColumn /
 * op.alterColumn / op.createIndex / op.dropConstraint on them, and the
 * model-derived SQL is checked on real servers.
 * - PostgreSQL: the built CLI on a fixture project, applied with psql;
 * - MariaDB and SQLite: rendered in-process through the dialects (their
 *   `ddlParser` wiring is their authors' to add) and applied with the mysql
 *   client and the sqlite3 shell; MySQL 8 (no server here): the rendered text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DdlParser } from '../../src/model/ddl/index.js';
import { mariadbDdlParser, mysqlDdlParser, sqliteDdlParser } from '../../dialects/ddl/sql-parser.js';
import { t } from '../../src/record/builders.js';
import { gensql, makeProject, revisionFile } from '../support/cli.js';
import { maria, pg, sqlite } from '../support/engines.js';
import { session, type Session } from '../support/render.js';

const cleanups: (() => void)[] = [];
afterAll(() => cleanups.forEach((c) => c()));

const CREATE_PG = `CREATE TYPE status AS ENUM ('active', 'closed');
CREATE TABLE team (id int PRIMARY KEY);
CREATE TABLE account (
    id serial PRIMARY KEY,
    email varchar(100) NOT NULL UNIQUE,
    nickname varchar(30) NOT NULL DEFAULT '',
    status status NOT NULL DEFAULT 'active',
    legacy text,
    team_id int
);
ALTER TABLE account ADD CONSTRAINT fk_team FOREIGN KEY (team_id) REFERENCES team (id);
INSERT INTO team (id) VALUES (1)`;

function pgProject(extra: Record<string, string> = {}): string {
  const dir = makeProject({
    'a1_raw.ts': revisionFile({
      id: 'a1a1a1a1a1a1',
      message: 'tables by raw SQL',
      up: `  op.execute(${JSON.stringify(CREATE_PG)});`,
      down_body: "  op.execute('DROP TABLE account; DROP TABLE team; DROP TYPE status');",
    }),
    'b2_ops.ts': revisionFile({
      id: 'b2b2b2b2b2b2',
      down: 'a1a1a1a1a1a1',
      message: 'ops on them',
      up: [
        "  op.dropColumn('account', 'legacy');",
        "  op.alterColumn('account', 'nickname', { type: t.string(60), nullable: true });",
        "  op.createIndex('ix_account_nickname', 'account', ['nickname']);",
        "  op.dropConstraint('account_email_key', 'account');",
        "  op.dropConstraint('fk_team', 'account');",
        "  op.addColumn('account', column('previous', t.enum(['active', 'closed'], { name: 'status' })));",
      ].join('\n'),
      down_body: [
        "  op.dropColumn('account', 'previous');",
        "  op.createForeignKey('fk_team', 'account', 'team', ['team_id'], ['id']);",
        "  op.createUniqueConstraint('account_email_key', 'account', ['email']);",
        "  op.dropIndex('ix_account_nickname');",
        "  op.alterColumn('account', 'nickname', { type: t.string(30), nullable: false });",
        "  op.addColumn('account', column('legacy', t.text()));",
      ].join('\n'),
    }),
    ...extra,
  });
  return dir;
}

function freshPg(): string {
  const db = pg.fresh();
  cleanups.push(() => pg.drop(db));
  return db;
}

describe('PostgreSQL: the built CLI, applied with psql', () => {
  it('ops on tables created by raw SQL render from the model and apply, up and down', async () => {
    const cwd = pgProject();
    const up = await gensql(['upgrade', 'base:head'], { cwd });
    expect(up.code, up.stderr).toBe(0);
    expect(up.stderr).not.toMatch(/warning/i);
    // what the model knew from the raw SQL: the old type and nullability, the enum type (not created again)
    expect(up.stdout).toContain('ALTER TABLE account ALTER COLUMN nickname TYPE VARCHAR(60)');
    expect(up.stdout).toContain('ALTER TABLE account ALTER COLUMN nickname DROP NOT NULL');
    expect(up.stdout).toContain('ALTER TABLE account DROP CONSTRAINT account_email_key');
    expect(up.stdout).toContain('ALTER TABLE account ADD COLUMN previous status');
    expect(up.stdout.match(/CREATE TYPE status/g)).toHaveLength(1);
    const db = freshPg();
    pg.applyOk(db, up.stdout);
    expect(pg.versions(db)).toEqual(['b2b2b2b2b2b2']);
    const columns = pg.query(db, "select column_name, data_type, character_maximum_length, is_nullable, column_default from information_schema.columns where table_name = 'account' order by ordinal_position");
    expect(columns).toEqual([
      "id\tinteger\t\tNO\tnextval('account_id_seq'::regclass)",
      'email\tcharacter varying\t100\tNO\t',
      "nickname\tcharacter varying\t60\tYES\t''::character varying",
      "status\tUSER-DEFINED\t\tNO\t'active'::status",
      'team_id\tinteger\t\tYES\t',
      'previous\tUSER-DEFINED\t\tYES\t',
    ]);
    expect(pg.query(db, "select indexname from pg_indexes where tablename = 'account' order by 1")).toEqual(['account_pkey', 'ix_account_nickname']);
    expect(pg.query(db, "select conname from pg_constraint where conrelid = 'account'::regclass order by 1")).toEqual(['account_pkey']);

    const down = await gensql(['downgrade', 'head:base'], { cwd });
    expect(down.code, down.stderr).toBe(0);
    pg.applyOk(db, down.stdout);
    expect(pg.versions(db)).toEqual([]);
    expect(pg.tables(db)).toEqual(['public.gensql_version']);
  });

  it('a statement the model cannot follow: a warning naming file, revision and statement; the script still on stdout', async () => {
    const cwd = pgProject({
      'c3_more.ts': revisionFile({
        id: 'c3c3c3c3c3c3',
        down: 'b2b2b2b2b2b2',
        message: 'more raw SQL',
        up: "  op.execute('CREATE INDEX ON account (email);\\nUPDATE account SET nickname = NULL');\n  op.dropColumn('account', 'team_id');",
      }),
    });
    const r = await gensql(['upgrade', 'b2b2b2b2b2b2:head'], { cwd });
    expect(r.code, r.stderr).toBe(0);
    const warnings = r.stderr.split('\n').filter((l) => /warning/i.test(l));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/c3_more\.ts: revision c3c3c3c3c3c3: execute\(.*\): the schema model cannot follow "CREATE INDEX ON account \(email\)": an index without a name/);
    expect(r.stdout).toContain('CREATE INDEX ON account (email);\nUPDATE account SET nickname = NULL;');
    expect(r.stdout).toContain('ALTER TABLE account DROP COLUMN team_id;');
    const db = freshPg();
    pg.applyOk(db, (await gensql(['upgrade', 'base:b2b2b2b2b2b2'], { cwd })).stdout);
    pg.applyOk(db, r.stdout);
    expect(pg.versions(db)).toEqual(['c3c3c3c3c3c3']);
  });
});

/** Renders raw SQL as the pipeline does: the statement as written, its parsed ops applied to the model. */
function rawStatements(s: Session, parse: DdlParser, text: string): string[] {
  const r = parse(text);
  expect(r.warnings).toEqual([]);
  return s.renderOps([{ kind: 'execute', sql: text, modelOps: r.ops }]);
}

const CREATE_MYSQL = `CREATE TABLE account (
    id INT NOT NULL AUTO_INCREMENT,
    email VARCHAR(100) NOT NULL,
    nickname VARCHAR(30) NOT NULL DEFAULT '' COMMENT 'what friends say',
    active BOOL NOT NULL DEFAULT 1,
    legacy TEXT,
    PRIMARY KEY (id),
    UNIQUE KEY uq_email (email)
)`;

describe('MariaDB and MySQL: the model restates columns created by raw SQL', () => {
  let mariadbParse: DdlParser;
  let mysqlParse: DdlParser;
  beforeAll(async () => {
    mariadbParse = await mariadbDdlParser();
    mysqlParse = await mysqlDdlParser();
  });

  it('MariaDB: MODIFY restates the whole column, and the script applies on the server', async () => {
    const s = await session('mariadb');
    const statements = rawStatements(s, mariadbParse, CREATE_MYSQL);
    const rendered = await s.run((op) => {
      op.alterColumn('account', 'nickname', { type: t.string(60) });
      op.alterColumn('account', 'active', { nullable: true });
      op.dropColumn('account', 'legacy');
      op.createIndex('ix_account_nickname', 'account', ['nickname']);
      op.dropConstraint('uq_email', 'account');
    });
    // the columns as the raw SQL made them, restated whole (how the rest is spelt is the dialect's business; the server checks it below)
    expect(rendered.slice(0, 2)).toEqual([
      "ALTER TABLE account MODIFY nickname VARCHAR(60) NOT NULL DEFAULT '' COMMENT 'what friends say'",
      'ALTER TABLE account MODIFY active BOOL NULL DEFAULT 1',
    ]);
    expect(rendered).toHaveLength(5);
    const db = maria.fresh();
    cleanups.push(() => maria.drop(db));
    maria.applyOk(db, [...statements, ...rendered].map((x) => `${x};`).join('\n'));
    const show = maria.schema(db);
    expect(show).toContain("`nickname` varchar(60) NOT NULL DEFAULT '' COMMENT 'what friends say'");
    expect(show).toContain('`active` tinyint(1) DEFAULT 1');
    expect(show).not.toContain('legacy');
    expect(show).toContain('KEY `ix_account_nickname` (`nickname`)');
    expect(show).not.toContain('uq_email');
  });

  it('MySQL 8: the same MODIFY from the same raw SQL', async () => {
    const s = await session('mysql');
    rawStatements(s, mysqlParse, CREATE_MYSQL);
    expect(await s.run((op) => op.alterColumn('account', 'nickname', { type: t.string(60) }))).toEqual([
      "ALTER TABLE account MODIFY nickname VARCHAR(60) NOT NULL DEFAULT '' COMMENT 'what friends say'",
    ]);
  });
});

describe('SQLite: a table created by raw SQL rebuilt from the model', () => {
  let parse: DdlParser;
  beforeAll(async () => {
    parse = await sqliteDdlParser();
  });

  it('batchAlterTable keeps the raw columns, defaults, checks and foreign keys, and applies with sqlite3', async () => {
    const s = await session('sqlite');
    const statements = rawStatements(
      s,
      parse,
      `CREATE TABLE team (id INTEGER PRIMARY KEY);
       CREATE TABLE account (
         id INTEGER PRIMARY KEY,
         email VARCHAR(100) NOT NULL UNIQUE,
         nickname VARCHAR(30) NOT NULL DEFAULT '',
         created DATETIME DEFAULT (datetime('now')),
         score INTEGER CHECK (score >= 0),
         legacy TEXT,
         team_id INTEGER REFERENCES team (id) ON DELETE CASCADE
       );
       CREATE INDEX ix_account_email ON account (email);
       INSERT INTO team (id) VALUES (1);
       INSERT INTO account (email, score, legacy, team_id) VALUES ('a@b', 3, 'x', 1)`,
    );
    const rendered = await s.run((op) =>
      op.batchAlterTable('account', (batch) => {
        batch.alterColumn('nickname', { type: t.string(60) });
        batch.dropColumn('legacy');
      }),
    );
    expect(rendered.join('\n')).toContain("nickname VARCHAR(60) DEFAULT '' NOT NULL");
    const db = sqlite.fresh();
    cleanups.push(() => sqlite.drop(db));
    sqlite.applyOk(db, ['PRAGMA foreign_keys = ON', ...statements, ...rendered].map((x) => `${x};`).join('\n'));
    const schema = sqlite.schema(db);
    expect(schema).toContain("column nickname\tVARCHAR(60)\t1\t''\t0");
    expect(schema).toContain("column created\tDATETIME\t0\tdatetime('now')\t0");
    expect(schema).toContain('fk team\tteam_id\tid\tNO ACTION\tCASCADE');
    expect(schema).toContain('index ix_account_email');
    expect(schema).not.toContain('legacy');
    expect(sqlite.rows(db, 'account')).toEqual([expect.stringMatching(/^1\ta@b\t\t\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\t3\t1$/)]);
    // the raw CHECK came along: a negative score is still refused
    expect(sqlite.apply(db, "INSERT INTO account (email, score) VALUES ('c@d', -1);").code).not.toBe(0);
  });
});
