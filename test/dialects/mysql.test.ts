/**
 * The example project (examples/) rendered by the built CLI with
 * `--dialect mariadb` and applied with the mysql client to fresh MariaDB
 * databases, as a DBA would: the schema after upgrade is the one Alembic's
 * script for the same history leaves (test/parity/scenarios/examples, run
 * here with real Alembic), the version table holds exactly the expected
 * rows after each step, partial ranges add up to the whole, downgrades go
 * back to an empty schema, and a script applied at the wrong revision
 * fails at its guard without changing anything.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, gensql } from '../support/cli.js';
import { maria } from '../support/engines.js';
import { session } from '../support/render.js';

const dbs: string[] = [];
const dirs: string[] = [];
afterAll(() => {
  dbs.forEach((db) => maria.drop(db));
  dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true }));
});

function fresh(): string {
  const db = maria.fresh();
  dbs.push(db);
  return db;
}

const HEAD = '0a1b2c3d4e5f';
/** every revision but the head, in the order `upgrade base:head` applies them */
const REVISIONS = ['a1b2c3d4e5f6', 'b2c3d4e5f6a1', 'c3d4e5f6a1b2', 'd4e5f6a1b2c3', 'e5f6a1b2c3d4', 'f6a1b2c3d4e5'];

const scripts = new Map<string, string>();
async function script(command: 'upgrade' | 'downgrade', range: string): Promise<string> {
  const key = `${command} ${range}`;
  const cached = scripts.get(key);
  if (cached !== undefined) return cached;
  const r = await gensql([command, range, '--dialect', 'mariadb', '--no-validate']);
  expect(r.code, r.stderr).toBe(0);
  scripts.set(key, r.stdout);
  return r.stdout;
}

async function run(db: string, command: 'upgrade' | 'downgrade', range: string): Promise<void> {
  maria.applyOk(db, await script(command, range));
}

/**
 * The schema as SHOW CREATE TABLE gives it, with each table's key and
 * constraint lines sorted (their order follows creation order, which
 * carries no meaning: Alembic creates a table's indexes in set order).
 */
function schema(db: string): string {
  return maria
    .schema(db)
    .split('\n')
    .reduce<{ out: string[]; keys: string[] }>(
      (acc, l) => {
        if (/^\s+(PRIMARY KEY|UNIQUE KEY|KEY|CONSTRAINT) /.test(l)) acc.keys.push(l.replace(/,$/, ''));
        else if (l.startsWith(')')) {
          acc.out.push(...acc.keys.sort(), l);
          acc.keys = [];
        } else acc.out.push(l.replace(/,$/, ''));
        return acc;
      },
      { out: [], keys: [] },
    )
    .out.join('\n');
}

