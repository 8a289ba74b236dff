/**
 * SQL Server: the golden statements through node-sql-parser's T-SQL grammar
 * (the only syntax check there is without a server), and the behaviours the
 * golden table does not show: schemas and quoting, the catalog lookups before
 * a column changes or goes, comments, IDENTITY_INSERT, literals, refusals.
 */
import { describe, expect, it } from 'vitest';
import nodeSqlParser from 'node-sql-parser';
import { column, foreignKeyConstraint, sql, t } from '../../src/index.js';
import type { Op } from '../../src/ops/index.js';
import { CASES, VERSION_CASES } from '../golden/cases.js';
import { errorMessage, session, type Recorder } from '../support/render.js';

const { Parser } = nodeSqlParser;

/**
 * Valid T-SQL that node-sql-parser's transactsql grammar does not know
 * (checked by hand against the T-SQL reference); anything else must parse.
 */
const PARSER_GAPS: readonly [RegExp, string][] = [
  [/^EXEC sp_/, 'EXEC of a stored procedure with arguments'],
  [/^declare @const_name /, 'the catalog lookup batch (DECLARE without initial value, SELECT @v = ..., EXEC(...))'],
  [/^-- on failure SET NOEXEC ON/, 'the version guard batch (comment, DECLARE, IF ... BEGIN ... END)'],
  [/\bON DELETE\b/, 'ON DELETE in a foreign key'],
  [/^SET IDENTITY_INSERT /, 'SET IDENTITY_INSERT'],
  [/^(CREATE|DROP) SEQUENCE /, 'CREATE / DROP SEQUENCE'],
  [/ WITH VALUES$/, 'ADD ... DEFAULT ... WITH VALUES'],
];

async function render(given: Recorder | undefined, when: Recorder): Promise<string[]> {
  const s = await session('mssql');
  if (given) await s.run(given);
  return s.run(when);
}

describe('mssql golden statements through node-sql-parser (transactsql)', () => {
  it('parse, or are a known gap of the parser', async () => {
    const parser = new Parser();
    const statements: string[] = [];
    for (const c of Object.values(CASES)) {
      try {
        statements.push(...(await render('given' in c ? c.given : undefined, c.when)));
      } catch {
        // a case mssql refuses (its golden expectation is the error)
      }
    }
    const s = await session('mssql');
    for (const ops of Object.values(VERSION_CASES)) statements.push(...s.renderOps(ops as unknown as Op[]));
    const notParsed: string[] = [];
    for (const stmt of statements) {
      try {
        parser.astify(stmt, { database: 'transactsql' });
      } catch {
        notParsed.push(stmt);
      }
    }
    const unexplained = notParsed.filter((stmt) => !PARSER_GAPS.some(([re]) => re.test(stmt)));
    expect(unexplained).toEqual([]);
    // the parser checks most of what is written: CREATE/ALTER TABLE, indexes, DML, the version table
    expect(statements.length - notParsed.length).toBeGreaterThanOrEqual(50);
    console.info(`mssql golden: ${statements.length} statements, ${statements.length - notParsed.length} parsed as T-SQL, ${notParsed.length} not checked (parser gaps)`);
  });
});

const sales: Recorder = (op) => {
  op.createTable(
    'Order',
    [
      column('id', t.integer(), { primaryKey: true }),
      column('note', t.unicode(40), { serverDefault: 'ünï', comment: 'a note' }),
      column('select', t.integer()),
    ],
    { schema: 'Sales', comment: "orders' table" },
  );
};

describe('mssql schemas and quoting', () => {
  it('qualifies and brackets names in DDL, lookups, renames and extended properties', async () => {
    const out = await render(sales, (op) => {
      op.alterColumn('Order', 'note', { serverDefault: null, comment: 'the note', schema: 'Sales' });
      op.alterColumn('Order', 'select', { newColumnName: 'pick', schema: 'Sales' });
      op.renameTable('Order', 'Order]s', { schema: 'Sales' });
    });
    expect(out).toEqual([
      "declare @const_name nvarchar(258)\nselect @const_name = QUOTENAME([name]) from sys.default_constraints\nwhere parent_object_id = object_id(N'[Sales].[Order]')\nand col_name(parent_object_id, parent_column_id) = N'note'\nexec(N'alter table [Sales].[Order] drop constraint ' + @const_name)",
      "EXEC sp_updateextendedproperty 'MS_Description', N'the note', 'SCHEMA', N'Sales', 'TABLE', N'Order', 'COLUMN', N'note'",
      "EXEC sp_rename N'[Sales].[Order].[select]', N'pick', 'COLUMN'",
      "EXEC sp_rename N'[Sales].[Order]', N'Order]s'",
    ]);
  });

  it('writes comments of a new table with its schema, non-ASCII literals with N', async () => {
    const out = await render(undefined, sales);
    expect(out[0]).toContain("    note NVARCHAR(40) NULL DEFAULT N'ünï',\n    [select] INTEGER NULL,");
    expect(out.slice(1)).toEqual([
      "EXEC sp_addextendedproperty 'MS_Description', N'orders'' table', 'SCHEMA', N'Sales', 'TABLE', N'Order'",
      "EXEC sp_addextendedproperty 'MS_Description', N'a note', 'SCHEMA', N'Sales', 'TABLE', N'Order', 'COLUMN', N'note'",
    ]);
  });

  it('brackets T-SQL reserved words and doubles a closing bracket', async () => {
    const out = await render(undefined, (op) => op.createTable('user', [column('key', t.integer()), column('a]b', t.integer())]));
    expect(out[0]).toBe('CREATE TABLE [user] (\n    [key] INTEGER NULL,\n    [a]]b] INTEGER NULL\n)');
  });
});

