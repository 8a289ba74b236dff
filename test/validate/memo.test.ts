/**
 * Reusing a passing validation result (src/validate/memo.ts): only for
 * exactly the same statements on the same engine, never for a failure,
 * never where the clock or chance could change the outcome, and always
 * said so on stderr (scripts and review bundles stay byte-identical).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExecItem } from '../../src/validate/engine.js';
import { REUSED } from '../../src/validate/index.js';
import { memoKey, volatility } from '../../src/validate/memo.js';
import { gensql, makeProject, revisionFile } from '../support/cli.js';

function stmt(sql: string, more: Partial<{ raw: boolean; op: string; outsideTransaction: boolean }> = {}): ExecItem {
  return { kind: 'statement', sql, revision: 'a1', file: 'a1.ts', op: more.op ?? 'createTable(\'t\')', raw: more.raw ?? false, outsideTransaction: more.outsideTransaction ?? false };
}

describe('volatility: when a result may not be reused', () => {
  it('raw SQL calling a time or random function, in any dialect', () => {
    for (const sql of [
      'INSERT INTO t VALUES (now())',
      "UPDATE t SET d = 'today'",
      'SELECT random()',
      'SELECT random_normal()',
      'INSERT INTO t VALUES (uuidv7())',
      "DELETE FROM t WHERE age(created) > interval '1 year'",
      "INSERT INTO t SELECT 1 WHERE date() >= '2026-07-01'",
      'INSERT INTO t VALUES (UUID())',
      'SELECT CURRENT_TIMESTAMP',
      'INSERT INTO t SELECT NEWID()',
      "SELECT datetime('now')",
      'SELECT SYSDATE FROM dual',
    ]) {
      expect(volatility([], [stmt(sql, { raw: true, op: 'execute(...)' })]), sql).toMatch(/raw SQL in execute\(\.\.\.\) uses a time or random function/);
    }
  });

  it('not for names that only look alike: DATE and UUID types, a version column, dates in literals', () => {
    const script = [stmt('CREATE TABLE t (id UUID, d DATE, t TIME, version INTEGER, created TIMESTAMP, usage INTEGER)'), stmt("UPDATE t SET d = '2024-01-01', usage = 1", { raw: true, op: 'execute(...)' })];
    expect(volatility([], script)).toBeNull();
  });

  it('generated SQL (a server default now()) only when the script also holds data', () => {
    const withDefault = stmt('ALTER TABLE t ADD COLUMN at TIMESTAMP DEFAULT now()', { op: "addColumn('t', 'at')" });
    expect(volatility([], [withDefault])).toBeNull();
    expect(volatility([stmt("INSERT INTO t (id) VALUES (1)", { op: "bulkInsert('t')" })], [withDefault])).toMatch(/addColumn\('t', 'at'\) uses a time or random function, and the script inserts data/);
    expect(volatility([], [withDefault, stmt('DELETE FROM t', { raw: true, op: 'execute(...)' })])).toMatch(/and the script inserts data/);
  });
});

describe('memoKey: what a result is keyed on', () => {
  const base = { engine: { name: 'pglite', id: '@electric-sql/pglite 1.0.0' }, dialect: 'postgresql', schema: undefined, prelude: [] as ExecItem[], script: [{ kind: 'begin', sql: 'BEGIN' }, stmt('CREATE TABLE t (id INTEGER)'), { kind: 'commit', sql: 'COMMIT' }] as ExecItem[] };
  const key = memoKey(base);

  it('is the same for the same run, whatever the statements are called', () => {
    expect(memoKey({ ...base, script: base.script.map((i) => (i.kind === 'statement' ? { ...i, op: 'another', revision: 'b2', file: 'b2.ts' } : i)) })).toBe(key);
  });

  it('changes with any statement, boundary, flag, engine, version, dialect or schema', () => {
    const variants = [
      { ...base, script: [base.script[0]!, stmt('CREATE TABLE t (id BIGINT)'), base.script[2]!] },
      { ...base, script: base.script.slice(1) },
      { ...base, script: [base.script[0]!, stmt('CREATE TABLE t (id INTEGER)', { raw: true }), base.script[2]!] },
      { ...base, script: [base.script[0]!, stmt('CREATE TABLE t (id INTEGER)', { outsideTransaction: true }), base.script[2]!] },
      { ...base, prelude: base.script.slice(0, 1), script: base.script.slice(1) },
      { ...base, engine: { name: 'pg-mem', id: '@electric-sql/pglite 1.0.0' } },
      { ...base, engine: { name: 'pglite', id: '@electric-sql/pglite 1.0.1' } },
      { ...base, dialect: 'sqlite' },
      { ...base, schema: 'ops' },
    ];
    const keys = variants.map(memoKey);
    expect(new Set([key, ...keys]).size).toBe(variants.length + 1);
  });
});

const items = revisionFile({
  id: 'a1',
  message: 'create items',
  up: "  op.createTable('items', [column('id', t.integer(), { primaryKey: true }), column('name', t.string(50))]);",
  down_body: "  op.dropTable('items');",
});
const more = revisionFile({ id: 'b2', down: 'a1', up: "  op.addColumn('items', column('qty', t.integer()));", down_body: "  op.dropColumn('items', 'qty');" });

function cacheDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'gensql-memo-'));
}

/** The stored results under a cache folder. */
function entries(cache: string): string[] {
  const out: string[] = [];
  for (const project of fs.existsSync(cache) ? fs.readdirSync(cache) : []) {
    const dir = path.join(cache, project, 'validation');
    if (fs.existsSync(dir)) out.push(...fs.readdirSync(dir).filter((n) => n.endsWith('.json')));
  }
  return out;
}

