/**
 * `--format` never changes meaning. On PostgreSQL the proof is the real
 * parser: the formatted script has the same libpg-query parse tree
 * (locations aside) and the same token sequence (so every literal, quoted
 * identifier, comment and dollar-quoted body is verbatim), and it builds
 * the same schema on a real server. On every dialect only whitespace
 * changes and batch separators (`GO`, `/`) stay on their own lines.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadModule, parseSync, scanSync } from 'libpg-query';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meaningChange } from '../../src/format/safety.js';
import { loadFormatter } from '../../src/format/index.js';
import { EXAMPLES, gensql, makeProject } from '../support/cli.js';
import { pg } from '../support/engines.js';

const R1 = `import { column, t, sql, checkConstraint } from 'gensql';
import type { Operations } from 'gensql';
export const revision = 'fmt000000001';
export const downRevision = null;
export const message = 'tricky literals';
export function upgrade(op: Operations): void {
  op.createTable('Mixed Case', [
    column('id', t.integer(), { primaryKey: true }),
    column('note', t.string(50), { serverDefault: "it's  two  spaces -- not a comment", comment: "a 'quoted'   comment /* not */" }),
    column('doc', t.json(), { serverDefault: sql\`'{}'::json\` }),
    column('email', t.string(100), { check: 'char_length(email) > 3' }),
    column('select', t.numeric(10, 2), { serverDefault: sql\`-1 - -2\` }),
    checkConstraint("note <> 'x  y' AND note IS DISTINCT FROM E'tab\\\\there'", { name: 'ck_note' }),
  ]);
  op.createIndex('ix_lower_email', 'Mixed Case', [sql\`lower(email)\`], { where: "note <> 'a   b'" });
}
export function downgrade(op: Operations): void {
  op.dropIndex('ix_lower_email', { table: 'Mixed Case' });
  op.dropTable('Mixed Case');
}
`;

const FUNCTION_BODY = `CREATE FUNCTION touch_note() RETURNS trigger LANGUAGE plpgsql AS $body$
BEGIN
    -- keep;   this   comment
    NEW.note := 'a;  b';
    RETURN NEW;
END
$body$`;

const R2 = `import { column, t, sql } from 'gensql';
import type { Operations } from 'gensql';
export const revision = 'fmt000000002';
export const downRevision = 'fmt000000001';
export const message = 'function, data, type change';
export function upgrade(op: Operations): void {
  op.execute(${JSON.stringify(FUNCTION_BODY)});
  op.bulkInsert('Mixed Case', [
    { id: 1, note: 'line1\\nline2   x', email: 'a@b.cd' },
    { id: 2, note: "owner's  plan", email: 'x@y.zz' },
  ]);
  op.alterColumn('Mixed Case', 'email', { type: t.text(), using: sql\`email::text\` });
  op.createTableComment('Mixed Case', "owner's   table");
  op.execute(sql\`UPDATE \${sql.identifier('Mixed Case')} SET note = \${'x  -- y'} WHERE id = 2\`);
}
export function downgrade(op: Operations): void {
  op.dropTableComment('Mixed Case');
  op.alterColumn('Mixed Case', 'email', { type: t.string(100) });
  op.execute('DROP FUNCTION touch_note()');
}
`;

const dbs: string[] = [];
let cwd = '';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gensql-format-'));
afterAll(() => {
  dbs.forEach((d) => pg.drop(d));
  fs.rmSync(tmp, { recursive: true, force: true });
  if (cwd) fs.rmSync(cwd, { recursive: true, force: true });
});

beforeAll(async () => {
  await loadModule();
  cwd = makeProject({ 'r1.ts': R1, 'r2.ts': R2 });
});

async function script(args: string[], at = cwd): Promise<string> {
  const r = await gensql([...args, '--no-validate'], { cwd: at });
  expect(r.code, r.stderr).toBe(0);
  return r.stdout;
}

/** the parse tree without positions, which formatting legitimately moves */
function tree(sql: string): unknown {
  return JSON.parse(JSON.stringify(parseSync(sql)), (k, v: unknown) => (k === 'location' || k === 'stmt_location' || k === 'stmt_len' ? undefined : v));
}

function tokens(sql: string): string[] {
  return scanSync(sql).tokens.map((t) => t.text);
}

describe('--format on PostgreSQL', () => {
  it('keeps the parse tree, every token, and the schema it builds', async () => {
    const plain = await script(['upgrade', 'base:head']);
    const formatted = await script(['upgrade', 'base:head', '--format']);
    expect(formatted).not.toBe(plain); // it did format something
    expect(formatted).toContain('UPDATE gensql_version\nSET\n');
    expect(tree(formatted)).toEqual(tree(plain));
    expect(tokens(formatted)).toEqual(tokens(plain));
    // literals, quoted identifiers, comments and dollar bodies, verbatim
    const kept = scanSync(plain).tokens.filter((t) => /SCONST|COMMENT/.test(t.tokenName) || t.text.startsWith('"') || t.text.startsWith('$'));
    expect(kept.length).toBeGreaterThan(20);
    for (const t of kept) expect(formatted).toContain(t.text);
    // raw op.execute SQL is kept exactly as written
    expect(formatted).toContain(`${FUNCTION_BODY};`);
    expect(formatted).toContain(`UPDATE "Mixed Case" SET note = 'x  -- y' WHERE id = 2;`);

    const a = pg.fresh();
    const b = pg.fresh();
    dbs.push(a, b);
    pg.applyOk(a, plain);
    pg.applyOk(b, formatted);
    expect(pg.schema(b)).toBe(pg.schema(a));
    const rows = 'select id, note, email from "Mixed Case" order by id';
    expect(pg.query(b, rows)).toEqual(pg.query(a, rows));
    // downgrade scripts too
    const downPlain = await script(['downgrade', 'head:base']);
    const downFormatted = await script(['downgrade', 'head:base', '--format']);
    expect(tree(downFormatted)).toEqual(tree(downPlain));
    pg.applyOk(b, downFormatted);
    expect(pg.versions(b)).toEqual([]);
  });

  it('formats the bundle files the same way, and says so in the manifest', async () => {
    const dir = path.join(tmp, 'fmt');
    const r = await gensql(['upgrade', 'base:head', '--no-validate', '--format', '--with-rollback', '--out-dir', dir], { cwd });
    expect(r.code, r.stderr).toBe(0);
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { formatted: boolean; files: { path: string }[] };
    expect(manifest.formatted).toBe(true);
    expect(fs.readFileSync(path.join(dir, 'upgrade.sql'), 'utf8')).toBe(await script(['upgrade', 'base:head', '--format']));
    const plainDir = path.join(tmp, 'plain');
    expect((await gensql(['upgrade', 'base:head', '--no-validate', '--with-rollback', '--out-dir', plainDir], { cwd })).code).toBe(0);
    for (const f of manifest.files.filter((x) => x.path.endsWith('.sql'))) {
      const formatted = fs.readFileSync(path.join(dir, f.path), 'utf8');
      const plain = fs.readFileSync(path.join(plainDir, f.path), 'utf8');
      expect(tree(formatted), f.path).toEqual(tree(plain));
      expect(tokens(formatted), f.path).toEqual(tokens(plain));
    }
    const db = pg.fresh();
    dbs.push(db);
    for (const f of manifest.files.filter((x) => /^\d{4}_.*(?<!rollback)\.sql$/.test(x.path))) pg.applyOk(db, fs.readFileSync(path.join(dir, f.path), 'utf8'));
    expect(pg.versions(db)).toEqual(['fmt000000002']);
  });
});

describe('--format on every dialect (examples/)', () => {
  for (const dialect of ['postgresql', 'mysql', 'mariadb', 'sqlite', 'mssql', 'oracle']) {
    it(`${dialect}: only whitespace changes, batch separators stay alone on their lines`, async () => {
      for (const args of [['upgrade', 'base:heads'], ['downgrade', 'heads:base']]) {
        const plain = await script([...args, '--dialect', dialect], EXAMPLES);
        const formatted = await script([...args, '--dialect', dialect, '--format'], EXAMPLES);
        expect(formatted.replace(/\s+/g, '')).toBe(plain.replace(/\s+/g, ''));
        const separators = (text: string): string[] => text.split('\n').filter((l) => /^\s*(GO|\/)\s*$/i.test(l));
        expect(separators(formatted)).toEqual(separators(plain));
        // nothing glued to a separator (sql-formatter's `GO CREATE ...` bug)
        expect(formatted).not.toMatch(/^[ \t]*GO[ \t]+\S/m);
        // comments (header, `-- Running`) are untouched lines
        const comments = (text: string): string[] => text.split('\n').filter((l) => l.startsWith('--'));
        expect(comments(formatted)).toEqual(comments(plain));
      }
    });
  }
});

describe('the safety check', () => {
  const harmless: [string, string][] = [
    ['UPDATE t SET a=1 WHERE b = 2', 'UPDATE t\nSET\n    a = 1\nWHERE\n    b = 2'],
    ['ALTER TABLE t ADD FOREIGN KEY(c) REFERENCES u (id)', 'ALTER TABLE t\nADD FOREIGN KEY (c) REFERENCES u (id)'],
    ["INSERT INTO t (a) VALUES ('x  y')", "INSERT INTO\n    t (a)\nVALUES\n    ('x  y')"],
    ['CREATE TABLE t (n NUMERIC(10, 2))', 'CREATE TABLE t (\n    n NUMERIC (10, 2)\n)'],
  ];
  const harmful: [string, string, string][] = [
    ["SELECT 'a  b'", "SELECT 'a b'", 'whitespace inside a literal'],
    ["SELECT E'x'", "SELECT E 'x'", 'a prefix split from its literal'],
    ['SELECT now()', 'SELECT now ()', 'a function name split from its ('],
    ['SELECT 1 - -2', 'SELECT 1 --2', 'two minus signs joined into a comment'],
    ['SELECT a <= b', 'SELECT a < = b', 'an operator split'],
    ['SELECT "Mixed  Case"', 'SELECT "Mixed Case"', 'whitespace inside a quoted identifier'],
    ['DO $f$ a;  b $f$', 'DO $f$ a; b $f$', 'whitespace inside a dollar body'],
    ['SELECT 1 -- note\n, 2', 'SELECT 1 -- note , 2', 'code moved into a line comment'],
    ['SELECT a b', 'SELECT ab', 'two words joined'],
    ['SELECT t.c', 'SELECT t. c', 'a qualified name split'],
    ['SELECT @v', 'SELECT @ v', 'a variable split'],
    ['SELECT a', 'SELECT A', 'case changed'],
  ];
  it('accepts whitespace-only changes', () => {
    for (const [a, b] of harmless) expect(meaningChange(a, b), `${a} -> ${b}`).toBeNull();
  });
  it('rejects changes that could change meaning', () => {
    for (const [a, b, why] of harmful) expect(meaningChange(a, b), why).not.toBeNull();
  });
  it('keeps a statement as written (and says why) when formatting it is unsafe or impossible', async () => {
    const f = await loadFormatter('postgresql');
    expect(f.format('SELECT count(*) FROM t')).toBe('SELECT\n    count(*)\nFROM\n    t');
    // sql-formatter puts a space before the ( of a function it does not know: kept as written
    expect(f.format('SELECT myfunc(1)')).toBe('SELECT myfunc(1)');
    expect(f.kept.map((k) => k.reason)).toEqual(["spacing between 'myfunc' and '(' changed"]);
    const m = await loadFormatter('mysql');
    expect(m.format("SELECT 'a'::text")).toBe("SELECT 'a'::text"); // a parse error in sql-formatter
    expect(m.kept[0]!.reason).toMatch(/^sql-formatter: /);
    await expect(loadFormatter('klingon')).rejects.toThrow(/no language 'klingon'/);
  });
});
