/**
 * A bundle is written whole or not at all: a failure anywhere (a model
 * error in a revision, a revision without downgrade() under
 * --with-rollback, a broken review template, a write error) leaves no
 * folder, nothing beside it, and nothing on stdout.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeFolderAtomically } from '../../src/output/atomic.js';
import { gensql, makeProject, revisionFile } from '../support/cli.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gensql-fail-'));
const projects: string[] = [];
afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
  projects.forEach((p) => fs.rmSync(p, { recursive: true, force: true }));
});

function project(files: Record<string, string>): string {
  const p = makeProject(files);
  projects.push(p);
  return p;
}

const ok1 = revisionFile({ id: 'aaaa00000001', message: 'create t', up: "op.createTable('t', [column('id', t.integer(), { primaryKey: true })]);", down_body: "op.dropTable('t');" });
const ok2 = revisionFile({ id: 'aaaa00000002', down: 'aaaa00000001', message: 'add c', up: "op.addColumn('t', column('c', t.string(10)));", down_body: "op.dropColumn('t', 'c');" });
const bad3 = revisionFile({ id: 'aaaa00000003', down: 'aaaa00000002', message: 'drop a column that is not there', up: "op.dropColumn('t', 'nope');", down_body: "op.addColumn('t', column('nope', t.integer()));" });
const ok4 = revisionFile({ id: 'aaaa00000004', down: 'aaaa00000003', message: 'add d', up: "op.addColumn('t', column('d', t.integer()));", down_body: "op.dropColumn('t', 'd');" });

/** what the parent folder holds besides `keep` (a temporary or moved-aside folder would show here) */
function leftovers(parent: string, keep: string[] = []): string[] {
  return fs.readdirSync(parent).filter((n) => !keep.includes(n));
}

