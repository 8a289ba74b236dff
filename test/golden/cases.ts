/**
 * Golden cases: one op call (after an optional setup), rendered for every
 * dialect. The exact SQL per dialect lives in expected/<dialect>.ts, typed
 * Record<CaseName, Expected>: a case without an expectation for some
 * dialect, or a dialect without its file, does not compile.
 */
import { checkConstraint, column, foreignKeyConstraint, index, primaryKeyConstraint, sql, t, uniqueConstraint } from '../../src/index.js';
import type { Recorder } from '../support/render.js';

export interface GoldenCase {
  /** ops that build the state the case needs (rendered and applied, not asserted) */
  readonly given?: Recorder;
  /** the op(s) under test */
  readonly when: Recorder;
}

/** Expected SQL (statements joined by `;\n`, each ending in `;`), or the error the dialect must give. */
export type Expected = string | { readonly error: RegExp };

const parent: Recorder = (op) => {
  op.createTable('parent', [column('id', t.integer(), { primaryKey: true }), column('name', t.string(50), { nullable: false })]);
};

const people: Recorder = (op) => {
  op.createTable('people', [
    column('id', t.integer(), { primaryKey: true }),
    column('nickname', t.string(30)),
    column('age', t.integer()),
    column('score', t.integer(), { nullable: false, serverDefault: 0 }),
    column('status', t.string(10), { nullable: false, serverDefault: 'new' }),
    column('note', t.text(), { comment: 'free text' }),
  ]);
};

const parentAndChild: Recorder = (op) => {
  parent(op);
  op.createTable('child', [
    column('id', t.integer(), { primaryKey: true }),
    column('parent_id', t.integer(), { nullable: false }),
    column('code', t.string(10)),
  ]);
};

