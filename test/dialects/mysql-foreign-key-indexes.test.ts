/**
 * The indexes InnoDB keeps for foreign keys, on a real MariaDB server: the
 * schema model's view of every table's indexes (what `gensql check`
 * compares, src/validate/snapshot.ts) against information_schema.statistics,
 * step by step.
 *
 * First the example project as `gensql check -d mariadb` runs it: each
 * revision upgraded, downgraded and upgraded again, the rendered SQL applied
 * to the server after each. The downgrade of 0a1b2c3d4e5f re-creates the
 * index users.tier_id's foreign key needs; the server shows the same
 * `KEY tier_id` as before the upgrade (InnoDB's own then), and so must the
 * model. Then the cases where InnoDB's rules decide which indexes there are.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { getDialect } from '../../dialects/index.js';
import { column, foreignKeyConstraint, t, uniqueConstraint } from '../../src/index.js';
import { Renderer, makePlan, openProject } from '../../src/pipeline.js';
import type { RenderedStep } from '../../src/emit/script.js';
import type { SchemaModel } from '../../src/model/schema.js';
import { inverseStep } from '../../src/validate/check.js';
import { stepItems } from '../../src/validate/items.js';
import { diffSnapshots, differenceLines, modelSnapshot } from '../../src/validate/snapshot.js';
import { EXAMPLES } from '../support/cli.js';
import { maria } from '../support/engines.js';
import { session, type Recorder } from '../support/render.js';

const dbs: string[] = [];
afterAll(() => dbs.forEach((db) => maria.drop(db)));

function fresh(): string {
  const db = maria.fresh();
  dbs.push(db);
  return db;
}

/** `table: index(columns)` for every index the model's snapshot shows: keys of constraints and indexes. */
function modelView(model: SchemaModel, only?: string): string[] {
  const out: string[] = [];
  for (const [key, value] of modelSnapshot(model)) {
    const index = /^index (\S+)$/.exec(key);
    if (index) {
      // indexes of one name on several tables share the key: `ON a {...} | ON b {...}`
      for (const part of value.split(/ \| (?=ON )/)) {
        const m = /^ON (\S+) (.*)$/.exec(part)!;
        const { columns } = JSON.parse(m[2]!) as { columns: string[] };
        out.push(`${m[1]}: ${index[1]}(${columns.join(',')})`);
      }
      continue;
    }
    const constraint = /^constraint ([^.]+)\.(.+)$/.exec(key);
    if (!constraint) continue;
    const c = JSON.parse(value) as { kind: string; columns?: string[] };
    if (c.kind === 'primaryKey') out.push(`${constraint[1]}: PRIMARY(${c.columns!.join(',')})`);
    else if (c.kind === 'unique') out.push(`${constraint[1]}: ${constraint[2]}(${c.columns!.join(',')})`);
  }
  return out.filter((l) => only === undefined || l.startsWith(`${only}: `)).sort();
}

/** The same, as the server reports it. */
function serverView(db: string, only?: string): string[] {
  return maria
    .query(
      db,
      "select concat(table_name, ': ', index_name, '(', group_concat(column_name order by seq_in_index separator ','), ')') from information_schema.statistics " +
        `where table_schema = database() ${only ? `and table_name = '${only}' ` : ''}group by table_name, index_name`,
    )
    .sort();
}

function showCreate(db: string, table: string): string {
  return maria.query(db, `show create table \`${table}\``).join('\n');
}

describe('MariaDB: the example project, as gensql check runs it', () => {
  it('after each upgrade, downgrade and upgrade again, the model shows the indexes the server has', async () => {
    const project = await openProject({ cwd: EXAMPLES });
    const renderer = new Renderer(project, await getDialect('mariadb'));
    const plan = makePlan(project.graph, 'upgrade', 'base:heads');
    const db = fresh();
    const apply = (s: RenderedStep): void => maria.applyOk(db, stepItems(s, false).map((i) => `${i.sql};\n`).join(''));
    let model = renderer.newModel();
    const seen: string[] = [];
    for (const step of plan.steps) {
      const id = step.revision!;
      seen.push(id);
      const snapshotBefore = modelSnapshot(model);
      const schemaBefore = maria.schema(db);
      apply((await renderer.renderSteps([step], model))[0]!);
      expect(modelView(model), `${id} upgraded`).toEqual(serverView(db));
      // the downgrade, from a copy, as check does
      const down = model.clone();
      apply((await renderer.renderSteps([inverseStep(step)], down))[0]!);
      expect(modelView(down), `${id} downgraded`).toEqual(serverView(db));
      expect(maria.schema(db), `${id}: the server is back where it was`).toBe(schemaBefore);
      expect(differenceLines(diffSnapshots(snapshotBefore, modelSnapshot(down))), `${id}: the model is back where it was`).toEqual([]);
      apply((await renderer.renderSteps([step], down))[0]!);
      expect(modelView(down), `${id} upgraded again`).toEqual(serverView(db));
      // what the server has now is the model after the second upgrade
      model = down;
    }
    expect(seen).toContain('0a1b2c3d4e5f');
  });

  it('users: the index the downgrade of 0a1b2c3d4e5f re-creates is the one InnoDB had made, in the model as on the server', async () => {
    const project = await openProject({ cwd: EXAMPLES });
    const renderer = new Renderer(project, await getDialect('mariadb'));
    const db = fresh();
    const model = renderer.newModel();
    const apply = (steps: readonly RenderedStep[]): void => maria.applyOk(db, steps.flatMap((s) => stepItems(s, false)).map((i) => `${i.sql};\n`).join(''));
    const steps = makePlan(project.graph, 'upgrade', 'base:heads').steps;
    const at = steps.findIndex((s) => s.revision === '0a1b2c3d4e5f');
    const step = steps[at];
    apply(await renderer.renderSteps(steps.slice(0, at), model));
    const before = showCreate(db, 'users');
    expect(before).toContain('KEY `tier_id` (`tier_id`)');
    expect(serverView(db, 'users')).toEqual(['users: PRIMARY(id)', 'users: email(email)', 'users: ix_users_created_at(created_at)', 'users: tier_id(tier_id)']);
    expect(modelView(model, 'users')).toEqual(serverView(db, 'users'));
    const snapshot = modelSnapshot(model);

    apply(await renderer.renderSteps([step!], model));
    expect(showCreate(db, 'users')).not.toContain('KEY `tier_id`');
    expect(modelView(model, 'users')).toEqual(serverView(db, 'users'));

    const down = await renderer.renderSteps([inverseStep(step!)], model);
    expect(down[0]!.ops.flatMap((o) => o.statements.map((s) => s.sql))).toEqual(['ALTER TABLE users DROP INDEX ix_users_tier_id, ADD INDEX IF NOT EXISTS tier_id (tier_id)']);
    apply(down);
    expect(showCreate(db, 'users')).toBe(before);
    expect(modelView(model, 'users')).toEqual(serverView(db, 'users'));
    expect(differenceLines(diffSnapshots(snapshot, modelSnapshot(model)))).toEqual([]);
  });
});

