/**
 * One full-script snapshot per dialect: the example project's whole
 * `upgrade base:head`, `downgrade head:base` and `stamp heads`, reviewed by
 * hand once and compared byte for byte after that (mssql and oracle, with
 * their batch separators, have their own tests in mssql-script/oracle-script).
 */
import { describe, expect, it } from 'vitest';
import { EXAMPLES, gensql } from '../support/cli.js';

const DIALECTS = ['postgresql', 'mysql', 'mariadb', 'sqlite'] as const;
const COMMANDS: [string, string][] = [
  ['upgrade', 'base:head'],
  ['downgrade', 'head:base'],
  ['stamp', 'heads'],
];

describe('full-script snapshots', () => {
  for (const dialect of DIALECTS) {
    for (const [command, range] of COMMANDS) {
      it(`${dialect} ${command} ${range}`, async () => {
        const r = await gensql([command, range, '--dialect', dialect, '--no-validate'], { cwd: EXAMPLES });
        expect(r.stderr).toBe('');
        expect(r.code).toBe(0);
        await expect(r.stdout).toMatchFileSnapshot(`__snapshots__/${dialect}.${command}.sql`);
      });
    }
  }
});
