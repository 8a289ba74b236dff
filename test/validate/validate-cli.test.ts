/**
 * Validation through the CLI, as a user meets it: `upgrade`, `downgrade`
 * and `stamp` run every script in PGlite first (on a database replayed to
 * the range's start), print nothing on stdout when a statement fails, and
 * name the revision, file, op, statement and PostgreSQL's own message.
 */
import { describe, expect, it } from 'vitest';
import { gensql, makeProject, revisionFile } from '../support/cli.js';

const items = revisionFile({
  id: 'a1',
  message: 'create items',
  up: "  op.createTable('items', [column('id', t.integer(), { primaryKey: true }), column('name', t.string(50)), column('price', t.integer())]);",
  down_body: "  op.dropTable('items');",
});

/** A line `validated with PGlite: N statements checked, M not checked` and its numbers. */
function summary(stderr: string, engine = 'PGlite'): { checked: number; notChecked: number } {
  const m = new RegExp(`validated with ${engine}: (\\d+) statements checked, (\\d+) not checked`).exec(stderr);
  expect(m, stderr).not.toBeNull();
  return { checked: Number(m![1]), notChecked: Number(m![2]) };
}

/** Statements in a script's text: each ends a line with `;` (the DO guard's inner lines are indented). */
function statementCount(script: string): number {
  return script.split('\n').filter((l) => /^\S.*;$/.test(l) && !/^(BEGIN|COMMIT);$/.test(l)).length;
}

