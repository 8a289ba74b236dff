/**
 * alterColumn on MariaDB restates the whole column from the schema model:
 * a change of type, nullability, default or comment changes exactly that
 * and keeps every other property of the column (NOT NULL, default,
 * comment, CHECK, AUTO_INCREMENT), where Alembic without existing_* makes
 * the column nullable and drops its default and comment. Checked with SHOW
 * CREATE TABLE on the real server before and after; the table holds rows.
 */
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { column, sql, t } from '../../src/index.js';
import { maria } from '../support/engines.js';
import { session, type Recorder } from '../support/render.js';

const dbs: string[] = [];
afterAll(() => dbs.forEach((db) => maria.drop(db)));

const things: Recorder = (op) => {
  op.createTable('things', [
    column('id', t.integer(), { primaryKey: true }),
    column('code', t.string(10), { nullable: false, serverDefault: 'x', comment: 'the code' }),
    column('qty', t.integer(), { nullable: false, serverDefault: 0, comment: "it's a count", check: 'qty >= 0' }),
    column('price', t.numeric(8, 2), { serverDefault: sql`1.50`, comment: 'unit price' }),
    column('status', t.enum(['a', 'b'], { name: 'thing_status' }), { nullable: false, serverDefault: 'a', comment: 'state' }),
    column('seen', t.dateTime(), { nullable: false, serverDefault: sql`CURRENT_TIMESTAMP`, comment: 'first seen' }),
  ]);
  op.bulkInsert('things', [
    { code: 'k1', qty: 3, price: 2.5, status: 'b' },
    { code: 'k2', qty: 0 },
  ]);
};

