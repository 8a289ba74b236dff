/**
 * The purity analysis that decides whether a revision's recorded ops may be
 * reused (src/revision/purity.ts): each way a revision can depend on more
 * than its own code and `op` — clock, chance, environment, files, paths,
 * state kept between calls, escapes to `Function` — is found, and ordinary
 * revisions (what `gensql revision` writes, helpers, loops, sql``) pass.
 * Every case goes through the real transpiler and wrapper, as the loader
 * runs it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { impurity } from '../../src/revision/purity.js';
import { transpile, WRAP_END, WRAP_START } from '../../src/revision/transpile.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gensql-purity-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

let n = 0;
/** The module as the loader wraps it. */
function segment(body: string, ext = 'ts'): string {
  const file = path.join(dir, `r${n++}.${ext}`);
  fs.writeFileSync(file, body);
  return `${WRAP_START}${transpile(file, file)}${WRAP_END}`;
}

const header = `import { column, t, sql, index } from 'gensql';
import type { Operations } from 'gensql';
export const revision = 'a1';
export const downRevision = null;
export const message = 'test';
`;

/** A revision whose upgrade() body is `body`. */
function rev(body: string, extra = ''): string {
  return segment(`${header}${extra}
export function upgrade(op: Operations): void {
${body}
}
export function downgrade(op: Operations): void {
  op.dropTable('t');
}
`);
}

describe('revisions whose ops may be reused', () => {
  it.each([
    ['a plain createTable', `op.createTable('t', [column('id', t.integer(), { primaryKey: true }), column('name', t.string(50))]);`],
    ['execute and sql``', "op.execute(sql`UPDATE t SET name = ${'x'} WHERE id = ${1}`);\nop.execute('DELETE FROM t');"],
    ['a dialect branch', "if (op.dialect === 'postgresql') op.execute('SELECT 1'); else op.execute('SELECT 2');"],
    ['loops, locals, callbacks and builtins', `const cols = [];
for (let i = 0; i < 3; i++) cols.push(column('c' + String(i), t.integer()));
const names = cols.map((c) => c.name).filter((n) => n.length > 0);
const o = { a: 1 };
o.b = Math.max(1, 2);
op.createTable('t', cols);
op.createIndex('ix', 't', names.slice(0, 1), { unique: Number.isInteger(o.b) });
op.execute(JSON.stringify(Object.keys(o)));`],
    ['batch callbacks', "op.batchAlterTable('t', (batch) => { batch.addColumn(column('x', t.text())); });"],
    ['async upgrade code', "await Promise.resolve(); op.execute('SELECT 1');".replace('Promise.resolve()', 'null')],
  ])('%s', (_name, body) => {
    const code = body.includes('await') ? segment(`${header}export async function upgrade(op: Operations): Promise<void> {\n${body}\n}\n`) : rev(body);
    expect(impurity(code)).toBeNull();
  });

  it('module-level constants and helper functions', () => {
    const code = rev(
      `op.createTable(TABLE, cols(3));\nop.execute(greet('x'));`,
      `const TABLE = 't';
const WIDTH = 50;
function cols(k: number) { return Array.from({ length: k }, (_, i) => column('c' + i, t.string(WIDTH))); }
const greet = (s: string): string => \`SELECT '\${s}'\`;
`,
    );
    expect(impurity(code)).toBeNull();
  });

  it('the template gensql revision writes', () => {
    const code = segment(`/**
 * add users
 */
import type { Operations } from 'gensql';
import { column, t } from 'gensql';

export const revision = 'abc123';
export const downRevision: string | null = null;
export const branchLabels: string[] = [];
export const dependsOn: string[] = [];
export const message = 'add users';

export function upgrade(op: Operations): void {
  op.createTable('users', [column('id', t.integer(), { primaryKey: true })]);
}

export function downgrade(op: Operations): void {
  op.dropTable('users');
}
`);
    expect(impurity(code)).toBeNull();
  });

  it('optional chaining, ?? and arrow-function exports (left as written by the transpiler)', () => {
    const code = segment(`import { column, t } from 'gensql';
import type { Operations } from 'gensql';
export const revision = 'o1';
export const downRevision = null;
const opts: { schema?: string } | undefined = undefined;
export const upgrade = (op: Operations): void => {
  const o = { schema: undefined as string | undefined };
  op.addColumn('t', column('c', t.integer()), { schema: o?.schema ?? undefined });
};
export const downgrade = function (op: Operations): void { op.dropColumn('t', 'c'); };
`);
    expect(impurity(code)).toBeNull();
  });

  it('plain JavaScript revisions', () => {
    const code = segment(`import { column, t } from 'gensql';
export const revision = 'j1';
export const downRevision = null;
export function upgrade(op) { op.addColumn('t', column('c', t.integer())); }
`, 'js');
    expect(impurity(code)).toBeNull();
  });
});

