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
import { defaultCacheDir } from '../revision/cache.js';
import type { DialectName } from '../record/operations.js';
import { type EngineFactory, type EngineWarm, type ExecItem, type Failure, Tally } from './engine.js';
import { forgetRequest, predictReuse, rememberRequest, requestKey, ValidationMemo, volatility } from './memo.js';
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
    // a result about to be reused needs no engine: starting one anyway would slow rendering down (and hold ~400 MB)
    const cacheDir = memoDir(project, factory);
    if (cacheDir !== null && predictReuse(cacheDir, requestOf(project, factory))) return null;
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
  if (!opts.enabled) {
    await (await opts.warm)?.dispose();
    if (opts.url !== undefined) throw usageError('--validate-url and --no-validate contradict each other: drop one');
    return { engines: [] };
  }
  let factory: EngineFactory;
  try {
    factory = await engineFor(dialect, opts.engine);
  } catch (e) {
    await (await opts.warm)?.dispose();
    throw e;
  }
  const script = scriptItems(rendered.script.chunks, rendered.dialect.profile);
  const start = rendered.plan.start;
  // a parser keeps no state: the history before the range would bring nothing about, and is not
  // judged again (raw SQL it rejects there would fail every later script, not only the one that has it)
  const prelude = start.length > 0 && factory.kind !== 'parses' ? await renderPrelude(project, rendered, start) : { items: [], statementCount: 0 };

  const cacheDir = memoDir(project, factory);
  const memo = cacheDir === null ? null : openMemo(cacheDir, project, factory, dialect, prelude.items, script, opts.log);
  const reused = memo?.read() ?? null;
  // what this request led to, for the next one's guess (warmValidation)
  const remember = (stored: boolean): void => {
    if (cacheDir === null) return;
    if (stored && memo) rememberRequest(cacheDir, requestOf(project, factory), memo);
    else forgetRequest(cacheDir, requestOf(project, factory));
  };
  let label: string;
  let tally: Tally;
  if (reused) {
    await (await opts.warm)?.dispose();
    ({ label, tally } = reused);
    remember(true);
    opts.log(summaryLine(factory, label, tally, dialect));
    opts.log(REUSED);
    logDetails(label, tally, opts.log, factory.kind === 'none');
  } else {
    tally = new Tally();
    try {
      label = await runEngine(project, rendered, factory, { prelude: prelude.items, script, tally, statements: statementTexts(prelude.items, script) }, opts);
    } catch (e) {
      remember(false);
      throw e;
    }
    remember(memo?.write(label, tally) ?? false);
  }
  const engines: EngineReport[] = [{ engine: label, checked: tally.checked, notChecked: tally.notChecked.length }];

  if (opts.url !== undefined) {
    const server = await runOnServer(opts.url, script);
    if (server.failure) throw failureError(server.failure, server.label, '');
    opts.log(`validated on ${redactUrl(opts.url)} (rolled back): ${server.tally.checked} statements checked, ${server.tally.notChecked.length} not checked`);
    logDetails(server.label, server.tally, opts.log);
    engines.push({ engine: server.label, checked: server.tally.checked, notChecked: server.tally.notChecked.length });
  }
  return { engines };
}

/** Said under the summary when a result was reused (the summary line itself stays the same). */
export const REUSED = '  (result reused: these statements, run on this engine and version, passed before; GENSQL_NO_VALIDATION_REUSE=1 runs the engine again)';

/** The project's cache folder when results of this engine may be reused, or null. */
function memoDir(project: Project, factory: EngineFactory): string | null {
  if (process.env.GENSQL_NO_VALIDATION_REUSE === '1' || factory.kind === 'none' || !factory.memoId) return null;
  return defaultCacheDir(project.config.root);
}

/** What identifies a render request before it is rendered (for `predictReuse`). */
function requestOf(project: Project, factory: EngineFactory): string {
  return requestKey([factory.name, project.config.root, project.source.fingerprint(), ...process.argv.slice(2)]);
}

/**
 * The memo for this run, or null when a result must not be reused: SQL
 * whose outcome may depend on the clock or chance (a parser evaluates
 * nothing, so for it nothing is).
 */
function openMemo(cacheDir: string, project: Project, factory: EngineFactory, dialect: DialectName, prelude: readonly ExecItem[], script: readonly ExecItem[], log: (line: string) => void): ValidationMemo | null {
  const why = factory.kind === 'parses' ? null : volatility(prelude, script);
  if (why !== null) {
    if (process.env.GENSQL_TIMING === '1') log(`validation result not reused: ${why}`);
    return null;
  }
  return new ValidationMemo({ cacheDir, engine: { name: factory.name, id: factory.memoId?.() ?? '' }, dialect, schema: project.config.versionTableSchema, prelude, script });
}

interface EngineRun {
  readonly prelude: readonly ExecItem[];
  readonly script: readonly ExecItem[];
  readonly tally: Tally;
  readonly statements: string[];
}

/**
 * Runs the prelude, then the script, on a session of the engine, and logs
 * the summary; returns the session's label. Throws the exit-1 error for a
 * rejected statement.
 */
async function runEngine(project: Project, rendered: Rendered, factory: EngineFactory, run: EngineRun, opts: ValidateOptions): Promise<string> {
  const dialect = rendered.dialect.profile.name;
  const start = rendered.plan.start;
  const warm = (await opts.warm) ?? null;
  const { tally } = run;
  const session = await factory.open({ dialect, statements: run.statements, cacheBase: sharedCacheBase(project), log: opts.log, warm: warm?.engine === factory.name ? warm : null });
  if (warm && warm.engine !== factory.name) await warm.dispose();
  try {
    if (project.config.versionTableSchema) await session.createSchema?.(project.config.versionTableSchema);
    const preludeFailure = await session.run(run.prelude, new Tally());
    if (preludeFailure) throw failureError(preludeFailure, session.label, `while replaying the history before ${start.join(', ')} (not part of the script): `);
    const total = rendered.script.statementCount;
    const failure = await session.run(run.script, tally, opts.onProgress ? (done) => opts.onProgress!(done, total) : undefined);
    if (failure) throw failureError(failure, session.label, '');
  } finally {
    await session.close();
  }
  opts.log(summaryLine(factory, session.label, tally, dialect));
  logDetails(session.label, tally, opts.log, factory.kind === 'none');
  return session.label;
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
