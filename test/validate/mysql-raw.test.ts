/**
 * MySQL and MariaDB validation (node-sql-parser, SPEC 7): raw `op.execute`
 * text the parser rejects fails the script (exit 1, nothing on stdout, the
 * revision, file, op, statement and the parser's message on stderr, with a
 * hint about --no-validate); statements gensql generated that it rejects
 * (it misses valid syntax such as BOOL) stay "not checked" warnings.
 */
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { Tally, type StatementItem } from '../../src/validate/engine.js';
import { engineFor } from '../../src/validate/registry.js';
import type { CheckReport } from '../../src/validate/check-report.js';
import { gensql, makeProject, revisionFile } from '../support/cli.js';

const items = revisionFile({
  id: 'a1',
  message: 'create items',
  up: "  op.createTable('items', [column('id', t.integer(), { primaryKey: true }), column('name', t.string(50)), column('price', t.integer())]);",
  down_body: "  op.dropTable('items');",
});

const selekt = revisionFile({ id: 'b2', down: 'a1', message: 'typo', up: "  op.execute('SELEKT 1');", down_body: "  op.execute('SELECT 1');" });

/** `parsed with node-sql-parser (X): N statements parsed, M not checked` and its numbers. */
function summary(stderr: string): { parsed: number; notChecked: number } {
  const m = /parsed with node-sql-parser \((?:MySQL|MariaDB)\): (\d+) statements parsed, (\d+) not checked/.exec(stderr);
  expect(m, stderr).not.toBeNull();
  return { parsed: Number(m![1]), notChecked: Number(m![2]) };
}

function stmt(sql: string, raw: boolean): StatementItem {
  return { kind: 'statement', sql, revision: 'r1', file: 'migrations/versions/r1.ts', op: raw ? `execute(${JSON.stringify(sql)})` : 'createTable(...)', raw, outsideTransaction: false };
}

describe('node-sql-parser engine: raw text vs generated statements', () => {
  it('fails on raw text it rejects, with its message and the hint; skips generated statements it rejects', async () => {
    for (const dialect of ['mysql', 'mariadb'] as const) {
      const factory = await engineFor(dialect);
      const db = await factory.open({ dialect, statements: [], cacheBase: os.tmpdir(), log: () => undefined });
      const tally = new Tally();
      const bad = stmt('SELEKT 1', true);
      const failure = await db.run(
        [stmt('CREATE TABLE t (a BOOL)', false), stmt("UPDATE t SET a = 1 WHERE a = 0; DELETE FROM t WHERE a IS NULL", true), bad, stmt('SELECT 2', true)],
        tally,
      );
      expect(failure).not.toBeNull();
      expect(failure!.statement).toBe(bad);
      expect(failure!.message).toMatch(/^unexpected "1" at line 1, column 8\nHINT: raw op\.execute SQL must parse; .*--no-validate/);
      // the generated BOOL is not checked; the valid raw text is; nothing after the failure runs
      expect(tally.checked).toBe(1);
      expect(tally.notChecked.map((n) => n.statement.sql)).toEqual(['CREATE TABLE t (a BOOL)']);
      await db.close();
    }
  });

  it("on MariaDB, raw text MySQL's grammar accepts passes (MariaDB's build lacks ADD CONSTRAINT ... FOREIGN KEY)", async () => {
    const fk = 'ALTER TABLE t ADD CONSTRAINT fk_t_u FOREIGN KEY (u_id) REFERENCES u (id)';
    const maria = await (await engineFor('mariadb')).open({ dialect: 'mariadb', statements: [], cacheBase: os.tmpdir(), log: () => undefined });
    const tally = new Tally();
    expect(await maria.run([stmt(fk, true)], tally)).toBeNull();
    expect(tally.checked).toBe(1);
    // generated, the same text is only "not checked" (no fallback: the parser's gap is reported as such)
    const generated = new Tally();
    expect(await maria.run([stmt(fk, false)], generated)).toBeNull();
    expect(generated.notChecked).toHaveLength(1);
    await maria.close();
  });
});

