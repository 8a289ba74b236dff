/**
 * `gensql check`: every revision upgraded, downgraded and upgraded again in
 * the engine, the schema read back and compared each time. Broken
 * downgrades, engine rejections and lint findings are reported by revision
 * (text or --json) with exit 1; a sound history passes.
 */
import { describe, expect, it } from 'vitest';
import type { CheckReport } from '../../src/validate/check-report.js';
import { gensql, makeProject, revisionFile } from '../support/cli.js';

const items = revisionFile({
  id: 'a1',
  message: 'create items',
  up: "  op.createTable('items', [column('id', t.integer(), { primaryKey: true }), column('name', t.string(50)), column('price', t.integer())]);",
  down_body: "  op.dropTable('items');",
});

const forgetsIndex = revisionFile({
  id: 'b2',
  down: 'a1',
  message: 'index item names',
  up: "  op.createIndex('ix_items_name', 'items', ['name']);",
  down_body: '  // forgot: op.dropIndex(...)',
});

/** The --json report: on stdout when the check passes; when it fails, stdout stays empty and the document is all of stderr. */
async function checkJson(dir: string, args: string[] = []): Promise<{ code: number; report: CheckReport; stderr: string }> {
  const r = await gensql(['check', '--json', ...args], { cwd: dir });
  if (r.code !== 0) expect(r.stdout).toBe('');
  return { code: r.code, report: JSON.parse(r.code === 0 ? r.stdout : r.stderr) as CheckReport, stderr: r.stderr };
}

