/**
 * Writing the result of upgrade/downgrade/stamp: the script on stdout, or
 * (with --out-dir) a review bundle written atomically. Called only after
 * rendering and validation succeeded; everything is built in memory first,
 * so a failure here too leaves stdout empty and no folder behind.
 */
import { usageError } from '../errors.js';
import { loadFormatter, type StatementFormatter } from '../format/index.js';
import { Renderer, type Project, type Rendered } from '../pipeline.js';
import { writeFolderAtomically } from './atomic.js';
import { BundleBuilder } from './bundle.js';
import type { ValidationResult } from './review.js';

export type { ValidationResult } from './review.js';

export interface OutputOptions {
  readonly outDir?: string;
  readonly withRollback: boolean;
  readonly reviewTemplate?: string;
  readonly format: boolean;
  readonly tag?: string;
  /** what each validation engine checked, for REVIEW.md ("not validated" when absent) */
  readonly validation?: readonly ValidationResult[];
  /** writes text to stdout and resolves once flushed */
  readonly stdout: (text: string) => Promise<void>;
  readonly log: (line: string) => void;
}

function reportKept(formatter: StatementFormatter | null, log: (line: string) => void): void {
  if (!formatter || formatter.kept.length === 0) return;
  const n = formatter.kept.length;
  log(`--format: ${n} statement${n > 1 ? 's were' : ' was'} kept as written, because formatting would have changed more than whitespace:`);
  for (const k of formatter.kept) log(`  ${k.reason}: ${k.sql.replace(/\s+/g, ' ').slice(0, 80)}`);
}

export async function writeResult(project: Project, rendered: Rendered, opts: OutputOptions): Promise<void> {
  if (opts.outDir === undefined) {
    if (opts.withRollback) throw usageError('--with-rollback needs --out-dir (rollback scripts are written into the review bundle)');
    if (opts.reviewTemplate !== undefined) throw usageError('--review-template needs --out-dir (REVIEW.md is part of the review bundle)');
  }
  const formatter = opts.format ? await loadFormatter(rendered.dialect.profile.formatterLanguage) : null;
  const builder = new BundleBuilder(new Renderer(project, rendered.dialect), rendered, formatter);
  if (opts.outDir === undefined) {
    const text = builder.wholeText();
    reportKept(formatter, opts.log);
    await opts.stdout(text);
    return;
  }
  const files = await builder.build({
    withRollback: opts.withRollback,
    tag: opts.tag ?? rendered.options.tag,
    reviewTemplate: opts.reviewTemplate,
    validation: opts.validation,
  });
  reportKept(formatter, opts.log);
  try {
    await writeFolderAtomically(opts.outDir, files);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (typeof err.code === 'string') throw usageError(`--out-dir: cannot write ${opts.outDir}: ${err.message}`);
    throw e;
  }
  const steps = rendered.plan.steps.length;
  opts.log(`wrote ${opts.outDir}: ${files.length} files (${steps} step${steps === 1 ? '' : 's'}${opts.withRollback ? ' with rollbacks' : ''}, manifest.json, REVIEW.md)`);
}
