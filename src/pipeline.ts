/**
 * The flow, top to bottom:
 *
 *   revision files ──load──▶ revision graph ──plan(range)──▶ steps
 *   step.upgrade(op) ──record──▶ ops ──model──▶ (checked, existing* known)
 *   op + model + dialect ──render──▶ statements
 *   steps + statements + version ops ──assemble──▶ script
 *
 * Validation and output come after, in src/validate and src/output.
 */
import { GensqlError } from './errors.js';
import { applyOp } from './model/apply.js';
import { SchemaModel, type ModelData, type ModelOptions } from './model/schema.js';
import { renderCacheFor, stepKey as cacheStepKey, type CachedStep, type RenderCache } from './render-cache.js';
import { describeOp, type ExecuteOp, type Op, type UserOp } from './ops/index.js';
import type { DialectName } from './record/operations.js';
import { recordRevision } from './record/run.js';
import { opCacheFor, type OpCache } from './revision/op-cache.js';
import type { Dialect, VersionTableConfig } from './emit/dialect.js';
import { renderOp } from './emit/render.js';
import { assembleScript, type RenderedOp, type RenderedStep, type Script } from './emit/script.js';
import type { RevisionGraph } from './revision/graph.js';
import type { Project } from './project.js';
import { planDowngrade, planStamp, planUpgrade } from './revision/plan.js';
import type { Direction, Plan, PlanStep, RevisionMeta, VersionChange } from './revision/types.js';
import { VERSION } from './version.js';
import { getDialect } from '../dialects/index.js';
import { mark, note } from './cli/timing.js';
import type { DdlParser } from './model/ddl/index.js';

export { openProject } from './project.js';
export type { OpenOptions, Project } from './project.js';

export interface RenderOptions {
  readonly direction: Direction;
  readonly range: string;
  readonly dialect: DialectName;
  readonly tag?: string;
  readonly transactionPerMigration: boolean;
  readonly onProgress?: (phase: string, done: number, total: number) => void;
}

export interface Rendered {
  readonly options: RenderOptions;
  readonly dialect: Dialect;
  readonly plan: Plan;
  readonly steps: readonly RenderedStep[];
  readonly script: Script;
  readonly versionTable: VersionTableConfig;
  /** the model at the start of the range, before any step (for validation replays) */
  readonly startModel: SchemaModel;
  readonly warnings: readonly string[];
}

export function makePlan(graph: RevisionGraph, direction: Direction, range: string): Plan {
  if (direction === 'upgrade') return planUpgrade(graph, range);
  if (direction === 'downgrade') return planDowngrade(graph, range);
  return planStamp(graph, range);
}

/** The upgrade steps that take an empty database to exactly these version rows, in Alembic's order. */
export function stepsToReach(graph: RevisionGraph, heads: readonly string[]): PlanStep[] {
  const seen = new Set<string>();
  const out: PlanStep[] = [];
  for (const head of heads) {
    for (const step of planUpgrade(graph, `base:${head}`).steps) {
      if (step.revision === null || seen.has(step.revision)) continue;
      seen.add(step.revision);
      out.push(step);
    }
  }
  return out;
}

/** A statement keyword that can change the schema, anywhere in a text (a cheap filter before parsing). */
const MAYBE_DDL = /\b(create|alter|drop|rename|comment|truncate)\b/i;

/**
 * Memory: a string built by concatenation is a tree of pieces in V8 (32
 * bytes a node), kept as such until something reads it whole. Statements
 * and op descriptions live until the script is written; turning each into
 * one flat string (converting it to a number reads it whole, in place) cut
 * the peak of a 10,000-revision render by ~8 MB (npm run bench).
 */
function flatten(s: string): string {
  Number(s);
  return s;
}

function versionOpsOf(changes: readonly VersionChange[]): Op[] {
  return changes.map((c): Op => {
    if (c.kind === 'insert') return { kind: 'versionInsert', rev: c.rev };
    if (c.kind === 'update') return { kind: 'versionUpdate', from: c.from, to: c.to };
    return { kind: 'versionDelete', rev: c.rev };
  });
}

export class Renderer {
  readonly project: Project;
  readonly dialect: Dialect;
  readonly versionTable: VersionTableConfig;

