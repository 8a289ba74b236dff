#!/usr/bin/env node
/**
 * Synthetic revision histories for benchmarks: N linear revisions doing five
 * kinds of schema change in turn (a new table, add column, create index,
 * alter column type, unique constraint plus an execute), each with its
 * downgrade; written as a gensql project and, with --alembic, as the same
 * history in Alembic revision files.
 *
 *   node bench/generate.mjs 10000 /tmp/hist10k [--alembic]
 */
import fs from 'node:fs';
import path from 'node:path';

const id = (i) => `${(0x100000 + i).toString(16)}abcdef`.slice(0, 12);

/** What revision i does, as [gensql upgrade, gensql downgrade, alembic upgrade, alembic downgrade]. */
function change(i) {
  const n = Math.floor(i / 5);
  const table = `t${n}`;
  switch (i % 5) {
    case 0:
      return [
        `op.createTable('${table}', [\n    column('id', t.integer(), { primaryKey: true }),\n    column('name', t.string(50), { nullable: false }),\n    column('created_at', t.dateTime()),\n  ]);`,
        `op.dropTable('${table}');`,
        `op.create_table("${table}", sa.Column("id", sa.Integer, primary_key=True), sa.Column("name", sa.String(50), nullable=False), sa.Column("created_at", sa.DateTime))`,
        `op.drop_table("${table}")`,
      ];
    case 1:
      return [`op.addColumn('${table}', column('c${n}', t.integer()));`, `op.dropColumn('${table}', 'c${n}');`, `op.add_column("${table}", sa.Column("c${n}", sa.Integer))`, `op.drop_column("${table}", "c${n}")`];
    case 2:
      return [
        `op.createIndex('ix_${table}_c${n}', '${table}', ['c${n}']);`,
        `op.dropIndex('ix_${table}_c${n}', { table: '${table}' });`,
        `op.create_index("ix_${table}_c${n}", "${table}", ["c${n}"])`,
        `op.drop_index("ix_${table}_c${n}", table_name="${table}")`,
      ];
    case 3:
      return [
        `op.alterColumn('${table}', 'c${n}', { type: t.bigInteger() });`,
        `op.alterColumn('${table}', 'c${n}', { type: t.integer() });`,
        `op.alter_column("${table}", "c${n}", type_=sa.BigInteger, existing_type=sa.Integer)`,
        `op.alter_column("${table}", "c${n}", type_=sa.Integer, existing_type=sa.BigInteger)`,
      ];
    default:
      return [
        `op.createUniqueConstraint('uq_${table}_name', '${table}', ['name']);\n  op.execute("UPDATE ${table} SET name = 'x' WHERE id < 0");`,
        `op.dropConstraint('uq_${table}_name', '${table}', { type: 'unique' });`,
        `op.create_unique_constraint("uq_${table}_name", "${table}", ["name"])\n    op.execute("UPDATE ${table} SET name = 'x' WHERE id < 0")`,
        `op.drop_constraint("uq_${table}_name", "${table}", type_="unique")`,
      ];
  }
}

export function generate(count, dir, { alembic = false } = {}) {
  fs.rmSync(dir, { recursive: true, force: true });
  const versions = path.join(dir, 'migrations', 'versions');
  fs.mkdirSync(versions, { recursive: true });
  fs.writeFileSync(path.join(dir, 'gensql.config.json'), JSON.stringify({ versions: ['migrations/versions'], versionTable: 'alembic_version' }, null, 2));
  const pyVersions = path.join(dir, 'alembic', 'versions');
  if (alembic) {
    fs.mkdirSync(pyVersions, { recursive: true });
    fs.writeFileSync(path.join(dir, 'alembic.ini'), '[alembic]\nscript_location = alembic\nsqlalchemy.url = postgresql://bench@localhost/bench\n');
    fs.writeFileSync(path.join(dir, 'alembic', 'script.py.mako'), '');
    fs.writeFileSync(
      path.join(dir, 'alembic', 'env.py'),
      'from alembic import context\ncontext.configure(url=context.config.get_main_option("sqlalchemy.url"), literal_binds=True, dialect_opts={"paramstyle": "named"})\nwith context.begin_transaction():\n    context.run_migrations()\n',
    );
  }
  for (let i = 0; i < count; i++) {
    const rev = id(i);
    const down = i === 0 ? null : id(i - 1);
    const [up, dn, pyUp, pyDn] = change(i);
    fs.writeFileSync(
      path.join(versions, `${rev}_step_${i}.ts`),
      `import { column, t } from 'gensql';\nimport type { Operations } from 'gensql';\n\nexport const revision = '${rev}';\nexport const downRevision = ${down ? `'${down}'` : 'null'};\nexport const message = 'step ${i}';\n\nexport function upgrade(op: Operations): void {\n  ${up}\n}\n\nexport function downgrade(op: Operations): void {\n  ${dn}\n}\n`,
    );
    if (alembic) {
      fs.writeFileSync(
        path.join(pyVersions, `${rev}_step_${i}.py`),
        `"""step ${i}"""\nfrom alembic import op\nimport sqlalchemy as sa\n\nrevision = "${rev}"\ndown_revision = ${down ? `"${down}"` : 'None'}\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n    ${pyUp}\n\n\ndef downgrade():\n    ${pyDn}\n`,
      );
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [count, dir] = process.argv.slice(2);
  if (!count || !dir) {
    console.error('usage: node bench/generate.mjs COUNT DIR [--alembic]');
    process.exit(2);
  }
  generate(Number(count), path.resolve(dir), { alembic: process.argv.includes('--alembic') });
}
