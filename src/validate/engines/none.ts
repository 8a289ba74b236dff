/**
 * SQL Server and Oracle: no engine, and no parser found that accepts their
 * valid DDL (node-sql-parser rejects a third of Alembic-style T-SQL and has
 * no Oracle grammar), so every statement is "not checked". The schema-model
 * checks (every table, column, constraint and index an op needs exists, a
 * new one does not clash) already ran while the script was rendered.
 */
import type { EngineFactory, EngineSession, ExecItem, Failure, Tally } from '../engine.js';

class NoEngine implements EngineSession {
  constructor(readonly label: string) {}

  async run(items: readonly ExecItem[], tally: Tally): Promise<Failure | null> {
    for (const item of items) if (item.kind === 'statement') tally.skip(item, 'no engine runs this dialect');
    return null;
  }

  async close(): Promise<void> {
    // nothing held
  }
}

export const none: EngineFactory = {
  name: 'none',
  label: 'no engine',
  kind: 'none',
  dialects: ['mssql', 'oracle'],
  async open(opts) {
    return new NoEngine(`no engine for ${opts.dialect}`);
  },
};
