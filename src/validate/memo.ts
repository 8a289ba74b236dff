/**
 * Reusing a validation result. An engine run is the slow part of a render
 * (PGlite executes a 10,000-revision script in ~8 s, more than the render
 * itself takes), and it is repeated for nothing when the same script is
 * rendered again: in CI, when a reviewer re-renders to compare, when only
 * `--out-dir` or `--tag` changed.
 *
 * A passing result is stored under a key that covers everything the run's
 * outcome depends on: gensql's version and its validation code as
 * installed, the engine and its packages' versions, the dialect, the schema
 * created beforehand, and every item run — prelude and script, transaction
 * boundaries included, with the text exactly as run. Same key, same
 * statements on the same engine from the same empty database: the engines
 * are deterministic, so the outcome is the same.
 *
 * Except where a statement's outcome can depend on the clock or on chance
 * (a CHECK against now() on rows inserted earlier, a DO block testing
 * random()): a run is not stored, and not looked up, when raw SQL names a
 * time or random function, or when generated SQL does and the script holds
 * data (raw SQL or bulk inserts; without rows no expression is evaluated).
 * The caller skips that rule for a parser, which evaluates nothing.
 * Failures are never stored: they stop early and say more when run again.
 *
 * Entries are small JSON files in the project's cache folder
 * (`<cache>/validation/`), the newest MAX_ENTRIES kept.
 * GENSQL_NO_VALIDATION_REUSE=1 always runs the engine (GENSQL_NO_CACHE=1
 * turns this off with the other caches). A reused result is said so on
 * stderr; the script and the review bundle are the same either way.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { installedCodeHash, VERSION } from '../version.js';
import { type ExecItem, type StatementRef, Tally } from './engine.js';

/** Entries kept per project (each is a few hundred bytes). */
const MAX_ENTRIES = 100;

/** Bumped when what an entry holds, or what its key covers, changes. */
const FORMAT = 'gensql-validation-memo-1';

/**
 * What makes a statement's value depend on the clock, on chance or on the
 * session, in the supported dialects: keywords and PostgreSQL's special
 * date strings ('now', 'today') as words, functions when called. SQLite's
 * date and time functions mean "now" without a time value, and PostgreSQL's
 * one-argument age() counts from today, so any call of theirs counts (as do
 * MySQL types such as DATETIME(6), which only costs a reuse). A match
 * anywhere (comments and names too) keeps the rule simple and errs on the
 * side of running the engine.
 */
const VOLATILE_WORDS = 'now|today|tomorrow|yesterday|current_timestamp|current_date|current_time|localtime|localtimestamp|sysdate|systimestamp|dbms_random';
const VOLATILE_CALLS = [
  // PostgreSQL
  'clock_timestamp|statement_timestamp|transaction_timestamp|timeofday|age|random\\w*|setseed|gen_random_uuid|gen_random_bytes|uuidv4|uuidv7|uuid_generate_v1|uuid_generate_v1mc|uuid_generate_v4',
  'pg_sleep\\w*|txid_current\\w*|pg_current_xact_id\\w*|pg_backend_pid|inet_client_\\w+|inet_server_\\w+|pg_postmaster_start_time|pg_conf_load_time|version',
  // SQLite
  'randomblob|date|time|datetime|julianday|strftime|unixepoch|timediff',
  // MySQL and MariaDB, SQL Server, Oracle
  'rand|uuid|uuid_short|sys_guid|newid|newsequentialid|sysdatetime|sysutcdatetime|sysdatetimeoffset|getdate|getutcdate|unix_timestamp|utc_timestamp|utc_date|utc_time|curdate|curtime|sleep|connection_id',
].join('|');
const VOLATILE = new RegExp(`\\b(?:${VOLATILE_WORDS})\\b|\\b(?:${VOLATILE_CALLS})\\s*\\(`, 'i');

