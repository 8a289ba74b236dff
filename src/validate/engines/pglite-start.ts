/**
 * Starting PGlite, shared by the in-process engine and its worker thread.
 *
 * Start-up is the cost: initdb takes ~2 s, so the freshly initialised data
 * directory is dumped once per PGlite version into the user's cache
 * (`<cache>/pglite-<version>.tar`, uncompressed: it loads faster than the
 * gzip form) and later runs start from it in ~0.8 s. Contrib extensions are
 * loaded only when a statement creates one, since each costs start-up time.
 *
 * One long transaction holds a lock per relation it touches, and PostgreSQL
 * sizes its lock table by `max_locks_per_transaction` (64 by default: PGlite
 * ran out of lock slots ~8,000 DDL statements into one transaction). A
 * capacity setting changes no statement's meaning, so it grows with the
 * script.
 */
import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import type { Extension, PGlite, PGliteOptions } from '@electric-sql/pglite';
import { installedVersion } from '../../version.js';

/** What a PGlite instance is started with (plain data: it crosses to the worker thread). */
export interface PgliteStart {
  /** the cached data directory (read, or written on first use), or null */
  readonly cacheFile: string | null;
  /** contrib module names, as in `@electric-sql/pglite/contrib/<name>` */
  readonly extensions: readonly string[];
  readonly maxLocksPerTransaction: number;
  /**
   * run PostgreSQL's WebAssembly on V8's baseline compiler only: V8 otherwise
   * recompiles its hot functions with the optimizing compiler, ~2 s of CPU that
   * slows the first thousands of statements down (measured: 2,200 statements
   * 1.5-2.2 s instead of 3.7-3.9 s), and pays off only for long scripts
   */
  readonly baselineOnly: boolean;
}

/** From this many statements on, optimized code repays its compilation. */
const OPTIMIZE_FROM = 15000;

/** The contrib extensions PGlite bundles. */
const CONTRIB = new Set([
  'amcheck', 'auto_explain', 'bloom', 'btree_gin', 'btree_gist', 'citext', 'cube', 'dict_int', 'dict_xsyn', 'earthdistance',
  'file_fdw', 'fuzzystrmatch', 'hstore', 'intarray', 'isn', 'lo', 'ltree', 'moddatetime', 'pageinspect', 'pg_buffercache',
  'pg_freespacemap', 'pg_stat_statements', 'pg_surgery', 'pg_trgm', 'pg_visibility', 'pg_walinspect', 'pgcrypto', 'seg',
  'tablefunc', 'tcn', 'tsm_system_rows', 'tsm_system_time', 'unaccent', 'uuid_ossp',
]);

/** Extensions the statements create, as contrib module names PGlite has. */
export function wantedExtensions(statements: readonly string[]): string[] {
  const out = new Set<string>();
  const re = /\bcreate\s+extension\s+(?:if\s+not\s+exists\s+)?(?:"([^"]+)"|([\w-]+))/gi;
  for (const s of statements) {
    if (!/extension/i.test(s)) continue;
    for (const m of s.matchAll(re)) {
      const name = (m[1] ?? m[2] ?? '').toLowerCase().replace(/-/g, '_');
      if (CONTRIB.has(name)) out.add(name);
    }
  }
  return [...out].sort();
}

/** Room for about four locks per statement (a 10,000-revision script held one per statement). */
export function lockSetting(statements: number): number {
  let locks = 128;
  while (locks * 100 < statements * 4 && locks < 8192) locks *= 2;
  return locks;
}

export function pgliteVersion(): string {
  return installedVersion('@electric-sql/pglite');
}

export function startOptions(cacheBase: string | null, statements: readonly string[] | number, extensions?: readonly string[]): PgliteStart {
  const count = typeof statements === 'number' ? statements : statements.length;
  return {
    cacheFile: cacheBase ? path.join(cacheBase, `pglite-${pgliteVersion()}.tar`) : null,
    extensions: extensions ?? (typeof statements === 'number' ? [] : wantedExtensions(statements)),
    maxLocksPerTransaction: lockSetting(count),
    baselineOnly: count < OPTIMIZE_FROM,
  };
}

/**
 * Applies `baselineOnly`. V8 flags are per process and read when a module is
 * compiled, so this runs before PGlite's module is compiled, once: gensql
 * runs one PGlite per process (a later instance shares the compiled code).
 */
let tieringChosen = false;
export function chooseWasmTiering(start: PgliteStart): void {
  if (tieringChosen) return;
  tieringChosen = true;
  if (start.baselineOnly) v8.setFlagsFromString('--liftoff-only');
}

/** Whether an instance started with `have` can run what `need` describes. */
export function startCovers(have: PgliteStart, need: PgliteStart): boolean {
  return have.maxLocksPerTransaction >= need.maxLocksPerTransaction && need.extensions.every((e) => have.extensions.includes(e));
}

async function loadExtensions(names: readonly string[]): Promise<Record<string, Extension>> {
  const out: Record<string, Extension> = {};
  for (const name of names) {
    const mod = (await import(`@electric-sql/pglite/contrib/${name}`)) as Record<string, Extension | undefined>;
    const ext = mod[name];
    if (ext) out[name] = ext;
  }
  return out;
}

/** A PGlite instance from the cached data directory, creating the cache on first use. */
export async function createPglite(start: PgliteStart): Promise<PGlite> {
  const { PGlite } = await import('@electric-sql/pglite');
  const options: PGliteOptions = {
    extensions: await loadExtensions(start.extensions),
    startParams: [...PGlite.defaultStartParams, '-c', `max_locks_per_transaction=${start.maxLocksPerTransaction}`],
  };
  const cacheFile = start.cacheFile;
  if (cacheFile && fs.existsSync(cacheFile)) {
    try {
      return await PGlite.create({ ...options, loadDataDir: new Blob([fs.readFileSync(cacheFile)]) });
    } catch {
      fs.rmSync(cacheFile, { force: true }); // unreadable: start cold and write it again
    }
  }
  const db = await PGlite.create(options);
  if (cacheFile) {
    try {
      const tar = await db.dumpDataDir('none');
      fs.mkdirSync(path.dirname(cacheFile), { recursive: true });
      const tmp = `${cacheFile}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, Buffer.from(await tar.arrayBuffer()));
      fs.renameSync(tmp, cacheFile); // atomic: a concurrent run reads the old file or the new one
    } catch {
      // a cache we cannot write only costs time
    }
  }
  return db;
}