/** Real Alembic (Debian python3-alembic) in offline mode on the same history, for MariaDB. */
function alembic(command: string, range: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gensql-alembic-'));
  dirs.push(dir);
  fs.cpSync(path.join(ROOT, 'test', 'parity', 'scenarios', 'examples', 'alembic'), path.join(dir, 'alembic'), { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'alembic', 'env.py'),
    [
      'from alembic import context',
      'context.configure(url=context.config.get_main_option("sqlalchemy.url"), literal_binds=True,',
      '                  version_table="gensql_version", dialect_opts={"paramstyle": "named"})',
      'with context.begin_transaction():',
      '    context.run_migrations()',
      '',
    ].join('\n'),
  );
  fs.writeFileSync(path.join(dir, 'alembic', 'script.py.mako'), '');
  fs.writeFileSync(path.join(dir, 'alembic.ini'), '[alembic]\nscript_location = alembic\nsqlalchemy.url = mariadb+pymysql://u@localhost/x\n');
  const r = spawnSync('/usr/bin/python3', ['-m', 'alembic', command, range, '--sql'], { cwd: dir, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`alembic ${command} ${range} --sql failed: ${r.stderr}${r.stdout}`);
  return r.stdout;
}

describe('MariaDB: the example project, applied with the mysql client', () => {
  it('upgrade base:head leaves the schema and rows that Alembic leaves', async () => {
    const ours = fresh();
    await run(ours, 'upgrade', 'base:head');
    const theirs = fresh();
    maria.applyOk(theirs, alembic('upgrade', 'base:head'));
    expect(schema(ours)).toBe(schema(theirs));
    expect(schema(ours)).toContain('CONSTRAINT `posts_ibfk_1` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`) ON DELETE CASCADE');
    expect(maria.versions(ours)).toEqual([HEAD]);
    expect(maria.versions(theirs)).toEqual([HEAD]);
    const rows = (db: string): string[] => maria.query(db, 'select * from subscription_tiers order by id');
    expect(rows(ours)).toEqual(rows(theirs));
    expect(rows(ours)).toEqual(['1\tfree\t0.00', '2\tpro\t12.50', "3\towner's plan\t99.99"]);
  });

  it('downgrade head:base goes back to an empty version table and nothing else', async () => {
    const db = fresh();
    await run(db, 'upgrade', 'base:head');
    await run(db, 'downgrade', 'head:base');
    expect(maria.query(db, 'show tables')).toEqual(['gensql_version']);
    expect(maria.versions(db)).toEqual([]);
    // and the emptied database takes the whole history again
    await run(db, 'upgrade', 'base:head');
    expect(maria.versions(db)).toEqual([HEAD]);
  });

  it('one revision at a time, the version table holds exactly the expected rows after each step', async () => {
    const db = fresh();
    const up: [string, string[]][] = [
      ['base:a1b2c3d4e5f6', ['a1b2c3d4e5f6']],
      ['a1b2c3d4e5f6:b2c3d4e5f6a1', ['b2c3d4e5f6a1']],
      ['b2c3d4e5f6a1:c3d4e5f6a1b2', ['c3d4e5f6a1b2']],
      ['c3d4e5f6a1b2:d4e5f6a1b2c3', ['d4e5f6a1b2c3']],
      ['d4e5f6a1b2c3:e5f6a1b2c3d4', ['e5f6a1b2c3d4']],
      ['e5f6a1b2c3d4:head', [HEAD]],
    ];
    for (const [range, rows] of up) {
      await run(db, 'upgrade', range);
      expect(maria.versions(db), `after upgrade ${range}`).toEqual(rows);
    }
    const down: [string, string[]][] = [
      [`${HEAD}:d4e5f6a1b2c3`, ['d4e5f6a1b2c3']],
      ['d4e5f6a1b2c3:c3d4e5f6a1b2', ['c3d4e5f6a1b2']],
      ['c3d4e5f6a1b2:base', []],
    ];
    for (const [range, rows] of down) {
      await run(db, 'downgrade', range);
      expect(maria.versions(db), `after downgrade ${range}`).toEqual(rows);
    }
    expect(maria.query(db, 'show tables')).toEqual(['gensql_version']);
  });

  it('undoing the merge leaves both branch heads in the version table', async () => {
    const db = fresh();
    await run(db, 'upgrade', 'base:head');
    await run(db, 'downgrade', `${HEAD}:e5f6a1b2c3d4`);
    expect(maria.versions(db)).toEqual(['e5f6a1b2c3d4', 'f6a1b2c3d4e5']);
    expect(maria.query(db, 'show index from users').map((l) => l.split('\t')[2])).not.toContain('ix_users_tier_id');
  });

  it('base:X then X:head leaves what base:head leaves, for every revision X', async () => {
    const whole = fresh();
    await run(whole, 'upgrade', 'base:head');
    for (const x of REVISIONS) {
      const db = fresh();
      await run(db, 'upgrade', `base:${x}`);
      expect(maria.versions(db)).toEqual([x]);
      await run(db, 'upgrade', `${x}:head`);
      expect(schema(db), `base:${x} then ${x}:head`).toBe(schema(whole));
      expect(maria.versions(db)).toEqual([HEAD]);
    }
  });

  it('head:X then X:head comes back to the same schema', async () => {
    const whole = fresh();
    await run(whole, 'upgrade', 'base:head');
    const db = fresh();
    await run(db, 'upgrade', 'base:head');
    await run(db, 'downgrade', 'head:c3d4e5f6a1b2');
    expect(maria.versions(db)).toEqual(['c3d4e5f6a1b2']);
    await run(db, 'upgrade', 'c3d4e5f6a1b2:head');
    expect(schema(db)).toBe(schema(whole));
  });
});

describe('MariaDB: the guard stops a script applied at the wrong revision, before any change', () => {
  async function refused(db: string, command: 'upgrade' | 'downgrade', range: string, message: RegExp): Promise<void> {
    const before = { schema: schema(db), versions: maria.versions(db) };
    const r = maria.apply(db, await script(command, range));
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(message);
    expect(schema(db)).toBe(before.schema);
    expect(maria.versions(db)).toEqual(before.versions);
  }

  it('a base:head script on a database at head', async () => {
    const db = fresh();
    await run(db, 'upgrade', 'base:head');
    await refused(db, 'upgrade', 'base:head', /ERROR 1231 .*gensql: upgrade base:head: the version table gensql_version must hold no revision, but holds 0a1b2c3d4e5f/);
  });

  it('an upgrade from the wrong revision', async () => {
    const db = fresh();
    await run(db, 'upgrade', 'base:b2c3d4e5f6a1');
    await refused(db, 'upgrade', 'c3d4e5f6a1b2:head', /must hold exactly c3d4e5f6a1b2, but holds b2c3d4e5f6a1/);
  });

  it('a downgrade from the wrong revision', async () => {
    const db = fresh();
    await run(db, 'upgrade', 'base:head');
    await refused(db, 'downgrade', 'd4e5f6a1b2c3:base', /must hold exactly d4e5f6a1b2c3, but holds 0a1b2c3d4e5f/);
  });

  it('a script that does not start at base, on a database without a version table', async () => {
    const db = fresh();
    await refused(db, 'upgrade', 'c3d4e5f6a1b2:head', /gensql_version' doesn't exist/);
    expect(maria.query(db, 'show tables')).toEqual([]);
  });

  it('several expected rows: exactly those, compared byte for byte', async () => {
    const s = await session('mariadb');
    const guard = s.renderOps([{ kind: 'versionGuard', expected: ['e5f6a1b2c3d4', 'f6a1b2c3d4e5'], purpose: 'upgrade heads' }])[0]!;
    const table = s.renderOps([{ kind: 'versionTableCreate' }])[0]!;
    const outcome = (rows: string[]): number => {
      const db = fresh();
      const inserts = rows.map((r) => `INSERT INTO gensql_version (version_num) VALUES ('${r}');\n`).join('');
      maria.applyOk(db, `${table};\n${inserts}`);
      return maria.apply(db, `${guard};\nCREATE TABLE reached (x INTEGER);\n`).code === 0 && maria.query(db, 'show tables').includes('reached') ? 0 : 1;
    };
    expect(outcome(['f6a1b2c3d4e5', 'e5f6a1b2c3d4'])).toBe(0);
    expect(outcome([])).toBe(1);
    expect(outcome(['e5f6a1b2c3d4'])).toBe(1);
    expect(outcome(['e5f6a1b2c3d4', 'f6a1b2c3d4e5', 'a1b2c3d4e5f6'])).toBe(1);
    expect(outcome(['E5F6A1B2C3D4', 'f6a1b2c3d4e5'])).toBe(1);
  });
});