  /** ops recorded by earlier runs (revision/op-cache.ts) */
  private readonly opCache: OpCache;

  constructor(project: Project, dialect: Dialect) {
    this.project = project;
    this.dialect = dialect;
    this.opCache = opCacheFor(project.source, dialect.profile.name);
    this.versionTable = { name: project.config.versionTable, schema: project.config.versionTableSchema };
  }

  newModel(): SchemaModel {
    return new SchemaModel(this.modelOptions());
  }

  private modelOptions(): ModelOptions {
    return { dialect: this.dialect.model, namingConvention: this.project.config.namingConvention };
  }

  meta(id: string): RevisionMeta {
    const m = this.project.graph.get(id);
    if (!m) throw new Error(`internal: unknown revision ${id}`);
    return m;
  }

  /** Warnings met while rendering (raw SQL the model could not follow), for stderr. */
  readonly warnings: string[] = [];
  private ddlParser: Promise<DdlParser | null> | null = null;

  /** Records a revision's ops for one direction; raw SQL is parsed so the model follows its DDL. */
  async record(id: string, direction: 'upgrade' | 'downgrade'): Promise<UserOp[]> {
    return (await this.recordOps(id, direction)).ops;
  }

  /**
   * `record`, and whether every run records the same ops (they came from
   * the op cache, or their module is unchanged since an earlier run and
   * the op cache's analysis finds it pure).
   */
  private async recordOps(id: string, direction: 'upgrade' | 'downgrade'): Promise<{ ops: UserOp[]; repeatable: boolean }> {
    const source = this.project.source;
    const hit = this.opCache.get(id, direction);
    let ops = hit;
    if (!ops) {
      await source.ready();
      ops = await recordRevision(source.module(id), this.meta(id), direction, this.dialect.profile.name, (s) => source.mapStack(s));
      this.opCache.offer(id, direction, ops);
    }
    return { ops: await this.followRawDdl(id, ops), repeatable: hit !== null || this.opCache.recordsTheSame(id) };
  }

  private async followRawDdl(id: string, ops: UserOp[]): Promise<UserOp[]> {
    const meta = this.meta(id);
    // only texts that may hold DDL are parsed (UPDATE/INSERT/DELETE/SELECT cannot change the schema)
    const ddl = (op: UserOp): op is ExecuteOp => op.kind === 'execute' && MAYBE_DDL.test(this.dialect.sql.text(op.sql));
    if (!ops.some(ddl)) return ops;
    this.ddlParser ??= this.dialect.ddlParser ? this.dialect.ddlParser() : Promise.resolve(null);
    const parse = await this.ddlParser;
    return ops.map((op) => {
      if (!ddl(op)) return op;
      const text = this.dialect.sql.text(op.sql);
      if (!parse) {
        this.warnings.push(`${meta.file}: revision ${meta.id}: ${describeOp(op)}: the schema model does not follow raw DDL on ${this.dialect.profile.name}; later ops on what it changes may be rendered from stale knowledge`);
        return op;
      }
      const result = parse(text);
      for (const w of result.warnings) this.warnings.push(`${meta.file}: revision ${meta.id}: ${describeOp(op)}: ${w}`);
      return result.ops.length > 0 ? { ...op, modelOps: result.ops } : op;
    });
  }

  /** Applies ops to the model and renders them; model and render errors name the revision, file and op. */
  renderOps(ops: readonly Op[], model: SchemaModel, meta: RevisionMeta | null): RenderedOp[] {
    return ops.map((op) => {
      try {
        const info = op.kind.startsWith('version') ? {} : applyOp(model, op as UserOp);
        const statements = renderOp(this.dialect, op, info, model, this.versionTable);
        for (const st of statements) flatten(st.sql);
        return { description: flatten(describeOp(op)), statements, op };
      } catch (e) {
        if (e instanceof GensqlError) {
          const ctx = meta ? { files: [meta.file], revision: meta.id, op: describeOp(op) } : { op: describeOp(op) };
          const where = meta ? `${meta.file}: revision ${meta.id}: ${describeOp(op)}: ` : '';
          const err = e.withContext(ctx);
          throw new GensqlError(where + err.message, err.context, err.exitCode);
        }
        throw e;
      }
    });
  }

