/**
 * Rendered steps kept between runs (src/render-cache.ts), through the CLI:
 * on every dialect a render that reuses them is byte-identical to one with
 * no cache at all — after an unchanged history, a history with a revision
 * appended (rendered on from the stored model), an edited revision, an
 * impure revision (which ends what is stored), a damaged cache file, a
 * model whose name registry depends on history (MySQL) — with the same
 * warnings, and a review bundle built from reused steps is identical too. GENSQL_TIMING=1
 * says how many steps were reused, which is what proves the cache was used.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLES, gensql, makeProject, revisionFile, tempDirs } from '../support/cli.js';
import type { CliResult } from '../support/cli.js';

const temp = tempDirs();

const revs: Record<string, string> = {
  'a1_first.ts': revisionFile({
    id: 'a1',
    up: "op.createTable('t', [column('id', t.integer(), { primaryKey: true }), column('name', t.string(20)), column('at', t.dateTime(), { serverDefault: sql`CURRENT_TIMESTAMP` })]);",
    down_body: "op.dropTable('t');",
  }),
  'a2_second.ts': revisionFile({
    id: 'a2',
    down: 'a1',
    up: "op.addColumn('t', column('price', t.numeric(10, 2), { nullable: true }));\nop.createIndex('ix_t_name', 't', ['name']);\nop.execute('ALTER TABLE t ADD COLUMN extra integer');",
    down_body: "op.dropIndex('ix_t_name', { table: 't' });\nop.dropColumn('t', 'price');",
  }),
  'b1_branch.ts': revisionFile({
    id: 'b1',
    down: 'a1',
    up: "op.createTable('u', [column('id', t.integer(), { primaryKey: true }), column('t_id', t.integer())]);",
    down_body: "op.dropTable('u');",
  }),
  'm1_merge.ts': revisionFile({ id: 'm1', down: ['a2', 'b1'], up: "op.execute('UPDATE t SET name = NULL WHERE 1 = 0');", down_body: '' }),
  'a3_third.ts': revisionFile({
    id: 'a3',
    down: 'm1',
    up: "op.alterColumn('t', 'name', { type: t.string(40), existingType: t.string(20), nullable: false, existingNullable: true });\nop.createForeignKey('fk_u_t', 'u', 't', ['t_id'], ['id']);",
    down_body: "op.dropConstraint('fk_u_t', 'u', { type: 'foreignkey' });",
  }),
};

const ARGS = ['upgrade', 'base:head', '--no-validate'];

/** The warnings a run printed (raw DDL the model could or could not follow), which reused steps must repeat. */
function warnings(r: CliResult): string[] {
  return r.stderr.split('\n').filter((l) => l.startsWith('warning:'));
}

function reused(r: CliResult): string {
  const line = r.stderr.split('\n').find((l) => l.startsWith('timing: render cache:') && l.includes('reused'));
  return line?.replace('timing: render cache: ', '') ?? '(no line)';
}

async function fresh(dir: string, args: string[]): Promise<CliResult> {
  const r = await gensql(args, { cwd: dir, env: { GENSQL_NO_CACHE: '1' } });
  expect(r.code, r.stderr).toBe(0);
  return r;
}

