/**
 * What engines run, built from what the pipeline rendered: the script's
 * chunks (exactly the statements and transaction boundaries of the text),
 * and the prelude — the history before the range's start, rendered by the
 * same Renderer and never emitted — that brings an empty database to the
 * state the script expects.
 */
import type { DialectProfile } from '../emit/dialect.js';
import type { Chunk, RenderedOp, RenderedStep } from '../emit/script.js';
import { Renderer, stepsToReach, type Project, type Rendered } from '../pipeline.js';
import type { Op } from '../ops/index.js';
import type { ExecItem, StatementItem } from './engine.js';

/** The script's chunks as engine items (comments dropped). */
export function scriptItems(chunks: readonly Chunk[], profile: DialectProfile): ExecItem[] {
  const out: ExecItem[] = [];
  let open = false;
  for (const c of chunks) {
    if (c.kind === 'begin') {
      out.push({ kind: 'begin', sql: profile.beginTransaction });
      open = true;
    } else if (c.kind === 'commit') {
      out.push({ kind: 'commit', sql: profile.commitTransaction });
      open = false;
    } else if (c.kind === 'statement') {
      // assembly already moved what must run outside a transaction block out of it
      const outside = profile.transactionalDdl && !open;
      out.push({ kind: 'statement', sql: c.sql, revision: c.revision, file: c.file, op: c.op, raw: c.raw, outsideTransaction: outside });
    }
  }
  return out;
}

/** A rendered op's statements as items of one revision. */
export function opItems(op: RenderedOp, revision: string | null, file: string | null): StatementItem[] {
  return op.statements.map((s) => ({
    kind: 'statement',
    sql: s.sql,
    revision,
    file,
    op: op.description,
    raw: s.raw === true,
    outsideTransaction: s.outsideTransaction === true,
  }));
}

/** A step's statements: its ops, then (unless left out) its version-table bookkeeping. */
export function stepItems(step: RenderedStep, withVersion = true): StatementItem[] {
  const revision = step.step.revision;
  const ops = withVersion ? [...step.ops, ...step.versionOps] : step.ops;
  return ops.flatMap((op) => opItems(op, revision, step.file));
}

/** Wraps statements in the dialect's transaction, moving outside it what must run outside any. */
export function inTransaction(statements: readonly StatementItem[], profile: DialectProfile): ExecItem[] {
  if (!profile.transactionalDdl) return [...statements];
  const begin: ExecItem = { kind: 'begin', sql: profile.beginTransaction };
  const commit: ExecItem = { kind: 'commit', sql: profile.commitTransaction };
  const out: ExecItem[] = [begin];
  for (const s of statements) {
    if (s.outsideTransaction) out.push(commit, s, begin);
    else out.push(s);
  }
  out.push(commit);
  return out;
}

export interface Prelude {
  /** statements that bring an empty database to the range's start */
  readonly items: readonly ExecItem[];
  readonly statementCount: number;
}

/**
 * The history before `start`, as statements: the version table, every
 * revision's upgrade ops (in Alembic's order), then exactly the version rows
 * `start` names. Version rows are written directly rather than through each
 * step's bookkeeping, which assumes one branch at a time.
 */
export async function renderPrelude(project: Project, rendered: Pick<Rendered, 'dialect'>, start: readonly string[], opts: { withVersionTable: boolean } = { withVersionTable: true }): Promise<Prelude> {
  if (start.length === 0 && !opts.withVersionTable) return { items: [], statementCount: 0 };
  const renderer = new Renderer(project, rendered.dialect);
  const model = renderer.newModel();
  const statements: StatementItem[] = [];
  const bookkeeping = (ops: Op[]): StatementItem[] => renderer.renderOps(ops, model, null).flatMap((o) => opItems(o, null, null));
  if (opts.withVersionTable) statements.push(...bookkeeping([{ kind: 'versionTableCreate' }]));
  if (start.length > 0) {
    const steps = await renderer.renderSteps(stepsToReach(project.graph, start), model);
    for (const s of steps) statements.push(...stepItems(s, false));
    statements.push(...bookkeeping(start.map((rev): Op => ({ kind: 'versionInsert', rev }))));
  }
  return { items: inTransaction(statements, rendered.dialect.profile), statementCount: statements.length };
}

/** Every statement's text, for engines that prepare for what will run (extensions). */
export function statementTexts(...lists: readonly (readonly ExecItem[])[]): string[] {
  const out: string[] = [];
  for (const list of lists) for (const i of list) if (i.kind === 'statement') out.push(i.sql);
  return out;
}