const linked: Recorder = (op) => {
  op.createTable('tier', [column('id', t.integer(), { primaryKey: true })]);
  op.createTable('member', [
    column('id', t.integer(), { primaryKey: true }),
    column('tier_id', t.integer(), { nullable: false, serverDefault: 1, references: 'tier.id', index: true }),
    column('code', t.string(10), { unique: true, check: "code <> ''" }),
    column('label', t.string(10)),
    foreignKeyConstraint(['label'], 'tier', ['id'], { name: 'fk_member_label' }),
  ]);
};

describe('mssql columns: what goes before a column changes or is dropped', () => {
  it('drops the default, unnamed and named constraints and indexes of a dropped column first', async () => {
    const out = await render(linked, (op) => {
      op.dropColumn('member', 'tier_id');
      op.dropColumn('member', 'code');
      op.dropColumn('member', 'label');
    });
    const firstLines = out.map((s) => s.split('\n').slice(0, 2).join(' | '));
    expect(firstLines).toEqual([
      'declare @const_name nvarchar(258) | select @const_name = QUOTENAME([name]) from sys.default_constraints',
      'declare @const_name nvarchar(258) | select @const_name = QUOTENAME(fk.[name]) from',
      'DROP INDEX ix_member_tier_id ON member',
      'ALTER TABLE member DROP COLUMN tier_id',
      'declare @const_name nvarchar(258) | select @const_name = QUOTENAME(kc.[name]) from',
      'declare @const_name nvarchar(258) | select @const_name = QUOTENAME([name]) from sys.check_constraints',
      'ALTER TABLE member DROP COLUMN code',
      'ALTER TABLE member DROP CONSTRAINT fk_member_label',
      'ALTER TABLE member DROP COLUMN label',
    ]);
    expect(out[4]).toContain("kc.type = 'UQ'\nand col_name(ic.object_id, ic.column_id) = N'code'");
  });

  it('retypes a column with a default: drops its constraint, restates nullability, puts the default back', async () => {
    const out = await render(linked, (op) => op.alterColumn('member', 'tier_id', { type: t.bigInteger() }));
    expect(out.slice(1)).toEqual(['ALTER TABLE member ALTER COLUMN tier_id BIGINT NOT NULL', 'ALTER TABLE member ADD DEFAULT 1 FOR tier_id']);
    expect(out[0]).toMatch(/^declare @const_name[\s\S]*sys\.default_constraints[\s\S]*= N'tier_id'\n/);
  });

  it('changes nullability alone by restating the type from the model', async () => {
    const out = await render(
      (op) => op.createTable('doc', [column('body', t.custom('NVARCHAR(123)'), { nullable: false })]),
      (op) => op.alterColumn('doc', 'body', { nullable: true }),
    );
    expect(out).toEqual(['ALTER TABLE doc ALTER COLUMN body NVARCHAR(123) NULL']);
  });

  it('adds, updates and drops a comment by what the model knows of it', async () => {
    const out = await render(
      (op) => op.createTable('doc', [column('a', t.integer())]),
      (op) => {
        op.alterColumn('doc', 'a', { comment: 'one' });
        op.alterColumn('doc', 'a', { comment: 'two' });
        op.alterColumn('doc', 'a', { comment: null });
        op.alterColumn('doc', 'a', { comment: null });
      },
    );
    expect(out.map((s) => s.split(' ')[1])).toEqual(['sp_addextendedproperty', 'sp_updateextendedproperty', 'sp_dropextendedproperty']);
  });
});

