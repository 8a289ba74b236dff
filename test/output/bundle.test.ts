/**
 * The review bundle of the example project, applied with psql to a real
 * PostgreSQL server: per-revision files one by one leave what the whole
 * range leaves, rollback files in reverse order return to the start, a
 * file applied out of order stops at its guard and changes nothing, and
 * regenerating gives the same bytes.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gensql } from '../support/cli.js';
import { pg } from '../support/engines.js';

const HEAD = '0a1b2c3d4e5f';
const ORDER = ['a1b2c3d4e5f6', 'b2c3d4e5f6a1', 'c3d4e5f6a1b2', 'd4e5f6a1b2c3', 'f6a1b2c3d4e5', 'e5f6a1b2c3d4', HEAD];
const dbs: string[] = [];
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gensql-bundle-'));
afterAll(() => {
  dbs.forEach((d) => pg.drop(d));
  fs.rmSync(tmp, { recursive: true, force: true });
});

function fresh(): string {
  const db = pg.fresh();
  dbs.push(db);
  return db;
}

interface Entry {
  path: string;
  kind: string;
  from: string[];
  to: string[];
  revisions: string[];
  message: string | null;
  statements: number;
  sha256: string;
}

async function bundle(dir: string, args: string[]): Promise<{ files: Entry[]; read: (p: string) => string }> {
  const r = await gensql([...args, '--no-validate', '--out-dir', dir]);
  expect(r.code, r.stderr).toBe(0);
  expect(r.stdout).toBe('');
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { files: Entry[] };
  return { files: manifest.files, read: (p) => fs.readFileSync(path.join(dir, p), 'utf8') };
}

function userTables(db: string): string[] {
  return pg.tables(db).filter((t) => t !== 'public.gensql_version');
}

describe('review bundle of examples/ on PostgreSQL', () => {
  const dir = path.join(tmp, 'up');
  let files: Entry[] = [];
  let read: (p: string) => string = () => '';

  beforeAll(async () => {
    ({ files, read } = await bundle(dir, ['upgrade', 'base:heads', '--with-rollback', '--tag', 'CHG-42']));
  });

  it('lists one file per step in application order, the whole range, rollbacks and REVIEW.md', () => {
    const steps = files.filter((f) => f.kind === 'step');
    expect(steps.map((f) => f.revisions[0])).toEqual(ORDER);
    expect(steps.map((f) => f.path.slice(0, 5))).toEqual(ORDER.map((_, i) => `000${i + 1}_`));
    expect(steps[0]!.path).toBe('0001_a1b2c3d4e5f6_create_user_table.sql');
    expect(files.filter((f) => f.kind === 'rollback-step').map((f) => f.path)).toEqual(steps.map((f) => f.path.replace(/\.sql$/, '.rollback.sql')));
    expect(files.filter((f) => f.kind === 'script').map((f) => f.path)).toEqual(['upgrade.sql']);
    expect(files.filter((f) => f.kind === 'rollback-script').map((f) => f.path)).toEqual(['rollback.sql']);
    expect(files.filter((f) => f.kind === 'review').map((f) => f.path)).toEqual(['REVIEW.md']);
    // the branch step: its file expects the other branch's row and adds its own
    const billing = steps.find((f) => f.revisions[0] === 'e5f6a1b2c3d4')!;
    expect(billing.from).toEqual(['f6a1b2c3d4e5']);
    expect(billing.to).toEqual(['e5f6a1b2c3d4', 'f6a1b2c3d4e5']);
    expect(fs.readdirSync(dir).sort()).toEqual([...files.map((f) => f.path), 'manifest.json'].sort());
  });

  it('the whole-range file is exactly what stdout gets', async () => {
    const r = await gensql(['upgrade', 'base:heads', '--no-validate', '--tag', 'CHG-42']);
    expect(r.code, r.stderr).toBe(0);
    expect(read('upgrade.sql')).toBe(r.stdout);
  });

  it('records the tag in every SQL file header and in the manifest', () => {
    for (const f of files.filter((x) => x.path.endsWith('.sql'))) expect(read(f.path).split('\n').slice(0, 3)).toContain('-- tag: CHG-42');
    expect(JSON.parse(read('manifest.json')).tag).toBe('CHG-42');
  });

  it('per-revision files applied one by one give the schema and version rows of the whole-range file', () => {
    const whole = fresh();
    pg.applyOk(whole, read('upgrade.sql'));
    const stepwise = fresh();
    files
      .filter((f) => f.kind === 'step')
      .forEach((f) => {
        pg.applyOk(stepwise, read(f.path));
        expect(pg.versions(stepwise)).toEqual(f.to);
      });
    expect(pg.schema(stepwise)).toBe(pg.schema(whole));
    expect(pg.versions(stepwise)).toEqual([HEAD]);
    expect(pg.query(stepwise, 'select name from subscription_tiers order by id')).toEqual(pg.query(whole, 'select name from subscription_tiers order by id'));
  });

  it('rollback files in reverse order return to the start, through every intermediate state', () => {
    const db = fresh();
    const start = pg.schema(db);
    const schemas: string[] = [];
    const steps = files.filter((f) => f.kind === 'step');
    for (const f of steps) {
      schemas.push(pg.schema(db));
      pg.applyOk(db, read(f.path));
    }
    const rollbacks = files.filter((f) => f.kind === 'rollback-step').reverse();
    rollbacks.forEach((f, i) => {
      pg.applyOk(db, read(f.path));
      expect(pg.versions(db)).toEqual(f.to);
      // undoing step k leaves what there was before step k (the version table aside, which stays)
      const k = steps.length - 1 - i;
      if (k > 0) expect(pg.schema(db)).toBe(schemas[k]);
    });
    expect(userTables(db)).toEqual([]);
    expect(pg.versions(db)).toEqual([]);
    expect(pg.schema(db)).not.toBe(start); // only the (empty) version table remains
    expect(pg.tables(db)).toEqual(['public.gensql_version']);
  });

  it('the whole rollback undoes the whole range, and the range applies again after it', () => {
    const db = fresh();
    pg.applyOk(db, read('upgrade.sql'));
    const after = pg.schema(db);
    pg.applyOk(db, read('rollback.sql'));
    expect(userTables(db)).toEqual([]);
    expect(pg.versions(db)).toEqual([]);
    pg.applyOk(db, read('upgrade.sql'));
    expect(pg.schema(db)).toBe(after);
  });

  it('a step file applied out of order fails at its guard and changes nothing', () => {
    const steps = files.filter((f) => f.kind === 'step');
    const db = fresh();
    pg.applyOk(db, read(steps[0]!.path));
    const before = pg.schema(db);
    for (const skip of [2, 3, 6]) {
      const r = pg.apply(db, read(steps[skip]!.path));
      expect(r.code).not.toBe(0);
      expect(r.stderr).toContain(`must hold exactly ${steps[skip]!.from.join(',')}`);
      expect(pg.schema(db)).toBe(before);
      expect(pg.versions(db)).toEqual(['a1b2c3d4e5f6']);
    }
    // applying the same step twice is refused the same way
    expect(pg.apply(db, read(steps[0]!.path)).code).not.toBe(0);
    expect(pg.versions(db)).toEqual(['a1b2c3d4e5f6']);
    // a rollback whose step has not run is refused too
    const rb = files.find((f) => f.kind === 'rollback-step' && f.revisions[0] === 'c3d4e5f6a1b2')!;
    expect(pg.apply(db, read(rb.path)).code).not.toBe(0);
    expect(pg.schema(db)).toBe(before);
  });

  it('two runs give byte-identical bundles, and regenerating into the same folder works', async () => {
    const other = path.join(tmp, 'again');
    await bundle(other, ['upgrade', 'base:heads', '--with-rollback', '--tag', 'CHG-42']);
    const names = fs.readdirSync(dir).sort();
    expect(fs.readdirSync(other).sort()).toEqual(names);
    for (const n of names) expect(fs.readFileSync(path.join(other, n)), n).toEqual(fs.readFileSync(path.join(dir, n)));
    // into the same folder: replaced, same bytes, nothing left beside it
    const r = await gensql(['upgrade', 'base:heads', '--no-validate', '--with-rollback', '--tag', 'CHG-42', '--out-dir', other]);
    expect(r.code, r.stderr).toBe(0);
    for (const n of names) expect(fs.readFileSync(path.join(other, n)), n).toEqual(fs.readFileSync(path.join(dir, n)));
    expect(fs.readdirSync(tmp).sort()).toEqual(['again', 'up']);
  });
});

describe('downgrade and stamp bundles', () => {
  it('a downgrade bundle steps down one revision at a time; its rollbacks step back up', async () => {
    const dir = path.join(tmp, 'down');
    const { files, read } = await bundle(dir, ['downgrade', 'heads:base', '--with-rollback']);
    const db = fresh();
    const up = await gensql(['upgrade', 'base:heads', '--no-validate']);
    pg.applyOk(db, up.stdout);
    const top = pg.schema(db);
    const steps = files.filter((f) => f.kind === 'step');
    expect(steps.map((f) => f.revisions[0])).toEqual([...ORDER].reverse());
    for (const f of steps) {
      pg.applyOk(db, read(f.path));
      expect(pg.versions(db)).toEqual(f.to);
    }
    expect(userTables(db)).toEqual([]);
    for (const f of files.filter((x) => x.kind === 'rollback-step').reverse()) {
      pg.applyOk(db, read(f.path));
      expect(pg.versions(db)).toEqual(f.to);
    }
    expect(pg.schema(db)).toBe(top);
    expect(read('downgrade.sql')).toBe((await gensql(['downgrade', 'heads:base', '--no-validate'])).stdout);
  });

  it('a stamp bundle only moves version rows, and its rollback moves them back', async () => {
    const dir = path.join(tmp, 'stamp');
    const { files, read } = await bundle(dir, ['stamp', 'base:heads', '--with-rollback']);
    const db = fresh();
    pg.applyOk(db, read(files.find((f) => f.kind === 'step')!.path));
    expect(pg.versions(db)).toEqual([HEAD]);
    expect(userTables(db)).toEqual([]);
    pg.applyOk(db, read('rollback.sql'));
    expect(pg.versions(db)).toEqual([]);
  });
});
