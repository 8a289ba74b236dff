/**
 * Real Alembic (Debian python3-alembic) in offline mode, for parity tests:
 * a scenario's Alembic revision files rendered with `alembic <cmd> <range>
 * --sql`, through a small env.py of ours that applies the same settings as
 * the scenario's gensql.config.json.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export type ParityDialect = 'postgresql' | 'mysql' | 'sqlite';

export interface ParitySettings {
  readonly versionTable?: string;
  readonly transactionPerMigration?: boolean;
  readonly namingConvention?: Record<string, string>;
}

const URLS: Record<ParityDialect, string> = {
  postgresql: 'postgresql://offline@localhost/offline',
  // the MySQL-family server here is MariaDB
  mysql: 'mariadb+pymysql://offline@localhost/offline',
  sqlite: 'sqlite:///offline.db',
};

const ENV_PY = `import json
import os

import sqlalchemy as sa
from alembic import context

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "settings.json")) as fh:
    settings = json.load(fh)

extra = {}
if settings.get("namingConvention"):
    extra["target_metadata"] = sa.MetaData(naming_convention=settings["namingConvention"])

context.configure(
    url=context.config.get_main_option("sqlalchemy.url"),
    literal_binds=True,
    dialect_opts={"paramstyle": "named"},
    version_table=settings.get("versionTable") or "alembic_version",
    transaction_per_migration=bool(settings.get("transactionPerMigration")),
    **extra,
)
if context.get_context().dialect.name == "postgresql":
    # SQLAlchemy 1.4 offline assumes standard_conforming_strings=off and doubles
    # backslashes in literals; every supported PostgreSQL has it on.
    context.get_context().dialect._backslash_escapes = False
with context.begin_transaction():
    context.run_migrations()
`;

const prepared = new Map<string, string>();

function workDir(scenario: string, dialect: ParityDialect, settings: ParitySettings): string {
  const key = `${scenario}\u0000${dialect}`;
  const hit = prepared.get(key);
  if (hit) return hit;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gensql-alembic-'));
  const scripts = path.join(dir, 'alembic');
  fs.cpSync(path.join(scenario, 'alembic', 'versions'), path.join(scripts, 'versions'), { recursive: true, filter: (p) => !p.includes('__pycache__') });
  fs.writeFileSync(path.join(scripts, 'env.py'), ENV_PY);
  fs.writeFileSync(path.join(scripts, 'script.py.mako'), '');
  fs.writeFileSync(path.join(scripts, 'settings.json'), JSON.stringify(settings));
  fs.writeFileSync(path.join(dir, 'alembic.ini'), `[alembic]\nscript_location = alembic\nsqlalchemy.url = ${URLS[dialect]}\n`);
  prepared.set(key, dir);
  return dir;
}

export function alembicSql(scenario: string, dialect: ParityDialect, command: string, range: string, settings: ParitySettings): string {
  const dir = workDir(scenario, dialect, settings);
  const r = spawnSync('/usr/bin/python3', ['-m', 'alembic', command, range, '--sql'], { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`alembic ${command} ${range} --sql (${dialect}) failed: ${(r.stderr + r.stdout).slice(-1500)}`);
  return r.stdout;
}
