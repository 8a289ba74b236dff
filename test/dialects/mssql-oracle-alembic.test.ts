/**
 * gensql against real Alembic, whole scripts: the 3-revision project of
 * reference/alembic/scripts/ rewritten as gensql revision files, rendered by
 * the built CLI for mssql and oracle (upgrade, downgrade, stamp, upgrade
 * from a revision, with `versionTable: alembic_version`), must equal
 * Alembic's own scripts once the differences listed below — each a
 * deliberate fix, each required to occur — are applied to Alembic's text.
 * gensql's header, its version guard and the revision message under each
 * `-- Running` line are left out of the comparison.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { gensql, makeProject } from '../support/cli.js';

/** Alembic's scripts, copied unchanged (see the README there). */
const ALEMBIC = fileURLToPath(new URL('./__snapshots__/alembic/', import.meta.url));

const REVISIONS: Record<string, string> = {
  '1a2b3c4d5e6f_create_account.ts': `import { column, t, sql } from 'gensql';
import type { Operations } from 'gensql';
export const revision = '1a2b3c4d5e6f';
export const downRevision = null;
export const message = 'create account tables';
export function upgrade(op: Operations): void {
  op.createTable('account', [
    column('id', t.integer(), { primaryKey: true }),
    column('name', t.string(50), { nullable: false }),
    column('description', t.unicode(200)),
    column('is_active', t.boolean(), { nullable: false, serverDefault: true }),
    column('balance', t.numeric(12, 2), { serverDefault: '0' }),
    column('created_at', t.dateTime({ timezone: true }), { serverDefault: sql\`CURRENT_TIMESTAMP\` }),
    column('status', t.enum(['active', 'closed'], { name: 'account_status' }), { nullable: false, serverDefault: 'active' }),
  ], { comment: 'customer accounts' });
  op.createIndex('ix_account_name', 'account', ['name'], { unique: true });
  op.createTable('account_note', [
    column('id', t.integer(), { primaryKey: true }),
    column('account_id', t.integer(), { nullable: false, references: 'account.id', onDelete: 'CASCADE' }),
    column('body', t.text(), { comment: 'free text' }),
  ]);
}
export function downgrade(op: Operations): void {
  op.dropTable('account_note');
  op.dropIndex('ix_account_name', { table: 'account' });
  op.dropTable('account');
  op.dropEnum('account_status');
}
`,
  '2b3c4d5e6f7a_alter_account.ts': `import { column, t } from 'gensql';
import type { Operations } from 'gensql';
export const revision = '2b3c4d5e6f7a';
export const downRevision = '1a2b3c4d5e6f';
export const message = 'alter account';
export function upgrade(op: Operations): void {
  op.addColumn('account', column('last_transaction_date', t.dateTime()));
  op.alterColumn('account', 'name', { type: t.string(100) });
  op.alterColumn('account', 'description', { nullable: false, serverDefault: 'n/a' });
  op.alterColumn('account_note', 'body', { newColumnName: 'note_text' });
  op.createUniqueConstraint('uq_account_name_status', 'account', ['name', 'status']);
  op.createCheckConstraint('ck_account_balance_positive', 'account', 'balance >= 0');
}
export function downgrade(op: Operations): void {
  op.dropConstraint('ck_account_balance_positive', 'account', { type: 'check' });
  op.dropConstraint('uq_account_name_status', 'account', { type: 'unique' });
  op.alterColumn('account_note', 'note_text', { newColumnName: 'body' });
  op.alterColumn('account', 'description', { nullable: true, serverDefault: null });
  op.alterColumn('account', 'name', { type: t.string(50) });
  op.dropColumn('account', 'last_transaction_date');
}
`,
  '3c4d5e6f7a8b_seed_and_rename.ts': `import { sql } from 'gensql';
import type { Operations } from 'gensql';
export const revision = '3c4d5e6f7a8b';
export const downRevision = '2b3c4d5e6f7a';
export const message = 'seed data and rename';
export function upgrade(op: Operations): void {
  op.renameTable('account_note', 'note');
  op.bulkInsert('account', [
    { id: 1, name: "O'Brien", is_active: true, last_transaction_date: '2024-01-03 12:00:00' },
    { id: 2, name: 'Smith', is_active: false, last_transaction_date: null },
  ]);
  op.execute(sql\`UPDATE account SET name=\${'Smythe'} WHERE account.name = \${'Smith'}\`);
  op.execute("UPDATE account SET description = 'seeded' WHERE id = 1");
}
export function downgrade(op: Operations): void {
  op.execute('DELETE FROM account WHERE account.id IN (1, 2)');
  op.renameTable('note', 'account_note');
}
`,
};

/** A deliberate difference: Alembic's text (a string, or a pattern) and what gensql writes instead. */
interface Difference {
  readonly why: string;
  readonly alembic: string | RegExp;
  readonly gensql: string;
}

