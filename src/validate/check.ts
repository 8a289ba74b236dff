/**
 * `gensql check`: proves each revision's downgrade undoes its upgrade.
 *
 * For each revision of the range, in upgrade order, on a database brought
 * to the range's start: read the schema, upgrade the revision; then, inside
 * a savepoint, downgrade it, compare the schema with the one before the
 * upgrade, and upgrade it again (which must work from what the downgrade
 * left); then return to the savepoint and go on. Every revision is checked
 * from the state its predecessors really leave, and one revision's broken
 * downgrade does not spoil the check of the next.
 *
 * The whole run is one transaction (savepoints need one), so a statement the
 * script would run outside a transaction block (CREATE INDEX CONCURRENTLY)
 * runs here without CONCURRENTLY: same index, same schema.
 *
 * Schemas come from the engine's catalog where the engine executes SQL
 * (PGlite, SQLite); elsewhere (MySQL/MariaDB parsing, MSSQL and Oracle)
 * from gensql's schema model — what the revisions declare, which catches a
 * downgrade that forgets an index but not one whose raw SQL is wrong.
 * (pg-mem cannot serve: it neither reads its schema back nor rewinds.)
 */
import { GensqlError, usageError } from '../errors.js';
import { makePlan, Renderer, type Project } from '../pipeline.js';
import type { RenderedStep } from '../emit/script.js';
import type { SchemaModel } from '../model/schema.js';
import type { DialectName } from '../record/operations.js';
import type { PlanStep, VersionChange } from '../revision/types.js';
import { getDialect } from '../../dialects/index.js';
import { Tally, type CatalogAccess, type EngineSession, type Failure, type StatementItem } from './engine.js';
import { renderPrelude, stepItems, statementTexts } from './items.js';
import { engineFor } from './registry.js';
import { diffSnapshots, differenceLines, isEmptyDifference, modelSnapshot, type SchemaSnapshot } from './snapshot.js';
import { sharedCacheBase } from './index.js';
import type { CheckReport, Finding, RevisionResult } from './check-report.js';

export interface CheckOptions {
  readonly range: string;
  readonly dialect: DialectName;
  readonly engine?: string;
  readonly log: (line: string) => void;
  readonly onProgress?: (phase: string, done: number, total: number) => void;
}

/** The downgrade step that undoes an upgrade step, version rows included. */
export function inverseStep(step: PlanStep): PlanStep {
  const invert = (c: VersionChange): VersionChange =>
    c.kind === 'insert' ? { kind: 'delete', rev: c.rev } : c.kind === 'delete' ? { kind: 'insert', rev: c.rev } : { kind: 'update', from: c.to, to: c.from };
  return {
    direction: 'downgrade',
    revision: step.revision,
    from: step.to,
    to: step.from,
    versionChanges: [...step.versionChanges].reverse().map(invert),
    headsBefore: step.headsAfter,
    headsAfter: step.headsBefore,
  };
}

/** One revision, rendered three ways, with the model states around it. */
interface Planned {
  readonly step: PlanStep;
  readonly up: RenderedStep;
  readonly down: RenderedStep | null;
  readonly reup: RenderedStep | null;
  readonly modelBefore: SchemaSnapshot;
  readonly modelAfter: SchemaSnapshot;
  readonly modelAfterDown: SchemaSnapshot | null;
}

function errorFinding(e: unknown, kind: Finding['kind'], prefix: string): Finding {
  if (!(e instanceof GensqlError)) throw e;
  const c = e.context;
  return { severity: 'error', kind, revision: c.revision, file: c.files?.[0], op: c.op, statement: c.statement, message: `${prefix}${e.message}` };
}

function failureFinding(f: Failure, engine: string, kind: Finding['kind'], prefix: string): Finding {
  const s = f.statement;
  const where = s.revision ? `${s.file ?? '?'}: revision ${s.revision}: ${s.op}` : s.op;
  return { severity: 'error', kind, revision: s.revision ?? undefined, file: s.file ?? undefined, op: s.op, statement: s.sql, engine, message: `${prefix}${where}: ${engine} rejected the statement: ${f.message}` };
}

/** In one transaction, CONCURRENTLY cannot run: build the same index plainly. */
function inOneTransaction(items: readonly StatementItem[]): StatementItem[] {
  return items.map((s) => (s.outsideTransaction ? { ...s, sql: s.sql.replace(/\bCONCURRENTLY\s+/i, ''), outsideTransaction: false } : s));
}

