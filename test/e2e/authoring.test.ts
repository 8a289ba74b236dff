/**
 * Authoring: init, revision, merge write files that load, render, and
 * type-check against gensql's own types (what editors see), with no local
 * node_modules in the project.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLES, gensql, ROOT } from '../support/cli.js';

const TSC = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

function tsc(project: string): { code: number; out: string } {
  const r = spawnSync(process.execPath, [TSC, '-p', project], { encoding: 'utf8' });
  return { code: r.status ?? -1, out: r.stdout + r.stderr };
}

describe('authoring', () => {
  it('init, revision (with --head, --splice, labels, depends-on) and merge produce a working history', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gensql-init-'));
    const run = (args: string[]) => gensql(args, { cwd: dir });
    expect((await run(['init'])).code).toBe(0);
    expect(fs.existsSync(path.join(dir, 'gensql.config.json'))).toBe(true);
    expect(fs.existsSync(path.join(dir, 'migrations', 'script.ts.hbs'))).toBe(true);
    expect((await run(['init'])).code).toBe(2); // never overwrites
    const first = await run(['revision', '-m', 'Create account table!', '--rev-id', '1975ea83b712', '--json']);
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toEqual({ revision: '1975ea83b712', file: path.join(dir, 'migrations', 'versions', '1975ea83b712_create_account_table.ts') });
    const second = await run(['revision', '-m', 'second', '--rev-id', 'aaaa00000002']);
    expect(second.code).toBe(0);
    // building on a non-head needs --splice
    expect((await run(['revision', '-m', 'branch', '--head', '1975ea83b712'])).stderr).toMatch(/--splice/);
    expect((await run(['revision', '-m', 'branch', '--head', '1975ea83b712', '--splice', '--branch-label', 'side', '--rev-id', 'bbbb00000003'])).code).toBe(0);
    // two heads now: a plain revision must say so
    const ambiguous = await run(['revision', '-m', 'x']);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toMatch(/multiple heads/);
    expect((await run(['revision', '-m', 'dep', '--head', 'side@head', '--depends-on', 'aaaa', '--rev-id', 'cccc00000004'])).code).toBe(0);
    // 'heads' as an identifier leaves out a revision another depends on (as in Alembic), so name both
    const merged = await run(['merge', 'aaaa00000002', 'cccc00000004', '-m', 'merge all', '--rev-id', 'dddd00000005']);
    expect(merged.code, merged.stderr).toBe(0);
    const heads = await run(['heads']);
    expect(heads.stdout).toBe('dddd00000005 (side) (head)\n');
    const text = fs.readFileSync(path.join(dir, 'migrations', 'versions', 'cccc00000004_dep.ts'), 'utf8');
    expect(text).toContain('export const downRevision = "bbbb00000003";');
    expect(text).toContain('export const dependsOn = ["aaaa00000002"];');
    const up = await run(['upgrade', 'head', '--no-validate']);
    expect(up.code, up.stderr).toBe(0);
    expect(up.stdout).toMatch(/-- Running upgrade aaaa00000002, cccc00000004 -> dddd00000005/);
    // the written files type-check against this gensql's types through the tsconfig init wrote
    const tsconfig = JSON.parse(fs.readFileSync(path.join(dir, 'migrations', 'tsconfig.json'), 'utf8')) as { compilerOptions: { paths: Record<string, string[]> } };
    expect(fs.existsSync(tsconfig.compilerOptions.paths.gensql![0]!)).toBe(true);
    const checked = tsc(path.join(dir, 'migrations'));
    expect(checked.out).toBe('');
    expect(checked.code).toBe(0);
  });

  it('a configured template that is missing or broken is an error naming it (exit 2, no file written)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gensql-tpl-'));
    const run = (args: string[]) => gensql(args, { cwd: dir });
    expect((await run(['init'])).code).toBe(0);
    const configFile = path.join(dir, 'gensql.config.json');
    const config = JSON.parse(fs.readFileSync(configFile, 'utf8')) as Record<string, unknown>;
    const versions = path.join(dir, 'migrations', 'versions');
    const before = fs.existsSync(versions) ? fs.readdirSync(versions) : [];

    fs.writeFileSync(configFile, JSON.stringify({ ...config, template: 'nope.hbs' }));
    const missing = await run(['revision', '-m', 'one']);
    expect([missing.code, missing.stdout]).toEqual([2, '']);
    expect(missing.stderr).toMatch(/revision template .*nope\.hbs .*does not exist/);

    fs.writeFileSync(path.join(dir, 'broken.hbs'), '{{#if message}}x{{/each}}');
    fs.writeFileSync(configFile, JSON.stringify({ ...config, template: 'broken.hbs' }));
    const broken = await run(['revision', '-m', 'one']);
    expect([broken.code, broken.stdout]).toEqual([2, '']);
    expect(broken.stderr).toMatch(/revision template .*broken\.hbs cannot be rendered/);
    expect(broken.stderr).not.toMatch(/internal error/);
    expect(fs.existsSync(versions) ? fs.readdirSync(versions) : []).toEqual(before);
  });

  it('the example revisions type-check, and a misuse does not', () => {
    expect(tsc(path.join(EXAMPLES, 'tsconfig.json'))).toEqual({ code: 0, out: '' });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gensql-types-'));
    fs.mkdirSync(path.join(dir, 'migrations', 'versions'), { recursive: true });
    fs.writeFileSync(
      path.join(dir, 'migrations', 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true, types: [], paths: { gensql: [path.join(ROOT, 'src', 'index.ts')] } }, include: ['versions/*.ts'] }),
    );
    fs.writeFileSync(
      path.join(dir, 'migrations', 'versions', 'bad.ts'),
      "import { column, t } from 'gensql';\nimport type { Operations } from 'gensql';\nexport const revision = 'aaaa';\nexport function upgrade(op: Operations): void {\n  op.createTable('x', [column('id', t.integer, { primaryKey: true })]);\n  op.alterColumn('x', 'id', { nullabel: false });\n}\n",
    );
    const r = tsc(path.join(dir, 'migrations'));
    expect(r.code).not.toBe(0);
    expect(r.out).toMatch(/bad\.ts\(5,/); // t.integer without the call
    expect(r.out).toMatch(/bad\.ts\(6,.*nullabel/); // a misspelt option
  });
});
