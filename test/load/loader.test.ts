/**
 * Loading revision files: TypeScript and JavaScript without a build step or
 * node_modules, `import from 'gensql'` bound to the running gensql, helper
 * imports, the transpile cache and its invalidation, and clear errors naming
 * the file.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { GensqlError } from '../../src/errors.js';
import { RevisionSource } from '../../src/revision/load.js';
import { Operations } from '../../src/record/operations.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function tmp(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'gensql-load-'));
  dirs.push(d);
  return d;
}

function write(dir: string, name: string, text: string): string {
  const p = path.join(dir, name);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, text);
  return p;
}

const tsRevision = (id: string, down: string | null, extra = ''): string => `
import { column, t } from 'gensql';
import type { Operations } from 'gensql';
${extra}
export const revision: string = '${id}';
export const downRevision: string | null = ${down === null ? 'null' : `'${down}'`};
export const message = 'rev ${id}';
interface Unused { a: number }
export function upgrade(op: Operations): void {
  op.createTable('t_${id}', [column('id', t.integer(), { primaryKey: true })]);
}
export function downgrade(op: Operations): void {
  op.dropTable('t_${id}');
}
`;

async function open(versions: string, cache: string | null): Promise<RevisionSource> {
  return RevisionSource.open([versions], { cwd: path.dirname(versions), cacheDir: cache });
}

describe('revision loading', () => {
  it('gives each revision its own import.meta (url, filename, dirname)', async () => {
    const root = tmp();
    const v = path.join(root, 'versions');
    const file = write(v, 'a_meta.ts', tsRevision('aaaa', null, 'export const where = { url: import.meta.url, filename: import.meta.filename, dirname: import.meta.dirname };'));
    for (const cache of [null, path.join(root, 'cache')]) {
      const source = await open(v, cache);
      await source.ready();
      const where = (source.module('aaaa') as unknown as { where: { url: string; filename: string; dirname: string } }).where;
      expect(where).toEqual({ url: `file://${file}`, filename: file, dirname: v });
    }
  });

  it('loads .ts, .mts, .js and .mjs files, ignoring helpers, dot-files and .d.ts, in name order', async () => {
    const root = tmp();
    const v = path.join(root, 'versions');
    write(v, 'b_second.ts', tsRevision('bbbb', 'aaaa'));
    write(v, 'a_first.mts', tsRevision('aaaa', null));
    write(v, 'c_third.js', `export const revision = 'cccc'; export const downRevision = 'bbbb'; export function upgrade(op) { op.execute('SELECT 1'); }`);
    write(v, 'd_fourth.mjs', `export const revision = 'dddd'; export const downRevision = ['cccc']; export const message = 'four'; export async function upgrade(op) { op.execute('SELECT 2'); }`);
    write(v, '_helpers.ts', `export const x = 1;`);
    write(v, '.hidden.ts', `throw new Error('must not load')`);
    write(v, 'types.d.ts', `declare const y: number;`);
    const src = await open(v, null);
    expect(src.metas.map((m) => m.id)).toEqual(['aaaa', 'bbbb', 'cccc', 'dddd']);
    expect(src.metas.map((m) => m.hasDowngrade)).toEqual([true, true, false, false]);
    expect(src.metas[3]!.downRevisions).toEqual(['cccc']);
    const op = new Operations('postgresql');
    (src.module('aaaa').upgrade as (o: Operations) => void)(op);
    expect(op.recorded[0]).toMatchObject({ kind: 'createTable', table: 't_aaaa' });
  });

  it('resolves relative helper imports (also the ./x.js spelling of x.ts) and packages from the revision folder', async () => {
    const root = tmp();
    const v = path.join(root, 'versions');
    write(v, '_cols.ts', `import { column, t } from 'gensql';\nexport const idColumn = () => column('id', t.integer(), { primaryKey: true });`);
    write(v, '../shared/names.ts', `export const TABLE: string = 'from_helper';`);
    write(v, 'a.ts', `import { idColumn } from './_cols.js';\nimport { TABLE } from '../shared/names';\nimport path from 'node:path';\nexport const revision = 'aaaa';\nexport const downRevision = null;\nexport function upgrade(op: any) { op.createTable(TABLE + path.sep.length, [idColumn()]); }`);
    const src = await open(v, null);
    const op = new Operations('postgresql');
    (src.module('aaaa').upgrade as (o: Operations) => void)(op);
    expect(op.recorded[0]).toMatchObject({ kind: 'createTable', table: 'from_helper1' });
  });

  it('caches transpiled code and re-transpiles only what changed', async () => {
    const root = tmp();
    const cache = path.join(root, 'cache');
    const v = path.join(root, 'versions');
    write(v, 'a.ts', tsRevision('aaaa', null));
    const b = write(v, 'b.ts', tsRevision('bbbb', 'aaaa'));
    const first = await open(v, cache);
    expect(first.metas.map((m) => m.message)).toEqual(['rev aaaa', 'rev bbbb']);
    expect(fs.existsSync(path.join(cache, 'bundle.js'))).toBe(true);
    const index1 = fs.readFileSync(path.join(cache, 'index.json'), 'utf8');
    // unchanged: metadata straight from the index, same bundle
    const second = await open(v, cache);
    expect(second.metas).toEqual(first.metas);
    expect(fs.readFileSync(path.join(cache, 'index.json'), 'utf8')).toBe(index1);
    // a change (different size) is seen
    fs.writeFileSync(b, tsRevision('bbbb', 'aaaa').replace("'rev bbbb'", "'renamed message'"));
    const third = await open(v, cache);
    expect(third.metas.map((m) => m.message)).toEqual(['rev aaaa', 'renamed message']);
    const op = new Operations('postgresql');
    (third.module('bbbb').upgrade as (o: Operations) => void)(op);
    expect(op.recorded[0]).toMatchObject({ table: 't_bbbb' });
    // a new file and a removed one
    fs.rmSync(path.join(v, 'a.ts'));
    write(v, 'c.ts', tsRevision('cccc', 'bbbb'));
    const fourth = await open(v, cache);
    expect(fourth.metas.map((m) => m.id)).toEqual(['bbbb', 'cccc']);
  });

  it('an edit that keeps the file length runs the new code, not the old code from V8\'s code cache', async () => {
    const root = tmp();
    const cache = path.join(root, 'cache');
    const v = path.join(root, 'versions');
    // the first few modules a run needs are compiled on their own (load.ts): enough others run first that
    // aaaa comes from the whole bundle, with V8's code cache
    const others = Array.from({ length: 40 }, (_, i) => `b${String(i).padStart(3, '0')}`);
    for (const id of others) write(v, `${id}.ts`, tsRevision(id, null));
    const a = write(v, 'z.ts', tsRevision('aaaa', null));
    const tableOf = async (): Promise<unknown> => {
      const source = await open(v, cache);
      for (const id of others) source.module(id);
      const op = new Operations('postgresql');
      (source.module('aaaa').upgrade as (o: Operations) => void)(op);
      source.saveCodeCache();
      return (op.recorded[0] as { table?: unknown }).table;
    };
    expect(await tableOf()).toBe('t_aaaa');
    expect(await tableOf()).toBe('t_aaaa'); // the second run writes the code cache (the first transpiled)
    expect(fs.existsSync(path.join(cache, 'bundle.js.v8cache'))).toBe(true);
    for (const name of ['t_bbbb', 't_cccc']) {
      const text = fs.readFileSync(a, 'utf8').replace(/'t_[a-z]{4}'/, `'${name}'`);
      fs.writeFileSync(a, text); // same length, new mtime
      expect(await tableOf()).toBe(name);
      expect(await tableOf()).toBe(name);
    }
  });

  it('a file V8 cannot compile is named, whether its module is compiled on its own or in the whole bundle', async () => {
    for (const count of [0, 40]) {
      const root = tmp();
      const v = path.join(root, 'versions');
      for (let i = 0; i < count; i++) write(v, `b${String(i).padStart(3, '0')}.ts`, tsRevision(`b${String(i).padStart(3, '0')}`, null));
      // sucrase accepts it; V8 does not
      write(v, 'z_bad.ts', `export const revision = 'zzzz';\nlet a = 1;\nlet a = 2;\nexport function upgrade() {}\n`);
      await expect(open(v, path.join(root, 'cache'))).rejects.toThrow(/z_bad\.ts: cannot be compiled/);
    }
  });

  it('a module compiled on its own runs the same code, and its errors name the same file positions', async () => {
    const root = tmp();
    const cache = path.join(root, 'cache');
    const v = path.join(root, 'versions');
    write(v, 'a.ts', tsRevision('aaaa', null));
    write(v, 'b.ts', `export const revision = 'bbbb';\nexport const downRevision = 'aaaa';\n\nexport function upgrade(): void {\n  throw new Error('boom');\n}\n`);
    for (let run = 0; run < 2; run++) {
      const source = await open(v, cache);
      let stack = '';
      try {
        (source.module('bbbb').upgrade as () => void)();
      } catch (e) {
        stack = source.mapStack((e as Error).stack ?? '');
      }
      // line 5 of b.ts, whether the bundle was just built (run 0) or read from the cache (run 1)
      expect(stack).toMatch(/b\.ts:5:\d+/);
    }
  });

  it('names the file when a revision cannot be compiled, throws while loading, or lacks revision', async () => {
    const cases: [string, string, RegExp][] = [
      ['bad_syntax.ts', 'export const revision = ;', /bad_syntax\.ts: cannot be compiled/],
      ['throws.ts', `export const revision = 'aaaa'; throw new Error('boom at load');`, /throws\.ts: failed to load: boom at load/],
      ['no_rev.ts', `export const downRevision = null; export function upgrade() {}`, /no_rev\.ts: does not export 'revision'/],
      ['bad_id.ts', `export const revision = 'no-dashes'; export function upgrade() {}`, /bad_id\.ts: 'revision' must be/],
      ['no_upgrade.ts', `export const revision = 'aaaa';`, /no_upgrade\.ts: revision aaaa does not export an upgrade/],
      ['bad_down.ts', `export const revision = 'aaaa'; export const downRevision = 5; export function upgrade() {}`, /bad_down\.ts: 'downRevision' must be/],
    ];
    for (const [name, text, message] of cases) {
      const root = tmp();
      const v = path.join(root, 'versions');
      write(v, name, text);
      const err = await open(v, null).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err, name).toBeInstanceOf(GensqlError);
      expect((err as GensqlError).message).toMatch(message);
      expect((err as GensqlError).exitCode).toBe(2);
    }
  });

  it('a missing versions folder is a usage error', async () => {
    const root = tmp();
    await expect(open(path.join(root, 'nope'), null)).rejects.toThrow(/versions folder .*nope does not exist/);
  });
});
