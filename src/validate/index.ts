/**
 * Validation of a rendered script before anyone sees it: in the dialect's
 * engine, on a database first brought to the range's start by replaying
 * the history before it (the prelude, never emitted), then the script's own
 * chunks exactly, in order. Optionally (`--validate-url`) the same script
 * also runs on a real PostgreSQL server, inside a transaction that is
 * rolled back.
 *
 * A rejected statement is a validation error (exit 1) naming the revision,
 * its file, the op, the statement and the engine's own message; a
 * statement an engine could not check is a warning. The summary on stderr
 * says how many statements each engine checked.
 */
import path from 'node:path';
import { usageError, validationError } from '../errors.js';
import type { Project, Rendered } from '../pipeline.js';
import { defaultCacheDir } from '../revision/load.js';
import type { DialectName } from '../record/operations.js';
import { type EngineFactory, type EngineWarm, type Failure, Tally } from './engine.js';
import { renderPrelude, scriptItems, statementTexts } from './items.js';
import { engineFor } from './registry.js';
import { redactUrl, runOnServer, SERVER_DIALECTS } from './server.js';

export interface ValidateOptions {
  /** --no-validate: skip the engines (model checks always ran during rendering) */
  readonly enabled: boolean;
  /** --engine */
  readonly engine?: string;
  /** --validate-url */
  readonly url?: string;
  /** prints a line on stderr */
  readonly log: (line: string) => void;
  /** hears (statements done, statements in the script) while the engine runs the script */
  readonly onProgress?: (done: number, total: number) => void;
  /** the engine started early by `warmValidation` (taken over when it fits) */
  readonly warm?: Promise<EngineWarm | null> | null;
}

export interface EngineReport {
  readonly engine: string;
  readonly checked: number;
  readonly notChecked: number;
}

export interface ValidationReport {
  readonly engines: readonly EngineReport[];
}

/** Not-checked statements listed one by one before "... and N more". */
const LIST_LIMIT = 5;

/** The folder shared by every project's cache (the transpile cache's parent), or null when caching is off. */
export function sharedCacheBase(project: Project): string | null {
  const dir = defaultCacheDir(project.config.root);
  return dir === null ? null : path.dirname(dir);
}

/** Statements per revision, roughly (ops and version bookkeeping), to size an engine before rendering. */
const STATEMENTS_PER_REVISION = 3;

/**
 * Starts the dialect's engine before the script is rendered, so that its
 * start-up (PGlite: ~1 s, and the warm-up of its code) overlaps rendering.
 * Never throws: whatever goes wrong shows again, properly, in validateRendered.
 */
export async function warmValidation(project: Project, opts: { readonly enabled: boolean; readonly engine?: string; readonly dialect: DialectName }): Promise<EngineWarm | null> {
  if (!opts.enabled) return null;
  try {
    const factory = await engineFor(opts.dialect, opts.engine);
    return factory.warm?.({ cacheBase: sharedCacheBase(project), expectedStatements: project.graph.all().length * STATEMENTS_PER_REVISION }) ?? null;
  } catch {
    return null;
  }
}