describe('nothing partial on failure', () => {
  it('a model error in the 3rd revision: exit 1 (the schema-model check), empty stdout, no folder (nor parents it would have created)', async () => {
    const cwd = project({ 'a1.ts': ok1, 'a2.ts': ok2, 'a3.ts': bad3, 'a4.ts': ok4 });
    const out = path.join(tmp, 'model-error');
    for (const extra of [[], ['--with-rollback'], ['--format']]) {
      const r = await gensql(['upgrade', 'base:head', '--no-validate', '--out-dir', path.join(out, 'deeper', 'bundle'), ...extra], { cwd });
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain('aaaa00000003');
      expect(r.stderr).toContain('nope');
      expect(fs.existsSync(out)).toBe(false);
      expect(leftovers(tmp)).toEqual([]);
    }
    // the range before the broken revision is fine
    const good = await gensql(['upgrade', 'base:aaaa00000002', '--no-validate', '--out-dir', path.join(tmp, 'good')], { cwd });
    expect(good.code, good.stderr).toBe(0);
    expect(fs.readdirSync(path.join(tmp, 'good')).filter((f) => f.startsWith('000'))).toEqual(['0001_aaaa00000001_create_t.sql', '0002_aaaa00000002_add_c.sql']);
    fs.rmSync(path.join(tmp, 'good'), { recursive: true });
  });

  it('--with-rollback with a revision lacking downgrade(): exit 2 naming it, nothing written', async () => {
    const noDown = revisionFile({ id: 'aaaa00000002', down: 'aaaa00000001', message: 'irreversible', up: "op.addColumn('t', column('c', t.string(10)));" });
    const cwd = project({ 'a1.ts': ok1, 'a2.ts': noDown });
    const out = path.join(tmp, 'no-down');
    const r = await gensql(['upgrade', 'base:head', '--no-validate', '--with-rollback', '--out-dir', out], { cwd });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('aaaa00000002');
    expect(r.stderr).toContain('a2.ts');
    expect(r.stderr).toContain('downgrade()');
    expect(fs.existsSync(out)).toBe(false);
    expect(leftovers(tmp)).toEqual([]);
    // without --with-rollback the same range is fine
    const plain = await gensql(['upgrade', 'base:head', '--no-validate', '--out-dir', out], { cwd });
    expect(plain.code, plain.stderr).toBe(0);
    fs.rmSync(out, { recursive: true });
  });

  it('a review template naming a field the data lacks: exit 2 naming the template, nothing written', async () => {
    const tpl = path.join(tmp, 'bad.hbs');
    fs.writeFileSync(tpl, '# {{title}}\n{{ticketNumber}}\n');
    const out = path.join(tmp, 'bad-template');
    const r = await gensql(['upgrade', 'base:heads', '--no-validate', '--out-dir', out, '--review-template', tpl]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('bad.hbs');
    expect(r.stderr).toContain('ticketNumber');
    expect(fs.existsSync(out)).toBe(false);
    fs.rmSync(tpl);
    expect(leftovers(tmp)).toEqual([]);
  });

  it('an existing folder that is not an unchanged bundle is refused and left as it was', async () => {
    const out = path.join(tmp, 'occupied');
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, 'precious.txt'), 'keep me');
    const r = await gensql(['upgrade', 'base:heads', '--no-validate', '--out-dir', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('not a gensql bundle');
    expect(fs.readdirSync(out)).toEqual(['precious.txt']);

    // an edited bundle is not overwritten either
    fs.rmSync(out, { recursive: true });
    expect((await gensql(['upgrade', 'base:heads', '--no-validate', '--out-dir', out])).code).toBe(0);
    fs.appendFileSync(path.join(out, 'REVIEW.md'), '\nApproved: J. Doe\n');
    const again = await gensql(['upgrade', 'base:heads', '--no-validate', '--out-dir', out]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('changed REVIEW.md');
    expect(fs.readFileSync(path.join(out, 'REVIEW.md'), 'utf8')).toContain('Approved: J. Doe');

    // an empty folder is simply used
    fs.rmSync(out, { recursive: true });
    fs.mkdirSync(out);
    expect((await gensql(['upgrade', 'base:heads', '--no-validate', '--out-dir', out])).code).toBe(0);
    expect((await gensql(['verify', out])).code).toBe(0);
    fs.rmSync(out, { recursive: true });
    expect(leftovers(tmp)).toEqual([]);
  });

  it('bundle-only flags without --out-dir are usage errors', async () => {
    for (const flag of [['--with-rollback'], ['--review-template', 'x.hbs']]) {
      const r = await gensql(['upgrade', 'base:heads', '--no-validate', ...flag]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain('needs --out-dir');
    }
  });

  it('a write error midway removes the temporary folder and the parents it created', async () => {
    const target = path.join(tmp, 'new-parent', 'inner', 'bundle');
    // the second file cannot be written: 'a.sql' is a file, not a folder
    await expect(writeFolderAtomically(target, [{ path: 'a.sql', text: 'x' }, { path: 'a.sql/b.sql', text: 'y' }])).rejects.toThrow(/ENOTDIR|EEXIST/);
    expect(fs.existsSync(path.join(tmp, 'new-parent'))).toBe(false);
    expect(leftovers(tmp)).toEqual([]);
    // and an existing bundle being replaced survives a failed replacement untouched
    const existing = path.join(tmp, 'existing');
    expect((await gensql(['upgrade', 'base:heads', '--no-validate', '--out-dir', existing])).code).toBe(0);
    const before = fs.readdirSync(existing).sort();
    await expect(writeFolderAtomically(existing, [{ path: 'a.sql', text: 'x' }, { path: 'a.sql/b.sql', text: 'y' }])).rejects.toThrow(/ENOTDIR|EEXIST/);
    expect(fs.readdirSync(existing).sort()).toEqual(before);
    expect((await gensql(['verify', existing])).code).toBe(0);
    expect(leftovers(tmp)).toEqual(['existing']);
    fs.rmSync(existing, { recursive: true });
  });
});
