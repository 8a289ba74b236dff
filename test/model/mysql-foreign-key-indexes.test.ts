/**
 * The indexes InnoDB keeps for foreign keys, in the MySQL / MariaDB schema
 * model: recorded (marked implicit) when a foreign key no index serves is
 * created, gone when another index serves the key or the key goes, and, when
 * a drop re-creates one by hand, an ordinary index from then on. None of it
 * changes the SQL: InnoDB's own indexes are never written.
 *
 * The regression: `gensql check` on the example project compared the model
 * before revision 0a1b2c3d4e5f (no index recorded for users.tier_id's
 * foreign key) with the model after its downgrade (the index the downgrade
 * re-creates for that key), and failed with `+ index tier_id`.
 * (test/dialects/mysql-foreign-key-indexes.test.ts checks the same model
 * against a real MariaDB server.)
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { column, foreignKeyConstraint, t } from '../../src/index.js';
import { isImplicitIndex, type TableState } from '../../src/model/state.js';
import { diffSnapshots, differenceLines, modelSnapshot } from '../../src/validate/snapshot.js';
import { EXAMPLES, gensql, makeProject, revisionFile } from '../support/cli.js';
import { session, type Recorder } from '../support/render.js';

/** `name(columns)` of each index of the table, `*` marking InnoDB's own. */
function indexes(table: TableState): string[] {
  return table.indexes.map((i) => `${i.name}(${i.columns.join(',')})${isImplicitIndex(i) ? '*' : ''}`);
}

const tiers: Recorder = (op) => {
  op.createTable('tiers', [column('id', t.integer(), { primaryKey: true })]);
  op.createTable('users', [column('id', t.integer(), { primaryKey: true }), column('email', t.string(50), { unique: true })]);
};