export async function validateRendered(project: Project, rendered: Rendered, opts: ValidateOptions): Promise<ValidationReport> {
  const dialect = rendered.dialect.profile.name;
  if (opts.url !== undefined && !SERVER_DIALECTS.includes(dialect)) {
    throw usageError(`--validate-url runs the script on a PostgreSQL server; it cannot check a ${dialect} script`);
  }
  const warm = (await opts.warm) ?? null;
  if (!opts.enabled) {
    await warm?.dispose();
    if (opts.url !== undefined) throw usageError('--validate-url and --no-validate contradict each other: drop one');
    return { engines: [] };
  }
  let factory: EngineFactory;
  try {
    factory = await engineFor(dialect, opts.engine);
  } catch (e) {
    await warm?.dispose();
    throw e;
  }
  const script = scriptItems(rendered.script.chunks, rendered.dialect.profile);
  const start = rendered.plan.start;
  // a parser keeps no state: the history before the range would bring nothing about, and is not
  // judged again (raw SQL it rejects there would fail every later script, not only the one that has it)
  const prelude = start.length > 0 && factory.kind !== 'parses' ? await renderPrelude(project, rendered, start) : { items: [], statementCount: 0 };

  const tally = new Tally();
  const session = await factory.open({ dialect, statements: statementTexts(prelude.items, script), cacheBase: sharedCacheBase(project), log: opts.log, warm: warm?.engine === factory.name ? warm : null });
  if (warm && warm.engine !== factory.name) await warm.dispose();
  try {
    if (project.config.versionTableSchema) await session.createSchema?.(project.config.versionTableSchema);
    const preludeFailure = await session.run(prelude.items, new Tally());
    if (preludeFailure) throw failureError(preludeFailure, session.label, `while replaying the history before ${start.join(', ')} (not part of the script): `);
    const total = rendered.script.statementCount;
    const failure = await session.run(script, tally, opts.onProgress ? (done) => opts.onProgress!(done, total) : undefined);
    if (failure) throw failureError(failure, session.label, '');
  } finally {
    await session.close();
  }
  opts.log(summaryLine(factory, session.label, tally, dialect));
  logDetails(session.label, tally, opts.log, factory.kind === 'none');
  const engines: EngineReport[] = [{ engine: session.label, checked: tally.checked, notChecked: tally.notChecked.length }];

  if (opts.url !== undefined) {
    const server = await runOnServer(opts.url, script);
    if (server.failure) throw failureError(server.failure, server.label, '');
    opts.log(`validated on ${redactUrl(opts.url)} (rolled back): ${server.tally.checked} statements checked, ${server.tally.notChecked.length} not checked`);
    logDetails(server.label, server.tally, opts.log);
    engines.push({ engine: server.label, checked: server.tally.checked, notChecked: server.tally.notChecked.length });
  }
  return { engines };
}

/** The exit-1 error for a rejected statement: revision, file, op, statement and the engine's words. */
export function failureError(f: Failure, engine: string, prefix: string): Error {
  const s = f.statement;
  const where = s.revision ? `${s.file ?? '?'}: revision ${s.revision}: ${s.op}` : s.op;
  return validationError(`${prefix}${where}: ${engine} rejected the statement: ${f.message}`, {
    files: s.file ? [s.file] : undefined,
    revision: s.revision ?? undefined,
    op: s.op,
    statement: s.sql,
    engine,
  });
}

export function summaryLine(factory: EngineFactory, label: string, tally: Tally, dialect: string): string {
  const n = tally.notChecked.length;
  switch (factory.kind) {
    case 'parses':
      return `parsed with ${label}: ${tally.checked} statements parsed, ${n} not checked (syntax only: raw op.execute SQL it rejects fails the script, statements gensql generated are not checked)`;
    case 'none':
      return `not validated: no engine runs ${dialect} scripts: ${tally.checked} statements checked, ${n} not checked (the schema-model checks ran while rendering)`;
    default:
      return `validated with ${label}: ${tally.checked} statements checked, ${n} not checked`;
  }
}

/** Which statements the engine could not check, and why (not for "no engine", where that is every statement). */
export function logDetails(label: string, tally: Tally, log: (line: string) => void, kindNone = false): void {
  const n = tally.notChecked.length;
  if (n === 0 || kindNone) return;
  log(`warning: ${n} statement${n === 1 ? '' : 's'} not checked by ${label}:`);
  for (const { statement: s, reason } of tally.notChecked.slice(0, LIST_LIMIT)) {
    const where = s.revision ? `${s.file ?? '?'}: revision ${s.revision}: ${s.op}` : s.op;
    log(`  ${where}: ${reason}`);
  }
  if (n > LIST_LIMIT) log(`  ... and ${n - LIST_LIMIT} more`);
}
