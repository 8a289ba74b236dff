/**
 * The names MariaDB gives unnamed constraints and the indexes InnoDB keeps
 * for foreign keys, checked on the real server (information_schema, SHOW
 * INDEX) against what gensql's schema model says; then every constraint is
 * dropped by the model's name, and the drops InnoDB would refuse (an index
 * a foreign key needs, a column a foreign key or CHECK uses) go through.
 */
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { foreignKeyIndexes } from '../../dialects/mysql-model.js';
import { checkConstraint, column, t, uniqueConstraint } from '../../src/index.js';
import type { ConstraintState } from '../../src/model/state.js';
import { maria } from '../support/engines.js';
import { session, type Recorder, type Session } from '../support/render.js';

const dbs: string[] = [];
afterAll(() => dbs.forEach((db) => maria.drop(db)));

interface Fixture {
  readonly s: Session;
  readonly db: string;
  apply(fn: Recorder): Promise<string[]>;
}

async function fixture(setup: Recorder): Promise<Fixture> {
  const s = await session('mariadb');
  const db = maria.fresh();
  dbs.push(db);
  const apply = async (fn: Recorder): Promise<string[]> => {
    const statements = await s.run(fn);
    maria.applyOk(db, statements.map((x) => `${x};\n`).join(''));
    return statements;
  };
  await apply(setup);
  return { s, db, apply };
}

const KIND: Record<string, ConstraintState['kind']> = { 'PRIMARY KEY': 'primaryKey', UNIQUE: 'unique', 'FOREIGN KEY': 'foreignKey', CHECK: 'check' };

/** `kind name` of every constraint of the table, as the server reports them. */
function serverConstraints(db: string, table: string): string[] {
  return maria
    .query(db, `select constraint_type, constraint_name from information_schema.table_constraints where table_schema = database() and table_name = '${table}'`)
    .map((l) => {
      const [type, name] = l.split('\t');
      return `${KIND[type!]} ${name}`;
    })
    .sort();
}

function modelConstraints(s: Session, table: string): string[] {
  return s.model.requireTable(table).constraints.map((c) => `${c.kind} ${c.name}`).sort();
}

function serverIndexes(db: string, table: string): string[] {
  return [...new Set(maria.query(db, `show index from \`${table}\``).map((l) => l.split('\t')[2]!))].sort();
}

/** The index names the model knows: keys, indexes, and the ones InnoDB makes for foreign keys. */
function modelIndexes(s: Session, table: string): string[] {
  const t = s.model.requireTable(table);
  const names = t.constraints.filter((c) => c.kind === 'primaryKey' || c.kind === 'unique').map((c) => (c.kind === 'primaryKey' ? 'PRIMARY' : c.name!));
  return [...names, ...t.indexes.map((i) => i.name), ...foreignKeyIndexes(t).map((i) => i.name)].sort();
}

function showCreate(db: string, table: string): string {
  const r = spawnSync('mysql', ['-N', '-B', '-r', db, '-e', `show create table \`${table}\``], { encoding: 'utf8' });
  return r.stdout.split('\t').slice(1).join('\t').trim();
}

const schema: Recorder = (op) => {
  op.createTable('parent', [column('id', t.integer(), { primaryKey: true }), column('code', t.string(10), { unique: true })]);
  op.createTable('child', [
    column('id', t.integer(), { primaryKey: true }),
    column('parent_id', t.integer(), { references: 'parent.id', onDelete: 'CASCADE' }),
    column('alt_id', t.integer(), { references: 'parent.id' }),
    column('qty', t.integer(), { check: 'qty >= 0' }),
    column('label', t.string(20)),
    column('code', t.string(10), { unique: true }),
    checkConstraint('alt_id <> parent_id'),
    checkConstraint('qty < 1000'),
    uniqueConstraint(['label', 'qty']),
    uniqueConstraint(['label']),
  ]);
};