describe('mssql data', () => {
  const plain: Recorder = (op) => op.createTable('plain', [column('code', t.string(5)), column('u', t.unicode(5)), column('at', t.dateTime())]);

  it('writes no IDENTITY_INSERT for a table without identity column, or rows that leave it out', async () => {
    const rows = [{ code: 'a', u: 'b', at: new Date(Date.UTC(2026, 0, 2, 3, 4, 5)) }];
    expect(await render(plain, (op) => op.bulkInsert('plain', rows))).toEqual([
      "INSERT INTO plain (code, u, at) VALUES ('a', N'b', '2026-01-02T03:04:05.000')",
    ]);
    const out = await render(
      (op) => op.createTable('seq', [column('id', t.integer(), { primaryKey: true }), column('v', t.integer())]),
      (op) => op.bulkInsert('seq', [{ v: 1 }]),
    );
    expect(out).toEqual(['INSERT INTO seq (v) VALUES (1)']);
  });

  it('splits a multi-row INSERT at 1000 rows', async () => {
    const rows = Array.from({ length: 1001 }, (_, i) => ({ code: `c${i}` }));
    const out = await render(plain, (op) => op.bulkInsert('plain', rows, { multiInsert: true }));
    expect(out.map((s) => s.split('\n').length - 1)).toEqual([1000, 0]);
  });

  it('renders a Date inside sql`...` in the ISO 8601 form no DATEFORMAT changes', async () => {
    const out = await render(plain, (op) => op.execute(sql`DELETE FROM plain WHERE at < ${new Date(Date.UTC(2026, 4, 6))}`));
    expect(out).toEqual(["DELETE FROM plain WHERE at < '2026-05-06T00:00:00.000'"]);
  });
});

describe('mssql options', () => {
  it('guards CREATE TABLE / CREATE INDEX IF NOT EXISTS through the catalog', async () => {
    const out = await render(undefined, (op) => {
      op.createTable('maybe', [column('id', t.integer(), { primaryKey: true }), column('k', t.integer(), { index: true })], { ifNotExists: true });
      op.createIndex('ix_maybe_id', 'maybe', ['id'], { ifNotExists: true });
    });
    expect(out).toEqual([
      "IF OBJECT_ID(N'maybe', N'U') IS NULL\nBEGIN\n    CREATE TABLE maybe (\n        id INTEGER NOT NULL IDENTITY,\n        k INTEGER NULL,\n        PRIMARY KEY (id)\n    );\n    CREATE INDEX ix_maybe_k ON maybe (k);\nEND",
      "IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE object_id = OBJECT_ID(N'maybe') AND name = N'ix_maybe_id')\nCREATE INDEX ix_maybe_id ON maybe (id)",
    ]);
  });

  it('drops an index IF EXISTS on its table, found in the model', async () => {
    const out = await render(
      (op) => {
        op.createTable('x', [column('a', t.integer())]);
        op.createIndex('ix_x_a', 'x', ['a']);
      },
      (op) => op.dropIndex('ix_x_a', { ifExists: true }),
    );
    expect(out).toEqual(['DROP INDEX IF EXISTS ix_x_a ON x']);
  });

  it('starts a sequence at 1 unless told, and writes identity options', async () => {
    expect(await render(undefined, (op) => op.createSequence('s'))).toEqual(['CREATE SEQUENCE s START WITH 1']);
    const out = await render(undefined, (op) => op.createTable('i', [column('id', t.bigInteger(), { identity: { increment: 2 } })]));
    expect(out[0]).toContain('id BIGINT NOT NULL IDENTITY(1,2)');
  });
});

describe('mssql refusals name what SQL Server lacks', () => {
  const refused: [string, Recorder, RegExp][] = [
    ['time with time zone', (op) => op.createTable('x', [column('tz', t.time({ timezone: true }))]), /no TIME WITH TIME ZONE \(column tz\)/],
    ['VARCHAR longer than 8000', (op) => op.createTable('x', [column('s', t.string(9000))]), /VARCHAR\(9000\) is longer than SQL Server allows \(8000\) \(column s\)/],
    ['NVARCHAR longer than 4000', (op) => op.createTable('x', [column('s', t.unicode(4001))]), /NVARCHAR\(4001\)/],
    [
      'a deferrable foreign key',
      (op) => {
        op.createTable('p', [column('id', t.integer(), { primaryKey: true })]);
        op.createTable('c', [column('p_id', t.integer()), foreignKeyConstraint(['p_id'], 'p', ['id'], { deferrable: true })]);
      },
      /no deferrable constraints/,
    ],
    ['an identity column with a default', (op) => op.createTable('x', [column('id', t.integer(), { identity: {}, serverDefault: 1 })]), /IDENTITY column cannot have a default/],
    ['an index method', (op) => (op.createTable('x', [column('a', t.integer())]), op.createIndex('ix', 'x', ['a'], { using: 'gin' })), /no index method 'gin'/],
  ];
  for (const [what, fn, message] of refused) {
    it(what, async () => {
      const s = await session('mssql');
      const e = await s.run(fn).then(
        () => null,
        (err: unknown) => errorMessage(err),
      );
      expect(e).toMatch(message);
      expect(e).toMatch(/^mssql cannot render /);
    });
  }

  it('cannot drop an unnamed constraint by a name nobody knows', async () => {
    const s = await session('mssql');
    await s.run((op) => op.createTable('u', [column('a', t.integer(), { unique: true })]));
    await expect(s.run((op) => op.dropConstraint('u_a_key', 'u'))).rejects.toThrow(/constraint u_a_key does not exist on table u/);
  });
});
