/**
 * The review bundle (`--out-dir`): every file's text, built in memory
 * before anything touches the disk.
 *
 *   0001_<rev>_<slug>.sql           one per step, in application order; each
 *                                   applies on its own to a database at the
 *                                   step's start (own header, guard,
 *                                   transaction, version-table statements)
 *   <direction>.sql                 the whole range: exactly what stdout gets
 *   0001_<rev>_<slug>.rollback.sql  with --with-rollback: each step undone
 *   rollback.sql                    with --with-rollback: the whole range undone
 *   REVIEW.md                       the change-ticket summary (review.ts)
 *   manifest.json                   checksums (manifest.ts)
 */
import { chunksText, type RenderedStep } from '../emit/script.js';
import { formatChunks, type StatementFormatter } from '../format/index.js';
import type { Rendered, Renderer } from '../pipeline.js';
import type { Plan, PlanStep } from '../revision/types.js';
import { VERSION } from '../version.js';
import type { OutFile } from './atomic.js';
import { MANIFEST_FORMAT, MANIFEST_NAME, manifestText, sha256, type FileKind, type ManifestFile } from './manifest.js';
import { renderReview, reviewData, type ReviewSources } from './review.js';
import { describeRollbacks, inverseDirection, renderRollbacks, replaySteps, requireRollback } from './steps.js';

export const REVIEW_NAME = 'REVIEW.md';

export interface BundleOptions {
  readonly withRollback: boolean;
  readonly tag?: string;
  readonly reviewTemplate?: string;
  readonly validation?: ReviewSources['validation'];
}

/** A bundle file with what the manifest says of it. */
export interface BundleFile extends Omit<ManifestFile, 'sha256'> {
  readonly text: string;
}

/** `a, b` as a range side; `base` for no rows */
export function rowsText(rows: readonly string[]): string {
  return rows.length ? rows.join(',') : 'base';
}

/** A file-name slug of a revision message: lowercase ASCII words joined by `_`, at most 40 characters. */
export function slug(message: string): string {
  const first = message.split(/\r?\n/)[0] ?? '';
  const ascii = first.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  const words = ascii.replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  return words.slice(0, 40).replace(/_+$/, '');
}

function stepBaseName(seq: number, width: number, step: PlanStep, message: string): string {
  const n = String(seq).padStart(width, '0');
  if (step.revision === null) return `${n}_stamp_${step.to.length ? step.to.join('_') : 'base'}`;
  const s = slug(message);
  return s ? `${n}_${step.revision}_${s}` : `${n}_${step.revision}`;
}

function onePlan(step: PlanStep): Plan {
  return { direction: step.direction, range: `${rowsText(step.from)}:${rowsText(step.to)}`, start: step.headsBefore, end: step.headsAfter, steps: [step] };
}

export class BundleBuilder {
  private readonly files: BundleFile[] = [];

  constructor(
    private readonly renderer: Renderer,
    private readonly rendered: Rendered,
    private readonly formatter: StatementFormatter | null,
  ) {}

  /** The whole range's text, as stdout gets it (formatted with --format). */
  wholeText(): string {
    const { rendered } = this;
    if (!this.formatter) return rendered.script.text;
    const header = this.renderer.header(rendered.plan, { tag: rendered.options.tag });
    return chunksText(header, formatChunks(rendered.script.chunks, this.formatter), rendered.dialect.profile);
  }

  private script(plan: Plan, steps: readonly RenderedStep[], title: string): { text: string; statements: number } {
    const opts = { tag: this.rendered.options.tag, transactionPerMigration: this.rendered.options.transactionPerMigration, title };
    const script = this.renderer.assemble(plan, steps, opts);
    if (!this.formatter) return { text: script.text, statements: script.statementCount };
    const text = chunksText(this.renderer.header(plan, opts), formatChunks(script.chunks, this.formatter), this.rendered.dialect.profile);
    return { text, statements: script.statementCount };
  }

  private add(path: string, kind: FileKind, from: readonly string[], to: readonly string[], revisions: readonly string[], message: string | null, body: { text: string; statements: number }): void {
    this.files.push({ path, kind, from, to, revisions, message, statements: body.statements, text: body.text });
  }