const MSSQL: readonly Difference[] = [
  {
    why: 'the version table is created only when missing (a database taken down to base keeps it); T-SQL has no IF NOT EXISTS',
    alembic: 'CREATE TABLE alembic_version (',
    gensql: "IF OBJECT_ID(N'alembic_version', N'U') IS NULL\nCREATE TABLE alembic_version (",
  },
  { why: 'no OUTPUT clause on the version INSERT (a SQLAlchemy side effect)', alembic: ' OUTPUT inserted.version_num', gensql: '' },
  { why: 'Text is VARCHAR(max) on SQL Server 2016+ (TEXT is deprecated)', alembic: 'body TEXT NULL', gensql: 'body VARCHAR(max) NULL' },
  {
    why: 'the table comment is written (SQLAlchemy 1.4 drops comments on SQL Server), in schema dbo',
    alembic: 'PRIMARY KEY (id)\n);\n\nGO\n\nCREATE UNIQUE INDEX',
    gensql: "PRIMARY KEY (id)\n);\n\nGO\n\nEXEC sp_addextendedproperty 'MS_Description', N'customer accounts', 'SCHEMA', N'dbo', 'TABLE', N'account';\n\nGO\n\nCREATE UNIQUE INDEX",
  },
  {
    why: 'the column comment is written too',
    alembic: 'ON DELETE CASCADE\n);\n\nGO\n\n',
    gensql: "ON DELETE CASCADE\n);\n\nGO\n\nEXEC sp_addextendedproperty 'MS_Description', N'free text', 'SCHEMA', N'dbo', 'TABLE', N'account_note', 'COLUMN', N'body';\n\nGO\n\n",
  },
  { why: "sp_rename's arguments as N'' strings (a bare token is not every name)", alembic: /EXEC sp_rename '([^']*)', (\w+)/g, gensql: "EXEC sp_rename N'$1', N'$2'" },
  { why: 'N prefix only for non-ASCII text or NVARCHAR columns (last_transaction_date is DATETIME, name VARCHAR)', alembic: /N'(2024-01-03 12:00:00|Smythe|Smith)'/g, gensql: "'$1'" },
  { why: 'the constraint name needs nvarchar(258) (QUOTENAME of a 128-character name)', alembic: 'declare @const_name varchar(256)', gensql: 'declare @const_name nvarchar(258)' },
  { why: 'names in the lookup batch as N strings', alembic: /object_id\('(\w+)'\)\nand col_name\(parent_object_id, parent_column_id\) = '(\w+)'\nexec\('/g, gensql: "object_id(N'$1')\nand col_name(parent_object_id, parent_column_id) = N'$2'\nexec(N'" },
];

const ORACLE: readonly Difference[] = [
  {
    why: 'the version table is created unless it exists: PL/SQL letting ORA-00955 through (no IF NOT EXISTS before 23c)',
    alembic: /CREATE TABLE alembic_version \(\n([\s\S]*?)\n\)\n/,
    gensql: "BEGIN\n    EXECUTE IMMEDIATE 'CREATE TABLE alembic_version (\n$1\n)';\nEXCEPTION\n    WHEN OTHERS THEN\n        IF SQLCODE != -955 THEN\n            RAISE;\n        END IF;\nEND;\n",
  },
  { why: 'DateTime(timezone=True) keeps its zone (SQLAlchemy 1.4: DATE)', alembic: 'created_at DATE ', gensql: 'created_at TIMESTAMP WITH TIME ZONE ' },
  {
    why: 'each version-table change is committed (DML is not committed by itself; Alembic ends uncommitted)',
    alembic: /^((?:INSERT INTO|UPDATE|DELETE FROM) alembic_version .*)\n\n\/$/gm,
    gensql: '$1\n\n/\n\nCOMMIT\n\n/',
  },
];

const normalize = (s: string): string => s.replace(/[ \t]+$/gm, '').trimEnd();

/** gensql's script without its header, its guard (and separator) and the message lines under `-- Running`. */
function comparable(text: string): string {
  const ps = normalize(text).split('\n\n').slice(1);
  const out: string[] = [];
  for (let i = 0; i < ps.length; i++) {
    const p = ps[i]!;
    if (/RAISERROR\(N'gensql: |RAISE_APPLICATION_ERROR\(-20000, 'gensql: /.test(p)) {
      i++; // the GO or / after it
      continue;
    }
    out.push(p.startsWith('-- Running ') ? p.split('\n')[0]! : p);
  }
  return out.join('\n\n');
}

const used = new Set<Difference>();
let dir = '';

function expected(file: string, differences: readonly Difference[]): string {
  let text = normalize(fs.readFileSync(path.join(ALEMBIC, file), 'utf8'));
  for (const d of differences) {
    const hit = typeof d.alembic === 'string' ? text.includes(d.alembic) : new RegExp(d.alembic.source, d.alembic.flags.replace('g', '')).test(text);
    if (!hit) continue;
    used.add(d);
    text = typeof d.alembic === 'string' ? text.split(d.alembic).join(d.gensql) : text.replace(d.alembic, d.gensql);
  }
  return text;
}

const RUNS: readonly [string, string[]][] = [
  ['upgrade', ['upgrade', 'base:head']],
  ['downgrade', ['downgrade', 'head:base']],
  ['stamp_head', ['stamp', 'base:head']],
  ['upgrade_from_rev1', ['upgrade', '1a2b3c4d5e6f:head']],
];

afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

for (const [dialect, differences] of [
  ['mssql', MSSQL],
  ['oracle', ORACLE],
] as const) {
  describe(`${dialect} scripts against Alembic's`, () => {
    for (const [name, args] of RUNS) {
      it(`${args.join(' ')} equals ${dialect}.${name}.sql but for the listed fixes`, async () => {
        dir ||= makeProject(REVISIONS, { versionTable: 'alembic_version' });
        const r = await gensql([...args, '--dialect', dialect, '--no-validate'], { cwd: dir });
        expect(r.code, r.stderr).toBe(0);
        expect(comparable(r.stdout)).toBe(expected(`${dialect}.${name}.sql`, differences));
      });
    }
    it('every listed difference occurs', () => {
      expect(differences.filter((d) => !used.has(d)).map((d) => d.why)).toEqual([]);
    });
  });
}
