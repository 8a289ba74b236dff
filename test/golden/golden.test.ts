/**
 * Golden tests: for each op case and each dialect, the exact SQL; then the
 * same SQL executed on the dialect's real engine (PostgreSQL and MariaDB
 * servers, SQLite), after the case's setup.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { Op } from '../../src/ops/index.js';
import type { DialectName } from '../../src/record/operations.js';
import { maria, pg, sqlite } from '../support/engines.js';
import { errorMessage, joinStatements, session } from '../support/render.js';
import { CASES, VERSION_CASES, type CaseName, type Expected } from './cases.js';
import { EXPECTED } from './expected/index.js';

interface Engine {
  fresh(): string;
  drop(db: string): void;
  apply(db: string, script: string): { code: number; stderr: string; stdout: string };
}

/** Where a dialect's SQL is executed (mssql and oracle: no engine here; their SQL is compared only). */
const ENGINES: Partial<Record<DialectName, Engine>> = { postgresql: pg, mariadb: maria, sqlite };

const created: { engine: Engine; db: string }[] = [];
afterAll(() => {
  for (const { engine, db } of created) engine.drop(db);
});

function script(statements: readonly string[]): string {
  return statements.map((s) => `${s};\n`).join('');
}

for (const [dialect, expectations] of Object.entries(EXPECTED) as [DialectName, (typeof EXPECTED)[DialectName]][]) {
  describe(`golden ${dialect}`, () => {
    for (const name of Object.keys(CASES) as CaseName[]) {
      const c = CASES[name];
      const expected: Expected = expectations.cases[name];
      it(name, async () => {
        const s = await session(dialect);
        const setup = 'given' in c && c.given ? await s.run(c.given) : [];
        if (typeof expected !== 'string') {
          await expect(s.run(c.when)).rejects.toThrow(expected.error);
          return;
        }
        let statements: string[];
        try {
          statements = await s.run(c.when);
        } catch (e) {
          throw new Error(`rendering failed: ${errorMessage(e)}`);
        }
        expect(joinStatements(statements)).toBe(expected);
        const engine = ENGINES[dialect];
        if (!engine) return;
        const db = engine.fresh();
        created.push({ engine, db });
        const r = engine.apply(db, script([...setup, ...statements]));
        expect(r.stderr, `the ${dialect} engine rejected the SQL`).toBe('');
        expect(r.code).toBe(0);
      });
    }
    for (const [name, ops] of Object.entries(VERSION_CASES)) {
      it(name, async () => {
        const s = await session(dialect);
        const expected = expectations.versionCases[name as keyof typeof VERSION_CASES];
        if (typeof expected !== 'string') {
          expect(() => s.renderOps(ops as unknown as Op[])).toThrow(expected.error);
          return;
        }
        expect(joinStatements(s.renderOps(ops as unknown as Op[]))).toBe(expected);
      });
    }
  });
}
