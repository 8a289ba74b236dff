/**
 * Running a script's items on an engine that reports how many statements
 * of a multi-statement text completed before one failed (PGlite, through
 * its wire protocol): batches then need no savepoint and may span
 * transactions — BEGIN and COMMIT travel in the batch too, which matters
 * for `--transaction-per-migration` scripts — and the failing statement is
 * simply the first one that did not complete, with PostgreSQL's own error.
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

export class CountedRunner {
  constructor(
    private readonly conn: CountingConnection,
    private readonly batchSize: number,
  ) {}

  async run(items: readonly ExecItem[], tally: Tally, progress?: (done: number) => void): Promise<Failure | null> {
    let pending: ExecItem[] = [];
    /** the last statement of earlier batches */
    let previous: StatementItem | undefined;
    const flush = async (): Promise<Failure | null> => {
      const batch = pending;
      pending = [];
      if (batch.length === 0) return null;
      const { completed, error } = await this.conn.execCounted(batch.map((i) => `${i.sql};\n`).join(''));
      const done = error === null ? batch.length : Math.min(completed, batch.length - 1);
      const lastBefore = previous;
      previous = [...batch].reverse().find((i): i is StatementItem => i.kind === 'statement') ?? previous;
      tally.checked += batch.slice(0, done).filter((i) => i.kind === 'statement').length;
      progress?.(tally.total);
      if (error === null) return null;
      const failed = batch[done]!;
      if (failed.kind === 'statement') return { statement: failed, message: errorText(error) };
      // a COMMIT fails for what its transaction did (a deferred constraint): name the last statement in it
      const last = [...batch.slice(0, done)].reverse().find((i) => i.kind === 'statement') ?? lastBefore;
      const ref = transactionRef(failed.sql);
      return {
        statement: last ? { ...ref, revision: last.revision, file: last.file, op: `${failed.sql} (ending the transaction of ${last.op})` } : ref,
        message: errorText(error),
      };
    };
    for (const item of items) {
      // alone: raw text may hold several statements (the count would not map to
      // items), and what must run outside a transaction block cannot share a
      // multi-statement text, which PostgreSQL runs as one implicit transaction
      if (item.kind === 'statement' && (item.raw || item.outsideTransaction)) {
        const failure = (await flush()) ?? (pending.push(item), await flush());
        if (failure) return failure;
        continue;
      }
      pending.push(item);
      if (pending.length >= this.batchSize) {
        const failure = await flush();
        if (failure) return failure;
      }
    }
    return flush();
  }
}