  async build(opts: BundleOptions): Promise<OutFile[]> {
    const { renderer, rendered } = this;
    const plan = rendered.plan;
    if (opts.withRollback) requireRollback(renderer, plan);
    const replays = await replaySteps(renderer, rendered, opts.withRollback);
    const n = plan.steps.length;
    const width = Math.max(4, String(n).length);
    const of = `${plan.direction} ${plan.range}`;
    const names = plan.steps.map((s, i) => stepBaseName(i + 1, width, s, rendered.steps[i]!.message));
    const revs = (s: PlanStep): string[] => (s.revision === null ? [] : [s.revision]);

    plan.steps.forEach((step, i) => {
      const p = onePlan(step);
      const body = this.script(p, [rendered.steps[i]!], `${step.direction} ${p.range} (step ${i + 1} of ${n} of ${of})`);
      this.add(`${names[i]}.sql`, 'step', step.headsBefore, step.headsAfter, revs(step), rendered.steps[i]!.message, body);
    });
    const scriptFile = `${plan.direction}.sql`;
    this.add(scriptFile, 'script', plan.start, plan.end, plan.steps.flatMap(revs), null, { text: this.wholeText(), statements: rendered.script.statementCount });

    let rollbackFile: string | null = null;
    const rollbackFiles: (string | null)[] = plan.steps.map(() => null);
    let rollbackChanges: ReviewSources['rollbackChanges'] = plan.steps.map(() => null);
    if (opts.withRollback) {
      const undo = await renderRollbacks(renderer, plan.steps, replays);
      rollbackChanges = describeRollbacks(rendered, undo, replays);
      undo.forEach((r, i) => {
        const p = onePlan(r.step);
        const body = this.script(p, [r], `${r.step.direction} ${p.range} (rollback of step ${i + 1} of ${n} of ${of})`);
        rollbackFiles[i] = `${names[i]}.rollback.sql`;
        this.add(rollbackFiles[i]!, 'rollback-step', r.step.headsBefore, r.step.headsAfter, revs(r.step), r.message, body);
      });
      const reversed = [...undo].reverse();
      const whole: Plan = {
        direction: inverseDirection(plan.direction),
        range: `${rowsText(plan.end)}:${rowsText(plan.start)}`,
        start: plan.end,
        end: plan.start,
        steps: reversed.map((r) => r.step),
      };
      rollbackFile = 'rollback.sql';
      const body = this.script(whole, reversed, `${whole.direction} ${whole.range} (rollback of ${of})`);
      this.add(rollbackFile, 'rollback-script', whole.start, whole.end, whole.steps.flatMap(revs), null, body);
    }

    const withSums = this.files.map((f) => ({ ...f, sha256: sha256(f.text) }));
    const review = await renderReview(
      reviewData({
        rendered,
        plan,
        replays,
        stepFiles: names.map((b) => `${b}.sql`),
        rollbackFiles,
        rollbackChanges,
        scriptFile,
        rollbackFile,
        files: withSums,
        formatted: this.formatter !== null,
        validation: opts.validation,
        sourceFile: (id) => renderer.meta(id).file,
      }),
      opts.reviewTemplate,
    );
    this.add(REVIEW_NAME, 'review', plan.start, plan.end, plan.steps.flatMap(revs), null, { text: review, statements: 0 });
    const entries: ManifestFile[] = this.files.map(({ text, ...meta }) => ({ ...meta, sha256: sha256(text) }));
    const manifest = manifestText({
      format: MANIFEST_FORMAT,
      gensql: VERSION,
      dialect: rendered.dialect.profile.name,
      direction: plan.direction,
      range: plan.range,
      tag: opts.tag ?? null,
      start: plan.start,
      end: plan.end,
      formatted: this.formatter !== null,
      transactionPerMigration: rendered.options.transactionPerMigration,
      files: entries,
    });
    return [...this.files.map((f) => ({ path: f.path, text: f.text })), { path: MANIFEST_NAME, text: manifest }];
  }
}
