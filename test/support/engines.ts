/**
 * Real engines for tests: scripts are applied the way a DBA applies them,
 * with psql (ON_ERROR_STOP), the mysql client and the sqlite3 shell (-bail),
 * to fresh databases on the servers scripts/ensure-engines.sh started.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function run(cmd: string, args: string[], input?: string): RunResult {
  const r = spawnSync(cmd, args, { input, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.error) throw r.error;
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function must(r: RunResult, what: string): string {
  if (r.code !== 0) throw new Error(`${what} failed (${r.code}): ${r.stderr || r.stdout}`);
  return r.stdout;
}

let counter = 0;
function uniqueName(prefix: string): string {
  counter += 1;
  return `${prefix}_${process.pid}_${Date.now().toString(36)}_${counter}`;
}

export const pg = {
  /** A new empty database; dropped by `drop`. */
  fresh(): string {
    const name = uniqueName('gsqlt');
    must(run('createdb', [name]), `createdb ${name}`);
    return name;
  },
  drop(db: string): void {
    run('dropdb', ['--if-exists', '--force', db]);
  },
  /** Applies a script as a DBA would: psql -v ON_ERROR_STOP=1 -f. */
  apply(db: string, script: string): RunResult {
    return run('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', db], script);
  },
  applyOk(db: string, script: string): void {
    must(pg.apply(db, script), 'psql');
  },
  /** Rows of a query, tab-separated, one string per row. */
  query(db: string, sql: string): string[] {
    const out = must(run('psql', ['-X', '-A', '-t', '-F', '\t', '-v', 'ON_ERROR_STOP=1', '-d', db, '-c', sql]), 'psql query');
    return out.split('\n').filter((l) => l.length > 0);
  },
  rows(db: string, table: string): string[] {
    return pg.query(db, `select row_to_json(r)::text from ${table} r`).sort();
  },
  tables(db: string): string[] {
    return pg.query(db, "select quote_ident(schemaname) || '.' || quote_ident(tablename) from pg_tables where schemaname not in ('pg_catalog', 'information_schema') order by 1");
  },
  versions(db: string, table = 'gensql_version'): string[] {
    const exists = pg.query(db, `select to_regclass('${table}') is not null`)[0] === 't';
    return exists ? pg.query(db, `select version_num from ${table} order by 1`) : [];
  },
  /** The schema as pg_dump sees it, without noise; the version table's rows are not part of it. */
  schema(db: string): string {
    const out = must(run('pg_dump', ['-s', '--no-owner', '--no-privileges', '-d', db]), 'pg_dump');
    return out
      .split('\n')
      .filter((l) => l.trim() && !l.startsWith('--') && !l.startsWith('SET ') && !l.startsWith('SELECT pg_catalog.set_config') && !l.startsWith('\\'))
      .join('\n');
  },
};

export const maria = {
  fresh(): string {
    const name = uniqueName('gsqlt');
    must(run('mysql', ['-e', `CREATE DATABASE ${name}`]), 'create database');
    return name;
  },
  drop(db: string): void {
    run('mysql', ['-e', `DROP DATABASE IF EXISTS ${db}`]);
  },
  apply(db: string, script: string): RunResult {
    return run('mysql', ['--default-character-set=utf8mb4', db], script);
  },
  applyOk(db: string, script: string): void {
    must(maria.apply(db, script), 'mysql');
  },
  query(db: string, sql: string): string[] {
    const out = must(run('mysql', ['--default-character-set=utf8mb4', '-N', '-B', db, '-e', sql]), 'mysql query');
    return out.split('\n').filter((l) => l.length > 0);
  },
  rows(db: string, table: string): string[] {
    return maria.query(db, `select * from \`${table}\``).sort();
  },
  tables(db: string): string[] {
    return maria.query(db, "select table_name from information_schema.tables where table_schema = database() and table_type = 'BASE TABLE' order by 1");
  },
  versions(db: string, table = 'gensql_version'): string[] {
    const exists = maria.query(db, `select count(*) from information_schema.tables where table_schema = database() and table_name = '${table}'`)[0] === '1';
    return exists ? maria.query(db, `select version_num from ${table} order by 1`) : [];
  },
  /** SHOW CREATE TABLE of every table, sorted, AUTO_INCREMENT counters removed. */
  schema(db: string): string {
    const tables = maria.query(db, 'show full tables').map((l) => l.split('\t'));
    return tables
      .map(([t]) => t!)
      .sort()
      .map((t) => {
        const out = must(run('mysql', ['-N', '-B', '-r', db, '-e', `show create table \`${t}\``]), 'show create table');
        return out.split('\t').slice(1).join('\t').replace(/ AUTO_INCREMENT=\d+/, '');
      })
      .join('\n');
  },
};

export const sqlite = {
  fresh(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gsqlt-'));
    return path.join(dir, 'db.sqlite');
  },
  drop(db: string): void {
    fs.rmSync(path.dirname(db), { recursive: true, force: true });
  },
  /** sqlite3 -bail: stops at the first error, as a DBA must run it. */
  apply(db: string, script: string): RunResult {
    return run('sqlite3', ['-bail', db], script);
  },
  applyOk(db: string, script: string): void {
    must(sqlite.apply(db, script), 'sqlite3');
  },
  query(db: string, sql: string): string[] {
    const out = must(run('sqlite3', ['-bail', '-separator', '\t', db, sql]), 'sqlite3 query');
    return out.split('\n').filter((l) => l.length > 0);
  },
  tables(db: string): string[] {
    return sqlite.query(db, "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name");
  },
  versions(db: string, table = 'gensql_version'): string[] {
    const exists = sqlite.query(db, `select count(*) from sqlite_master where name = '${table}'`)[0] === '1';
    return exists ? sqlite.query(db, `select version_num from ${table} order by 1`) : [];
  },
  /** Structure read back through PRAGMAs (the stored CREATE text keeps its original spelling, which differs by tool). */
  schema(db: string): string {
    const out: string[] = [];
    const tables = sqlite.query(db, "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name");
    for (const t of tables) {
      const q = t.replace(/"/g, '""');
      out.push(`table ${t}`);
      for (const c of sqlite.query(db, `select name, upper(type), "notnull", coalesce(dflt_value, ''), pk from pragma_table_info("${q}") order by cid`)) out.push(`  column ${c}`);
      for (const f of sqlite.query(db, `select "table", "from", "to", on_update, on_delete from pragma_foreign_key_list("${q}") order by id, seq`)) out.push(`  fk ${f}`);
      for (const i of sqlite.query(db, `select name, "unique", origin, partial from pragma_index_list("${q}") order by name`)) {
        const name = i.split('\t')[0]!;
        const cols = sqlite.query(db, `select coalesce(name, '<expr>') from pragma_index_info("${name.replace(/"/g, '""')}") order by seqno`).join(',');
        out.push(`  index ${name.startsWith('sqlite_autoindex_') ? '<auto>' : i} (${cols})`);
      }
    }
    for (const v of sqlite.query(db, "select type, name from sqlite_master where type in ('view', 'trigger') order by name")) out.push(v);
    return out.join('\n');
  },
  rows(db: string, table: string): string[] {
    return sqlite.query(db, `select * from "${table.replace(/"/g, '""')}" order by 1`);
  },
};
