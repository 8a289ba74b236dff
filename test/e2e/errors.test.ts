/**
 * Bad input, end to end: each problem in its own fixture project gives exit
 * code 2 (1 for an op the schema model refuses: that check is part of
 * validation), nothing on stdout, and a message naming the file(s), revision
 * and operation, never a partial script.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { gensql, makeProject, revisionFile } from '../support/cli.js';

const table = (name: string): string => `  op.createTable('${name}', [column('id', t.integer(), { primaryKey: true })]);`;

interface Case {
  readonly name: string;
  readonly files: Record<string, string>;
  readonly config?: Record<string, unknown>;
  readonly args?: string[];
  /** every pattern must appear on stderr */
  readonly stderr: RegExp[];
  /** 2 unless said (1: the schema-model check failed, which is validation) */
  readonly code?: 1 | 2;
}

const CASES: Case[] = [
  {
    name: 'a cycle names the files on it',
    files: {
      'aaaa_one.ts': revisionFile({ id: 'aaaa', down: 'bbbb', up: table('a') }),
      'bbbb_two.ts': revisionFile({ id: 'bbbb', down: 'aaaa', up: table('b') }),
    },
    args: ['heads'],
    stderr: [/cycle/i, /aaaa_one\.ts/, /bbbb_two\.ts/],
  },
  {
    name: 'a duplicate id names both files',
    files: {
      'x1_first.ts': revisionFile({ id: 'abcd1234', up: table('a') }),
      'x2_second.ts': revisionFile({ id: 'abcd1234', up: table('b') }),
    },
    args: ['heads'],
    stderr: [/duplicate|more than once|twice/i, /x1_first\.ts/, /x2_second\.ts/],
  },
  {
    name: 'an unknown downRevision names the file',
    files: { 'aaaa_one.ts': revisionFile({ id: 'aaaa', down: 'nope', up: table('a') }) },
    args: ['history'],
    stderr: [/nope/, /aaaa_one\.ts/],
  },
  {
    name: 'an unknown dependsOn names the file',
    files: { 'aaaa_one.ts': revisionFile({ id: 'aaaa', up: table('a'), extra: "export const dependsOn = 'zzzz9999';" }) },
    args: ['heads'],
    stderr: [/zzzz9999/, /aaaa_one\.ts/],
  },
  {
    name: 'an ambiguous prefix lists the candidates',
    files: {
      'a_one.ts': revisionFile({ id: 'abcd11111111', up: table('a') }),
      'b_two.ts': revisionFile({ id: 'abcd22222222', down: 'abcd11111111', up: table('b') }),
    },
    args: ['show', 'abcd'],
    stderr: [/Multiple revisions start with 'abcd'/, /abcd11111111/, /abcd22222222/, /files: .*a_one\.ts, .*b_two\.ts/],
  },
  {
    name: 'an ambiguous prefix in a range names the files too',
    files: {
      'a_one.ts': revisionFile({ id: 'abcd11111111', up: table('a') }),
      'b_two.ts': revisionFile({ id: 'abcd22222222', down: 'abcd11111111', up: table('b') }),
    },
    args: ['upgrade', 'abcd', '--no-validate'],
    stderr: [/Multiple revisions start with 'abcd'/, /files: .*a_one\.ts, .*b_two\.ts/],
  },
  {
    name: 'a file that fails to load is named',
    files: { 'aaaa_broken.ts': 'export const revision = "aaaa";\nexport function upgrade(op) {\n  op.createTable(\n' },
    args: ['heads'],
    stderr: [/aaaa_broken\.ts/, /cannot be compiled/],
  },
  {
    name: 'a file without `revision` is named',
    files: { 'nothing_here.ts': 'export const downRevision = null;\nexport function upgrade() {}\n' },
    args: ['heads'],
    stderr: [/nothing_here\.ts/, /does not export 'revision'/],
  },
  {
    name: '`head` with several heads names them',
    files: {
      'a_one.ts': revisionFile({ id: 'aaaa00000001', up: table('a') }),
      'b_two.ts': revisionFile({ id: 'bbbb00000002', down: 'aaaa00000001', up: table('b') }),
      'c_three.ts': revisionFile({ id: 'cccc00000003', down: 'aaaa00000001', up: table('c') }),
    },
    args: ['upgrade', 'head', '--no-validate'],
    stderr: [/Multiple head revisions/, /bbbb00000002/, /cccc00000003/],
  },
  {
    name: 'a range that cannot be walked',
    files: {
      'a_one.ts': revisionFile({ id: 'aaaa00000001', up: table('a'), down_body: "  op.dropTable('a');" }),
      'b_two.ts': revisionFile({ id: 'bbbb00000002', down: 'aaaa00000001', up: table('b'), down_body: "  op.dropTable('b');" }),
    },
    args: ['upgrade', 'aaaa00000001:+5', '--no-validate'],
    stderr: [/Relative revision \+5 didn't produce 5 migrations/],
  },
  {
    name: 'a downgrade to a revision above the start',
    files: {
      'a_one.ts': revisionFile({ id: 'aaaa00000001', up: table('a'), down_body: "  op.dropTable('a');" }),
      'b_two.ts': revisionFile({ id: 'bbbb00000002', down: 'aaaa00000001', up: table('b'), down_body: "  op.dropTable('b');" }),
    },
    args: ['downgrade', 'aaaa00000001:bbbb00000002', '--no-validate'],
    stderr: [/bbbb00000002/, /not a valid downgrade target/],
  },
  {
    name: 'a downgrade without FROM',
    files: { 'a_one.ts': revisionFile({ id: 'aaaa00000001', up: table('a'), down_body: "  op.dropTable('a');" }) },
    args: ['downgrade', 'base', '--no-validate'],
    stderr: [/downgrade needs a range FROM:TO/],
  },
  {
    name: 'a revision without downgrade() cannot be downgraded',
    files: { 'a_one.ts': revisionFile({ id: 'aaaa00000001', up: table('a') }) },
    args: ['downgrade', 'aaaa00000001:base', '--no-validate'],
    stderr: [/a_one\.ts/, /aaaa00000001/, /downgrade/],
  },
  {
    name: 'an unknown config field is named',
    files: { 'a_one.ts': revisionFile({ id: 'aaaa00000001', up: table('a') }) },
    config: { versionTabel: 'x' },
    args: ['heads'],
    stderr: [/gensql\.config\.json/, /unknown field 'versionTabel'/],
  },
  {
    name: 'a config field of the wrong type is named',
    files: { 'a_one.ts': revisionFile({ id: 'aaaa00000001', up: table('a') }) },
    config: { transactionPerMigration: 'yes' },
    args: ['heads'],
    stderr: [/field 'transactionPerMigration' must be true or false/],
  },
  {
    name: 'an op on a missing table names file, revision and op',
    files: {
      'a_one.ts': revisionFile({ id: 'aaaa00000001', up: table('a') }),
      'b_two.ts': revisionFile({ id: 'bbbb00000002', down: 'aaaa00000001', up: "  op.addColumn('missing', column('x', t.integer()));" }),
    },
    args: ['upgrade', 'head', '--no-validate'],
    stderr: [/b_two\.ts/, /bbbb00000002/, /addColumn\('missing', 'x'\)/, /table missing does not exist/],
    code: 1,
  },
  {
    name: 'dropping a column that does not exist',
    files: { 'a_one.ts': revisionFile({ id: 'aaaa00000001', up: `${table('t')}\n  op.dropColumn('t', 'nope');` }) },
    args: ['upgrade', 'head', '--no-validate'],
    stderr: [/a_one\.ts/, /dropColumn\('t', 'nope'\)/, /column t\.nope does not exist/],
    code: 1,
  },
  {
    name: 'a type PostgreSQL cannot render',
    files: { 'a_one.ts': revisionFile({ id: 'aaaa00000001', up: "  op.createTable('m', [column('x', t.float(60))]);" }) },
    args: ['upgrade', 'head', '--no-validate'],
    stderr: [/a_one\.ts/, /aaaa00000001/, /createTable\('m'\)/, /FLOAT\(60\)/, /column x/],
  },
  {
    name: 'an exception inside upgrade()',
    files: { 'a_one.ts': revisionFile({ id: 'aaaa00000001', up: "  throw new Error('computed the wrong thing');" }) },
    args: ['upgrade', 'head', '--no-validate'],
    stderr: [/a_one\.ts/, /aaaa00000001/, /upgrade\(\) failed: computed the wrong thing/, /a_one\.ts:\d+:\d+/],
  },
  {
    name: 'a builder misuse inside upgrade()',
    files: { 'a_one.ts': revisionFile({ id: 'aaaa00000001', up: "  op.createTable('m', [column('x', (t.integer as any))]);" }) },
    args: ['upgrade', 'head', '--no-validate'],
    stderr: [/a_one\.ts/, /t\.integer\(\) not t\.integer/],
  },
  {
    name: 'an unknown dialect',
    files: { 'a_one.ts': revisionFile({ id: 'aaaa00000001', up: table('a') }) },
    args: ['upgrade', 'head', '--dialect', 'db2', '--no-validate'],
    stderr: [/db2/],
  },
];

describe('errors', () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const dir = makeProject(c.files, c.config);
      const r = await gensql(c.args ?? ['upgrade', 'head'], { cwd: dir });
      expect(r.code, r.stderr).toBe(c.code ?? 2);
      expect(r.stdout).toBe('');
      for (const re of c.stderr) expect(r.stderr).toMatch(re);
      expect(r.stderr).not.toMatch(/internal error/);
      fs.rmSync(dir, { recursive: true, force: true });
    });
  }

  it('no config file anywhere', async () => {
    const dir = makeProject({});
    fs.rmSync(path.join(dir, 'gensql.config.json'));
    const r = await gensql(['heads'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/no gensql\.config\.json/);
  });
});
