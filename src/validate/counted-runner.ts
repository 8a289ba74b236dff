/**
 * Running a script's items on an engine that reports how many statements
 * of a multi-statement text completed before one failed (PGlite, through
 * its wire protocol): batches then need no savepoint and may span
 * transactions — BEGIN and COMMIT travel in the batch too, which matters
 * for `--transaction-per-migration` scripts — and the failing statement is
 * simply the first one that did not complete, with PostgreSQL's own error.
 *
 * Each item in a batch holds a known number of statements: one for what
 * gensql renders, and for raw `op.execute` text (which may hold several)
 * the number the engine's `countStatements` finds. The count that completed
 * then maps back to the item holding the statement that failed. Raw text
 * the counter declines (it does not parse, holds no statement, or holds one
 * that behaves differently in a multi-statement text — transaction control,
 * VACUUM, CONCURRENTLY, ...) runs alone, as does what must run outside a
 * transaction block: PostgreSQL runs a multi-statement text as one implicit
 * transaction, and parses all of it before running any of it.
 */
import { errorText, type ExecItem, type Failure, type StatementItem, type Tally } from './engine.js';
import { transactionRef } from './runner.js';

export interface CountedResult {
  /** statements that completed, in order */
  readonly completed: number;
  /** the error that stopped the text, or null */
  readonly error: unknown;
}

export interface CountingConnection {
  execCounted(sql: string): Promise<CountedResult>;
}

/**
 * How many statements raw SQL text holds, as the engine will count them;
 * null when the text must run alone (see the top of this file).
 */
export type StatementCounter = (sql: string) => Promise<number | null>;

/** An item in a batch, with the number of statements it holds. */
interface Batched {
  readonly item: ExecItem;
  readonly statements: number;
  /** in a text of its own, sent exactly as written */
  readonly alone: boolean;
}

export class CountedRunner {
  /**
   * @param batchSize statements per batch (a raw item counts all of its own)
   * @param countStatements how raw text may join a batch; without it, raw items run alone
   */
  constructor(
    private readonly conn: CountingConnection,
    private readonly batchSize: number,
    private readonly countStatements?: StatementCounter,
  ) {}

  /** How many statements the item holds in a batch, or null when it runs alone. */
  private async statementsIn(item: ExecItem): Promise<number | null> {
    if (item.kind !== 'statement') return 1;
    // what must run outside a transaction block cannot share a multi-statement
    // text, which PostgreSQL runs as one implicit transaction
    if (item.outsideTransaction) return null;
    if (!item.raw) return 1;
    if (!this.countStatements) return null;
    const n = await this.countStatements(item.sql);
    return n !== null && n > 0 ? n : null;
  }

  async run(items: readonly ExecItem[], tally: Tally, progress?: (done: number) => void): Promise<Failure | null> {
    let pending: Batched[] = [];
    /** statements in `pending` */
    let pendingStatements = 0;
    /** the last statement of earlier batches */
    let previous: StatementItem | undefined;
    const flush = async (): Promise<Failure | null> => {
      const batch = pending;
      pending = [];
      pendingStatements = 0;
      if (batch.length === 0) return null;
      const text = batch.map((b) => `${b.item.sql}${separator(b)}`).join('');
      const { completed, error } = await this.conn.execCounted(text);
      const done = error === null ? batch.length : failingIndex(batch, completed);
      const lastBefore = previous;
      const isStatement = (i: ExecItem): i is StatementItem => i.kind === 'statement';
      previous = [...batch].reverse().map((b) => b.item).find(isStatement) ?? previous;
      tally.checked += batch.slice(0, done).filter((b) => b.item.kind === 'statement').length;
      progress?.(tally.total);
      if (error === null) return null;
      const failed = batch[done]!.item;
      if (failed.kind === 'statement') return { statement: failed, message: errorText(error) };
      // a COMMIT fails for what its transaction did (a deferred constraint): name the last statement in it
      const last = batch.slice(0, done).reverse().map((b) => b.item).find(isStatement) ?? lastBefore;
      const ref = transactionRef(failed.sql);
      return {
        statement: last ? { ...ref, revision: last.revision, file: last.file, op: `${failed.sql} (ending the transaction of ${last.op})` } : ref,
        message: errorText(error),
      };
    };
    for (const item of items) {
      const statements = await this.statementsIn(item);
      if (statements === null) {
        // alone, in a text of its own (a batch of one: its statement count does not matter)
        const failure = (await flush()) ?? (pending.push({ item, statements: 1, alone: true }), await flush());
        if (failure) return failure;
        continue;
      }
      pending.push({ item, statements, alone: false });
      pendingStatements += statements;
      if (pendingStatements >= this.batchSize) {
        const failure = await flush();
        if (failure) return failure;
      }
    }
    return flush();
  }
}

/**
 * What ends an item in the text. Raw text in a batch may end in a `--`
 * comment: a line of its own keeps the semicolon out of the comment (empty
 * statements between semicolons are no statements to PostgreSQL).
 */
function separator(b: Batched): string {
  return b.item.kind === 'statement' && b.item.raw && !b.alone ? '\n;\n' : ';\n';
}

/**
 * The batch item holding statement number `completed` (0-based, counted
 * through the batch): the first statement that did not complete. An error
 * after every statement completed (the implicit transaction's end) is the
 * last item's.
 */
function failingIndex(batch: readonly Batched[], completed: number): number {
  let end = 0;
  for (let i = 0; i < batch.length; i++) {
    end += batch[i]!.statements;
    if (completed < end) return i;
  }
  return batch.length - 1;
}