export async function runCheck(project: Project, opts: CheckOptions): Promise<CheckReport> {
  const dialect = await getDialect(opts.dialect);
  const factory = await engineFor(opts.dialect, opts.engine);
  if (factory.kind === 'approximate') {
    throw usageError(`check cannot use ${factory.name}: it neither reads a schema back nor returns to a savepoint, and what it rejects may be its own limits; use the default engine`);
  }
  const renderer = new Renderer(project, dialect);
  const plan = makePlan(project.graph, 'upgrade', opts.range);
  // started now, the engine's start-up overlaps the rendering below (each revision runs three times)
  const warm = factory.warm?.({ cacheBase: sharedCacheBase(project), expectedStatements: project.graph.all().length * 9 }) ?? null;
  const findings: Finding[] = [];
  const results = new Map<number, Finding[]>();
  const add = (i: number | null, f: Finding): void => {
    findings.push(f);
    if (i !== null) results.set(i, [...(results.get(i) ?? []), f]);
  };

  const heads = project.graph.heads();
  if (heads.length > 1) add(null, { severity: 'warning', kind: 'multiple-heads', message: `the history has ${heads.length} heads (${heads.join(', ')}): merge them (gensql merge heads) before deploying` });

  // 1. render every revision up, down and up again, in the schema model
  const model: SchemaModel = renderer.newModel();
  await renderer.replayTo(plan.start, model);
  const planned: Planned[] = [];
  for (let i = 0; i < plan.steps.length; i++) {
    const step = plan.steps[i]!;
    const meta = renderer.meta(step.revision!);
    const modelBefore = modelSnapshot(model);
    let up: RenderedStep;
    try {
      up = (await renderer.renderSteps([step], model))[0]!;
    } catch (e) {
      add(i, errorFinding(e, 'model-error', 'upgrade: '));
      break; // later revisions build on this one
    }
    const modelAfter = modelSnapshot(model);
    let down: RenderedStep | null = null;
    let reup: RenderedStep | null = null;
    let modelAfterDown: SchemaSnapshot | null = null;
    if (!meta.hasDowngrade) {
      add(i, { severity: 'warning', kind: 'no-downgrade', revision: meta.id, file: meta.file, message: `${meta.file}: revision ${meta.id} has no downgrade(), so it cannot be rolled back` });
    } else {
      const downModel = model.clone();
      try {
        down = (await renderer.renderSteps([inverseStep(step)], downModel))[0]!;
        modelAfterDown = modelSnapshot(downModel);
        // after a downgrade that leaves something behind, upgrading again is
        // expected to clash: the mismatch itself is the finding
        if (isEmptyDifference(diffSnapshots(modelBefore, modelAfterDown))) {
          reup = (await renderer.renderSteps([step], downModel))[0]!;
        }
      } catch (e) {
        add(i, errorFinding(e, 'model-error', down ? 'upgrade after downgrade: ' : 'downgrade: '));
      }
    }
    planned.push({ step, up, down, reup, modelBefore, modelAfter, modelAfterDown });
    opts.onProgress?.('rendering', i + 1, plan.steps.length);
  }

  // 2. run them in the engine
  const prelude = await renderPrelude(project, { dialect }, plan.start, { withVersionTable: true });
  const allItems = planned.flatMap((p) => [p.up, p.down, p.reup].filter((s): s is RenderedStep => s !== null).flatMap((s) => stepItems(s)));
  const session = await factory.open({ dialect: opts.dialect, statements: statementTexts(prelude.items, allItems), cacheBase: sharedCacheBase(project), log: opts.log, warm });
  const tally = new Tally();
  const catalog = session.catalog;
  /** revisions the engine got to (the rest build on one it could not upgrade) */
  let reached = 0;
  try {
    if (project.config.versionTableSchema) await session.createSchema?.(project.config.versionTableSchema);
    // a parser keeps no state, and does not judge the history before the range again (see validateRendered)
    const preludeFailure = factory.kind === 'parses' ? null : await session.run(prelude.items, new Tally());
    if (preludeFailure) {
      add(null, failureFinding(preludeFailure, session.label, 'engine-error', `while replaying the history before ${plan.start.join(', ')}: `));
    } else {
      reached = await runPlanned(session, planned, tally, add, dialect.profile.transactionalDdl ? dialect.profile : null, opts);
    }
  } finally {
    await session.close();
  }

  const revisions: RevisionResult[] = plan.steps.map((step, i) => {
    const meta = renderer.meta(step.revision!);
    const own = results.get(i) ?? [];
    const status = own.some((f) => f.severity === 'error') ? 'failed' : i >= reached ? 'skipped' : own.length > 0 ? 'warning' : 'ok';
    return { revision: meta.id, file: meta.file, message: meta.message, status, findings: own };
  });
  if (tally.notChecked.length > 0) {
    add(null, { severity: 'warning', kind: 'not-checked', engine: session.label, message: `${tally.notChecked.length} statement runs not checked by ${session.label}` });
  }
  return {
    ok: !findings.some((f) => f.severity === 'error'),
    range: opts.range,
    dialect: opts.dialect,
    engine: { name: factory.name, label: session.label, kind: factory.kind },
    comparedIn: catalog ? 'engine catalog' : 'schema model',
    revisions,
    findings,
    statements: { checked: tally.checked, notChecked: tally.notChecked.map((n) => ({ revision: n.statement.revision, file: n.statement.file, op: n.statement.op, statement: n.statement.sql, reason: n.reason })) },
  };
}

