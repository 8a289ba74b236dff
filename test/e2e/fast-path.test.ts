/**
 * bin/run.js answers --help and the read-only graph commands without
 * loading oclif. Whatever it answers must be byte for byte what oclif's path
 * answers (GENSQL_NO_FASTPATH=1), exit codes and errors included; what it
 * does not understand falls through to oclif.
 */
import { describe, expect, it } from 'vitest';
import { EXAMPLES, gensql, makeProject, revisionFile } from '../support/cli.js';

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
];

describe('fast path', () => {
  for (const args of CASES) {
    it(args.join(' ') || '(no arguments)', async () => {
      const fast = await gensql(args, { cwd: EXAMPLES });
      const slow = await gensql(args, { cwd: EXAMPLES, env: { GENSQL_NO_FASTPATH: '1', COLUMNS: '80' } });
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
});