  /** Runs steps against the model and renders them (the model ends at the steps' end). */
  async renderSteps(steps: readonly PlanStep[], model: SchemaModel, onStep?: (i: number) => void): Promise<RenderedStep[]> {
    const out: RenderedStep[] = [];
    for (let i = 0; i < steps.length; i++) {
      const step = steps[i]!;
      out.push(this.renderStep(step, (await this.stepOps(step)).ops, model));
      onStep?.(i + 1);
    }
    return out;
  }

  /** Records one step's ops; `repeatable` when every run records the same (see `recordOps`). */
  private async stepOps(step: PlanStep): Promise<{ ops: UserOp[]; repeatable: boolean }> {
    if (step.revision === null || step.direction === 'stamp') return { ops: [], repeatable: false };
    return this.recordOps(step.revision, step.direction);
  }

  /** Renders one step's recorded ops and version-table changes against the model. */
  private renderStep(step: PlanStep, ops: readonly UserOp[], model: SchemaModel): RenderedStep {
    const meta = step.revision ? this.meta(step.revision) : null;
    return {
      step,
      message: meta?.message ?? '',
      file: meta?.file ?? null,
      ops: this.renderOps(ops, model, meta),
      versionOps: this.renderOps(versionOpsOf(step.versionChanges), model, meta),
    };
  }

  /** A step's key in the render cache, or null when it cannot be stored (see src/render-cache.ts). */
  private stepKey(step: PlanStep): string | null {
    if (step.revision === null || step.direction === 'stamp') return null;
    const hash = this.project.source.segmentKey(step.revision);
    return hash === null ? null : cacheStepKey(step, hash, this.meta(step.revision).file);
  }

  /**
   * `renderSteps` from an empty model through the render cache: the stored
   * leading steps are reused, the rest rendered, and the leading steps
   * whose ops every run records the same stored for next time.
   */
  async renderStepsFromBase(steps: readonly PlanStep[], cache: RenderCache, onStep?: (i: number) => void): Promise<RenderedStep[]> {
    const keys = steps.map((s) => this.stepKey(s));
    const stored = cache.restore(keys);
    const out: RenderedStep[] = [];
    const kept: CachedStep[] = [];
    if (stored) {
      stored.steps.forEach((c, i) => {
        const step = steps[i]!;
        const meta = this.meta(step.revision!);
        out.push({ step, message: meta.message ?? '', file: meta.file, ops: c.ops, versionOps: c.versionOps });
        this.warnings.push(...c.warnings);
        kept.push(c);
      });
      onStep?.(out.length);
    }
    if (cache.enabled) note(`render cache: ${out.length} of ${steps.length} steps reused`);
    if (out.length === steps.length) return out; // nothing left to render: the stored model is not needed
    // restore() decodes the stored model whenever steps are left to render
    const model = stored === null ? this.newModel() : stored.model === null ? null : SchemaModel.fromData(this.modelOptions(), stored.model);
    if (model === null) throw new Error('internal: the render cache gave no model to render on from');
    // the model after the steps that can be stored: taken when the first that cannot comes
    let storedModel: ModelData | null = null;
    for (let i = out.length; i < steps.length; i++) {
      const step = steps[i]!;
      const warned = this.warnings.length;
      const { ops, repeatable } = await this.stepOps(step);
      if (storedModel === null && !(repeatable && keys[i] !== null)) storedModel = model.toData();
      const rendered = this.renderStep(step, ops, model);
      if (storedModel === null) kept.push({ ops: rendered.ops, versionOps: rendered.versionOps, warnings: this.warnings.slice(warned) });
      out.push(rendered);
      onStep?.(i + 1);
    }
    if (cache.enabled) note(`render cache: the first ${kept.length} steps can be stored`);
    cache.remember(keys, kept.length, () => storedModel ?? model.toData(), kept);
    return out;
  }