describe('MariaDB: implicit constraint names', () => {
  it('the model names unnamed constraints and foreign-key indexes as the server does', async () => {
    const f = await fixture(schema);
    expect(modelConstraints(f.s, 'child')).toEqual(serverConstraints(f.db, 'child'));
    expect(modelConstraints(f.s, 'child')).toEqual([
      'check CONSTRAINT_1',
      'check CONSTRAINT_2',
      'check qty',
      'foreignKey child_ibfk_1',
      'foreignKey child_ibfk_2',
      'primaryKey PRIMARY',
      'unique code',
      'unique label',
      'unique label_2',
    ]);
    expect(modelIndexes(f.s, 'child')).toEqual(serverIndexes(f.db, 'child'));
    expect(serverIndexes(f.db, 'child')).toContain('alt_id'); // made by InnoDB for the foreign key
    expect(modelConstraints(f.s, 'parent')).toEqual(serverConstraints(f.db, 'parent'));
  });

  it('columns added later: foreign keys continue the numbering, a unique index avoids taken names', async () => {
    const f = await fixture(schema);
    await f.apply((op) => op.dropConstraint('child_ibfk_1', 'child'));
    await f.apply((op) => op.addColumn('child', column('third_id', t.integer(), { references: 'parent.id' })));
    await f.apply((op) => op.addColumn('child', column('label2', t.string(5), { unique: true })));
    await f.apply((op) => op.addColumn('child', column('qty2', t.integer(), { check: 'qty2 > 0' })));
    expect(modelConstraints(f.s, 'child')).toEqual(serverConstraints(f.db, 'child'));
    expect(modelConstraints(f.s, 'child')).toContain('foreignKey child_ibfk_3');
    expect(modelConstraints(f.s, 'child')).toContain('check qty2');
    // DROP FOREIGN KEY leaves InnoDB's index behind (as in Alembic); the rest agrees
    expect(serverIndexes(f.db, 'child')).toEqual([...modelIndexes(f.s, 'child'), 'parent_id'].sort());
  });

  it('renaming the table renames <table>_ibfk_<n> foreign keys, in the model as on the server', async () => {
    const f = await fixture(schema);
    await f.apply((op) => op.renameTable('child', 'kid'));
    expect(modelConstraints(f.s, 'kid')).toEqual(serverConstraints(f.db, 'kid'));
    expect(modelConstraints(f.s, 'kid')).toContain('foreignKey kid_ibfk_2');
  });

  it('every constraint drops by the name the model gives it, its type from the model', async () => {
    const f = await fixture(schema);
    await f.apply((op) => op.renameTable('child', 'kid'));
    const names = f.s.model.requireTable('kid').constraints.map((c) => c.name!);
    const statements: string[] = [];
    // foreign keys first: a unique index may serve one of them
    for (const name of [...names].sort((a, b) => Number(b.includes('ibfk')) - Number(a.includes('ibfk')))) {
      if (name === 'PRIMARY') continue;
      statements.push(...(await f.apply((op) => op.dropConstraint(name, 'kid'))));
    }
    expect(statements).toEqual([
      'ALTER TABLE kid DROP FOREIGN KEY kid_ibfk_1',
      'ALTER TABLE kid DROP FOREIGN KEY kid_ibfk_2',
      'ALTER TABLE kid DROP CONSTRAINT `CONSTRAINT_1`',
      'ALTER TABLE kid DROP CONSTRAINT `CONSTRAINT_2`',
      'ALTER TABLE kid DROP INDEX label',
      'ALTER TABLE kid DROP INDEX label_2',
      // MariaDB keeps a column's own CHECK in the column: it goes by restating the column
      'ALTER TABLE kid MODIFY qty INTEGER NULL',
      'ALTER TABLE kid DROP INDEX code',
    ]);
    expect(serverConstraints(f.db, 'kid')).toEqual(['primaryKey PRIMARY']);
  });
});

