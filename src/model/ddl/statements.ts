/**
 * What both DDL parsers share: how a statement is named in a warning, and
 * which statements may change what the schema model tracks.
 *
 * The model tracks tables (columns, constraints, indexes, comments), enum
 * types and sequences. Statements that cannot change those are silently
 * ignored, because they leave the model exactly right:
 * - DML and queries (SELECT, INSERT, UPDATE, DELETE, MERGE, REPLACE, COPY,
 *   CALL, TRUNCATE): they change rows, not the schema;
 * - session and transaction control (SET, RESET, BEGIN, COMMIT, SAVEPOINT,
 *   USE, LOCK, PRAGMA, ...), grants, maintenance (ANALYZE, VACUUM, REINDEX,
 *   OPTIMIZE, CLUSTER, ...);
 * - objects the model does not track: views, materialized views, functions,
 *   procedures, triggers, events, rules, policies, extensions, roles,
 *   domains, composite types, schemas, databases, comments on anything but
 *   tables and columns, and temporary tables (session-local);
 * - DO blocks and prepared statements: opaque code; whatever DDL they run
 *   cannot be known without running them.
 * Anything else that creates, alters, drops or renames is either followed or
 * reported as a warning.
 */

/** A statement as a warning names it: whitespace collapsed, clipped. */
export function statementLabel(text: string): string {
  const one = text.replace(/\s+/g, ' ').trim().replace(/;$/, '').trim();
  return one.length > 100 ? `${one.slice(0, 97)}...` : one;
}

/** The warning for a statement the model cannot follow. */
export function cannotFollow(statement: string, why: string): string {
  return `the schema model cannot follow "${statementLabel(statement)}": ${why}; later ops on what it changes may be rendered from stale knowledge`;
}

export type TrackedObject = 'table' | 'index' | 'sequence' | 'type' | 'rename' | 'comment';

export type StatementClass = { readonly kind: 'ignore' } | { readonly kind: 'tracked'; readonly object: TrackedObject } | { readonly kind: 'unknown' };

/** First words of statements that never change the schema. */
const NEVER_DDL = new Set(
  (
    'select insert update delete merge replace with values table call do set reset show explain describe desc use lock unlock ' +
    'begin start commit rollback savepoint release end abort grant revoke analyze analyse optimize repair flush pragma vacuum ' +
    'reindex cluster checkpoint attach detach truncate load handler prepare execute deallocate kill purge copy listen notify ' +
    'unlisten discard fetch move close declare refresh security import checksum signal resignal get install uninstall xa binlog ' +
    'help backup restore cache'
  ).split(' '),
);

/** Objects after CREATE / ALTER / DROP that the model does not track. */
const UNTRACKED = new Set(
  (
    'view function procedure trigger event rule policy extension role user group schema database domain aggregate operator ' +
    'collation conversion cast language publication subscription server statistics tablespace text transform access foreign ' +
    'owned default materialized logfile spatial resource instance routine'
  ).split(' '),
);

const TRACKED: Record<string, TrackedObject> = { table: 'table', index: 'index', sequence: 'sequence', type: 'type' };

/**
 * Classifies a statement by its first words (lower case, unquoted words
 * only; other tokens as null). PostgreSQL uses it only for statements its
 * exact parser rejected; MySQL and SQLite for every statement.
 */
export function classifyStatement(words: readonly (string | null)[]): StatementClass {
  const first = words[0];
  if (first === undefined || first === null) return { kind: 'unknown' };
  if (NEVER_DDL.has(first)) return { kind: 'ignore' };
  if (first === 'rename') return { kind: 'tracked', object: 'rename' };
  if (first === 'comment') {
    const what = words[2];
    return what === 'table' || what === 'column' ? { kind: 'tracked', object: 'comment' } : { kind: 'ignore' };
  }
  if (first !== 'create' && first !== 'alter' && first !== 'drop') return { kind: 'unknown' };
  // the object's kind comes after modifiers (OR REPLACE, UNIQUE, DEFINER = ..., ALGORITHM = ...): the first known kind word decides
  for (const w of words.slice(1, 12)) {
    if (w === null) continue;
    if (w === 'temp' || w === 'temporary') return { kind: 'ignore' };
    const tracked = TRACKED[w];
    if (tracked) return { kind: 'tracked', object: tracked };
    if (UNTRACKED.has(w)) return { kind: 'ignore' };
  }
  return { kind: 'unknown' };
}
