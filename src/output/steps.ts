/**
 * Per-step facts the bundle needs beyond the rendered range: the schema
 * model after each step (a step's rollback runs against it) and what each
 * step changes (for REVIEW.md). Both come from replaying the ops the
 * pipeline recorded on a copy of the range's start model, so no revision
 * code runs twice. Rollback steps mirror a step: the opposite direction of
 * the same revision, the inverse version-table changes in reverse order,
 * expecting the step's `headsAfter` and leaving its `headsBefore`.
 */
import type { RenderedStep } from '../emit/script.js';
import { revisionError } from '../errors.js';
import { applyOp } from '../model/apply.js';
import type { SchemaModel } from '../model/schema.js';
import type { Op, UserOp } from '../ops/index.js';
import type { Rendered, Renderer } from '../pipeline.js';
import type { Direction, Plan, PlanStep, VersionChange } from '../revision/types.js';
import { ChangeDescriber, type Change } from './changes.js';

export interface StepReplay {
  /** the model after the step (only when asked for: rollbacks need it) */
  readonly after: SchemaModel | null;
  readonly changes: readonly Change[];
}

function isUserOp(op: Op): op is UserOp {
  return !op.kind.startsWith('version');
}

/** The user ops of a rendered step: those the pipeline recorded, or recorded again if it did not keep them. */
async function userOps(renderer: Renderer, s: RenderedStep): Promise<UserOp[]> {
  const kept = s.ops.map((o) => o.op);
  if (kept.every((o): o is Op => o !== undefined)) return kept.filter(isUserOp);
  if (s.step.revision === null || s.step.direction === 'stamp') return [];
  return renderer.record(s.step.revision, s.step.direction);
}

export async function replaySteps(renderer: Renderer, rendered: Rendered, keepModels: boolean): Promise<StepReplay[]> {
  const describer = new ChangeDescriber(rendered.dialect.sql);
  const model = rendered.startModel.clone();
  const out: StepReplay[] = [];
  for (const s of rendered.steps) {
    const changes: Change[] = [];
    for (const op of await userOps(renderer, s)) {
      changes.push(...describer.describe(op, model));
      applyOp(model, op);
    }
    out.push({ after: keepModels ? model.clone() : null, changes });
  }
  return out;
}

export function inverseDirection(d: Direction): Direction {
  return d === 'upgrade' ? 'downgrade' : d === 'downgrade' ? 'upgrade' : 'stamp';
}

/** insert <-> delete, update a->b <-> b->a, in reverse order */
export function inverseChanges(changes: readonly VersionChange[]): VersionChange[] {
  return [...changes].reverse().map((c): VersionChange => {
    if (c.kind === 'insert') return { kind: 'delete', rev: c.rev };
    if (c.kind === 'delete') return { kind: 'insert', rev: c.rev };
    return { kind: 'update', from: c.to, to: c.from };
  });
}

export function inverseStep(step: PlanStep): PlanStep {
  return {
    direction: inverseDirection(step.direction),
    revision: step.revision,
    from: step.to,
    to: step.from,
    versionChanges: inverseChanges(step.versionChanges),
    headsBefore: step.headsAfter,
    headsAfter: step.headsBefore,
  };
}

/** `--with-rollback` on an upgrade needs every revision's downgrade(): name all that lack one. */
export function requireRollback(renderer: Renderer, plan: Plan): void {
  if (plan.direction !== 'upgrade') return;
  const missing = plan.steps.flatMap((s) => (s.revision === null ? [] : [renderer.meta(s.revision)])).filter((m) => !m.hasDowngrade);
  if (missing.length === 0) return;
  const list = missing.map((m) => `${m.id} (${m.file})`).join(', ');
  throw revisionError(`--with-rollback: revision${missing.length > 1 ? 's' : ''} ${list} ha${missing.length > 1 ? 've' : 's'} no downgrade(), so no rollback script can be written`, {
    files: missing.map((m) => m.file),
    revision: missing[0]!.id,
  });
}

/** Each step's rollback, rendered against the model as it is right after the step. */
export async function renderRollbacks(renderer: Renderer, steps: readonly PlanStep[], replays: readonly StepReplay[]): Promise<RenderedStep[]> {
  const out: RenderedStep[] = [];
  for (let i = 0; i < steps.length; i++) {
    const after = replays[i]!.after;
    if (after === null) throw new Error('internal: rollback needs the model after each step');
    const [r] = await renderer.renderSteps([inverseStep(steps[i]!)], after.clone());
    out.push(r!);
  }
  return out;
}

/** What each rollback changes (described against the model right after its step), for REVIEW.md. */
export function describeRollbacks(rendered: Rendered, undo: readonly RenderedStep[], replays: readonly StepReplay[]): Change[][] {
  const describer = new ChangeDescriber(rendered.dialect.sql);
  return undo.map((r, i) => {
    const model = replays[i]!.after!.clone();
    const changes: Change[] = [];
    for (const op of r.ops.map((o) => o.op).filter((o): o is Op => o !== undefined).filter(isUserOp)) {
      changes.push(...describer.describe(op, model));
      applyOp(model, op);
    }
    return changes;
  });
}