/**
 * Where the engine records what DDL touches, each revision first runs once
 * (up, down, up) inside a savepoint that is then rolled back, only to learn
 * the names it touches; the checked run then reads just those back, so a
 * snapshot costs what the revision changes rather than the whole schema.
 */
async function touchedBy(session: EngineSession, catalog: CatalogAccess, steps: readonly (RenderedStep | null)[]): Promise<string[] | undefined> {
  const scratch = new Tally();
  await catalog.mark();
  await catalog.touched!();
  const present = steps.slice(0, steps.includes(null) ? steps.indexOf(null) : steps.length) as RenderedStep[];
  // one run for all of them: one trip into the engine
  if (await session.run(inOneTransaction(present.flatMap((s) => stepItems(s))), scratch)) {
    // the failure aborted what the log could tell: read the whole schema for this one
    await catalog.rewind();
    return undefined;
  }
  const names = await catalog.touched!();
  await catalog.rewind();
  return names;
}

async function runPlanned(
  session: EngineSession,
  planned: readonly Planned[],
  tally: Tally,
  add: (i: number | null, f: Finding) => void,
  tx: { beginTransaction: string; commitTransaction: string } | null,
  opts: CheckOptions,
): Promise<number> {
  const catalog = session.catalog;
  const run = (s: RenderedStep): Promise<Failure | null> => session.run(inOneTransaction(stepItems(s)), tally);
  if (tx) await session.run([{ kind: 'begin', sql: tx.beginTransaction }], tally);
  const scoped = catalog?.track && catalog.touched ? await catalog.track() : false;
  // unscoped, the schema after one revision is the schema before the next
  let previous = catalog && !scoped ? await catalog.snapshot() : null;
  for (let i = 0; i < planned.length; i++) {
    const p = planned[i]!;
    const scope = catalog && scoped ? await touchedBy(session, catalog, [p.up, p.down, p.reup]) : undefined;
    const snapshot = async (fromModel: SchemaSnapshot | null): Promise<SchemaSnapshot> => (catalog ? catalog.snapshot(scope) : fromModel!);
    const before = previous ?? (await snapshot(p.modelBefore));
    const upFailure = await run(p.up);
    if (upFailure) {
      add(i, failureFinding(upFailure, session.label, 'engine-error', 'upgrade: '));
      return i + 1; // later revisions build on this one
    }
    // unscoped, it is also the next revision's "before"
    const after = scoped ? null : await snapshot(p.modelAfter);
    if (p.down) {
      await catalog?.mark();
      const downFailure = await run(p.down);
      if (downFailure) {
        add(i, failureFinding(downFailure, session.label, 'engine-error', 'downgrade: '));
      } else {
        const diff = diffSnapshots(before, await snapshot(p.modelAfterDown));
        const restored = isEmptyDifference(diff);
        if (!restored) {
          add(i, {
            severity: 'error',
            kind: 'downgrade-mismatch',
            revision: p.step.revision ?? undefined,
            file: p.up.file ?? undefined,
            engine: catalog ? session.label : undefined,
            message: `${p.up.file}: revision ${p.step.revision}: downgrade does not restore the schema the upgrade started from (+ left behind, - missing, ~ changed)`,
            difference: differenceLines(diff),
          });
        }
        // upgrading again must work from what the downgrade left
        if (p.reup && restored) {
          const reupFailure = await run(p.reup);
          if (reupFailure) add(i, failureFinding(reupFailure, session.label, 'engine-error', 'upgrade after downgrade: '));
        }
      }
      await catalog?.rewind();
    }
    previous = catalog ? after : null;
    opts.onProgress?.('checking', i + 1, planned.length);
  }
  if (tx) await session.run([{ kind: 'commit', sql: tx.commitTransaction }], tally);
  return planned.length;
}