export const CASES = {
  'createTable: basic': {
    when: (op) =>
      op.createTable('account', [
        column('id', t.integer(), { primaryKey: true }),
        column('name', t.string(50), { nullable: false }),
        column('description', t.unicode(200)),
      ]),
  },
  'createTable: server defaults': {
    when: (op) =>
      op.createTable('defaults', [
        column('a', t.string(10), { serverDefault: 'x' }),
        column('b', t.integer(), { serverDefault: 0 }),
        column('c', t.numeric(10, 2), { serverDefault: sql`0.00` }),
        column('d', t.dateTime(), { serverDefault: sql`CURRENT_TIMESTAMP` }),
        column('e', t.string(10), { serverDefault: "it's" }),
        column('f', t.boolean(), { nullable: false, serverDefault: true }),
      ]),
  },
  'createTable: quoted identifiers': {
    when: (op) =>
      op.createTable('Order', [
        column('id', t.integer(), { primaryKey: true }),
        column('select', t.string(10)),
        column('userId', t.integer()),
        column('lower_ok', t.integer()),
      ]),
  },
  'createTable: named constraints, FK actions, index': {
    given: parent,
    when: (op) =>
      op.createTable('child', [
        column('id', t.integer(), { primaryKey: true }),
        column('parent_id', t.integer(), { nullable: false }),
        column('code', t.string(10)),
        foreignKeyConstraint(['parent_id'], 'parent', ['id'], { name: 'fk_child_parent', onDelete: 'CASCADE' }),
        uniqueConstraint(['code'], { name: 'uq_child_code' }),
        checkConstraint('id > 0', { name: 'ck_child_id' }),
        index('ix_child_parent', ['parent_id']),
      ]),
  },
  'createTable: composite primary key and unnamed constraints': {
    given: parent,
    when: (op) =>
      op.createTable('membership', [
        column('parent_id', t.integer(), { references: 'parent.id', onDelete: 'CASCADE' }),
        column('slot', t.integer()),
        column('label', t.string(20), { unique: true }),
        column('weight', t.integer(), { check: 'weight >= 0' }),
        primaryKeyConstraint(['parent_id', 'slot']),
      ]),
  },
  'createTable: column index and unique index': {
    when: (op) =>
      op.createTable('tags', [
        column('id', t.integer(), { primaryKey: true }),
        column('slug', t.string(40), { index: true, unique: true }),
        column('kind', t.string(20), { index: true }),
      ]),
  },
  'createTable: comments': {
    when: (op) =>
      op.createTable('notes', [column('id', t.integer(), { primaryKey: true }), column('body', t.text(), { comment: "the note's text" })], { comment: 'user notes' }),
  },
  'createTable: identity column': {
    when: (op) =>
      op.createTable('ledger', [
        column('id', t.integer(), { primaryKey: true, identity: { start: 10, increment: 5 } }),
        column('amount', t.numeric(12, 2), { nullable: false }),
      ]),
  },
  'createTable: bigint autoincrement key': {
    when: (op) => op.createTable('events', [column('id', t.bigInteger(), { primaryKey: true }), column('payload', t.json())]),
  },
  'createTable: integer key without autoincrement': {
    when: (op) => op.createTable('codes', [column('id', t.integer(), { primaryKey: true, autoincrement: false }), column('label', t.string(20))]),
  },
  'createTable: enum column': {
    when: (op) =>
      op.createTable('orders', [
        column('id', t.integer(), { primaryKey: true }),
        column('status', t.enum(['new', 'paid', 'shipped'], { name: 'order_status' }), { nullable: false, serverDefault: 'new' }),
      ]),
  },
  'createTable: generic types': {
    when: (op) =>
      op.createTable('types', [
        column('i', t.integer()),
        column('bi', t.bigInteger()),
        column('si', t.smallInteger()),
        column('b', t.boolean()),
        column('s', t.string(20)),
        column('tx', t.text()),
        column('u', t.unicode(30)),
        column('ut', t.unicodeText()),
        column('d', t.date()),
        column('dt', t.dateTime()),
        column('dtz', t.dateTime({ timezone: true })),
        column('tm', t.time()),
        column('n', t.numeric(10, 2)),
        column('f', t.float()),
        column('lb', t.largeBinary()),
        column('j', t.json()),
        column('id', t.uuid()),
      ]),
  },
  'createTable: ifNotExists': {
    when: (op) => op.createTable('maybe', [column('id', t.integer(), { primaryKey: true })], { ifNotExists: true }),
  },
  'dropTable': { given: parent, when: (op) => op.dropTable('parent') },
  'dropTable: ifExists': { given: parent, when: (op) => op.dropTable('parent', { ifExists: true }) },
  'renameTable': { given: parent, when: (op) => op.renameTable('parent', 'guardian') },
  'addColumn: nullable with default': {
    given: parent,
    when: (op) => op.addColumn('parent', column('nickname', t.string(30), { serverDefault: 'none' })),
  },
  'addColumn: not null with default': {
    given: parent,
    when: (op) => op.addColumn('parent', column('rank', t.integer(), { nullable: false, serverDefault: 1 })),
  },
  'addColumn: with a foreign key': {
    given: parentAndChild,
    when: (op) => op.addColumn('child', column('other_parent_id', t.integer(), { references: 'parent.id', onDelete: 'SET NULL' })),
  },
  'addColumn: with a comment': {
    given: parent,
    when: (op) => op.addColumn('parent', column('bio', t.text(), { comment: 'about me' })),
  },
  'addColumn: unique and indexed': {
    given: parent,
    when: (op) => {
      op.addColumn('parent', column('email', t.string(100), { unique: true }));
      op.addColumn('parent', column('city', t.string(40), { index: true }));
    },
  },
  'dropColumn': { given: people, when: (op) => op.dropColumn('people', 'age') },
  'alterColumn: set not null': { given: people, when: (op) => op.alterColumn('people', 'nickname', { nullable: false }) },
  'alterColumn: drop not null': { given: people, when: (op) => op.alterColumn('people', 'score', { nullable: true }) },
  'alterColumn: type': { given: people, when: (op) => op.alterColumn('people', 'nickname', { type: t.string(60) }) },
  'alterColumn: type with using': {
    given: people,
    when: (op) => op.alterColumn('people', 'status', { type: t.integer(), ...(op.dialect === 'postgresql' ? { using: 'length(status)' } : {}), serverDefault: null }),
  },
  'alterColumn: set default': { given: people, when: (op) => op.alterColumn('people', 'score', { serverDefault: 10 }) },
  'alterColumn: drop default': { given: people, when: (op) => op.alterColumn('people', 'status', { serverDefault: null }) },
  'alterColumn: rename': { given: people, when: (op) => op.alterColumn('people', 'note', { newColumnName: 'remark' }) },
  'alterColumn: comment': {
    given: people,
    when: (op) => {
      op.alterColumn('people', 'age', { comment: 'years' });
      op.alterColumn('people', 'note', { comment: null });
    },
  },
  'alterColumn: everything at once': {
    given: people,
    when: (op) => op.alterColumn('people', 'nickname', { nullable: false, type: t.string(40), serverDefault: 'anon', newColumnName: 'handle' }),
  },
  'createIndex': {
    given: people,
    when: (op) => {
      op.createIndex('ix_people_age', 'people', ['age']);
      op.createIndex('ux_people_nick_status', 'people', ['nickname', 'status'], { unique: true });
    },
  },
  'createIndex: expression': { given: people, when: (op) => op.createIndex('ix_people_lower_nick', 'people', [sql`lower(nickname)`]) },
  'createIndex: partial': { given: people, when: (op) => op.createIndex('ix_people_adults', 'people', ['age'], { where: 'age >= 18' }) },
  'dropIndex': {
    given: (op) => {
      people(op);
      op.createIndex('ix_people_age', 'people', ['age']);
    },
    when: (op) => op.dropIndex('ix_people_age', { table: 'people' }),
  },
  'createPrimaryKey': {
    given: (op) => op.createTable('loose', [column('a', t.integer(), { nullable: false }), column('b', t.integer(), { nullable: false })]),
    when: (op) => op.createPrimaryKey('pk_loose', 'loose', ['a', 'b']),
  },
  'createUniqueConstraint': { given: people, when: (op) => op.createUniqueConstraint('uq_people_nickname', 'people', ['nickname']) },
  'createForeignKey': {
    given: parentAndChild,
    when: (op) => op.createForeignKey('fk_child_parent', 'child', 'parent', ['parent_id'], ['id'], { onDelete: 'CASCADE', onUpdate: 'RESTRICT' }),
  },
  'createCheckConstraint': { given: people, when: (op) => op.createCheckConstraint('ck_people_age', 'people', 'age >= 0') },
  'dropConstraint: foreign key': {
    given: (op) => {
      parentAndChild(op);
      op.createForeignKey('fk_child_parent', 'child', 'parent', ['parent_id'], ['id']);
    },
    when: (op) => op.dropConstraint('fk_child_parent', 'child', { type: 'foreignkey' }),
  },
  'dropConstraint: unique': {
    given: (op) => {
      people(op);
      op.createUniqueConstraint('uq_people_nickname', 'people', ['nickname']);
    },
    when: (op) => op.dropConstraint('uq_people_nickname', 'people', { type: 'unique' }),
  },
  'dropConstraint: check, type from the model': {
    given: (op) => {
      people(op);
      op.createCheckConstraint('ck_people_age', 'people', 'age >= 0');
    },
    when: (op) => op.dropConstraint('ck_people_age', 'people'),
  },
  'createTableComment': { given: parent, when: (op) => op.createTableComment('parent', "parents' table") },
  'dropTableComment': {
    given: (op) => {
      parent(op);
      op.createTableComment('parent', 'x');
    },
    when: (op) => op.dropTableComment('parent'),
  },
  'execute': {
    given: parent,
    when: (op) => {
      op.execute('UPDATE parent SET name = upper(name)');
      op.execute(sql`DELETE FROM parent WHERE name = ${"O'Brien"} AND id > ${3};`);
    },
  },
  'bulkInsert': {
    given: (op) =>
      op.createTable('samples', [
        column('id', t.integer(), { primaryKey: true }),
        column('s', t.text()),
        column('b', t.boolean()),
        column('n', t.numeric(12, 4)),
        column('big', t.bigInteger()),
        column('at', t.dateTime()),
        column('j', t.json()),
      ]),
    when: (op) =>
      op.bulkInsert('samples', [
        { id: 1, s: "it's", b: true, n: 3.25, big: 9007199254740993n, at: new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 678)), j: { a: [1, 'x'] } },
        { id: 2, s: 'back\\slash', b: false, n: -0.5, big: null, at: null, j: null },
        { id: 3, s: null },
      ]),
  },
  'bulkInsert: multiInsert': {
    given: parent,
    when: (op) =>
      op.bulkInsert('parent', [
        { id: 1, name: 'a' },
        { id: 2, name: 'b' },
      ], { multiInsert: true }),
  },
  'createEnum and dropEnum': {
    when: (op) => {
      op.createEnum('mood', ['sad', 'ok', 'happy']);
      op.dropEnum('mood');
    },
  },
  'createSequence and dropSequence': {
    when: (op) => {
      op.createSequence('invoice_seq', { start: 1000, increment: 10 });
      op.dropSequence('invoice_seq');
    },
  },
  'batchAlterTable': {
    given: people,
    when: (op) =>
      op.batchAlterTable('people', (batch) => {
        batch.addColumn(column('email', t.string(100)));
        batch.alterColumn('nickname', { nullable: false });
        batch.dropColumn('age');
      }),
  },
  'batchAlterTable: recreate always': {
    given: people,
    when: (op) =>
      op.batchAlterTable(
        'people',
        (batch) => {
          batch.alterColumn('age', { type: t.bigInteger() });
          batch.dropColumn('note');
        },
        { recreate: 'always' },
      ),
  },
} satisfies Record<string, GoldenCase>;

export type CaseName = keyof typeof CASES;

/** Version-table bookkeeping, per dialect too. */
export const VERSION_CASES = {
  'versionTableCreate': [{ kind: 'versionTableCreate' }],
  'versionInsert, versionUpdate, versionDelete': [
    { kind: 'versionInsert', rev: 'aaaa00000001' },
    { kind: 'versionUpdate', from: 'aaaa00000001', to: 'bbbb00000002' },
    { kind: 'versionDelete', rev: 'bbbb00000002' },
  ],
  'versionGuard: from base': [{ kind: 'versionGuard', expected: [], purpose: 'upgrade base:head' }],
  'versionGuard: at revisions': [{ kind: 'versionGuard', expected: ['aaaa00000001', 'bbbb00000002'], purpose: 'upgrade aaaa:head' }],
} as const;

export type VersionCaseName = keyof typeof VERSION_CASES;
