/**
 * Parity with real Alembic on real engines: every scenario under
 * test/parity/scenarios/ holds the same history as Alembic revision files
 * and as gensql revision files. Each case (a list of commands applied in
 * order to one database) is rendered by both tools and applied to two fresh
 * databases; the schemas, version rows and (when asked) table rows must
 * match. An empty version table counts as absent (Alembic 1.8.1 drops it at
 * base; gensql keeps it, as current Alembic does).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { alembicSql, type ParityDialect } from '../support/alembic.js';
import { gensql } from '../support/cli.js';
import { maria, pg, sqlite } from '../support/engines.js';

interface Cases {
  readonly dialects: ParityDialect[];
  readonly cases: [string, string][][];
  readonly versionTable?: string;
  readonly transactionPerMigration?: boolean;
  readonly namingConvention?: Record<string, string>;
  readonly compareData?: boolean;
}

interface Engine {
  fresh(): string;
  drop(db: string): void;
  apply(db: string, script: string): { code: number; stderr: string };
  schema(db: string): string;
  versions(db: string, table: string): string[];
  tables(db: string): string[];
  rows(db: string, table: string): string[];
  query(db: string, sql: string): string[];
}

const ENGINES: Record<ParityDialect, Engine> = { postgresql: pg, mysql: maria, sqlite };
const GENSQL_DIALECT: Record<ParityDialect, string> = { postgresql: 'postgresql', mysql: 'mariadb', sqlite: 'sqlite' };
const ROOT = path.join(path.dirname(new URL(import.meta.url).pathname), 'scenarios');

const cleanup: (() => void)[] = [];
afterAll(() => cleanup.forEach((f) => f()));

function dropVersionTable(engine: Engine, db: string, table: string): void {
  if (!engine.tables(db).some((t) => t === table || t.endsWith(`.${table}`))) return;
  const q = engine === maria ? `\`${table}\`` : `"${table}"`;
  engine.query(db, `DROP TABLE ${q}`);
}

/** What a database holds: schema, version rows, and optionally data; the version table itself is left out. */
function state(engine: Engine, db: string, versionTable: string, withData: boolean): { versions: string[]; schema: string; data: string[] } {
  const versions = engine.versions(db, versionTable);
  const data = withData ? engine.tables(db).filter((t) => !t.endsWith(versionTable)).flatMap((t) => engine.rows(db, t).map((r) => `${t}: ${r}`)) : [];
  dropVersionTable(engine, db, versionTable);
  return { versions, schema: engine.schema(db), data };
}

for (const name of fs.readdirSync(ROOT).sort()) {
  const scenario = path.join(ROOT, name);
  const spec = JSON.parse(fs.readFileSync(path.join(scenario, 'cases.json'), 'utf8')) as Cases;
  const settings = { versionTable: spec.versionTable, transactionPerMigration: spec.transactionPerMigration, namingConvention: spec.namingConvention };
  const versionTable = spec.versionTable ?? 'alembic_version';
  describe(`parity ${name}`, () => {
    for (const dialect of spec.dialects) {
      spec.cases.forEach((steps, i) => {
        const title = `${dialect} #${i + 1}: ${steps.map(([c, r]) => `${c} ${r}`).join(', then ')}`;
        it(title, async () => {
          const engine = ENGINES[dialect];
          const a = engine.fresh();
          const g = engine.fresh();
          cleanup.push(() => engine.drop(a), () => engine.drop(g));
          for (const [command, range] of steps) {
            const ours = await gensql([command, range, '--dialect', GENSQL_DIALECT[dialect], '--no-validate'], { cwd: scenario });
            expect(ours.stderr, `gensql ${command} ${range}`).toBe('');
            expect(ours.code).toBe(0);
            const theirs = alembicSql(scenario, dialect, command, range, settings);
            const ra = engine.apply(a, theirs);
            expect(ra.code, `Alembic's script failed on ${dialect}: ${ra.stderr}`).toBe(0);
            const rg = engine.apply(g, ours.stdout);
            expect(rg.code, `gensql's script failed on ${dialect}: ${rg.stderr}\n${ours.stdout}`).toBe(0);
          }
          const sa = state(engine, a, versionTable, spec.compareData === true);
          const sg = state(engine, g, versionTable, spec.compareData === true);
          expect(sg.versions).toEqual(sa.versions);
          expect(sg.schema).toBe(sa.schema);
          expect(sg.data).toEqual(sa.data);
        });
      });
    }
  });
}