  /** Replays upgrades (model only, nothing rendered kept) until the model holds these version rows. */
  async replayTo(heads: readonly string[], model: SchemaModel, onStep?: (i: number, n: number) => void): Promise<void> {
    const steps = stepsToReach(this.project.graph, heads);
    for (let i = 0; i < steps.length; i++) {
      const step = steps[i]!;
      if (!step.revision) continue;
      const meta = this.meta(step.revision);
      for (const op of await this.record(step.revision, 'upgrade')) {
        try {
          applyOp(model, op);
        } catch (e) {
          if (e instanceof GensqlError) {
            throw new GensqlError(`${meta.file}: revision ${meta.id}: ${describeOp(op)}: ${e.message}`, { ...e.context, files: [meta.file], revision: meta.id, op: describeOp(op) }, e.exitCode);
          }
          throw e;
        }
      }
      onStep?.(i + 1, steps.length);
    }
  }

  header(plan: Plan, opts: { tag?: string; title?: string }): string[] {
    const g = this.project.graph;
    const lines = [
      `gensql ${VERSION}: ${opts.title ?? `${plan.direction} ${plan.range}`} (${this.dialect.profile.name})`,
      ...(opts.tag ? [`tag: ${opts.tag}`] : []),
      `version table: ${this.versionTable.schema ? `${this.versionTable.schema}.` : ''}${this.versionTable.name}`,
      `expects: ${plan.start.length ? plan.start.join(', ') : '(no revision)'}`,
      `leaves: ${plan.end.length ? plan.end.join(', ') : '(no revision)'}`,
    ];
    if (plan.steps.length > 0) {
      lines.push('revisions, in order:');
      for (const s of plan.steps) {
        if (s.revision === null) {
          // a stamp step moves version rows without running a revision
          lines.push(`  stamp ${s.from.join(', ') || 'base'} -> ${s.to.join(', ') || 'base'}`);
          continue;
        }
        const m = g.get(s.revision);
        lines.push(`  ${s.direction === 'downgrade' ? 'down ' : ''}${s.revision}${m?.message ? `  ${m.message.split(/\r?\n/)[0]}` : ''}`);
      }
    }
    return lines;
  }

  /** The guard and (from base) version-table create that open a script. */
  preamble(start: readonly string[], purpose: string): { guard: RenderedOp; versionCreate: RenderedOp | null } {
    const model = this.newModel();
    const [guard] = this.renderOps([{ kind: 'versionGuard', expected: start, purpose }], model, null);
    const versionCreate = start.length === 0 ? this.renderOps([{ kind: 'versionTableCreate' }], model, null)[0]! : null;
    return { guard: guard!, versionCreate };
  }

  assemble(plan: Plan, steps: readonly RenderedStep[], opts: { tag?: string; transactionPerMigration: boolean; title?: string }): Script {
    const purpose = `${plan.direction} ${plan.range}`;
    const { guard, versionCreate } = this.preamble(plan.start, purpose);
    return assembleScript({
      profile: this.dialect.profile,
      header: this.header(plan, opts),
      guard,
      versionCreate,
      steps,
      transactionPerMigration: opts.transactionPerMigration,
    });
  }
}

/** Renders the script for a range: plan, replay to its start, record and render each step, assemble. */
export async function renderRange(project: Project, opts: RenderOptions): Promise<Rendered> {
  const dialect = await getDialect(opts.dialect);
  const renderer = new Renderer(project, dialect);
  const plan = makePlan(project.graph, opts.direction, opts.range);
  mark('plan');
  const model = renderer.newModel();
  await renderer.replayTo(plan.start, model, (i, n) => opts.onProgress?.('replaying', i, n));
  const startModel = model.clone();
  mark('replay');
  const onStep = (i: number): void => opts.onProgress?.('rendering', i, plan.steps.length);
  // a range from base can start from the steps an earlier render kept (src/render-cache.ts)
  const fromBase = plan.start.length === 0 && plan.direction === 'upgrade';
  const steps = fromBase
    ? await renderer.renderStepsFromBase(plan.steps, renderCacheFor(project.source, opts.dialect, project.config), onStep)
    : await renderer.renderSteps(plan.steps, model, onStep);
  mark('steps');
  const script = renderer.assemble(plan, steps, opts);
  mark('assemble');
  return { options: opts, dialect, plan, steps, script, versionTable: renderer.versionTable, startModel, warnings: renderer.warnings };
}
