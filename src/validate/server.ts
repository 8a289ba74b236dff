/**
 * `--validate-url postgres://...`: the script also runs on a real
 * PostgreSQL server — a staging copy, say — inside one transaction that is
 * always rolled back, so nothing changes there. The script runs as written
 * against the server's current state (no history is replayed there): its
 * guard says so when the server is not at the range's start.
 *
 * What cannot run inside that transaction is "not checked" on the server:
 * statements the script runs outside a transaction block (CREATE INDEX
 * CONCURRENTLY), and raw SQL holding transaction control (a COMMIT there
 * would make everything before it permanent).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { usageError } from '../errors.js';
import type { DialectName } from '../record/operations.js';
import { errorText, type ExecItem, type Failure, type StatementRef, Tally } from './engine.js';
import { BatchRunner } from './runner.js';

/** the dialects whose scripts a PostgreSQL server runs */
export const SERVER_DIALECTS: readonly DialectName[] = ['postgresql'];

const BATCH = 200;
/** a DDL statement waiting this long for a lock on a live server fails instead of hanging the run */
const LOCK_TIMEOUT = '10s';

export interface ServerResult {
  readonly label: string;
  readonly tally: Tally;
  readonly failure: Failure | null;
}

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url.replace(/:[^:@/]*@/, ':***@');
  }
}

/** COMMIT, ROLLBACK, ABORT, START/PREPARE TRANSACTION, and END alone (not the END of a PL/pgSQL block) */
const TRANSACTION_CONTROL = /\b(commit|rollback|abort|start\s+transaction|prepare\s+transaction|end\s+(transaction|work))\b|^\s*end\s*;?\s*$/im;

function skipOnServer(s: StatementRef): string | null {
  if (s.outsideTransaction) return 'it must run outside a transaction block, and the server run is one transaction that is rolled back';
  if (s.raw && TRANSACTION_CONTROL.test(s.sql)) return 'it holds transaction control, which would end the transaction that keeps the server unchanged';
  return null;
}

/**
 * The URL with libpq's defaults where it leaves them out, as psql would use
 * them: the operating-system user name, and the local socket folder that
 * holds a server socket (node-postgres itself would try TCP to localhost as
 * user $USER). Filled into the URL, since node-postgres lets the connection
 * string's empty fields override separate options.
 */
export function withLibpqDefaults(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return url;
  }
  if (!u.username && !process.env.PGUSER && !u.searchParams.has('user')) u.searchParams.set('user', os.userInfo().username);
  if (!u.hostname && !process.env.PGHOST && !u.searchParams.has('host')) {
    const port = u.port || process.env.PGPORT || '5432';
    const dir = ['/var/run/postgresql', '/run/postgresql', '/tmp'].find((d) => fs.existsSync(path.join(d, `.s.PGSQL.${port}`)));
    if (dir) u.searchParams.set('host', dir);
  }
  return u.toString();
}

export async function runOnServer(url: string, items: readonly ExecItem[]): Promise<ServerResult> {
  const label = `PostgreSQL server ${redactUrl(url)}`;
  const pg = (await import('pg')).default;
  const client = new pg.Client({ connectionString: withLibpqDefaults(url), application_name: 'gensql validate' });
  try {
    await client.connect();
  } catch (e) {
    throw usageError(`cannot connect to ${redactUrl(url)} for --validate-url: ${errorText(e)}`);
  }
  const tally = new Tally();
  let failure: Failure | null = null;
  try {
    await client.query(`BEGIN; SET LOCAL lock_timeout = '${LOCK_TIMEOUT}'`);
    const exec = async (sql: string): Promise<void> => {
      await client.query(sql);
    };
    const runner = new BatchRunner({ exec }, { batchSize: BATCH, transactions: false, skip: skipOnServer });
    failure = await runner.run(items, tally);
  } finally {
    try {
      await client.query('ROLLBACK');
    } finally {
      await client.end();
    }
  }
  return { label, tally, failure };
}
