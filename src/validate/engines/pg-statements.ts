/**
 * Which raw SQL texts may share a multi-statement batch in PGlite, and how
 * many statements each holds, decided with PostgreSQL's own parser
 * (libpg-query). Used by the PGlite engine's CountedRunner
 * (counted-runner.ts explains why the count matters).
 */
import type { Node } from 'libpg-query';
import type { StatementCounter } from '../counted-runner.js';

type PgQuery = typeof import('libpg-query');

/** libpg-query (WebAssembly, ~1 MB), loaded once, when a script first has raw text. */
let parser: Promise<PgQuery> | null = null;
function loadParser(): Promise<PgQuery> {
  parser ??= import('libpg-query').then(async (pg) => {
    await pg.loadModule();
    return pg;
  });
  return parser;
}

/**
 * Whether a statement behaves the same in a multi-statement text as in a
 * text of its own. Such a text is one implicit transaction block, its
 * statements are not "top level", and PostgreSQL parses all of it first.
 * Everything passes except what this knows to differ; when in doubt, alone.
 */
function batchable(node: Node): boolean {
  // transaction control, and what refuses any transaction block or runs only top level
  if (
    'TransactionStmt' in node ||
    'VacuumStmt' in node ||
    'CreatedbStmt' in node ||
    'DropdbStmt' in node ||
    'AlterDatabaseStmt' in node ||
    'AlterSystemStmt' in node ||
    'CreateTableSpaceStmt' in node ||
    'DropTableSpaceStmt' in node ||
    'CheckPointStmt' in node ||
    'DiscardStmt' in node ||
    'CreateSubscriptionStmt' in node ||
    'AlterSubscriptionStmt' in node ||
    'DropSubscriptionStmt' in node
  ) {
    return false;
  }
  if ('IndexStmt' in node) return node.IndexStmt.concurrent !== true;
  if ('DropStmt' in node) return node.DropStmt.concurrent !== true;
  if ('ReindexStmt' in node) {
    const r = node.ReindexStmt;
    const concurrently = (r.params ?? []).some((p) => 'DefElem' in p && p.DefElem.defname === 'concurrently');
    return !concurrently && r.kind !== 'REINDEX_OBJECT_DATABASE' && r.kind !== 'REINDEX_OBJECT_SYSTEM';
  }
  if ('ClusterStmt' in node) return node.ClusterStmt.relation !== undefined;
  if ('AlterTableStmt' in node) {
    // DETACH PARTITION ... CONCURRENTLY
    const detachConcurrently = (c: Node): boolean => 'AlterTableCmd' in c && c.AlterTableCmd.def !== undefined && 'PartitionCmd' in c.AlterTableCmd.def && c.AlterTableCmd.def.PartitionCmd.concurrent === true;
    return !(node.AlterTableStmt.cmds ?? []).some(detachConcurrently);
  }
  // a procedure, or a DO block, may COMMIT only as the only statement of its text
  if ('CallStmt' in node) return false;
  if ('DoStmt' in node) {
    const body = (node.DoStmt.args ?? []).map((a) => ('DefElem' in a && a.DefElem.arg && 'String' in a.DefElem.arg ? (a.DefElem.arg.String.sval ?? '') : '')).join(' ');
    return !/\b(commit|rollback)\b/i.test(body);
  }
  // what needs a transaction block, which a multi-statement text gives implicitly
  if ('LockStmt' in node || 'DeclareCursorStmt' in node || 'ConstraintsSetStmt' in node) return false;
  if ('VariableSetStmt' in node) return node.VariableSetStmt.is_local !== true && node.VariableSetStmt.kind !== 'VAR_SET_MULTI';
  // COPY ... FROM STDIN waits for data the text does not carry
  if ('CopyStmt' in node) return false;
  return true;
}

/**
 * Counts raw text's statements with PostgreSQL's own parser (libpg-query,
 * the same major version as PGlite's PostgreSQL — a test keeps them
 * together, since a text PGlite cannot parse would fail its whole batch
 * before any statement ran). Null keeps the text alone: it does not parse,
 * holds no statement (comments only), or holds one `batchable` refuses.
 * Results are kept per text, which often repeats.
 */
export function pgStatementCounter(): StatementCounter {
  const counts = new Map<string, number | null>();
  return async (sql) => {
    const known = counts.get(sql);
    if (known !== undefined) return known;
    let count: number | null;
    try {
      const stmts = (await loadParser()).parseSync(sql).stmts ?? [];
      count = stmts.length > 0 && stmts.every((s) => s.stmt !== undefined && batchable(s.stmt)) ? stmts.length : null;
    } catch {
      count = null; // PostgreSQL will say what is wrong with it, alone
    }
    counts.set(sql, count);
    return count;
  };
}
