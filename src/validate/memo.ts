/**
 * Reusing a validation result. An engine run is the slow part of a render
 * (PGlite executes a 10,000-revision script in ~8 s, more than the render
 * itself takes), and it is repeated for nothing when the same script is
 * rendered again: in CI, when a reviewer re-renders to compare, when only
 * `--out-dir` or `--tag` changed.
 *
 * A passing result is stored under a key that covers everything the run's
 * outcome depends on: gensql's version, the engine and its package version,
 * the dialect, the schema created beforehand, and every item run — prelude
 * and script, transaction boundaries included, with the text exactly as
 * run. Same key, same statements on the same engine from the same empty
 * database: the engines are deterministic, so the outcome is the same.
 *
 * Except where a statement's outcome can depend on the clock or on chance
 * (a CHECK against now() on rows inserted earlier, a DO block testing
 * random()): a run is not stored, and not looked up, when raw SQL names a
 * time or random function, or when generated SQL does and the script holds
 * data (raw SQL or bulk inserts; without rows no expression is evaluated).
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
import { VERSION } from '../version.js';
import { type ExecItem, type StatementRef, Tally } from './engine.js';

/** Entries kept per project (each is a few hundred bytes). */
const MAX_ENTRIES = 100;

/** Bumped when what an entry holds, or what its key covers, changes. */
const FORMAT = 'gensql-validation-memo-1';

/**
 * What makes a statement's value depend on the clock, on chance or on the
 * session, in any supported dialect: keywords and PostgreSQL's special date
 * strings ('now', 'today') as words, functions when called. A match anywhere
 * (comments and names too) keeps the rule simple and errs on the side of
 * running the engine.
 */
const VOLATILE_WORDS = 'now|today|tomorrow|yesterday|current_timestamp|current_date|current_time|localtime|localtimestamp|sysdate|systimestamp|dbms_random';
const VOLATILE_CALLS =
  'clock_timestamp|statement_timestamp|transaction_timestamp|timeofday|random|randomblob|setseed|gen_random_uuid|gen_random_bytes|uuid_generate_v1|uuid_generate_v1mc|uuid_generate_v4|rand|uuid|uuid_short|sysdatetime|sysutcdatetime|getdate|getutcdate|newid|newsequentialid|sys_guid|unix_timestamp|utc_timestamp|utc_date|utc_time|curdate|curtime|unixepoch|pg_sleep|sleep|txid_current|pg_current_xact_id|pg_backend_pid|inet_client_addr|connection_id|version';
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

/** What identifies an engine's behaviour: its name and the version of the package that is the engine. */
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

/** The key of a run: a hash of everything its outcome depends on. */
export function memoKey(input: Omit<MemoInput, 'cacheDir'>): string {
  const h = createHash('sha256');
  h.update(`${FORMAT}\0${VERSION}\0${input.engine.name}\0${input.engine.id}\0${input.dialect}\0${input.schema ?? ''}\0`);
  for (const [label, items] of [['prelude', input.prelude], ['script', input.script]] as const) {
    h.update(`\0${label}:${items.length}\0`);
    for (const item of items) {
      h.update(item.kind === 'statement' ? `s${item.raw ? 'r' : ''}${item.outsideTransaction ? 'o' : ''}\0` : `${item.kind}\0`);
      h.update(item.sql);
      h.update('\0');
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
    for (const [index, reason] of entry.notChecked) {
      const item = this.input.script[index];
      if (item?.kind !== 'statement') return null; // not written by this format: run the engine
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

/** The request's name: a hash of what it is made of. */
export function requestKey(parts: readonly string[]): string {
  return createHash('sha256').update(parts.join('\0')).digest('hex');
}

function hintFile(cacheDir: string, request: string): string {
  return path.join(cacheDir, 'validation', 'requests', request);
}

/** Keeps the newest MAX_ENTRIES files of a folder that `pick` picks. */
function prune(dir: string, pick: (name: string) => boolean): void {
  const names = fs.readdirSync(dir).filter(pick);
  if (names.length <= MAX_ENTRIES) return;
  const byAge = names.map((n) => ({ n, t: fs.statSync(path.join(dir, n)).mtimeMs })).sort((a, b) => b.t - a.t || a.n.localeCompare(b.n));
  for (const { n } of byAge.slice(MAX_ENTRIES)) fs.rmSync(path.join(dir, n), { force: true });
}