describe.each(['mysql', 'mariadb'] as const)('%s: InnoDB foreign-key indexes in the model', (dialect) => {
  const ifNotExists = dialect === 'mariadb' ? 'IF NOT EXISTS ' : '';

  it('recorded when the foreign key is created, dropped when an index serves it, re-created by hand by the drop of that index', async () => {
    const s = await session(dialect);
    await s.run(tiers);
    const start = modelSnapshot(s.model);
    // the foreign key gets InnoDB's index, named after its column; no SQL for it
    expect(await s.run((op) => op.addColumn('users', column('tier_id', t.integer(), { references: 'tiers.id' })))).toEqual([
      'ALTER TABLE users ADD COLUMN tier_id INTEGER',
      'ALTER TABLE users ADD FOREIGN KEY(tier_id) REFERENCES tiers (id)',
    ]);
    expect(indexes(s.model.requireTable('users'))).toEqual(['tier_id(tier_id)*']);
    // the model's view shows it as the catalog does: an index on users
    const withKey = modelSnapshot(s.model);
    expect(withKey.get('index tier_id')).toBe('ON users {"columns":["tier_id"],"unique":false}');
    expect(differenceLines(diffSnapshots(start, withKey))).toContain('+ index tier_id: ON users {"columns":["tier_id"],"unique":false}');

    // an index that serves the key replaces InnoDB's
    expect(await s.run((op) => op.createIndex('ix_users_tier_id', 'users', ['tier_id']))).toEqual(['CREATE INDEX ix_users_tier_id ON users (tier_id)']);
    expect(indexes(s.model.requireTable('users'))).toEqual(['ix_users_tier_id(tier_id)']);

    // dropping it brings back the index InnoDB had made, by hand: the schema is as before the index
    expect(await s.run((op) => op.dropIndex('ix_users_tier_id', { table: 'users' }))).toEqual([
      `ALTER TABLE users DROP INDEX ix_users_tier_id, ADD INDEX ${ifNotExists}tier_id (tier_id)`,
    ]);
    expect(indexes(s.model.requireTable('users'))).toEqual(['tier_id(tier_id)']);
    expect(differenceLines(diffSnapshots(withKey, modelSnapshot(s.model)))).toEqual([]);

    // made by hand, it stays when an index serves the key again, and that one then drops plainly
    await s.run((op) => op.createIndex('ix_users_tier_id', 'users', ['tier_id']));
    expect(indexes(s.model.requireTable('users'))).toEqual(['tier_id(tier_id)', 'ix_users_tier_id(tier_id)']);
    expect(await s.run((op) => op.dropIndex('ix_users_tier_id', { table: 'users' }))).toEqual(['DROP INDEX ix_users_tier_id ON users']);
  });

  it('gone with its column, or with its foreign key; dropping the column writes what it wrote before', async () => {
    const s = await session(dialect);
    await s.run(tiers);
    const start = modelSnapshot(s.model);
    await s.run((op) => op.addColumn('users', column('tier_id', t.integer(), { references: 'tiers.id' })));
    expect(await s.run((op) => op.dropColumn('users', 'tier_id'))).toEqual(['ALTER TABLE users DROP FOREIGN KEY users_ibfk_1, DROP COLUMN tier_id']);
    expect(s.model.requireTable('users').indexes).toEqual([]);
    expect(differenceLines(diffSnapshots(start, modelSnapshot(s.model)))).toEqual([]);

    await s.run((op) => op.createForeignKey('fk_users_email', 'users', 'tiers', ['id'], ['id']));
    // served by the primary key: no index of InnoDB's
    expect(s.model.requireTable('users').indexes).toEqual([]);
    await s.run((op) => op.addColumn('users', column('tier_id', t.integer())));
    expect(await s.run((op) => op.createForeignKey('fk_users_tier', 'users', 'tiers', ['tier_id'], ['id']))).toEqual([
      'ALTER TABLE users ADD CONSTRAINT fk_users_tier FOREIGN KEY(tier_id) REFERENCES tiers (id)',
    ]);
    // a named foreign key's index carries the constraint's name
    expect(indexes(s.model.requireTable('users'))).toEqual(['fk_users_tier(tier_id)*']);
    expect(await s.run((op) => op.dropConstraint('fk_users_tier', 'users', { type: 'foreignkey' }))).toEqual(['ALTER TABLE users DROP FOREIGN KEY fk_users_tier']);
    expect(s.model.requireTable('users').indexes).toEqual([]);
  });

  it('never written in CREATE TABLE; a unique key on the column takes its place and its name', async () => {
    const s = await session(dialect);
    await s.run(tiers);
    const statements = await s.run((op) => {
      op.createTable('posts', [
        column('id', t.integer(), { primaryKey: true }),
        column('user_id', t.integer(), { references: 'users.id' }),
        column('tier_id', t.integer(), { references: 'tiers.id', index: true }),
      ]);
    });
    expect(statements.filter((x) => x.startsWith('CREATE INDEX'))).toEqual(['CREATE INDEX ix_posts_tier_id ON posts (tier_id)']);
    expect(indexes(s.model.requireTable('posts'))).toEqual(['ix_posts_tier_id(tier_id)', 'user_id(user_id)*']);
    await s.run((op) => op.createUniqueConstraint(null, 'posts', ['user_id']));
    const posts = s.model.requireTable('posts');
    expect(posts.constraints.filter((c) => c.kind === 'unique').map((c) => c.name)).toEqual(['user_id']);
    expect(indexes(posts)).toEqual(['ix_posts_tier_id(tier_id)']);
  });

  it('of a key on (a) and one on (a, b), InnoDB keeps one index, on (a, b), as MariaDB does', async () => {
    const s = await session(dialect);
    await s.run((op) => {
      op.createTable('p', [column('x', t.integer(), { primaryKey: true }), column('y', t.integer(), { primaryKey: true })]);
      op.createTable('c', [column('id', t.integer(), { primaryKey: true }), column('a', t.integer(), { references: 'p.x' }), column('b', t.integer())]);
    });
    expect(indexes(s.model.requireTable('c'))).toEqual(['a(a)*']);
    await s.run((op) => op.createForeignKey(null, 'c', 'p', ['a', 'b'], ['x', 'y']));
    expect(indexes(s.model.requireTable('c'))).toEqual(['a(a,b)*']);
    await s.run((op) => {
      op.createTable('d', [
        column('id', t.integer(), { primaryKey: true }),
        column('a', t.integer()),
        column('b', t.integer()),
        foreignKeyConstraint(['a'], 'p', ['x']),
        foreignKeyConstraint(['a', 'b'], 'p', ['x', 'y']),
      ]);
    });
    expect(indexes(s.model.requireTable('d'))).toEqual(['a(a,b)*']);
  });

  it('cannot be dropped by name while its foreign key needs it; an index of its name must serve the key', async () => {
    const s = await session(dialect);
    await s.run(tiers);
    await s.run((op) => op.addColumn('users', column('tier_id', t.integer(), { references: 'tiers.id' })));
    await expect(s.run((op) => op.dropIndex('tier_id', { table: 'users' }))).rejects.toThrow(
      /index tier_id of table users is the one the database made for foreign key users_ibfk_1: it cannot be dropped while the foreign key needs it/,
    );
    await expect(s.run((op) => op.createIndex('tier_id', 'users', ['email']))).rejects.toThrow(/index tier_id already exists on table users: the database made it for foreign key users_ibfk_1/);
    // one that serves the key replaces InnoDB's (the server drops its own first)
    expect(await s.run((op) => op.createIndex('tier_id', 'users', ['tier_id', 'email']))).toEqual(['CREATE INDEX tier_id ON users (tier_id, email)']);
    expect(indexes(s.model.requireTable('users'))).toEqual(['tier_id(tier_id,email)']);
    // another table may have an index of that name: index names are per table
    await s.run((op) => op.createTable('other', [column('id', t.integer(), { primaryKey: true }), column('tier_id', t.integer(), { references: 'tiers.id' })]));
    expect(indexes(s.model.requireTable('other'))).toEqual(['tier_id(tier_id)*']);
  });
});