/** Why a script's outcome might differ between two runs, or null when it cannot. */
export function volatility(prelude: readonly ExecItem[], script: readonly ExecItem[]): string | null {
  let generatedVolatile: StatementRef | null = null;
  let holdsData = false;
  for (const list of [prelude, script]) {
    for (const item of list) {
      if (item.kind !== 'statement') continue;
      const volatile = VOLATILE.test(item.sql);
      if (item.raw) {
        if (volatile) return `raw SQL in ${item.op} uses a time or random function`;
        holdsData = true;
      } else {
        if (volatile) generatedVolatile ??= item;
        if (/^bulkInsert\(/.test(item.op)) holdsData = true;
      }
    }
  }
  return generatedVolatile && holdsData ? `${generatedVolatile.op} uses a time or random function, and the script inserts data` : null;
}

/** What identifies an engine's behaviour: its name, and the versions of the packages it runs on (`EngineFactory.memoId`). */
export interface MemoEngine {
  readonly name: string;
  readonly id: string;
}

export interface MemoInput {
  readonly cacheDir: string;
  readonly engine: MemoEngine;
  readonly dialect: string;
  /** a schema created before anything runs (the version table's), or undefined */
  readonly schema: string | undefined;
  readonly prelude: readonly ExecItem[];
  readonly script: readonly ExecItem[];
}

interface Entry {
  readonly format: string;
  /** how the engine's session named itself */
  readonly label: string;
  readonly checked: number;
  /** script statements the engine did not check: index among the script's items, and why */
  readonly notChecked: readonly (readonly [number, string])[];
}

let codeId: string | null = null;

/**
 * gensql's own validation code (this folder and engines/, as installed):
 * how statements are batched, skipped or judged "not checked" changes with
 * it, and a development build keeps its version number across changes.
 */
function validationCodeId(): string {
  codeId ??= installedCodeHash(['validate', 'validate/engines']);
  return codeId;
}

/** The key of a run: a hash of everything its outcome depends on. */
export function memoKey(input: Omit<MemoInput, 'cacheDir'>): string {
  const h = createHash('sha256');
  // every piece length-prefixed: no two different runs write the same stream
  const piece = (text: string): void => {
    h.update(`${text.length}:`);
    h.update(text);
  };
  for (const p of [FORMAT, VERSION, validationCodeId(), input.engine.name, input.engine.id, input.dialect, input.schema ?? '']) piece(p);
  for (const [label, items] of [['prelude', input.prelude], ['script', input.script]] as const) {
    piece(`${label}:${items.length}`);
    for (const item of items) {
      piece(item.kind === 'statement' ? `s${item.raw ? 'r' : ''}${item.outsideTransaction ? 'o' : ''}` : item.kind);
      piece(item.sql);
    }
  }
  return h.digest('hex');
}

export class ValidationMemo {
  readonly key: string;
  private readonly file: string;

  readonly cacheDir: string;

  constructor(private readonly input: MemoInput) {
    this.cacheDir = input.cacheDir;
    this.key = memoKey(input);
    this.file = path.join(input.cacheDir, 'validation', `${this.key}.json`);
  }

  /** The engine's label and tally of an earlier passing run of exactly these items, or null. */
  read(): { label: string; tally: Tally } | null {
    let entry: Entry;
    try {
      entry = JSON.parse(fs.readFileSync(this.file, 'utf8')) as Entry;
    } catch {
      return null;
    }
    if (entry.format !== FORMAT || typeof entry.label !== 'string' || !Number.isInteger(entry.checked) || !Array.isArray(entry.notChecked)) return null;
    const tally = new Tally();
    tally.checked = entry.checked;
    for (const pair of entry.notChecked) {
      const [index, reason] = Array.isArray(pair) ? (pair as unknown[]) : [];
      const item = typeof index === 'number' ? this.input.script[index] : undefined;
      // not written by this format (or damaged): run the engine
      if (item?.kind !== 'statement' || typeof reason !== 'string') return null;
      tally.skip(item, reason);
    }
    try {
      const now = new Date();
      fs.utimesSync(this.file, now, now); // recently used: kept by pruning
    } catch {
      // read-only cache: reuse still works
    }
    return { label: entry.label, tally };
  }

  /** Stores a passing run's tally; false when it could not (a cache that cannot be written only costs time). */
  write(label: string, tally: Tally): boolean {
    const index = new Map<StatementRef, number>();
    this.input.script.forEach((item, i) => {
      if (item.kind === 'statement') index.set(item, i);
    });
    const notChecked: [number, string][] = [];
    for (const n of tally.notChecked) {
      const i = index.get(n.statement);
      if (i === undefined) return false; // a statement outside the script: do not store what cannot be read back
      notChecked.push([i, n.reason]);
    }
    const entry: Entry = { format: FORMAT, label, checked: tally.checked, notChecked };
    try {
      const dir = path.dirname(this.file);
      fs.mkdirSync(dir, { recursive: true });
      const tmp = `${this.file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, JSON.stringify(entry));
      fs.renameSync(tmp, this.file);
      prune(dir, (n) => n.endsWith('.json'));
      return true;
    } catch {
      return false;
    }
  }
}

/**
 * Whether this render will most likely reuse a result: the same request
 * (the command line, dialect, engine and revision files' fingerprint) last
 * time stored or reused a result that is still there. It decides only
 * whether to start the engine before rendering — when the guess is wrong
 * the engine starts after rendering instead, and what is reused is still
 * decided by the key alone.
 */
export function predictReuse(cacheDir: string, request: string): boolean {
  try {
    const key = fs.readFileSync(hintFile(cacheDir, request), 'utf8');
    return /^[0-9a-f]{64}$/.test(key) && fs.existsSync(path.join(cacheDir, 'validation', `${key}.json`));
  } catch {
    return false;
  }
}

/** Remembers which result a request led to (for `predictReuse`). */
export function rememberRequest(cacheDir: string, request: string, memo: ValidationMemo): void {
  try {
    const file = hintFile(cacheDir, request);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, memo.key);
    prune(path.dirname(file), () => true);
  } catch {
    // a hint only saves time
  }
}

/** Forgets what a request led to (its run was not stored): the next one starts its engine early again. */
export function forgetRequest(cacheDir: string, request: string): void {
  try {
    fs.rmSync(hintFile(cacheDir, request), { force: true });
  } catch {
    // a hint only saves time (and must not hide the error of the run that failed)
  }
}

/** The request's name: a hash of what it is made of. */
export function requestKey(parts: readonly string[]): string {
  return createHash('sha256').update(parts.join('\0')).digest('hex');
}

function hintFile(cacheDir: string, request: string): string {
  return path.join(cacheDir, 'validation', 'requests', request);
}

/** A temporary file older than this was left by a run that died. */
const STALE_TMP_MS = 60 * 60 * 1000;

/**
 * Keeps the newest MAX_ENTRIES files of a folder that `pick` picks, and
 * removes temporary files left behind. Another run may prune the same
 * folder at the same time: a file gone meanwhile is simply skipped.
 */
function prune(dir: string, pick: (name: string) => boolean): void {
  const all = fs.readdirSync(dir);
  const now = Date.now();
  const age = (n: string): number | null => {
    try {
      return fs.statSync(path.join(dir, n)).mtimeMs;
    } catch {
      return null;
    }
  };
  for (const n of all.filter((x) => x.endsWith('.tmp'))) {
    const t = age(n);
    if (t !== null && now - t > STALE_TMP_MS) fs.rmSync(path.join(dir, n), { force: true });
  }
  const names = all.filter((n) => !n.endsWith('.tmp') && pick(n));
  if (names.length <= MAX_ENTRIES) return;
  const byAge = names.flatMap((n) => {
    const t = age(n);
    return t === null ? [] : [{ n, t }];
  });
  byAge.sort((a, b) => b.t - a.t || a.n.localeCompare(b.n));
  for (const { n } of byAge.slice(MAX_ENTRIES)) fs.rmSync(path.join(dir, n), { force: true });
}