describe('MariaDB: which indexes InnoDB keeps, in the model as on the server', () => {
  /** Applies each step's SQL, comparing model and server after each; the statements of each step. */
  async function replay(steps: readonly Recorder[]): Promise<string[][]> {
    const s = await session('mariadb');
    const db = fresh();
    const out: string[][] = [];
    for (const [i, fn] of steps.entries()) {
      const statements = await s.run(fn);
      out.push(statements);
      maria.applyOk(db, statements.map((x) => `${x};\n`).join(''));
      expect(modelView(s.model), `after step ${i + 1}`).toEqual(serverView(db));
    }
    return out;
  }
  const parents: Recorder = (op) => {
    op.createTable('p', [column('id', t.integer(), { primaryKey: true })]);
    op.createTable('pp', [column('x', t.integer(), { primaryKey: true }), column('y', t.integer(), { primaryKey: true })]);
  };

  it('made for a foreign key, replaced by an index that serves it, re-created by hand when that one goes, kept after', () =>
    replay([
      parents,
      (op) => op.createTable('c', [column('id', t.integer(), { primaryKey: true }), column('a', t.integer(), { references: 'p.id' }), column('b', t.integer())]),
      (op) => op.createIndex('ix_c_ab', 'c', ['a', 'b']),
      (op) => op.dropIndex('ix_c_ab', { table: 'c' }),
      (op) => op.createIndex('ix_c_ab', 'c', ['a', 'b']),
      (op) => op.dropIndex('ix_c_ab', { table: 'c' }),
    ]));

  it('a key on (a) and one on (a, b): one index, on (a, b), whichever comes first', () =>
    replay([
      parents,
      (op) => op.createTable('c', [column('id', t.integer(), { primaryKey: true }), column('a', t.integer(), { references: 'p.id' }), column('b', t.integer())]),
      (op) => op.createForeignKey(null, 'c', 'pp', ['a', 'b'], ['x', 'y']),
      (op) =>
        op.createTable('d', [
          column('id', t.integer(), { primaryKey: true }),
          column('a', t.integer()),
          column('b', t.integer()),
          foreignKeyConstraint(['a'], 'p', ['id']),
          foreignKeyConstraint(['a', 'b'], 'pp', ['x', 'y']),
        ]),
    ]));

  it('names: the constraint, the column, the next free one; a unique key takes over the index and its name', async () => {
    const statements = await replay([
      parents,
      (op) =>
        op.createTable('c', [
          column('id', t.integer(), { primaryKey: true }),
          column('a', t.integer()),
          column('b', t.integer()),
          column('e', t.integer(), { references: 'p.id' }),
          uniqueConstraint(['a']),
          foreignKeyConstraint(['a', 'b'], 'pp', ['x', 'y']),
          foreignKeyConstraint(['b'], 'p', ['id'], { name: 'fk_c_b' }),
        ]),
      (op) =>
        op.createTable('d', [
          column('id', t.integer(), { primaryKey: true }),
          column('a', t.integer()),
          column('b', t.integer()),
          foreignKeyConstraint(['a', 'b'], 'pp', ['x', 'y']),
          uniqueConstraint(['a']),
        ]),
      (op) => op.createUniqueConstraint(null, 'c', ['e']),
      (op) => op.dropConstraint('e', 'c'),
      (op) => op.createIndex('fk_c_b', 'c', ['b', 'a']),
    ]);
    // the unique key took the name of InnoDB's index; dropping it re-creates that index under the same name,
    // without IF NOT EXISTS (which would see the index being dropped and skip the ADD)
    expect(statements[4]).toEqual(['ALTER TABLE c DROP INDEX e, ADD INDEX e (e)']);
    // an index named like InnoDB's own, serving its key, replaces it
    expect(statements[5]).toEqual(['CREATE INDEX fk_c_b ON c (b, a)']);
  });

  it('dropping a column takes its indexes along; an index of that name re-created for a foreign key needs no IF NOT EXISTS', async () => {
    const statements = await replay([
      parents,
      (op) =>
        op.createTable('c', [
          column('id', t.integer(), { primaryKey: true }),
          column('a', t.integer(), { references: 'p.id' }),
          column('b', t.integer()),
          uniqueConstraint(['a', 'b']),
        ]),
      (op) => op.dropColumn('c', 'b'),
    ]);
    expect(statements[2]).toEqual(['ALTER TABLE c DROP INDEX a, DROP COLUMN b, ADD INDEX a (a)']);
  });
});