describe('validation in upgrade, downgrade and stamp', () => {
  it('passes the example history with every statement checked and none unchecked, in each direction', async () => {
    for (const args of [['upgrade', 'base:head'], ['downgrade', 'head:base'], ['upgrade', 'c3d4e5f6a1b2:head', '--transaction-per-migration'], ['downgrade', 'head:d4e5f6a1b2c3'], ['stamp', 'c3d4e5f6a1b2:head']]) {
      const r = await gensql(args);
      expect(r.code, `${args.join(' ')}\n${r.stderr}`).toBe(0);
      const s = summary(r.stderr);
      expect(s.notChecked).toBe(0);
      // the guard's END; line inside the DO block is indented, so each statement counts once
      expect(s.checked).toBe(statementCount(r.stdout));
    }
  });

  it('catches invalid SQL in op.execute: exit 1, nothing on stdout, revision, file, op, statement and engine message', async () => {
    const dir = makeProject({
      'a1_items.ts': items,
      'b2_bad.ts': revisionFile({ id: 'b2', down: 'a1', up: "  op.execute('ALTER TABLE items ADD COLUMN qty INTEGR');" }),
    });
    const r = await gensql(['upgrade', 'base:head'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('error: migrations/versions/b2_bad.ts: revision b2: execute(');
    expect(r.stderr).toContain('PGlite rejected the statement: type "integr" does not exist');
    expect(r.stderr).toContain('  file: migrations/versions/b2_bad.ts');
    expect(r.stderr).toContain('  revision: b2');
    expect(r.stderr).toContain('  operation: execute(');
    expect(r.stderr).toContain('  engine: PGlite');
    expect(r.stderr).toContain('  statement:\n    ALTER TABLE items ADD COLUMN qty INTEGR');
  });

  it('catches dropping a column a view depends on (the view made by op.execute), with the DETAIL line', async () => {
    const dir = makeProject({
      'a1_items.ts': items,
      'b2_view.ts': revisionFile({ id: 'b2', down: 'a1', up: "  op.execute('CREATE VIEW cheap_items AS SELECT id, price FROM items WHERE price < 10');", down_body: "  op.execute('DROP VIEW cheap_items');" }),
      'c3_drop.ts': revisionFile({ id: 'c3', down: 'b2', up: "  op.dropColumn('items', 'price');", down_body: "  op.addColumn('items', column('price', t.integer()));" }),
    });
    const r = await gensql(['upgrade', 'base:head'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain("error: migrations/versions/c3_drop.ts: revision c3: dropColumn('items', 'price'): PGlite rejected the statement: cannot drop column price of table items because other objects depend on it");
    expect(r.stderr).toContain('DETAIL: view cheap_items depends on column price of table items');
    expect(r.stderr).toContain('    ALTER TABLE items DROP COLUMN price');
    // the part of the history before it is fine
    expect((await gensql(['upgrade', 'base:b2'], { cwd: dir })).code).toBe(0);
  });

  it('validates a downgrade script too', async () => {
    const dir = makeProject({
      'a1_items.ts': items,
      'b2_view.ts': revisionFile({ id: 'b2', down: 'a1', up: "  op.execute('CREATE VIEW v AS SELECT id FROM items');", down_body: "  op.execute('DROP VIEW vv');" }),
    });
    expect((await gensql(['upgrade', 'base:head'], { cwd: dir })).code).toBe(0);
    const r = await gensql(['downgrade', 'head:base'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('revision: b2');
    expect(r.stderr).toContain('PGlite rejected the statement: view "vv" does not exist');
  });

  it('replays the history before X for a range X:head, and fails a script whose start lacks what it needs', async () => {
    // b2 only makes sense where a1's table exists: raw SQL, so only a database can tell
    const good = makeProject({
      'a1_items.ts': items,
      'b2_raw.ts': revisionFile({ id: 'b2', down: 'a1', up: "  op.execute(\"INSERT INTO items (id, name, price) VALUES (1, 'pen', 2)\");\n  op.execute('ALTER TABLE items ADD COLUMN extra INTEGER');" }),
    });
    const r = await gensql(['upgrade', 'a1:head'], { cwd: good });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toContain('CREATE TABLE items');
    expect(summary(r.stderr)).toEqual({ checked: 4, notChecked: 0 }); // guard, two executes, version update

    // the same revision placed on a start where the table does not exist yet
    const wrong = makeProject({
      'a0_base.ts': revisionFile({ id: 'a0', up: "  op.createTable('other', [column('id', t.integer(), { primaryKey: true })]);" }),
      'b2_raw.ts': revisionFile({ id: 'b2', down: 'a0', up: "  op.execute(\"INSERT INTO items (id, name, price) VALUES (1, 'pen', 2)\");" }),
      'c3_items.ts': items.replace("'a1'", "'c3'").replace('downRevision = null', "downRevision = 'b2'"),
    });
    const w = await gensql(['upgrade', 'a0:head'], { cwd: wrong });
    expect(w.code).toBe(1);
    expect(w.stdout).toBe('');
    expect(w.stderr).toContain('revision: b2');
    expect(w.stderr).toContain('relation "items" does not exist');
  });

  it('creates the versionTableSchema the project expects to exist, in PGlite and SQLite', async () => {
    const dir = makeProject({ 'a1_items.ts': items, 'b2_raw.ts': revisionFile({ id: 'b2', down: 'a1', up: "  op.execute('CREATE INDEX ix_items_price ON items (price)');" }) }, { versionTableSchema: 'meta' });
    for (const dialect of ['postgresql', 'sqlite']) {
      for (const range of ['base:head', 'a1:head']) {
        const r = await gensql(['upgrade', range, '--dialect', dialect], { cwd: dir });
        expect(r.code, r.stderr).toBe(0);
        expect(r.stdout).toContain('meta.gensql_version');
        expect(summary(r.stderr, dialect === 'sqlite' ? 'SQLite \\(sql.js\\)' : 'PGlite').notChecked).toBe(0);
      }
    }
  });

  it('--no-validate skips the engine (and says so); --validate-url with it is a usage error', async () => {
    const dir = makeProject({
      'a1_items.ts': items,
      'b2_bad.ts': revisionFile({ id: 'b2', down: 'a1', up: "  op.execute('ALTER TABLE items ADD COLUMN qty INTEGR');" }),
    });
    const r = await gensql(['upgrade', 'base:head', '--no-validate'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('ALTER TABLE items ADD COLUMN qty INTEGR;');
    expect(r.stderr).not.toMatch(/validated with|not checked/);
    const both = await gensql(['upgrade', 'base:head', '--no-validate', '--validate-url', 'postgresql:///nowhere'], { cwd: dir });
    expect(both.code).toBe(2);
    expect(both.stdout).toBe('');
  });

  it('pg-mem: statements it does not support are "not checked" warnings, exit 0', async () => {
    const dir = makeProject({
      'a1_items.ts': items,
      'b2_pgmem.ts': revisionFile({
        id: 'b2',
        down: 'a1',
        up: "  op.createIndex('ix_items_name', 'items', ['name'], { concurrently: true });\n  op.execute('ALTER TABLE items RENAME CONSTRAINT items_pkey TO items_pk');",
      }),
    });
    const r = await gensql(['upgrade', 'base:head', '--engine', 'pg-mem'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(statementCount(r.stdout)).toBe(7);
    // the DO guard, CONCURRENTLY and RENAME CONSTRAINT
    expect(summary(r.stderr, 'pg-mem')).toEqual({ checked: 4, notChecked: 3 });
    expect(r.stderr).toContain("warning: 3 statements not checked by pg-mem:");
    expect(r.stderr).toMatch(/revision b2: execute\('ALTER TABLE items RENAME CONSTRAINT items_pkey TO items_pk'\): pg-mem does not support it \(Not supported : rename constraint\)/);
    expect(r.stderr).toMatch(/revision b2: createIndex\('ix_items_name', 'items'\): pg-mem does not support it/);
    // PGlite checks all of them
    expect(summary((await gensql(['upgrade', 'base:head'], { cwd: dir })).stderr)).toEqual({ checked: 7, notChecked: 0 });
  });
});