describe('gensql check', () => {
  it('passes the example history: every revision ok, schemas read back from PGlite, nothing unchecked', async () => {
    const r = await gensql(['check', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as CheckReport;
    expect(report.ok).toBe(true);
    expect(report.range).toBe('base:heads');
    expect(report.comparedIn).toBe('engine catalog');
    expect(report.engine.label).toBe('PGlite');
    expect(report.revisions.map((v) => v.status)).toEqual(Array(7).fill('ok'));
    expect(report.statements.notChecked).toEqual([]);
    expect(report.statements.checked).toBeGreaterThan(50);
    const text = await gensql(['check']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^check base:heads \(postgresql\): 7 revisions, schemas read back from PGlite\n/);
    expect(text.stdout).toContain('  ok       a1b2c3d4e5f6  create user table\n');
    expect(text.stdout).toMatch(/ok: every downgrade checked restores the schema\n$/);
  });

  it('catches a downgrade that forgets to drop an index, with the difference; warns about a missing downgrade()', async () => {
    const dir = makeProject({
      'a1_items.ts': items,
      'b2_index.ts': forgetsIndex,
      'c3_nodown.ts': revisionFile({ id: 'c3', down: 'b2', message: 'no way back', up: "  op.addColumn('items', column('note', t.text()));" }),
      'd4_ok.ts': revisionFile({ id: 'd4', down: 'c3', up: "  op.createIndex('ix_items_price', 'items', ['price']);", down_body: "  op.dropIndex('ix_items_price', { table: 'items' });" }),
    });
    const { code, report } = await checkJson(dir);
    expect(code).toBe(1);
    expect(report.ok).toBe(false);
    expect(report.revisions.map((v) => [v.revision, v.status])).toEqual([['a1', 'ok'], ['b2', 'failed'], ['c3', 'warning'], ['d4', 'ok']]);
    const [mismatch] = report.revisions[1]!.findings;
    expect(mismatch).toMatchObject({ severity: 'error', kind: 'downgrade-mismatch', revision: 'b2', file: 'migrations/versions/b2_index.ts', engine: 'PGlite' });
    expect(mismatch!.difference).toEqual(['+ index public.ix_items_name: CREATE INDEX ix_items_name ON public.items USING btree (name)']);
    expect(report.revisions[2]!.findings).toMatchObject([{ severity: 'warning', kind: 'no-downgrade', revision: 'c3' }]);

    // a failing report goes to stderr, followed by the error line; stdout stays empty
    const text = await gensql(['check'], { cwd: dir });
    expect(text.code).toBe(1);
    expect(text.stdout).toBe('');
    expect(text.stderr).toContain('  FAILED   b2        index item names\n');
    expect(text.stderr).toContain('+ index public.ix_items_name: CREATE INDEX ix_items_name ON public.items USING btree (name)');
    expect(text.stderr).toContain('  warning  c3        no way back\n');
    expect(text.stderr).toContain('FAILED: 1 error in 1 revision, 1 warning\nerror: check base:heads failed: 1 error; the first: migrations/versions/b2_index.ts: revision b2: downgrade does not restore the schema');
    expect(text.stderr).toContain('  revision: b2');
  });

  it('catches a column dropped under a view and invalid SQL in a downgrade, with the engine message', async () => {
    const dir = makeProject({
      'a1_items.ts': items,
      'b2_view.ts': revisionFile({ id: 'b2', down: 'a1', up: "  op.execute('CREATE VIEW cheap_items AS SELECT id, price FROM items WHERE price < 10');", down_body: "  op.execute('DROP VIEW cheap_items');" }),
      'c3_bad_down.ts': revisionFile({ id: 'c3', down: 'b2', up: "  op.addColumn('items', column('qty', t.integer()));", down_body: "  op.execute('ALTER TABLE items DROPP COLUMN qty');" }),
      'd4_drop.ts': revisionFile({ id: 'd4', down: 'c3', up: "  op.dropColumn('items', 'price');", down_body: "  op.addColumn('items', column('price', t.integer()));" }),
      'e5_after.ts': revisionFile({ id: 'e5', down: 'd4', up: "  op.addColumn('items', column('other', t.integer()));", down_body: "  op.dropColumn('items', 'other');" }),
    });
    const { code, report } = await checkJson(dir);
    expect(code).toBe(1);
    expect(report.revisions.map((v) => v.status)).toEqual(['ok', 'ok', 'failed', 'failed', 'skipped']);
    expect(report.revisions[2]!.findings[0]).toMatchObject({ kind: 'engine-error', revision: 'c3', engine: 'PGlite', statement: 'ALTER TABLE items DROPP COLUMN qty' });
    expect(report.revisions[2]!.findings[0]!.message).toMatch(/^downgrade: migrations\/versions\/c3_bad_down.ts: revision c3: execute\(.*\): PGlite rejected the statement: syntax error at or near "DROPP"$/);
    expect(report.revisions[3]!.findings[0]).toMatchObject({ kind: 'engine-error', revision: 'd4', op: "dropColumn('items', 'price')", statement: 'ALTER TABLE items DROP COLUMN price' });
    expect(report.revisions[3]!.findings[0]!.message).toContain('cannot drop column price of table items because other objects depend on it\nDETAIL: view cheap_items depends on column price of table items');
  });

  it('reads back every kind of object a downgrade can forget: enum types, column types, sequences, comments, functions', async () => {
    const rev = (id: string, down: string | null, up: string, back: string): string => revisionFile({ id, down, message: id, up: `  ${up}`, down_body: `  ${back}` });
    const dir = makeProject({
      'r1.ts': rev('r1', null, "op.createTable('items', [column('id', t.integer(), { primaryKey: true }), column('name', t.string(50))]);", "op.dropTable('items');"),
      'r2.ts': rev('r2', 'r1', "op.addColumn('items', column('mood', t.enum(['sad', 'ok'], { name: 'mood' })));", "op.dropColumn('items', 'mood');"),
      'r3.ts': rev('r3', 'r2', "op.alterColumn('items', 'name', { type: t.string(80) });", ''),
      'r4.ts': rev('r4', 'r3', "op.renameTable('items', 'goods');", "op.renameTable('goods', 'items');"),
      'r5.ts': rev('r5', 'r4', "op.execute('CREATE SEQUENCE goods_seq START 5');", ''),
      'r6.ts': rev('r6', 'r5', "op.createTableComment('goods', 'all goods');", ''),
      'r7.ts': rev('r7', 'r6', "op.execute('CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$');\n  op.execute('CREATE TRIGGER goods_touch BEFORE UPDATE ON goods FOR EACH ROW EXECUTE FUNCTION touch()');", "op.execute('DROP TRIGGER goods_touch ON goods');"),
      'r8.ts': rev('r8', 'r7', "op.execute('ALTER TABLE goods RENAME COLUMN name TO title');", "op.execute('ALTER TABLE goods RENAME COLUMN title TO name');"),
      'r9.ts': rev('r9', 'r8', "op.createTable('other', [column('id', t.integer(), { primaryKey: true }), column('x', t.integer())]);\n  op.addColumn('goods', column('y', t.integer()));", "op.dropColumn('goods', 'y');\n  op.dropColumn('other', 'x');\n  op.dropTable('other');"),
    });
    const { code, report } = await checkJson(dir);
    expect(code).toBe(1);
    const differences = Object.fromEntries(report.revisions.map((v) => [v.revision, v.findings.flatMap((f) => f.difference ?? [f.kind])]));
    expect(differences).toEqual({
      r1: [],
      r2: ["+ type public.mood: enum ('sad', 'ok')"],
      r3: ['~ column public.items.name: character varying(50) NULL -> character varying(80) NULL'],
      r4: [],
      r5: ['+ sequence public.goods_seq: bigint START 5 INCREMENT 1 MINVALUE 1 MAXVALUE 9223372036854775807'],
      r6: ["~ table public.goods: table -> table COMMENT 'all goods'"],
      r7: [expect.stringMatching(/^\+ function public\.touch\(\): returns trigger md5 [0-9a-f]{32}$/)],
      r8: [],
      r9: [],
    });
  });

  it('checks a range X:head from the replayed state at X, and lints several heads (--strict fails on it)', async () => {
    const dir = makeProject({
      'a1_items.ts': items,
      'b2_left.ts': revisionFile({ id: 'b2', down: 'a1', up: "  op.execute('ALTER TABLE items ADD COLUMN left_col INTEGER');", down_body: "  op.execute('ALTER TABLE items DROP COLUMN left_col');" }),
      'c3_right.ts': revisionFile({ id: 'c3', down: 'a1', up: "  op.createIndex('ix_items_price', 'items', ['price']);", down_body: "  op.dropIndex('ix_items_price', { table: 'items' });" }),
    });
    const { code, report } = await checkJson(dir, ['a1:heads']);
    expect(code).toBe(0);
    expect(report.revisions.map((v) => v.revision).sort()).toEqual(['b2', 'c3']);
    expect(report.findings).toMatchObject([{ severity: 'warning', kind: 'multiple-heads' }]);
    expect(report.findings[0]!.message).toContain('2 heads (b2, c3)');
    const strict = await gensql(['check', '--strict'], { cwd: dir });
    expect(strict.code).toBe(1);
    expect(strict.stdout).toBe('');
    expect(strict.stderr).toContain('lint: the history has 2 heads (b2, c3)');
    expect(strict.stderr).toMatch(/\nerror: check base:heads: \d+ warnings? \(--strict\)\n/);
  });

  it('runs SQLite in sql.js; where no engine reads a schema back (mysql) compares in the schema model; refuses pg-mem', async () => {
    const dir = makeProject({ 'a1_items.ts': items, 'b2_index.ts': forgetsIndex });
    const sqlite = await checkJson(dir, ['--dialect', 'sqlite']);
    expect(sqlite.code).toBe(1);
    expect(sqlite.report.comparedIn).toBe('engine catalog');
    expect(sqlite.report.engine.label).toBe('SQLite (sql.js)');
    expect(sqlite.report.revisions[1]!.findings[0]!.difference).toEqual(['+ index ix_items_name: INDEX ON items (name)']);

    const mysql = await checkJson(dir, ['--dialect', 'mysql']);
    expect(mysql.code).toBe(1);
    expect(mysql.report.comparedIn).toBe('schema model');
    expect(mysql.report.revisions[1]!.findings[0]).toMatchObject({ kind: 'downgrade-mismatch', revision: 'b2' });
    expect(mysql.report.revisions[1]!.findings[0]!.difference![0]).toMatch(/^\+ index ix_items_name: ON items /);

    const pgMem = await gensql(['check', '--engine', 'pg-mem'], { cwd: dir });
    expect(pgMem.code).toBe(2);
    expect(pgMem.stdout).toBe('');
    expect(pgMem.stderr).toContain('check cannot use pg-mem');
  });
});