describe('other dialects', () => {
  it.each(['postgresql', 'sqlite', 'mssql', 'oracle'] as const)('%s: the database keeps no index for a foreign key; none is recorded', async (dialect) => {
    const s = await session(dialect);
    await s.run(tiers);
    await s.run((op) => op.addColumn('users', column('tier_id', t.integer(), { references: 'tiers.id' })));
    expect(s.model.requireTable('users').indexes).toEqual([]);
  });
});

describe('the order of tables, which a schema snapshot follows', () => {
  it('a table dropped and created again takes its old place, so a downgrade that re-creates it restores the snapshot', async () => {
    const s = await session('mysql');
    const child = (name: string): Recorder => (op) => op.createTable(name, [column('id', t.integer(), { primaryKey: true }), column('tier_id', t.integer(), { references: 'tiers.id' })]);
    await s.run(tiers);
    await s.run(child('a'));
    await s.run(child('b'));
    const before = modelSnapshot(s.model);
    // InnoDB names both indexes after the column: one snapshot key, `ON a ... | ON b ...`
    expect(before.get('index tier_id')).toBe('ON a {"columns":["tier_id"],"unique":false} | ON b {"columns":["tier_id"],"unique":false}');
    const copy = s.model.clone();
    await s.run((op) => op.dropTable('a'));
    await s.run(child('a'));
    expect(s.model.allTables().map((x) => x.name)).toEqual(['tiers', 'users', 'a', 'b']);
    expect(differenceLines(diffSnapshots(before, modelSnapshot(s.model)))).toEqual([]);
    expect(copy.allTables().map((x) => x.name)).toEqual(['tiers', 'users', 'a', 'b']);
  });

  it.each(['mysql', 'mariadb'])('gensql check -d %s: a downgrade that re-creates a table with a foreign key passes', async (dialect) => {
    const cwd = makeProject({
      'r1_base.ts': revisionFile({ id: 'r1', up: CHILDREN, down_body: "op.dropTable('b'); op.dropTable('a'); op.dropTable('users');" }),
      'r2_drop_a.ts': revisionFile({ id: 'r2', down: 'r1', up: "op.dropTable('a');", down_body: CHILD_A }),
    });
    try {
      const r = await gensql(['check', '-d', dialect], { cwd });
      expect(r.code, r.stdout + r.stderr).toBe(0);
    } finally {
      fs.rmSync(cwd, { recursive: true, force: true });
    }
  });
});

const CHILD_A = "op.createTable('a', [column('id', t.integer(), { primaryKey: true }), column('user_id', t.integer(), { references: 'users.id' })]);";
const CHILDREN = [
  "op.createTable('users', [column('id', t.integer(), { primaryKey: true })]);",
  CHILD_A,
  "op.createTable('b', [column('id', t.integer(), { primaryKey: true }), column('user_id', t.integer(), { references: 'users.id' })]);",
].join('\n');

describe('gensql check on the example project', () => {
  it.each(['mysql', 'mariadb'])('-d %s: every downgrade restores the schema (exit 0)', async (dialect) => {
    const r = await gensql(['check', '-d', dialect], { cwd: EXAMPLES });
    expect(r.stdout).not.toMatch(/FAILED/);
    expect(r.stdout).toMatch(/ok +0a1b2c3d4e5f +merge billing and cleanup/);
    expect(r.code, r.stdout + r.stderr).toBe(0);
  });
});