describe('MariaDB: drops InnoDB would refuse', () => {
  const posts: Recorder = (op) => {
    op.createTable('users', [column('id', t.integer(), { primaryKey: true })]);
    op.createTable('posts', [
      column('id', t.integer(), { primaryKey: true }),
      column('user_id', t.integer(), { nullable: false, references: 'users.id' }),
      column('title', t.string(50)),
    ]);
  };

  it('dropping the index a foreign key uses brings back the index InnoDB had made', async () => {
    const f = await fixture(posts);
    const original = showCreate(f.db, 'posts');
    expect(original).toContain('KEY `user_id` (`user_id`)');
    await f.apply((op) => op.createIndex('ix_posts_user', 'posts', ['user_id', 'title']));
    expect(showCreate(f.db, 'posts')).not.toContain('KEY `user_id`');
    const statements = await f.apply((op) => op.dropIndex('ix_posts_user', { table: 'posts' }));
    expect(statements).toEqual(['ALTER TABLE posts DROP INDEX ix_posts_user, ADD INDEX IF NOT EXISTS user_id (user_id)']);
    expect(showCreate(f.db, 'posts')).toBe(original);
  });

  it('the index kept for the foreign key stays an ordinary index, in the model as on the server', async () => {
    const f = await fixture(posts);
    await f.apply((op) => op.createIndex('ix_posts_user', 'posts', ['user_id', 'title']));
    await f.apply((op) => op.dropIndex('ix_posts_user', { table: 'posts' }));
    // a new index serving the key does not replace it, and dropping that one needs nothing more
    await f.apply((op) => op.createIndex('ix_posts_user', 'posts', ['user_id', 'title']));
    expect(modelIndexes(f.s, 'posts')).toEqual(serverIndexes(f.db, 'posts'));
    expect(await f.apply((op) => op.dropIndex('ix_posts_user', { table: 'posts' }))).toEqual(['DROP INDEX ix_posts_user ON posts']);
  });

  it('a script rendered for the upgrade path still applies after a downgrade left that index behind', async () => {
    // what `upgrade X:head` meets after `downgrade head:X`: the model replays the upgrades only
    const f = await fixture(posts);
    const original = showCreate(f.db, 'posts');
    await f.apply((op) => op.createIndex('ix_posts_user', 'posts', ['user_id', 'title']));
    await f.apply((op) => op.dropIndex('ix_posts_user', { table: 'posts' }));
    const replay = await session('mariadb');
    await replay.run(posts);
    const again = async (fn: Recorder): Promise<string[]> => {
      const statements = await replay.run(fn);
      maria.applyOk(f.db, statements.map((x) => `${x};\n`).join(''));
      return statements;
    };
    await again((op) => op.createIndex('ix_posts_user', 'posts', ['user_id', 'title']));
    expect(await again((op) => op.dropIndex('ix_posts_user', { table: 'posts' }))).toEqual([
      'ALTER TABLE posts DROP INDEX ix_posts_user, ADD INDEX IF NOT EXISTS user_id (user_id)',
    ]);
    expect(showCreate(f.db, 'posts')).toBe(original);
  });

  it('an index that no foreign key needs drops plainly', async () => {
    const f = await fixture(posts);
    await f.apply((op) => op.createIndex('ix_posts_title', 'posts', ['title']));
    expect(await f.apply((op) => op.dropIndex('ix_posts_title'))).toEqual(['DROP INDEX ix_posts_title ON posts']);
  });

  it('dropping a unique constraint a foreign key uses keeps an index for it', async () => {
    const f = await fixture(posts);
    const original = showCreate(f.db, 'posts');
    await f.apply((op) => op.createUniqueConstraint('uq_posts_user_title', 'posts', ['user_id', 'title']));
    const statements = await f.apply((op) => op.dropConstraint('uq_posts_user_title', 'posts'));
    expect(statements).toEqual(['ALTER TABLE posts DROP INDEX uq_posts_user_title, ADD INDEX IF NOT EXISTS user_id (user_id)']);
    expect(showCreate(f.db, 'posts')).toBe(original);
  });

  it('dropping a column drops its foreign key in the same statement', async () => {
    const f = await fixture(posts);
    const statements = await f.apply((op) => op.dropColumn('posts', 'user_id'));
    expect(statements).toEqual(['ALTER TABLE posts DROP FOREIGN KEY posts_ibfk_1, DROP COLUMN user_id']);
    expect(showCreate(f.db, 'posts')).not.toMatch(/user_id|FOREIGN KEY/);
  });

  const multi: Recorder = (op) => {
    op.createTable('m', [
      column('a', t.integer(), { nullable: false, check: 'a <> 13' }),
      column('b', t.integer(), { nullable: false }),
      column('c', t.integer(), { check: 'c > a' }),
      column('d', t.integer(), { check: 'd > 0' }),
      uniqueConstraint(['a', 'b']),
      checkConstraint('a < 100'),
      checkConstraint('b < 100'),
    ]);
    op.createIndex('ix_m_ba', 'm', ['b', 'a']);
    op.createPrimaryKey('pk_m', 'm', ['a', 'd']);
  };

  it('dropping a column drops the multi-column keys it is part of in the same statement; its own CHECK goes with it', async () => {
    const f = await fixture(multi);
    await f.apply((op) => {
      op.dropConstraint('CONSTRAINT_1', 'm');
      op.dropConstraint('c', 'm');
    });
    const statements = await f.apply((op) => op.dropColumn('m', 'a'));
    expect(statements).toEqual(['ALTER TABLE m DROP PRIMARY KEY, DROP INDEX a, DROP INDEX ix_m_ba, DROP COLUMN a']);
    expect(serverConstraints(f.db, 'm')).toEqual(['check CONSTRAINT_2', 'check d']);
    expect(modelConstraints(f.s, 'm')).toEqual(serverConstraints(f.db, 'm'));
    expect(serverIndexes(f.db, 'm')).toEqual([]);
  });

  it('dropping a column another CHECK reads is refused, as the server would refuse it', async () => {
    const f = await fixture(multi);
    await expect(f.s.run((op) => op.dropColumn('m', 'a'))).rejects.toThrow(/mariadb cannot drop m\.a: CHECK CONSTRAINT_1, c uses it; drop the check first/);
  });
});