describe('the render cache through the CLI', () => {
  it.each(['postgresql', 'mysql', 'mariadb', 'sqlite', 'mssql', 'oracle'])('%s: reused steps give the same script, after an unchanged history and with a revision appended', async (dialect) => {
    const dir = makeProject(revs);
    temp.keep(dir);
    const cache = temp.make('gensql-rcache-');
    const env = { GENSQL_CACHE_DIR: cache, GENSQL_TIMING: '1' };
    const args = [...ARGS, '--dialect', dialect];
    const want = await fresh(dir, args);
    const results: CliResult[] = [];
    for (let i = 0; i < 4; i++) results.push(await gensql(args, { cwd: dir, env }));
    for (const r of results) {
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toBe(want.stdout);
      expect(warnings(r)).toEqual(warnings(want));
    }
    // 1: transpiles; 2: records, finds the modules pure, keeps the ops and stores the steps; 3, 4: reuse them
    expect(results.map(reused)).toEqual(['0 of 5 steps reused', '0 of 5 steps reused', '5 of 5 steps reused', '5 of 5 steps reused']);
    const folder = fs.readdirSync(cache).map((d) => path.join(cache, d))[0]!;
    expect(fs.existsSync(path.join(folder, `render-${dialect}.bin`))).toBe(true);

    // a revision appended: the five stored steps are reused, the sixth rendered from the stored model
    fs.writeFileSync(
      path.join(dir, 'migrations', 'versions', 'a4_fourth.ts'),
      revisionFile({ id: 'a4', down: 'a3', up: "op.dropIndex('ix_t_name', { table: 't' });\nop.addColumn('u', column('note', t.text(), { nullable: true }));\nop.createUniqueConstraint('uq_t_name', 't', ['name']);" }),
    );
    const wantMore = await fresh(dir, args);
    const more = await gensql(args, { cwd: dir, env });
    expect(more.code, more.stderr).toBe(0);
    expect(more.stdout).toBe(wantMore.stdout);
    expect(warnings(more)).toEqual(warnings(wantMore));
    expect(reused(more)).toBe('5 of 6 steps reused');
    // a4 was transpiled by that run; the next records it and stores its step too
    const next = await gensql(args, { cwd: dir, env });
    expect(next.stdout).toBe(wantMore.stdout);
    expect(reused(next)).toBe('5 of 6 steps reused');
    const last = await gensql(args, { cwd: dir, env });
    expect(last.stdout).toBe(wantMore.stdout);
    expect(reused(last)).toBe('6 of 6 steps reused');
  });

  it('an edited revision is rendered again, and so is everything after it', async () => {
    const dir = makeProject(revs);
    temp.keep(dir);
    const env = { GENSQL_CACHE_DIR: temp.make('gensql-rcache-'), GENSQL_TIMING: '1' };
    for (let i = 0; i < 3; i++) await gensql(ARGS, { cwd: dir, env });
    expect(reused(await gensql(ARGS, { cwd: dir, env }))).toBe('5 of 5 steps reused');
    const file = path.join(dir, 'migrations', 'versions', 'a2_second.ts');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replaceAll('ix_t_name', 'ix_t_label'));
    const want = await fresh(dir, ARGS);
    expect(want.stdout).toContain('ix_t_label');
    const runs: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await gensql(ARGS, { cwd: dir, env });
      expect(r.stdout).toBe(want.stdout);
      runs.push(reused(r));
    }
    // plan order: a1, b1, a2, m1, a3. 1: the stored steps include a2's old one, so none fit; a1 and b1 are
    // stored alone (a2 was just transpiled). 2: they are reused, a2 recorded and found pure, and all five
    // steps stored. 3: all reused
    expect(runs).toEqual(['0 of 5 steps reused', '2 of 5 steps reused', '5 of 5 steps reused']);
    expect(reused(await gensql(ARGS, { cwd: dir, env }))).toBe('5 of 5 steps reused');
  });

  it('an impure revision ends what is stored, and is recorded every time', async () => {
    const files = {
      ...revs,
      'm1_merge.ts': revisionFile({ id: 'm1', down: ['a2', 'b1'], up: "op.execute(`UPDATE t SET name = '${process.env.GENSQL_TEST_VALUE ?? 'none'}' WHERE 1 = 0`);", down_body: '' }),
    };
    const dir = makeProject(files);
    temp.keep(dir);
    const env = { GENSQL_CACHE_DIR: temp.make('gensql-rcache-'), GENSQL_TIMING: '1', GENSQL_TEST_VALUE: 'one' };
    for (let i = 0; i < 3; i++) await gensql(ARGS, { cwd: dir, env });
    const one = await gensql(ARGS, { cwd: dir, env });
    expect(one.stdout).toContain("SET name = 'one'");
    // plan order: a1, b1, a2, then m1: the steps before m1 are stored
    expect(one.stderr).toContain('timing: render cache: the first 3 steps can be stored');
    expect(reused(one)).toBe('3 of 5 steps reused');
    const two = await gensql(ARGS, { cwd: dir, env: { ...env, GENSQL_TEST_VALUE: 'two' } });
    expect(two.stdout).toBe(one.stdout.replace("SET name = 'one'", "SET name = 'two'"));
    expect(reused(two)).toBe('3 of 5 steps reused');
  });

  it('a damaged or foreign cache file is ignored and replaced; GENSQL_NO_RENDER_CACHE=1 turns it off', async () => {
    const dir = makeProject(revs);
    temp.keep(dir);
    const cache = temp.make('gensql-rcache-');
    const env = { GENSQL_CACHE_DIR: cache, GENSQL_TIMING: '1' };
    const want = await fresh(dir, ARGS);
    for (let i = 0; i < 3; i++) await gensql(ARGS, { cwd: dir, env });
    const file = path.join(fs.readdirSync(cache).map((d) => path.join(cache, d))[0]!, 'render-postgresql.bin');
    const good = fs.readFileSync(file);
    // the header intact, the body cut short: the steps cannot be decoded
    fs.writeFileSync(file, good.subarray(0, good.readUInt32BE(0) + 4 + 10));
    const cut = await gensql(ARGS, { cwd: dir, env });
    expect(cut.code).toBe(0);
    expect(cut.stdout).toBe(want.stdout);
    expect(reused(cut)).toBe('0 of 5 steps reused');
    fs.writeFileSync(file, 'garbage');
    const garbage = await gensql(ARGS, { cwd: dir, env });
    expect(garbage.stdout).toBe(want.stdout);
    expect(reused(await gensql(ARGS, { cwd: dir, env }))).toBe('5 of 5 steps reused');
    const off = await gensql(ARGS, { cwd: dir, env: { ...env, GENSQL_NO_RENDER_CACHE: '1' } });
    expect(off.stdout).toBe(want.stdout);
    expect(reused(off)).toBe('(no line)');
    // another configuration keys another file: nothing is reused under it
    const cfg = path.join(dir, 'gensql.config.json');
    fs.writeFileSync(cfg, JSON.stringify({ ...JSON.parse(fs.readFileSync(cfg, 'utf8')), versionTable: 'schema_version' }));
    const other = await gensql(ARGS, { cwd: dir, env });
    expect(other.stdout).toBe((await fresh(dir, ARGS)).stdout);
    expect(reused(other)).toBe('0 of 5 steps reused');
  });

  it('the stored model finds what the live one found: an index name two tables hold (MySQL, InnoDB foreign-key indexes)', async () => {
    // both tables end up with a hand-made index `pid` (InnoDB re-creates its foreign-key index when another
    // index is dropped); `dropIndex('pid')` without a table finds the one the model registered last
    const r1 = revisionFile({
      id: 'r1',
      up: [
        "op.createTable('p', [column('id', t.integer(), { primaryKey: true })]);",
        ...['a', 'b'].flatMap((x) => [
          `op.createTable('${x}', [column('id', t.integer(), { primaryKey: true }), column('pid', t.integer(), { references: 'p.id' }), column('z', t.integer())]);`,
          `op.createIndex('ix_${x}', '${x}', ['pid', 'z']);`,
          `op.dropIndex('ix_${x}', { table: '${x}' });`,
        ]),
        "op.createIndex('ix_a2', 'a', ['z']);",
      ].join('\n'),
    });
    const dir = makeProject({ 'r1.ts': r1 });
    temp.keep(dir);
    const env = { GENSQL_CACHE_DIR: temp.make('gensql-rcache-'), GENSQL_TIMING: '1' };
    const args = [...ARGS, '--dialect', 'mysql'];
    for (let i = 0; i < 3; i++) expect((await gensql(args, { cwd: dir, env })).code).toBe(0);
    fs.writeFileSync(path.join(dir, 'migrations', 'versions', 'r2.ts'), revisionFile({ id: 'r2', down: 'r1', up: "op.dropIndex('pid');" }));
    const want = await fresh(dir, args);
    expect(want.stdout).toMatch(/DROP INDEX pid/);
    const got = await gensql(args, { cwd: dir, env });
    expect(reused(got)).toBe('1 of 2 steps reused');
    expect(got.stdout).toBe(want.stdout);
  });

  it('a stored model that cannot be decoded is not used: the render starts from base', async () => {
    const dir = makeProject(revs);
    temp.keep(dir);
    const cache = temp.make('gensql-rcache-');
    const env = { GENSQL_CACHE_DIR: cache, GENSQL_TIMING: '1' };
    for (let i = 0; i < 3; i++) await gensql(ARGS, { cwd: dir, env });
    const file = path.join(fs.readdirSync(cache).map((d) => path.join(cache, d))[0]!, 'render-postgresql.bin');
    const good = fs.readFileSync(file);
    // the model is the last part of the file: cut its end off; the steps still decode
    fs.writeFileSync(file, good.subarray(0, good.length - 5));
    expect(reused(await gensql(ARGS, { cwd: dir, env }))).toBe('5 of 5 steps reused');
    // a render that needs the model (a revision added) cannot use it
    fs.writeFileSync(path.join(dir, 'migrations', 'versions', 'a4_fourth.ts'), revisionFile({ id: 'a4', down: 'a3', up: "op.dropIndex('ix_t_name', { table: 't' });" }));
    const want = await fresh(dir, ARGS);
    const got = await gensql(ARGS, { cwd: dir, env });
    expect(got.code, got.stderr).toBe(0);
    expect(got.stdout).toBe(want.stdout);
    expect(reused(got)).toBe('0 of 6 steps reused');
  });

  it('a review bundle with rollbacks built from reused steps is identical, and validation passes on them', async () => {
    const env = { GENSQL_CACHE_DIR: temp.make('gensql-rcache-'), GENSQL_TIMING: '1' };
    const bundle = async (extraEnv: Record<string, string>): Promise<{ files: Map<string, string>; r: CliResult }> => {
      const out = path.join(temp.make('gensql-rbundle-'), 'b');
      const r = await gensql(['upgrade', 'base:heads', '--no-validate', '--with-rollback', '--out-dir', out], { env: { ...env, ...extraEnv } });
      expect(r.code, r.stderr).toBe(0);
      return { files: new Map(fs.readdirSync(out).map((n) => [n, fs.readFileSync(path.join(out, n), 'utf8')])), r };
    };
    const want = await bundle({ GENSQL_NO_CACHE: '1' });
    for (let i = 0; i < 3; i++) await bundle({});
    const got = await bundle({});
    expect(reused(got.r)).toMatch(/^(\d+) of \1 steps reused$/);
    expect([...got.files.keys()].sort()).toEqual([...want.files.keys()].sort());
    for (const [name, text] of want.files) expect(got.files.get(name), name).toBe(text);
    const validated = await gensql(['upgrade', 'base:heads'], { cwd: EXAMPLES, env });
    expect(validated.code, validated.stderr).toBe(0);
    expect(reused(validated)).toMatch(/^(\d+) of \1 steps reused$/);
  });
});
