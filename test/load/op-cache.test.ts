/**
 * Recorded ops kept between runs (src/revision/op-cache.ts): the encoding
 * round-trips exactly what ops hold and refuses what it cannot; through the
 * CLI, a third render reads the ops instead of running the modules (proved
 * by changing the cached module code behind the loader's back), scripts are
 * byte-identical either way, an impure revision is recorded every time,
 * an edited revision is recorded again, and a damaged or foreign cache file
 * is ignored.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeOps, encodeOps, opCacheFor, saveOpCaches } from '../../src/revision/op-cache.js';
import { RevisionSource } from '../../src/revision/load.js';
import { sql } from '../../src/record/sql.js';
import { column, t } from '../../src/record/builders.js';
import type { UserOp } from '../../src/ops/index.js';
import { gensql, makeProject, revisionFile } from '../support/cli.js';

const temp: string[] = [];
afterAll(() => {
  for (const d of temp) fs.rmSync(d, { recursive: true, force: true });
});

describe('encoding recorded ops', () => {
  it('round-trips plain data, sql fragments and identifiers exactly', () => {
    const shared = { kind: 'column', name: 'x' };
    const fragment = sql`UPDATE ${sql.identifier('s', 't')} SET a = ${"it's"} WHERE b = ${12n} AND c = ${-0} AND d IS ${null} ${sql`AND e = ${new Date(Date.UTC(2020, 0, 2))}`}`;
    const ops = [
      { kind: 'createTable', name: 't', schema: undefined, items: [column('id', t.integer(), { primaryKey: true }), shared, shared] },
      { kind: 'execute', sql: fragment, note: Number.NaN },
      { kind: 'bulkInsert', table: 't', rows: [{ a: 1, b: 'x', c: true, d: null, e: new Date(0), nested: { list: [1, [2, 3]] } }] },
    ] as unknown as UserOp[];
    const bytes = encodeOps(ops);
    expect(bytes).not.toBeNull();
    const back = decodeOps(bytes!) as unknown as typeof ops;
    expect(back).toEqual(ops);
    const exec = back[1] as unknown as { sql: typeof fragment; note: number };
    // brands come back, frozen as sql`` makes them
    expect(exec.sql).toEqual(fragment);
    expect(Object.getOwnPropertySymbols(exec.sql)).toEqual(Object.getOwnPropertySymbols(fragment));
    expect(Object.isFrozen(exec.sql)).toBe(true);
    expect(Object.getOwnPropertySymbols(exec.sql.values[0] as object)).toHaveLength(1);
    expect(Object.is((exec.sql.values[3] as number), -0)).toBe(true);
    expect(exec.note).toBeNaN();
    // undefined properties stay present, shared objects stay shared
    const table = back[0] as unknown as { items: object[]; schema?: unknown };
    expect('schema' in table).toBe(true);
    expect(table.items[1]).toBe(table.items[2]);
    // each decode gives fresh objects
    expect(decodeOps(bytes!)[0]).not.toBe(decodeOps(bytes!)[0]);
  });

  it('round-trips properties under registered symbols (the notes raw DDL leaves on ops), shared objects included', () => {
    const note = Symbol.for('gensql.ddl.note');
    const shared = { cascade: true };
    const ops = [
      { kind: 'execute', sql: 'x', modelOps: [{ kind: 'dropTable', name: 't', [note]: shared }, { kind: 'dropTable', name: 'u', [note]: shared }] },
    ] as unknown as UserOp[];
    const back = decodeOps(encodeOps(ops)!) as unknown as { modelOps: Record<string | symbol, unknown>[] }[];
    const [a, b] = back[0]!.modelOps;
    expect(a![note]).toEqual({ cascade: true });
    expect(a![note]).toBe(b![note]);
    expect(Object.keys(a!)).toEqual(['kind', 'name']);
    expect(Object.getOwnPropertySymbols(a!)).toEqual([note]);
  });

  it.each([
    ['a key that starts like the brand tag', { '\u0000gensql:symbols': [] }],
    ['a class instance', new (class Point { x = 1 })()],
    ['a Map', new Map([[1, 2]])],
    ['a function', () => 1],
    ['a getter', Object.defineProperty({}, 'x', { get: () => 1, enumerable: true })],
    ['a hidden property', Object.defineProperty({}, 'x', { value: 1, enumerable: false })],
    ['a symbol key', { [Symbol('s')]: 1 }],
    ['a null-prototype object', Object.create(null) as object],
    ['an array with a hole', [1, , 3]],
    ['a cycle', (() => { const o: Record<string, unknown> = {}; o.self = o; return o; })()],
    ['a key that collides with the brand tag', { '\u0000gensql': 'sql', strings: [], values: [] }],
    ['an own __proto__ key (a copy would make it a prototype)', Object.fromEntries([['key', 'a'], ['__proto__', 'b']])],
  ])('refuses %s', (_name, value) => {
    expect(encodeOps([{ kind: 'execute', sql: 'x', extra: value }] as unknown as UserOp[])).toBeNull();
  });
});

function project(files: Record<string, string>): string {
  const dir = makeProject(files);
  temp.push(dir);
  return dir;
}

const revs = {
  'a1_first.ts': revisionFile({ id: 'a1', up: "op.createTable('t', [column('id', t.integer(), { primaryKey: true }), column('name', t.string(20))]);", down_body: "op.dropTable('t');" }),
  'a2_second.ts': revisionFile({
    id: 'a2',
    down: 'a1',
    up: "op.execute(sql`UPDATE ${sql.identifier('t')} SET name = ${\"it's\"} WHERE id = ${1}`);\nop.createIndex('ix_t_name', 't', ['name']);",
    down_body: "op.dropIndex('ix_t_name', { table: 't' });",
  }),
  'a3_env.ts': revisionFile({ id: 'a3', down: 'a2', up: "op.execute(`SELECT '${process.env.GENSQL_TEST_VALUE ?? 'none'}'`);", down_body: "op.execute('SELECT 1');" }),
};

describe('the op cache through the CLI', () => {
  it('a third render reads the ops of pure revisions, with byte-identical scripts, and records impure ones every time', async () => {
    const dir = project(revs);
    const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'gensql-opcache-'));
    temp.push(cache);
    // the render cache would reuse the steps rendered from these ops: this test is about the ops alone
    const env = { GENSQL_CACHE_DIR: cache, GENSQL_TEST_VALUE: 'one', GENSQL_NO_RENDER_CACHE: '1' };
    const args = ['upgrade', 'base:head', '--no-validate'];
    const first = await gensql(args, { cwd: dir, env });
    expect(first.code).toBe(0);
    const folder = path.join(cache, fs.readdirSync(cache)[0]!);
    // the run that transpiled the files keeps no ops: it would pay for the analysis
    expect(fs.existsSync(path.join(folder, 'ops-postgresql.bin'))).toBe(false);
    const second = await gensql(args, { cwd: dir, env });
    expect(second.stdout).toBe(first.stdout);
    expect(fs.existsSync(path.join(folder, 'ops-postgresql.bin'))).toBe(true);

    // change what the cached module code would record, behind the loader's back (same length: the offsets still hold)
    const bundle = path.join(folder, 'bundle.js');
    const text = fs.readFileSync(bundle, 'utf8');
    const edited = text.replace("'ix_t_name', 't', ['name']", "'ix_t_zzzz', 't', ['name']");
    expect(edited).not.toBe(text);
    fs.writeFileSync(bundle, edited);
    fs.rmSync(`${bundle}.v8cache`, { force: true });
    // ... and tell the index, which checks the bundle it points into, that this is the bundle now
    const indexFile = path.join(folder, 'index.json');
    const index = JSON.parse(fs.readFileSync(indexFile, 'utf8')) as { bundle: string };
    index.bundle = createHash('sha1').update(edited).digest('hex');
    fs.writeFileSync(indexFile, JSON.stringify(index));

    const third = await gensql(args, { cwd: dir, env: { ...env, GENSQL_TEST_VALUE: 'two' } });
    expect(third.code).toBe(0);
    // a2's ops came from the cache (the edited module did not run) ...
    expect(third.stdout).toContain('CREATE INDEX ix_t_name ON t (name)');
    expect(third.stdout).not.toContain('ix_t_zzzz');
    // ... a3 reads the environment: it ran again
    expect(third.stdout).toContain("SELECT 'two'");
    expect(third.stdout).toBe(first.stdout.replace("SELECT 'one'", "SELECT 'two'"));

    // with the cache off, the (edited) module runs
    const off = await gensql(args, { cwd: dir, env: { ...env, GENSQL_NO_OP_CACHE: '1' } });
    expect(off.stdout).toContain('ix_t_zzzz');

    // a damaged file is ignored (and replaced)
    fs.writeFileSync(path.join(folder, 'ops-postgresql.bin'), 'garbage');
    const damaged = await gensql(args, { cwd: dir, env });
    expect(damaged.code).toBe(0);
    expect(damaged.stdout).toContain('ix_t_zzzz');
  });

  it('an edited revision is recorded again; other dialects and directions have their own entries', async () => {
    const dir = project(revs);
    const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'gensql-opcache-'));
    temp.push(cache);
    const env = { GENSQL_CACHE_DIR: cache };
    for (let i = 0; i < 2; i++) {
      expect((await gensql(['upgrade', 'base:head', '--no-validate'], { cwd: dir, env })).code).toBe(0);
      expect((await gensql(['downgrade', 'head:base', '--no-validate', '--dialect', 'sqlite'], { cwd: dir, env })).code).toBe(0);
    }
    const folder = path.join(cache, fs.readdirSync(cache)[0]!);
    expect(fs.readdirSync(folder).filter((f) => f.startsWith('ops-')).sort()).toEqual(['ops-postgresql.bin', 'ops-sqlite.bin']);
    const before = await gensql(['downgrade', 'head:base', '--no-validate', '--dialect', 'sqlite'], { cwd: dir, env });
    expect(before.stdout).toContain('DROP INDEX ix_t_name');

    const file = path.join(dir, 'migrations', 'versions', 'a2_second.ts');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replaceAll('ix_t_name', 'ix_t_renamed'));
    const up = await gensql(['upgrade', 'base:head', '--no-validate'], { cwd: dir, env });
    expect(up.stdout).toContain('CREATE INDEX ix_t_renamed');
    const down = await gensql(['downgrade', 'head:base', '--no-validate', '--dialect', 'sqlite'], { cwd: dir, env });
    expect(down.stdout).toContain('DROP INDEX ix_t_renamed');
    expect(down.stdout).not.toContain('ix_t_name');
  });

  it('a run whose cache another run rebuilt meanwhile stops with a clear error rather than run or store the wrong code', async () => {
    const dir = project(revs);
    const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'gensql-opcache-'));
    temp.push(cache);
    const env = { GENSQL_CACHE_DIR: cache };
    const args = ['upgrade', 'base:head', '--no-validate'];
    const first = await gensql(args, { cwd: dir, env });
    const folder = path.join(cache, fs.readdirSync(cache)[0]!);
    // this process reads the index (the bundle only later, when a module runs)
    const source = await RevisionSource.open([path.join(dir, 'migrations', 'versions')], { cwd: dir, cacheDir: folder });
    expect(source.segmentKey('a2')).not.toBeNull();
    // meanwhile a2 is edited (same length) and another run rebuilds the cache
    const file = path.join(dir, 'migrations', 'versions', 'a2_second.ts');
    const original = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, original.replaceAll('ix_t_name', 'ix_t_edit'));
    expect((await gensql(args, { cwd: dir, env })).stdout).toContain('ix_t_edit');
    // the index this process read no longer describes the bundle: running a module from it is refused
    await source.ready();
    expect(() => source.module('a2')).toThrow(/changed while this run was reading it/);
    expect(() => source.segmentText('a2')).toThrow(/changed while this run was reading it/);
    opCacheFor(source, 'postgresql').offer('a2', 'upgrade', []);
    saveOpCaches(source); // the entry cannot be checked against the module text: nothing is stored
    // the edit is undone: renders give the original text, from the module or the cache, never the edit
    fs.writeFileSync(file, original);
    for (let i = 0; i < 3; i++) {
      const again = await gensql(args, { cwd: dir, env });
      expect(again.stdout).toBe(first.stdout);
    }
  });

  it('saving counts the modules it analyses, for the progress bar', async () => {
    const dir = project(revs);
    const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'gensql-opcache-'));
    temp.push(cache);
    expect((await gensql(['upgrade', 'base:head', '--no-validate'], { cwd: dir, env: { GENSQL_CACHE_DIR: cache } })).code).toBe(0);
    const folder = path.join(cache, fs.readdirSync(cache)[0]!);
    const source = await RevisionSource.open([path.join(dir, 'migrations', 'versions')], { cwd: dir, cacheDir: folder });
    const opCache = opCacheFor(source, 'sqlite');
    opCache.offer('a1', 'upgrade', [{ kind: 'dropTable', name: 't' }] as unknown as UserOp[]);
    opCache.offer('a2', 'upgrade', [{ kind: 'dropTable', name: 'u' }] as unknown as UserOp[]);
    const calls: [number, number][] = [];
    saveOpCaches(source, (done, total) => calls.push([done, total]));
    expect(calls).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(fs.existsSync(path.join(folder, 'ops-sqlite.bin'))).toBe(true);
    expect(opCacheFor(source, 'sqlite').get('a1', 'upgrade')).toEqual([{ kind: 'dropTable', name: 't' }]);
  });
});
