/**
 * There is no MySQL server here, so the MySQL 8 golden SQL is checked as
 * text (golden.test.ts) against the manual. Most of it is syntax MariaDB
 * shares, and that part runs on the MariaDB server: each case listed below
 * (with its setup) must apply cleanly. The cases left out use what only
 * MySQL 8 has: DROP CHECK and expression index key parts `((expr))`;
 * createEnum/dropEnum render nothing, and refused cases no SQL at all.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { maria } from '../support/engines.js';
import { session } from '../support/render.js';
import { CASES, type CaseName } from '../golden/cases.js';
import { cases as expected } from '../golden/expected/mysql.js';

const SHARED: readonly CaseName[] = [
  'createTable: basic',
  'createTable: server defaults',
  'createTable: quoted identifiers',
  'createTable: composite primary key and unnamed constraints',
  'createTable: column index and unique index',
  'createTable: comments',
  'createTable: bigint autoincrement key',
  'createTable: integer key without autoincrement',
  'createTable: enum column',
  'createTable: generic types',
  'createTable: ifNotExists',
  'dropTable',
  'dropTable: ifExists',
  'renameTable',
  'addColumn: nullable with default',
  'addColumn: not null with default',
  'addColumn: with a foreign key',
  'addColumn: with a comment',
  'addColumn: unique and indexed',
  'dropColumn',
  'alterColumn: set not null',
  'alterColumn: drop not null',
  'alterColumn: type',
  'alterColumn: type with using',
  'alterColumn: set default',
  'alterColumn: drop default',
  'alterColumn: rename',
  'alterColumn: comment',
  'alterColumn: everything at once',
  'createIndex',
  'dropIndex',
  'createPrimaryKey',
  'createUniqueConstraint',
  'createForeignKey',
  'createCheckConstraint',
  'dropConstraint: foreign key',
  'dropConstraint: unique',
  'createTableComment',
  'dropTableComment',
  'execute',
  'bulkInsert',
  'bulkInsert: multiInsert',
  'batchAlterTable',
];

const dbs: string[] = [];
afterAll(() => dbs.forEach((db) => maria.drop(db)));

describe('MySQL 8 SQL that MariaDB shares runs on the MariaDB server', () => {
  for (const name of SHARED) {
    it(name, async () => {
      const c = CASES[name];
      const s = await session('mysql');
      const setup = 'given' in c && c.given ? await s.run(c.given) : [];
      const statements = await s.run(c.when);
      expect(statements.map((x) => `${x};`).join('\n')).toBe(expected[name]);
      const db = maria.fresh();
      dbs.push(db);
      const r = maria.apply(db, [...setup, ...statements].map((x) => `${x};\n`).join(''));
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
    });
  }

  it('the cases left out are exactly the ones MariaDB cannot take', () => {
    const textual = (Object.keys(expected) as CaseName[]).filter((n) => typeof expected[n] === 'string' && !SHARED.includes(n));
    expect(textual.sort()).toEqual(['createEnum and dropEnum', 'createIndex: expression', 'dropConstraint: check, type from the model']);
  });
});
