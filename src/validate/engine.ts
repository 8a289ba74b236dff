/**
 * The engine layer: one interface, one implementation per engine
 * (src/validate/engines/), chosen per dialect by the registry. An engine
 * runs a sequence of items — the statements of a script with the
 * transaction boundaries the script has — and says, per statement, whether
 * it checked it; it stops at the first statement it rejects.
 *
 * Engines never see chunks, plans or dialect objects: only SQL text and
 * where each statement came from, so a new engine plugs in without knowing
 * the rest of gensql.
 */
import type { DialectName } from '../record/operations.js';
import type { SchemaSnapshot } from './snapshot.js';

/** One statement to run, and where it came from (for messages). */
export interface StatementRef {
  readonly sql: string;
  readonly revision: string | null;
  readonly file: string | null;
  /** e.g. `addColumn('account', 'name')`, `version guard` */
  readonly op: string;
  /** raw `op.execute` text: may hold several statements, or transaction control */
  readonly raw: boolean;
  /** the script runs it outside any transaction block (CREATE INDEX CONCURRENTLY) */
  readonly outsideTransaction: boolean;
}

export type ExecItem =
  | { readonly kind: 'begin'; readonly sql: string }
  | { readonly kind: 'commit'; readonly sql: string }
  | ({ readonly kind: 'statement' } & StatementRef);

export type StatementItem = Extract<ExecItem, { kind: 'statement' }>;

export interface NotChecked {
  readonly statement: StatementRef;
  readonly reason: string;
}

/** What an engine did with the statements it was given. */
export class Tally {
  checked = 0;
  readonly notChecked: NotChecked[] = [];

  skip(statement: StatementRef, reason: string): void {
    this.notChecked.push({ statement, reason });
  }

  get total(): number {
    return this.checked + this.notChecked.length;
  }
}

/** The statement an engine rejected, with the engine's own error text. */
export interface Failure {
  readonly statement: StatementRef;
  readonly message: string;
}

/** Read-back and rewind, for `gensql check` (engines that execute and have a catalog). */
export interface CatalogAccess {
  /** the schema; with `scope`, only what belongs to those names (see `touched`) */
  snapshot(scope?: readonly string[]): Promise<SchemaSnapshot>;
  /** remembers the current state (a savepoint; one at a time) */
  mark(): Promise<void>;
  /** returns to the state `mark()` remembered, and forgets it */
  rewind(): Promise<void>;
  /** starts recording which names DDL touches; false when the engine cannot */
  track?(): Promise<boolean>;
  /** the names DDL touched since the last call (after `track()` said true) */
  touched?(): Promise<string[]>;
}

export interface EngineSession {
  /** how the summary and messages name the engine, e.g. `PGlite` */
  readonly label: string;
  /** runs the items in order; returns the first rejected statement, or null; `progress` hears how many statements are done */
  run(items: readonly ExecItem[], tally: Tally, progress?: (done: number) => void): Promise<Failure | null>;
  /** present when the engine can read its schema back and rewind */
  readonly catalog?: CatalogAccess;
  /**
   * Creates a schema the project expects to exist already (the version
   * table's `versionTableSchema`), before anything runs; for engines with
   * schemas. Not part of the script, not counted.
   */
  createSchema?(name: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * An engine started early — before the script is rendered — so its
 * start-up overlaps the rendering. `open` takes it over when it fits.
 */
export interface EngineWarm {
  readonly engine: string;
  dispose(): Promise<void>;
}

export interface WarmOptions {
  readonly cacheBase: string | null;
  /** a guess at how many statements will run, from the size of the history */
  readonly expectedStatements: number;
}

export interface EngineOpenOptions {
  /** an early start of this engine (from `warm`), to take over or dispose of */
  readonly warm?: EngineWarm | null;
  readonly dialect: DialectName;
  /** every statement that will run (prelude and script), so an engine can prepare what they need (extensions) */
  readonly statements: readonly string[];
  /** base folder for caches shared by projects (null: no cache) */
  readonly cacheBase: string | null;
  /** a line on stderr */
  readonly log: (line: string) => void;
}

export type EngineKind =
  /** runs statements on a real engine: a rejection fails the script */
  | 'executes'
  /** executes, but approximately: what it does not support is "not checked" */
  | 'approximate'
  /** parses only: syntax, no schema (node-sql-parser: only raw op.execute text it rejects fails a script) */
  | 'parses'
  /** nothing to run statements on */
  | 'none';

export interface EngineFactory {
  /** the `--engine` name */
  readonly name: string;
  readonly label: string;
  readonly kind: EngineKind;
  readonly dialects: readonly DialectName[];
  /** starts the engine before the statements are known, when that saves time (returns at once) */
  warm?(opts: WarmOptions): EngineWarm;
  /**
   * What identifies the engine's behaviour (its package and version), so a
   * passing run can be reused for the same statements (memo.ts); absent:
   * never reused
   */
  memoId?(): string;
  open(opts: EngineOpenOptions): Promise<EngineSession>;
}

/** The text of an engine error, with PostgreSQL's DETAIL and HINT lines when present. */
export function errorText(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const extra = e as Error & { detail?: unknown; hint?: unknown };
  const lines = [e.message];
  if (typeof extra.detail === 'string' && extra.detail) lines.push(`DETAIL: ${extra.detail}`);
  if (typeof extra.hint === 'string' && extra.hint) lines.push(`HINT: ${extra.hint}`);
  return lines.join('\n');
}