/** SHOW CREATE TABLE, one line per column or key. */
function showCreate(db: string): string[] {
  const r = spawnSync('mysql', ['-N', '-B', '-r', db, '-e', 'show create table things'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout.split('\t').slice(1).join('\t').trim().split('\n');
}

function line(lines: readonly string[], col: string): string {
  const l = lines.find((x) => x.trimStart().startsWith(`\`${col}\` `));
  if (!l) throw new Error(`no column ${col} in\n${lines.join('\n')}`);
  return l;
}

interface Outcome {
  readonly statements: string[];
  readonly before: string[];
  readonly after: string[];
  readonly rows: string[];
}

async function alter(fn: Recorder): Promise<Outcome> {
  const s = await session('mariadb');
  const db = maria.fresh();
  dbs.push(db);
  maria.applyOk(db, (await s.run(things)).map((x) => `${x};\n`).join(''));
  const before = showCreate(db);
  const statements = await s.run(fn);
  maria.applyOk(db, statements.map((x) => `${x};\n`).join(''));
  return { statements, before, after: showCreate(db), rows: maria.query(db, 'select * from things order by id') };
}

/** The column's line changed from `from` to `to` (as SHOW CREATE TABLE writes them), every other line is the same. */
function expectOnly(o: Outcome, col: string, from: string, to: string, newName = col): void {
  const old = line(o.before, col);
  expect(old).toContain(from);
  expect(line(o.after, newName)).toBe(old.replace(from, to).replaceAll(`\`${col}\``, `\`${newName}\``));
  const others = (lines: readonly string[], name: string): string[] => lines.filter((l) => !l.trimStart().startsWith(`\`${name}\` `));
  expect(others(o.after, newName).join('\n').replaceAll(`\`${col}\``, `\`${newName}\``)).toBe(others(o.before, col).join('\n').replaceAll(`\`${col}\``, `\`${newName}\``));
}

describe('MariaDB: alterColumn keeps every other property of the column', () => {
  it('a type change keeps NOT NULL, the default and the comment', async () => {
    const o = await alter((op) => op.alterColumn('things', 'code', { type: t.string(20) }));
    expect(o.statements).toEqual(["ALTER TABLE things MODIFY code VARCHAR(20) NOT NULL DEFAULT 'x' COMMENT 'the code'"]);
    expectOnly(o, 'code', 'varchar(10)', 'varchar(20)');
  });

  it('a type change keeps the column CHECK too', async () => {
    const o = await alter((op) => op.alterColumn('things', 'qty', { type: t.bigInteger() }));
    expect(o.statements).toEqual(["ALTER TABLE things MODIFY qty BIGINT NOT NULL DEFAULT 0 COMMENT 'it''s a count' CHECK (qty >= 0)"]);
    expectOnly(o, 'qty', 'int(11)', 'bigint(20)');
  });

  it('making a column nullable keeps its type, default, comment and CHECK', async () => {
    const o = await alter((op) => op.alterColumn('things', 'qty', { nullable: true }));
    expectOnly(o, 'qty', ' NOT NULL', '');
  });

  it('making a column NOT NULL keeps its default and comment', async () => {
    const o = await alter((op) => op.alterColumn('things', 'price', { nullable: false }));
    expect(o.statements).toEqual(["ALTER TABLE things MODIFY price NUMERIC(8, 2) NOT NULL DEFAULT 1.50 COMMENT 'unit price'"]);
    expectOnly(o, 'price', 'decimal(8,2) DEFAULT', 'decimal(8,2) NOT NULL DEFAULT');
  });

  it('a literal default is SET DEFAULT, which touches nothing else', async () => {
    const o = await alter((op) => op.alterColumn('things', 'price', { serverDefault: 2 }));
    expect(o.statements).toEqual(['ALTER TABLE things ALTER COLUMN price SET DEFAULT 2']);
    expectOnly(o, 'price', 'DEFAULT 1.50', 'DEFAULT 2.00');
  });

  it('dropping a default is DROP DEFAULT, which touches nothing else', async () => {
    const o = await alter((op) => op.alterColumn('things', 'code', { serverDefault: null }));
    expect(o.statements).toEqual(['ALTER TABLE things ALTER COLUMN code DROP DEFAULT']);
    expectOnly(o, 'code', " DEFAULT 'x'", '');
  });

  it('an expression default restates the column (SET DEFAULT takes literals), keeping NOT NULL and the comment', async () => {
    const o = await alter((op) => op.alterColumn('things', 'code', { serverDefault: sql`concat('a', 'b')` }));
    expect(o.statements).toEqual(["ALTER TABLE things MODIFY code VARCHAR(10) NOT NULL DEFAULT concat('a', 'b') COMMENT 'the code'"]);
    expectOnly(o, 'code', "DEFAULT 'x'", "DEFAULT concat('a','b')");
  });

  it('a comment change keeps NOT NULL, the default and the CHECK', async () => {
    const o = await alter((op) => op.alterColumn('things', 'qty', { comment: 'how many' }));
    expectOnly(o, 'qty', "COMMENT 'it''s a count'", "COMMENT 'how many'");
  });

  it('dropping a comment keeps the rest', async () => {
    const o = await alter((op) => op.alterColumn('things', 'seen', { comment: null }));
    expectOnly(o, 'seen', " COMMENT 'first seen'", '');
  });

  it('a new enum value keeps NOT NULL, the default, the comment and the rows', async () => {
    const o = await alter((op) => op.alterColumn('things', 'status', { type: t.enum(['a', 'b', 'c'], { name: 'thing_status' }) }));
    expectOnly(o, 'status', "enum('a','b')", "enum('a','b','c')");
    expect(o.rows.map((r) => r.split('\t')[4])).toEqual(['b', 'a']);
  });

  it('widening the AUTO_INCREMENT key keeps AUTO_INCREMENT and the primary key', async () => {
    const o = await alter((op) => op.alterColumn('things', 'id', { type: t.bigInteger() }));
    expect(o.statements).toEqual(['ALTER TABLE things MODIFY id BIGINT NOT NULL AUTO_INCREMENT']);
    expectOnly(o, 'id', 'int(11) NOT NULL AUTO_INCREMENT', 'bigint(20) NOT NULL AUTO_INCREMENT');
  });

  it('a rename alone is a CHANGE restating the column from the model, which keeps everything', async () => {
    const o = await alter((op) => op.alterColumn('things', 'seen', { newColumnName: 'first_seen' }));
    expect(o.statements).toEqual(["ALTER TABLE things CHANGE seen first_seen DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP COMMENT 'first seen'"]);
    expectOnly(o, 'seen', 'datetime', 'datetime', 'first_seen');
  });

  it('a rename with a type change is one CHANGE, keeping NOT NULL, the default and the comment', async () => {
    const o = await alter((op) => op.alterColumn('things', 'code', { newColumnName: 'sku', type: t.string(12) }));
    expect(o.statements).toEqual(["ALTER TABLE things CHANGE code sku VARCHAR(12) NOT NULL DEFAULT 'x' COMMENT 'the code'"]);
    expectOnly(o, 'code', 'varchar(10)', 'varchar(12)', 'sku');
  });

  it('a rename with a type change of a column with its own CHECK keeps the CHECK (MODIFY, then RENAME COLUMN)', async () => {
    const o = await alter((op) => op.alterColumn('things', 'qty', { newColumnName: 'amount', type: t.bigInteger() }));
    expect(o.statements).toEqual([
      "ALTER TABLE things MODIFY qty BIGINT NOT NULL DEFAULT 0 COMMENT 'it''s a count' CHECK (qty >= 0)",
      'ALTER TABLE things RENAME COLUMN qty TO amount',
    ]);
    expectOnly(o, 'qty', 'int(11)', 'bigint(20)', 'amount');
  });
});