describe('reusing a passing result through the CLI', () => {
  it('PGlite: the second identical render reuses the result and says so; the script is byte-identical', async () => {
    const dir = makeProject({ 'a1_items.ts': items, 'b2_more.ts': more });
    const env = { GENSQL_CACHE_DIR: cacheDir(), GENSQL_NO_VALIDATION_REUSE: '' };
    const first = await gensql(['upgrade', 'base:head'], { cwd: dir, env });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toMatch(/validated with PGlite: \d+ statements checked, 0 not checked\n/);
    expect(entries(env.GENSQL_CACHE_DIR)).toHaveLength(1);

    const second = await gensql(['upgrade', 'base:head'], { cwd: dir, env });
    expect(second.code, second.stderr).toBe(0);
    const n = /validated with PGlite: (\d+) statements checked/.exec(first.stderr)![1];
    expect(second.stderr).toContain(`validated with PGlite: ${n} statements checked, 0 not checked\n${REUSED}\n`);
    expect(second.stdout).toBe(first.stdout);
    expect(entries(env.GENSQL_CACHE_DIR)).toHaveLength(1);

    // the review bundle is the same whether the result was reused or not
    const out = (name: string): string => path.join(dir, name);
    expect((await gensql(['upgrade', 'base:head', '--out-dir', out('out1')], { cwd: dir, env: { ...env, GENSQL_NO_VALIDATION_REUSE: '1' } })).stderr).not.toContain('reused');
    expect((await gensql(['upgrade', 'base:head', '--out-dir', out('out2')], { cwd: dir, env })).stderr).toContain(REUSED);
    expect(fs.readdirSync(out('out2')).sort()).toEqual(fs.readdirSync(out('out1')).sort());
    for (const f of fs.readdirSync(out('out1'))) expect(fs.readFileSync(path.join(out('out2'), f), 'utf8'), f).toBe(fs.readFileSync(path.join(out('out1'), f), 'utf8'));

    // another range is another script: the engine runs (on a prelude this time)
    const later = await gensql(['upgrade', 'a1:head'], { cwd: dir, env });
    expect(later.code, later.stderr).toBe(0);
    expect(later.stderr).not.toContain('reused');
  });

  it('an edited revision, another engine, GENSQL_NO_CACHE=1 or GENSQL_NO_VALIDATION_REUSE=1 runs the engine again', async () => {
    const dir = makeProject({ 'a1_items.ts': items, 'b2_more.ts': more });
    const env = { GENSQL_CACHE_DIR: cacheDir(), GENSQL_NO_VALIDATION_REUSE: '' };
    expect((await gensql(['upgrade', 'base:head'], { cwd: dir, env })).code).toBe(0);
    for (const off of [{ GENSQL_NO_CACHE: '1' }, { GENSQL_NO_VALIDATION_REUSE: '1' }] as Record<string, string>[]) {
      const r = await gensql(['upgrade', 'base:head'], { cwd: dir, env: { ...env, ...off } });
      expect(r.stderr).toMatch(/validated with PGlite: \d+ statements checked, 0 not checked\n/);
      expect(r.stderr).not.toContain('reused');
    }
    const pgMem = await gensql(['upgrade', 'base:head', '--engine', 'pg-mem'], { cwd: dir, env });
    expect(pgMem.stderr).toMatch(/validated with pg-mem: \d+ statements checked, \d+ not checked\n/);

    fs.writeFileSync(path.join(dir, 'migrations', 'versions', 'b2_more.ts'), more.replace('t.integer()', 't.bigInteger()'));
    const edited = await gensql(['upgrade', 'base:head'], { cwd: dir, env });
    expect(edited.code, edited.stderr).toBe(0);
    expect(edited.stdout).toContain('BIGINT');
    expect(edited.stderr).not.toContain('reused');
  });

  it('a reuse guessed wrong before rendering (the config changed, the command line did not) still runs the engine', async () => {
    const dir = makeProject({ 'a1_items.ts': items, 'b2_more.ts': more });
    const env = { GENSQL_CACHE_DIR: cacheDir(), GENSQL_NO_VALIDATION_REUSE: '' };
    expect((await gensql(['upgrade', 'base:head'], { cwd: dir, env })).code).toBe(0);
    const configPath = path.join(dir, 'gensql.config.json');
    fs.writeFileSync(configPath, JSON.stringify({ ...JSON.parse(fs.readFileSync(configPath, 'utf8')), versionTable: 'schema_version' }));
    const r = await gensql(['upgrade', 'base:head'], { cwd: dir, env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('CREATE TABLE IF NOT EXISTS schema_version');
    expect(r.stderr).toMatch(/validated with PGlite: \d+ statements checked, 0 not checked\n/);
    expect(r.stderr).not.toContain('reused');
    // and the next identical run reuses that result
    expect((await gensql(['upgrade', 'base:head'], { cwd: dir, env })).stderr).toContain(REUSED);
  });

  it('a damaged entry is not trusted: the engine runs', async () => {
    const dir = makeProject({ 'a1_items.ts': items });
    const env = { GENSQL_CACHE_DIR: cacheDir(), GENSQL_NO_VALIDATION_REUSE: '' };
    expect((await gensql(['upgrade', 'base:head'], { cwd: dir, env })).code).toBe(0);
    const [project] = fs.readdirSync(env.GENSQL_CACHE_DIR).filter((n) => fs.existsSync(path.join(env.GENSQL_CACHE_DIR, n, 'validation')));
    const folder = path.join(env.GENSQL_CACHE_DIR, project!, 'validation');
    const [entry] = fs.readdirSync(folder).filter((n) => n.endsWith('.json'));
    const stored = JSON.parse(fs.readFileSync(path.join(folder, entry!), 'utf8')) as Record<string, unknown>;
    for (const notChecked of [[5], [[0, 7]], [[999, 'gone']], 'x']) {
      fs.writeFileSync(path.join(folder, entry!), JSON.stringify({ ...stored, notChecked }));
      const r = await gensql(['upgrade', 'base:head'], { cwd: dir, env });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toMatch(/validated with PGlite: \d+ statements checked, 0 not checked\n/);
      expect(r.stderr, JSON.stringify(notChecked)).not.toContain('reused');
      fs.writeFileSync(path.join(folder, entry!), JSON.stringify(stored)); // (the run stored it again anyway)
    }
  });

  it('a failing run forgets the guess that the next run will reuse a result (a helper file changed, the revision files did not)', async () => {
    const helper = (body: string): string => `import { column, t } from 'gensql';\nexport function addQty(op: any): void {\n  ${body}\n}\n`;
    const dir = makeProject({
      'a1_items.ts': items,
      'b2_qty.ts': revisionFile({ id: 'b2', down: 'a1', extra: "import { addQty } from '../../lib/helpers';", up: '  addQty(op);' }),
      'lib/helpers.ts': helper("op.addColumn('items', column('qty', t.integer()));"),
    });
    const env = { GENSQL_CACHE_DIR: cacheDir(), GENSQL_NO_VALIDATION_REUSE: '' };
    const ok = await gensql(['upgrade', 'base:head'], { cwd: dir, env });
    expect(ok.code, ok.stderr).toBe(0);
    const requests = (): string[] =>
      fs.readdirSync(env.GENSQL_CACHE_DIR).flatMap((p) => {
        const d = path.join(env.GENSQL_CACHE_DIR, p, 'validation', 'requests');
        return fs.existsSync(d) ? fs.readdirSync(d) : [];
      });
    expect(requests()).toHaveLength(1);
    fs.writeFileSync(path.join(dir, 'lib', 'helpers.ts'), helper("op.execute('ALTER TABLE items ADD COLUMN qty INTEGR');"));
    const r = await gensql(['upgrade', 'base:head'], { cwd: dir, env });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain('type "integr" does not exist');
    expect(requests()).toHaveLength(0);
  });

  it('a parser evaluates nothing: MariaDB raw SQL with NOW() is reused', async () => {
    const dir = makeProject({ 'a1_items.ts': items, 'b2_stamp.ts': revisionFile({ id: 'b2', down: 'a1', up: "  op.execute(\"INSERT INTO items (id, name) VALUES (1, DATE_FORMAT(NOW(), '%Y'))\");" }) });
    const env = { GENSQL_CACHE_DIR: cacheDir(), GENSQL_NO_VALIDATION_REUSE: '' };
    const first = await gensql(['upgrade', 'base:head', '-d', 'mariadb'], { cwd: dir, env });
    expect(first.code, first.stderr).toBe(0);
    const second = await gensql(['upgrade', 'base:head', '-d', 'mariadb'], { cwd: dir, env });
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toContain(REUSED);
  });

  it('a failure is never stored: the engine runs and fails again, with its own message', async () => {
    const dir = makeProject({ 'a1_items.ts': items, 'b2_bad.ts': revisionFile({ id: 'b2', down: 'a1', up: "  op.execute('ALTER TABLE items ADD COLUMN qty INTEGR');" }) });
    const env = { GENSQL_CACHE_DIR: cacheDir(), GENSQL_NO_VALIDATION_REUSE: '' };
    for (let i = 0; i < 2; i++) {
      const r = await gensql(['upgrade', 'base:head'], { cwd: dir, env });
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain('PGlite rejected the statement: type "integr" does not exist');
    }
    expect(entries(env.GENSQL_CACHE_DIR)).toHaveLength(0);
  });

  it('raw SQL using now() is run every time', async () => {
    const dir = makeProject({ 'a1_items.ts': items, 'b2_stamp.ts': revisionFile({ id: 'b2', down: 'a1', up: "  op.execute(\"INSERT INTO items (id, name) VALUES (1, to_char(now(), 'YYYY'))\");" }) });
    const env = { GENSQL_CACHE_DIR: cacheDir(), GENSQL_NO_VALIDATION_REUSE: '' };
    for (let i = 0; i < 2; i++) {
      const r = await gensql(['upgrade', 'base:head'], { cwd: dir, env });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toMatch(/validated with PGlite: \d+ statements checked, 0 not checked\n/);
    }
    expect(entries(env.GENSQL_CACHE_DIR)).toHaveLength(0);
  });

  it('the "not checked" warnings come back as they were (node-sql-parser and BOOL)', async () => {
    const dir = makeProject({
      'a1_flags.ts': revisionFile({ id: 'a1', up: "  op.createTable('flags', [column('id', t.integer(), { primaryKey: true }), column('on', t.boolean())]);", down_body: "  op.dropTable('flags');" }),
    });
    const env = { GENSQL_CACHE_DIR: cacheDir(), GENSQL_NO_VALIDATION_REUSE: '' };
    const first = await gensql(['upgrade', 'base:head', '-d', 'mariadb'], { cwd: dir, env });
    const second = await gensql(['upgrade', 'base:head', '-d', 'mariadb'], { cwd: dir, env });
    expect(first.code, first.stderr).toBe(0);
    expect(second.code, second.stderr).toBe(0);
    expect(first.stderr).toMatch(/warning: 1 statement not checked by node-sql-parser \(MariaDB\):\n {2}migrations\/versions\/a1_flags\.ts: revision a1: createTable\('flags'\): node-sql-parser cannot parse it/);
    expect(second.stderr).toContain(REUSED);
    const warnings = (s: string): string => s.slice(s.indexOf('warning: 1 statement not checked'));
    expect(warnings(second.stderr)).toBe(warnings(first.stderr));
    expect(second.stdout).toBe(first.stdout);
  });
});
