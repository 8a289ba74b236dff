/**
 * upgrade, downgrade and stamp share their flags and their flow: open the
 * project, render the range, validate, then write stdout (or a review
 * bundle) only when everything succeeded.
 */
import * as Args from '@oclif/core/args';
import * as Flags from '@oclif/core/flags';
import { usageError } from '../errors.js';
import { openProject, renderRange, type Rendered } from '../pipeline.js';
import type { Direction } from '../revision/types.js';
import { DIALECTS } from '../config/config.js';
import type { DialectName } from '../record/operations.js';
import { writeResult } from '../output/index.js';
import { type ValidationReport, validateRendered, warmValidation } from '../validate/index.js';
import { BaseCommand } from './base.js';
import { mark } from './timing.js';
import { progress } from './progress.js';

export const renderFlags = {
  dialect: Flags.string({ char: 'd', description: 'target dialect (default: config, else postgresql)', options: [...DIALECTS] }),
  'out-dir': Flags.string({ description: 'write a review bundle (per-revision files, whole range, manifest, REVIEW.md) to this folder instead of stdout' }),
  validate: Flags.boolean({ description: 'check the script in the embedded engine first (--no-validate skips the engine, not the model checks)', default: true, allowNo: true }),
  tag: Flags.string({ description: 'a tag recorded in the script header (and the bundle manifest)' }),
  'transaction-per-migration': Flags.boolean({ description: 'one transaction per revision instead of one for the whole script', default: undefined, allowNo: true }),
  format: Flags.boolean({ description: 'pass the script through sql-formatter (never changes meaning)', default: false }),
  engine: Flags.string({ description: 'validation engine for postgresql: pglite (default) or pg-mem', options: ['pglite', 'pg-mem'] }),
  'validate-url': Flags.string({ description: 'also run the script on this PostgreSQL server inside a transaction that is rolled back' }),
  'with-rollback': Flags.boolean({ description: 'with --out-dir: also write each step\'s downgrade script', default: false }),
  'review-template': Flags.string({ description: 'with --out-dir: Handlebars template for REVIEW.md' }),
};

export type RenderFlags = {
  config?: string;
  dialect?: string;
  'out-dir'?: string;
  validate: boolean;
  tag?: string;
  'transaction-per-migration'?: boolean;
  format: boolean;
  engine?: string;
  'validate-url'?: string;
  'with-rollback': boolean;
  'review-template'?: string;
};

export const rangeArg = {
  range: Args.string({ description: 'FROM:TO, or TO alone (from base)', required: true }),
};

export abstract class RenderCommand extends BaseCommand {
  protected abstract readonly direction: Direction;

  protected async render(range: string, flags: RenderFlags): Promise<void> {
    if (this.direction === 'downgrade' && !range.includes(':')) {
      throw usageError(`downgrade needs a range FROM:TO (e.g. head:${range}); offline, nothing else tells where the database is`);
    }
    const bar = progress();
    mark('start');
    const project = await openProject({ configPath: flags.config, onProgress: (d, n) => bar.update('loading', d, n) });
    const dialect = (flags.dialect ?? project.config.dialect) as DialectName;
    // the engine starts now, so its start-up overlaps rendering
    const warm = warmValidation(project, { enabled: flags.validate, engine: flags.engine, dialect });
    let rendered: Rendered;
    try {
      rendered = await renderRange(project, {
        direction: this.direction,
        range,
        dialect,
        tag: flags.tag,
        transactionPerMigration: flags['transaction-per-migration'] ?? project.config.transactionPerMigration,
        onProgress: (phase, d, n) => bar.update(phase, d, n),
      });
    } finally {
      bar.done();
    }
    mark('render');
    const log = (line: string): void => this.info(line);
    for (const w of rendered.warnings) log(`warning: ${w}`);
    const checking = progress();
    const clearThenLog = (line: string): void => {
      checking.done();
      log(line);
    };
    let report: ValidationReport;
    try {
      report = await validateRendered(project, rendered, { enabled: flags.validate, engine: flags.engine, url: flags['validate-url'], log: clearThenLog, warm, onProgress: (d, n) => checking.update('validating', d, n) });
    } finally {
      checking.done();
    }
    mark('validate');
    project.source.saveCodeCache();
    mark('code cache');
    await writeResult(project, rendered, {
      outDir: flags['out-dir'],
      withRollback: flags['with-rollback'],
      reviewTemplate: flags['review-template'],
      format: flags.format,
      tag: flags.tag,
      // REVIEW.md reports what each engine checked; without engines it says "not validated"
      validation: report.engines.length > 0 ? report.engines : undefined,
      stdout: (text) => this.out(text),
      log,
    });
    mark('output');
  }
}
