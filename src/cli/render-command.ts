/**
 * upgrade, downgrade and stamp share their flags and their flow (the flow
 * itself, free of oclif, is in render-flow.ts; the fast path runs it too).
 */
import * as Args from '@oclif/core/args';
import * as Flags from '@oclif/core/flags';
import type { Direction } from '../revision/types.js';
import { DIALECTS } from '../config/config.js';
import { BaseCommand } from './base.js';
import { runRender, type RenderFlags } from './render-flow.js';

export type { RenderFlags } from './render-flow.js';

export const renderFlags = {
  dialect: Flags.string({ char: 'd', description: 'target dialect (default: config, else postgresql)', options: [...DIALECTS] }),
  'out-dir': Flags.string({ description: 'write a review bundle (per-revision files, whole range, manifest, REVIEW.md) to this folder instead of stdout' }),
  validate: Flags.boolean({ description: 'check the script in the embedded engine first (--no-validate skips the engine, not the model checks; a pass of exactly the same statements is reused, GENSQL_NO_VALIDATION_REUSE=1 runs the engine again)', default: true, allowNo: true }),
  tag: Flags.string({ description: 'a tag recorded in the script header (and the bundle manifest)' }),
  'transaction-per-migration': Flags.boolean({ description: 'one transaction per revision instead of one for the whole script', default: undefined, allowNo: true }),
  format: Flags.boolean({ description: 'pass the script through sql-formatter (never changes meaning)', default: false }),
  engine: Flags.string({ description: 'validation engine for postgresql: pglite (default) or pg-mem', options: ['pglite', 'pg-mem'] }),
  'validate-url': Flags.string({ description: 'also run the script on this PostgreSQL server inside a transaction that is rolled back' }),
  'with-rollback': Flags.boolean({ description: 'with --out-dir: also write each step\'s downgrade script', default: false }),
  'review-template': Flags.string({ description: 'with --out-dir: Handlebars template for REVIEW.md' }),
};

export const rangeArg = {
  range: Args.string({ description: 'FROM:TO, or TO alone (from base)', required: true }),
};

export abstract class RenderCommand extends BaseCommand {
  protected abstract readonly direction: Direction;

  protected render(range: string, flags: RenderFlags): Promise<void> {
    return runRender(this.direction, range, flags, { out: (text) => this.out(text), info: (line) => this.info(line) });
  }
}