describe('revisions whose ops must be recorded every time', () => {
  it.each([
    ['the environment', "op.execute(`SELECT '${process.env.USER}'`);", /process/],
    ['the clock', "op.execute(`SELECT '${new Date().toISOString()}'`);", /Date/],
    ['Date.now', 'op.execute(String(Date.now()));', /Date/],
    ['chance', "op.execute(`SELECT ${Math.random()}`);", /Math\.random/],
    ['globalThis', "op.execute(String(globalThis['x']));", /globalThis|computed/],
    ['a locale', "op.execute((1234.5).toLocaleString());", /toLocaleString/],
    ['localeCompare', "op.execute(['b', 'a'].sort((x, y) => x.localeCompare(y)).join());", /localeCompare/],
    ['Intl', "op.execute(new Intl.NumberFormat().format(1));", /Intl/],
    ['a timer', 'setTimeout(() => undefined, 1);', /setTimeout/],
    ['dynamic import', "const m = await import('node:fs'); op.execute(String(m));", /import\(\)|require|prototype/],
    ['the Function constructor', "op.execute(new Function('return 1')());", /Function/],
    ['eval', "op.execute(eval('1'));", /eval/],
    ['.constructor (a way to Function)', "op.execute((() => 1).constructor('return 1')());", /constructor/],
    ['a computed property name', "const k = 'constr' + 'uctor'; op.execute(String(({} as any)[k]));", /computed/],
    ['an error stack (file paths)', 'op.execute(String(new Error().stack));', /stack/],
    ['typeof probing a global', "if (typeof process !== 'undefined') op.execute('x');", /process/],
    ['assigning a builtin', 'Math.max = Math.min;', /Math|property/],
    ['Object.assign', 'Object.assign(t, { x: 1 });', /Object\.assign/],
  ])('%s', (_name, body, why) => {
    const code = body.includes('await') ? segment(`${header}export async function upgrade(op: Operations): Promise<void> {\n${body}\n}\n`) : rev(body);
    const reason = impurity(code);
    expect(reason).not.toBeNull();
    expect(reason).toMatch(why);
  });

  it.each([
    ['fs', "import fs from 'node:fs';", "op.execute(fs.readFileSync('x.sql', 'utf8'));", /requires/],
    ['a helper file', "import { cols } from './helpers';", 'op.createTable(\'t\', cols());', /requires/],
    ['another package', "import lodash from 'lodash';", "op.execute(String(lodash));", /requires/],
    ['__dirname', '', "op.execute(__dirname);", /__dirname/],
    ['import.meta', '', 'op.execute(import.meta.url);', /import\.meta/],
  ])('imports or paths: %s', (_name, extra, body, why) => {
    const reason = impurity(rev(body, extra));
    expect(reason).not.toBeNull();
    expect(reason).toMatch(why);
  });

  it.each([
    ['a counter assigned by a function', 'let calls = 0;', "calls++; op.execute(String(calls));", /assigns module-level `calls`/],
    ['a module-level array mutated by a function', 'const seen: string[] = [];', "seen.push('x'); op.execute(String(seen.length));", /reads module-level `seen`/],
    ['a module-level let read by a function', 'let mode = 1;\nmode = 2;', 'op.execute(String(mode));', /reads module-level `mode`/],
    ['a closure kept at module level', 'const next = (() => { let n = 0; return () => n++; })();', 'op.execute(String(next()));', /reads module-level `next`/],
    ['a property on a module-level function', 'function helper() { return 1; }', "(helper as any).count = 1; op.execute(String(helper()));", /property of `helper`/],
    ['a property on a parameter', 'function bump(f: any) { f.count = (f.count ?? 0) + 1; return f.count; }', 'op.execute(String(bump(op)));', /property of `f`/],
    ['`this` at module level', 'const self = this;', 'op.execute(String(self));', /this/],
    ['the wrapper arguments (file paths)', 'const where = arguments[3];', 'op.execute(where);', /arguments/],
    ['a class kept at module level', 'class Counter { static n = 0; }', 'Counter.n++; op.execute(String(Counter.n));', /Counter/],
    ['a regular expression kept at module level (lastIndex)', 'const re = /a/g;', "op.execute(String(re.test('a')));", /reads module-level `re`/],
    ['exports used by a function', '', "(exports as any).x = 1; op.execute('x');", /exports/],
  ])('state: %s', (_name, extra, body, why) => {
    const reason = impurity(rev(body, extra));
    expect(reason).not.toBeNull();
    expect(reason).toMatch(why);
  });

  it.each([
    [
      "a factory's closures as upgrade/downgrade",
      `function indexMigration(table: string, cols: string[]) {
  const names: string[] = [];
  return {
    upgrade(op: Operations) { for (const c of cols) { const n = 'ix_' + table + '_' + c; names.push(n); op.createIndex(n, table, [c]); } },
    downgrade(op: Operations) { for (const n of names) op.dropIndex(n, { table }); },
  };
}
export const { upgrade, downgrade } = indexMigration('t', ['id']);`,
      /exports an upgrade\(\)|this/,
    ],
    [
      'methods keeping state in `this`',
      `const migration = {
  created: [] as string[],
  upgrade(op: Operations) { this.created.push('ix'); op.createIndex('ix', 't', ['a']); },
  downgrade(op: Operations) { for (const n of this.created) op.dropIndex(n, { table: 't' }); },
};
export const upgrade = migration.upgrade.bind(migration);
export const downgrade = migration.downgrade.bind(migration);`,
      /this|exports an upgrade/,
    ],
    [
      'a counter made by a call',
      `function makeUp() { let n = 0; return (op: Operations) => { n++; op.execute('SELECT ' + String(n)); }; }
export const upgrade = makeUp();`,
      /exports an upgrade\(\)/,
    ],
    [
      'a function declaration reassigned to a closure',
      `function label(s: string): string { return s; }
function makeLabel() { let n = 0; return (s: string) => s + '_' + String(++n); }
// @ts-ignore
label = makeLabel();
export function upgrade(op: Operations) { op.dropTable(label('t')); }`,
      /reads module-level `label`/,
    ],
    ['module.exports', `module.exports.upgrade = (op: any) => op.execute('x');`, /module/],
  ])('exports: %s', (_name, body, why) => {
    const reason = impurity(segment(`import type { Operations } from 'gensql';\nexport const revision = 'f1';\nexport const downRevision = null;\n${body}\n`));
    expect(reason).not.toBeNull();
    expect(reason).toMatch(why);
  });

  it('a TypeScript enum (computed writes)', () => {
    const reason = impurity(rev('op.execute(String(Color.Red));', 'enum Color { Red, Green }'));
    expect(reason).not.toBeNull();
  });

  it('code that does not parse as a module wrapper', () => {
    expect(impurity('function(exports) { "use strict"; }; 1')).not.toBeNull();
    expect(impurity('not javascript (')).toMatch(/cannot be analysed/);
  });

  it('sloppy-mode code (where `this` is the global object)', () => {
    expect(impurity(`${WRAP_START}exports.upgrade = function (op) { op.execute(String(this)); };${WRAP_END}`)).toMatch(/strict/);
  });
});
