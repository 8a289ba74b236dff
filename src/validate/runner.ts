/**
 * Running a script's items on an engine that executes SQL text (SQLite, a
 * PostgreSQL server), fast: a round trip into WebAssembly or over the wire
 * costs more than most migration statements, so statements inside a
 * transaction go in batches (one multi-statement text per batch). Only
 * when a batch fails is it rolled back to the savepoint taken before it and
 * run again statement by statement, to name the failing statement and keep
 * the engine's own error text for it. (PGlite, which says how many
 * statements of a text completed, needs none of that: counted-runner.ts.)
 */
import { errorText, type ExecItem, type Failure, type StatementItem, type StatementRef, type Tally } from './engine.js';

export interface SqlConnection {
  /** runs SQL text (one or several statements); throws the engine's error */
  exec(sql: string): Promise<void>;
  /** whether a transaction block is open (asked after raw statements, which may COMMIT) */
  inTransaction?(): Promise<boolean>;
}

export interface RunOptions {
  /** statements per batch */
  readonly batchSize: number;
  /** run begin/commit items (false: the caller holds one transaction around everything) */
  readonly transactions: boolean;
  /** a reason not to run this statement here (it is then "not checked"), or null */
  readonly skip?: (s: StatementRef) => string | null;
  /** the transaction is open when the run starts */
  readonly startsInTransaction?: boolean;
}

const SAVEPOINT = 'gensql_batch';

export class BatchRunner {
  private inTx: boolean;
  private pending: StatementItem[] = [];

  constructor(
    private readonly conn: SqlConnection,
    private readonly opts: RunOptions,
  ) {
    this.inTx = opts.startsInTransaction ?? !opts.transactions;
  }

  async run(items: readonly ExecItem[], tally: Tally, progress?: (done: number) => void): Promise<Failure | null> {
    const failure = await this.runAll(items, tally, progress);
    progress?.(tally.total);
    return failure;
  }

  private async runAll(items: readonly ExecItem[], tally: Tally, progress?: (done: number) => void): Promise<Failure | null> {
    for (const item of items) {
      let failure: Failure | null = null;
      if (item.kind === 'begin' || item.kind === 'commit') {
        failure = await this.flush(tally);
        if (failure) return failure;
        if (!this.opts.transactions) continue;
        try {
          await this.conn.exec(item.sql);
        } catch (e) {
          return { statement: transactionRef(item.sql), message: errorText(e) };
        }
        this.inTx = item.kind === 'begin';
        continue;
      }
      const reason = this.opts.skip?.(item) ?? null;
      if (reason !== null) {
        tally.skip(item, reason);
        continue;
      }
      if (item.raw || !this.inTx) {
        // alone: raw text may change the transaction state, and outside a
        // transaction a failed batch could not be rolled back
        failure = (await this.flush(tally)) ?? (await this.single(item, tally));
        if (failure) return failure;
        if (item.raw && this.conn.inTransaction) this.inTx = await this.conn.inTransaction();
        continue;
      }
      this.pending.push(item);
      if (this.pending.length >= this.opts.batchSize) {
        failure = await this.flush(tally);
        if (failure) return failure;
        progress?.(tally.total);
      }
    }
    return this.flush(tally);
  }

  private async single(s: StatementItem, tally: Tally): Promise<Failure | null> {
    try {
      await this.conn.exec(s.sql);
    } catch (e) {
      return { statement: s, message: errorText(e) };
    }
    tally.checked += 1;
    return null;
  }

  private async flush(tally: Tally): Promise<Failure | null> {
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return null;
    if (batch.length === 1) return this.single(batch[0]!, tally);
    // statements joined as the script text joins them: a trailing `--` comment
    // in raw SQL would behave the same here as in the file
    const text = batch.map((s) => `${s.sql};\n`).join('');
    try {
      await this.conn.exec(`SAVEPOINT ${SAVEPOINT};\n${text}RELEASE SAVEPOINT ${SAVEPOINT};`);
      tally.checked += batch.length;
      return null;
    } catch (batchError) {
      try {
        await this.conn.exec(`ROLLBACK TO SAVEPOINT ${SAVEPOINT}; RELEASE SAVEPOINT ${SAVEPOINT};`);
      } catch {
        // the batch ended the transaction itself; its error is all we know
        return { statement: batch[0]!, message: errorText(batchError) };
      }
      for (const s of batch) {
        const failure = await this.single(s, tally);
        if (failure) return failure;
      }
      return { statement: batch[0]!, message: `${errorText(batchError)}\n(these statements fail only when run together, as the script runs them)` };
    }
  }
}

export function transactionRef(sql: string): StatementRef {
  return { sql, revision: null, file: null, op: 'transaction control', raw: false, outsideTransaction: false };
}
