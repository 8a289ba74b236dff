/**
 * REVIEW.md: the summary a DBA pastes into a change ticket, rendered with
 * Handlebars from templates/review.md.hbs or a team's own template
 * (`--review-template FILE`). The template gets `ReviewData` below, all
 * values precomputed (no helpers needed), and is compiled with
 * `{ noEscape: true, strict: true }`: SQL and Markdown are not HTML, and a
 * name the data does not have is an error naming the template, not an
 * empty string in a change ticket.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { usageError } from '../errors.js';
import type { Rendered } from '../pipeline.js';
import type { Plan } from '../revision/types.js';
import { PACKAGE_ROOT, VERSION } from '../version.js';
import { tableSummary, type Change } from './changes.js';
import type { StepReplay } from './steps.js';

/** What one validation engine checked (the lead wires this to the engines). */
export interface ValidationResult {
  readonly engine: string;
  readonly checked: number;
  readonly notChecked: number;
}

export interface ReviewSources {
  readonly rendered: Rendered;
  readonly plan: Plan;
  readonly replays: readonly StepReplay[];
  readonly stepFiles: readonly string[];
  readonly rollbackFiles: readonly (string | null)[];
  /** what each step's rollback changes (null without --with-rollback) */
  readonly rollbackChanges: readonly (readonly Change[] | null)[];
  readonly scriptFile: string;
  readonly rollbackFile: string | null;
  readonly files: readonly { readonly path: string; readonly kind: string; readonly statements: number; readonly sha256: string }[];
  readonly formatted: boolean;
  readonly validation?: readonly ValidationResult[];
  /** a revision's source file */
  readonly sourceFile: (id: string) => string;
}

export interface ReviewRevision {
  readonly seq: number;
  /** the revision id, or `stamp` for a stamp step */
  readonly id: string;
  readonly direction: string;
  readonly message: string;
  /** the message's first line (or `(no message)`) */
  readonly messageLine: string;
  readonly sourceFile: string | null;
  /** `A, B -> C`, as in the script's `-- Running` comment */
  readonly running: string;
  readonly expects: string;
  readonly leaves: string;
  readonly file: string;
  readonly rollbackFile: string | null;
  readonly statements: number;
  readonly changes: readonly Change[];
  readonly hasChanges: boolean;
  readonly createdText: string;
  readonly alteredText: string;
  readonly droppedText: string;
  readonly destructiveCount: number;
  /** what the rollback file changes; empty without --with-rollback */
  readonly rollbackChanges: readonly Change[];
  readonly hasRollbackChanges: boolean;
}

export interface ReviewData {
  readonly gensql: string;
  readonly dialect: string;
  readonly direction: string;
  readonly range: string;
  readonly tag: string | null;
  /** e.g. `upgrade base:heads` */
  readonly title: string;
  readonly expects: string;
  readonly leaves: string;
  readonly formatted: boolean;
  readonly transactionPerMigration: boolean;
  readonly statementCount: number;
  readonly scriptFile: string;
  readonly rollbackFile: string | null;
  readonly revisionCount: number;
  readonly revisions: readonly ReviewRevision[];
  readonly destructive: readonly { readonly seq: number; readonly revision: string; readonly text: string; readonly reason: string }[];
  readonly destructiveCount: number;
  /** destructive changes the rollback files would make (a rollback of a create drops it) */
  readonly rollbackDestructive: readonly { readonly seq: number; readonly revision: string; readonly text: string; readonly reason: string }[];
  readonly rollbackDestructiveCount: number;
  /** null when the script was not validated */
  readonly validation: readonly ValidationResult[] | null;
  /** every file of the bundle but REVIEW.md and manifest.json */
  readonly files: readonly { readonly path: string; readonly kind: string; readonly statements: number; readonly sha256: string }[];
}

function rows(r: readonly string[]): string {
  return r.length ? r.map((x) => `\`${x}\``).join(', ') : '(no revision)';
}