describe('upgrade/downgrade -d mysql|mariadb with raw op.execute', () => {
  it("op.execute('SELEKT 1') fails: exit 1, empty stdout, the file, revision, op, statement and the parser's message on stderr", async () => {
    const dir = makeProject({ 'a1_items.ts': items, 'b2_typo.ts': selekt });
    for (const dialect of ['mysql', 'mariadb']) {
      const label = dialect === 'mysql' ? 'MySQL' : 'MariaDB';
      const r = await gensql(['upgrade', 'base:head', '-d', dialect], { cwd: dir });
      expect(r.code, r.stderr).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(`error: migrations/versions/b2_typo.ts: revision b2: execute('SELEKT 1'): node-sql-parser (${label}) rejected the statement: unexpected "1" at line 1, column 8\n`);
      expect(r.stderr).toContain(`HINT: raw op.execute SQL must parse; if this is valid ${label} that node-sql-parser does not know, render the script with --no-validate`);
      expect(r.stderr).toContain('  file: migrations/versions/b2_typo.ts\n');
      expect(r.stderr).toContain('  revision: b2\n');
      expect(r.stderr).toContain("  operation: execute('SELEKT 1')\n");
      expect(r.stderr).toContain(`  engine: node-sql-parser (${label})\n`);
      expect(r.stderr).toContain('  statement:\n    SELEKT 1');
      expect(r.stderr).not.toContain('parsed with');

      // --no-validate skips the parser (the model checks still run)
      const skipped = await gensql(['upgrade', 'base:head', '-d', dialect, '--no-validate'], { cwd: dir });
      expect(skipped.code, skipped.stderr).toBe(0);
      expect(skipped.stdout).toContain('SELEKT 1;');
    }
  });

  it('fails in a downgrade too, and in check (report on stderr)', async () => {
    const dir = makeProject({ 'a1_items.ts': items, 'b2_typo.ts': revisionFile({ id: 'b2', down: 'a1', up: "  op.execute('SELECT 1');", down_body: "  op.execute('DELET FROM items');" }) });
    const down = await gensql(['downgrade', 'head:base', '-d', 'mysql'], { cwd: dir });
    expect(down.code, down.stderr).toBe(1);
    expect(down.stdout).toBe('');
    expect(down.stderr).toContain("revision b2: execute('DELET FROM items'): node-sql-parser (MySQL) rejected the statement");

    const check = await gensql(['check', '-d', 'mysql', '--json'], { cwd: dir });
    expect(check.code, check.stderr).toBe(1);
    expect(check.stdout).toBe('');
    const report = JSON.parse(check.stderr) as CheckReport;
    expect(report.revisions[1]!.findings[0]).toMatchObject({ severity: 'error', kind: 'engine-error', revision: 'b2', statement: 'DELET FROM items', engine: 'node-sql-parser (MySQL)' });
    expect(report.revisions[1]!.findings[0]!.message).toMatch(/^downgrade: migrations\/versions\/b2_typo\.ts: revision b2: execute\('DELET FROM items'\): node-sql-parser \(MySQL\) rejected the statement: /);
  });

  it('valid raw statements pass, counted as parsed', async () => {
    const dir = makeProject({
      'a1_items.ts': items,
      'b2_raw.ts': revisionFile({
        id: 'b2',
        down: 'a1',
        up: "  op.execute(\"INSERT INTO items (id, name, price) VALUES (1, 'pen', 2)\");\n  op.execute('UPDATE items SET price = 3 WHERE id = 1; DELETE FROM items WHERE price IS NULL');\n  op.execute('CREATE INDEX ix_items_price ON items (price)');",
        down_body: "  op.execute('DROP INDEX ix_items_price ON items');\n  op.execute('DELETE FROM items');",
      }),
    });
    for (const dialect of ['mysql', 'mariadb']) {
      for (const args of [['upgrade', 'base:head'], ['downgrade', 'head:base']]) {
        const r = await gensql([...args, '-d', dialect], { cwd: dir });
        expect(r.code, `${dialect} ${args.join(' ')}\n${r.stderr}`).toBe(0);
        expect(summary(r.stderr).notChecked).toBe(0);
      }
      const up = await gensql(['upgrade', 'base:head', '-d', dialect], { cwd: dir });
      expect(up.stdout).toContain("INSERT INTO items (id, name, price) VALUES (1, 'pen', 2);");
    }
  });

  it('a statement gensql generated that the parser rejects (BOOL) stays a "not checked" warning: exit 0', async () => {
    const dir = makeProject({
      'a1_flags.ts': revisionFile({ id: 'a1', up: "  op.createTable('flags', [column('id', t.integer(), { primaryKey: true }), column('on', t.boolean())]);", down_body: "  op.dropTable('flags');" }),
    });
    for (const dialect of ['mysql', 'mariadb']) {
      const r = await gensql(['upgrade', 'base:head', '-d', dialect], { cwd: dir });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain('BOOL');
      expect(summary(r.stderr).notChecked).toBe(1);
      expect(r.stderr).toMatch(/warning: 1 statement not checked by node-sql-parser \((MySQL|MariaDB)\):\n {2}migrations\/versions\/a1_flags\.ts: revision a1: createTable\('flags'\): node-sql-parser cannot parse it \(unexpected "BOOL/);
    }
  });

  it('the history before a range is not parsed again: a later range renders when an earlier raw text would fail', async () => {
    const dir = makeProject({
      'a1_items.ts': items,
      'b2_typo.ts': selekt,
      'c3_more.ts': revisionFile({ id: 'c3', down: 'b2', up: "  op.addColumn('items', column('qty', t.integer()));", down_body: "  op.dropColumn('items', 'qty');" }),
    });
    const r = await gensql(['upgrade', 'b2:head', '-d', 'mysql'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toContain('SELEKT');
    expect(r.stdout).toContain('ALTER TABLE items ADD COLUMN qty INTEGER');
  });

  it('the example project still validates on mysql and mariadb, both ways', async () => {
    for (const dialect of ['mysql', 'mariadb']) {
      for (const args of [['upgrade', 'base:heads'], ['downgrade', 'heads:base']]) {
        const r = await gensql([...args, '-d', dialect]);
        expect(r.code, `${dialect} ${args.join(' ')}\n${r.stderr}`).toBe(0);
        expect(r.stdout.length).toBeGreaterThan(0);
        summary(r.stderr);
      }
    }
  });
});
