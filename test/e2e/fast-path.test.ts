/**
 * bin/run.js answers --help and the read-only graph commands without
 * loading oclif. Whatever it answers must be byte for byte what oclif's path
 * answers (GENSQL_NO_FASTPATH=1), exit codes and errors included; what it
 * does not understand falls through to oclif.
 */
import { describe, expect, it } from 'vitest';
import { EXAMPLES, gensql, makeProject, revisionFile } from '../support/cli.js';
import { parseRenderArgv } from '../../src/cli/fast.js';

const CASES: string[][] = [
  ['--help'],
  [],
  ['heads', '--help'],
  ['upgrade', '--help'],
  ['heads'],
  ['heads', '--json'],
  ['heads', '-v', '--resolve-dependencies'],
  ['history'],
  ['history', '-r', 'd4e5f6a1b2c3:', '--verbose'],
  ['history', '--rev=base:c3d4e5f6a1b2', '--json'],
  ['branches', '--verbose'],
  ['branches', '--json'],
  ['show', 'head'],
  ['show', 'billing@head', '--json'],
  ['show', 'a1b2'],
  // errors: same message and exit code either way
  ['show', 'nope'],
  ['history', '-r', 'zzzz:'],
  // not understood by the fast path: oclif answers (and both agree)
  ['heads', '--bogus'],
  ['show'],
  ['heads', 'extra-arg'],
  // the render commands
  ['upgrade', 'base:head', '--no-validate'],
  ['upgrade', 'head', '-d', 'mysql', '--no-validate', '--tag', 'r42'],
  ['downgrade', 'head:base', '--dialect=sqlite', '--no-validate'],
  ['stamp', 'base:heads', '--no-validate', '--no-transaction-per-migration'],
  ['upgrade', 'base:billing@head', '--transaction-per-migration'],
  ['upgrade', 'nope', '--no-validate'],
  ['downgrade', 'head', '--no-validate'],
  ['upgrade', 'base:head', '--dialect', 'nope'],
  ['upgrade', '--no-validate'],
  ['upgrade', 'base:head', '--tag', 'a', '--tag', 'b'],
  ['upgrade', 'base:head', '--validate', '--no-validate'],
  ['upgrade', 'base:head', '--bogus'],
];

describe('fast path', () => {
  for (const args of CASES) {
    it(args.join(' ') || '(no arguments)', async () => {
      // both paths compute their output (neither reuses what the other stored: test/load/inspect-reuse covers that)
      const fast = await gensql(args, { cwd: EXAMPLES, env: { GENSQL_NO_INSPECT_REUSE: '1' } });
      const slow = await gensql(args, { cwd: EXAMPLES, env: { GENSQL_NO_FASTPATH: '1', GENSQL_NO_INSPECT_REUSE: '1', COLUMNS: '80' } });
      expect(fast.code).toBe(slow.code);
      expect(fast.stdout).toBe(slow.stdout);
      expect(fast.stderr).toBe(slow.stderr);
    });
  }

  it('`-h`, `help` and `help CMD` also print help (oclif alone has no help command)', async () => {
    const root = await gensql(['--help']);
    expect((await gensql(['-h'])).stdout).toBe(root.stdout);
    expect((await gensql(['help'])).stdout).toBe(root.stdout);
    expect((await gensql(['help', 'history'])).stdout).toBe((await gensql(['history', '--help'])).stdout);
    expect(root.stdout).toMatch(/^  upgrade +Render the SQL that upgrades/m);
  });

  it('a broken project gives the same error on both paths', async () => {
    const dir = makeProject({ 'a.ts': revisionFile({ id: 'aaaa', down: 'missing', up: '' }) });
    const fast = await gensql(['heads'], { cwd: dir });
    const slow = await gensql(['heads'], { cwd: dir, env: { GENSQL_NO_FASTPATH: '1' } });
    expect(fast.code).toBe(2);
    expect([fast.code, fast.stdout, fast.stderr]).toEqual([slow.code, slow.stdout, slow.stderr]);
  });

  it('parses the render commands as oclif does, and leaves to oclif what it does not fully understand', () => {
    expect(parseRenderArgv('upgrade', ['base:head', '--no-validate', '-d', 'sqlite', '--format'])).toEqual({
      range: 'base:head',
      flags: { dialect: 'sqlite', validate: false, format: true, 'with-rollback': false, 'transaction-per-migration': undefined, config: undefined, 'out-dir': undefined, tag: undefined, engine: undefined, 'validate-url': undefined, 'review-template': undefined },
    });
    expect(parseRenderArgv('stamp', ['head', '--no-transaction-per-migration'])?.flags['transaction-per-migration']).toBe(false);
    expect(parseRenderArgv('downgrade', ['head:base', '--out-dir=review', '--with-rollback'])?.flags).toMatchObject({ 'out-dir': 'review', 'with-rollback': true, validate: true });
    for (const bad of [[], ['a', 'b'], ['head', '--engine', 'sqlite'], ['head', '--tag'], ['head', '--format=yes'], ['head', '--no-format'], ['head', '-d', 'x'], ['head', '--', '-x'], ['head', '--tag', '--no-validate']]) {
      expect(parseRenderArgv('upgrade', bad), bad.join(' ')).toBeNull();
    }
  });
});
