/**
 * The flow of upgrade, downgrade and stamp, free of oclif so that both the
 * oclif commands (render-command.ts) and the fast path (fast.ts) run it:
 * open the project, render the range, validate, then write stdout (or a
 * review bundle) only when everything succeeded.
 */
import { usageError } from '../errors.js';
import { openProject, renderRange, type Rendered } from '../pipeline.js';
import type { Direction } from '../revision/types.js';
import type { DialectName } from '../record/operations.js';
import { writeResult } from '../output/index.js';
import { type ValidationReport, validateRendered, warmValidation } from '../validate/index.js';
import { mark } from './timing.js';
import { holdYoungGeneration } from './heap.js';
import { saveOpCaches } from '../revision/op-cache.js';
import { saveRenderCaches } from '../render-cache.js';
import { progress } from './progress.js';

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

export interface RenderIo {
  /** writes the script to stdout (resolves once flushed) */
  out(text: string): Promise<void>;
  /** a line on stderr */
  info(line: string): void;
}

export async function runRender(direction: Direction, range: string, flags: RenderFlags, io: RenderIo): Promise<void> {
  if (direction === 'downgrade' && !range.includes(':')) {
    throw usageError(`downgrade needs a range FROM:TO (e.g. head:${range}); offline, nothing else tells where the database is`);
  }
  holdYoungGeneration();
  const bar = progress();
  mark('start');
  const project = await openProject({ configPath: flags.config, onProgress: (d, n) => bar.update('loading', d, n), afterLoad: () => holdYoungGeneration(true) });
  const dialect = (flags.dialect ?? project.config.dialect) as DialectName;
  // the engine starts now, so its start-up overlaps rendering
  const warm = warmValidation(project, { enabled: flags.validate, engine: flags.engine, dialect });
  let rendered: Rendered;
  try {
    rendered = await renderRange(project, {
      direction,
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
  const log = (line: string): void => io.info(line);
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
  const keeping = progress();
  try {
    saveOpCaches(project.source, (d, n) => keeping.update('caching', d, n));
    saveRenderCaches(project.source);
  } finally {
    keeping.done();
  }
  mark('code cache');
  await writeResult(project, rendered, {
    outDir: flags['out-dir'],
    withRollback: flags['with-rollback'],
    reviewTemplate: flags['review-template'],
    format: flags.format,
    tag: flags.tag,
    // REVIEW.md reports what each engine checked; without engines it says "not validated"
    validation: report.engines.length > 0 ? report.engines : undefined,
    stdout: (text) => io.out(text),
    log,
  });
  mark('output');
}