function names(list: readonly string[]): string {
  return list.map((x) => `\`${x}\``).join(', ');
}

export function reviewData(src: ReviewSources): ReviewData {
  const { rendered, plan } = src;
  const revisions = plan.steps.map((step, i): ReviewRevision => {
    const rs = rendered.steps[i]!;
    const changes = src.replays[i]!.changes;
    const t = tableSummary(changes);
    const message = rs.message;
    const file = src.files.find((f) => f.path === src.stepFiles[i]);
    return {
      seq: i + 1,
      id: step.revision ?? 'stamp',
      direction: step.direction,
      message,
      messageLine: step.revision === null ? `stamp the version table to ${step.to.join(', ') || 'base'}` : message.split(/\r?\n/)[0] || '(no message)',
      sourceFile: step.revision === null ? null : src.sourceFile(step.revision),
      running: `${step.from.join(', ') || 'base'} -> ${step.to.join(', ') || 'base'}`,
      expects: rows(step.headsBefore),
      leaves: rows(step.headsAfter),
      file: src.stepFiles[i]!,
      rollbackFile: src.rollbackFiles[i] ?? null,
      statements: file?.statements ?? 0,
      changes,
      hasChanges: changes.length > 0,
      createdText: names(t.created),
      alteredText: names(t.altered),
      droppedText: names(t.dropped),
      destructiveCount: changes.filter((c) => c.destructive).length,
      rollbackChanges: src.rollbackChanges[i] ?? [],
      hasRollbackChanges: (src.rollbackChanges[i] ?? []).length > 0,
    };
  });
  const destructiveOf = (pick: (r: ReviewRevision) => readonly Change[]): ReviewData['destructive'] =>
    revisions.flatMap((r) => pick(r).filter((c) => c.destructive).map((c) => ({ seq: r.seq, revision: r.id, text: c.text, reason: c.reason })));
  const destructive = destructiveOf((r) => r.changes);
  const rollbackDestructive = destructiveOf((r) => r.rollbackChanges);
  return {
    gensql: VERSION,
    dialect: rendered.dialect.profile.name,
    direction: plan.direction,
    range: plan.range,
    tag: rendered.options.tag ?? null,
    title: `${plan.direction} ${plan.range}`,
    expects: rows(plan.start),
    leaves: rows(plan.end),
    formatted: src.formatted,
    transactionPerMigration: rendered.options.transactionPerMigration,
    statementCount: rendered.script.statementCount,
    scriptFile: src.scriptFile,
    rollbackFile: src.rollbackFile,
    revisionCount: plan.steps.filter((s) => s.revision !== null).length,
    revisions,
    destructive,
    destructiveCount: destructive.length,
    rollbackDestructive,
    rollbackDestructiveCount: rollbackDestructive.length,
    validation: src.validation && src.validation.length > 0 ? src.validation : null,
    files: src.files.map((f) => ({ path: f.path, kind: f.kind, statements: f.statements, sha256: f.sha256 })),
  };
}

export const DEFAULT_REVIEW_TEMPLATE = path.join(PACKAGE_ROOT, 'templates', 'review.md.hbs');

/** Renders REVIEW.md; template problems are usage errors (exit 2) naming the template. */
export async function renderReview(data: ReviewData, templateFile?: string): Promise<string> {
  const file = templateFile ?? DEFAULT_REVIEW_TEMPLATE;
  const source = await fs.readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => {
    throw usageError(`--review-template: cannot read ${file}: ${e.code ?? e.message}`);
  });
  const Handlebars = (await import('handlebars')).default;
  try {
    const template = Handlebars.create().compile(source, { noEscape: true, strict: true });
    const text = template(data);
    return text.endsWith('\n') ? text : `${text}\n`;
  } catch (e) {
    throw usageError(`review template ${file}: ${(e as Error).message.split('\n').slice(0, 4).join(' ')}`);
  }
}
