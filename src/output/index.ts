/**
 * Writing the result of upgrade/downgrade/stamp: the script on stdout, or
 * (with --out-dir) a review bundle. Called only after rendering and
 * validation succeeded.
 */
import { usageError } from '../errors.js';
import type { Project, Rendered } from '../pipeline.js';

export interface OutputOptions {
  readonly outDir?: string;
  readonly withRollback: boolean;
  readonly reviewTemplate?: string;
  readonly format: boolean;
  readonly tag?: string;
  /** writes text to stdout and resolves once flushed */
  readonly stdout: (text: string) => Promise<void>;
  readonly log: (line: string) => void;
}

export async function writeResult(_project: Project, rendered: Rendered, opts: OutputOptions): Promise<void> {
  if (opts.outDir !== undefined) throw usageError('--out-dir is not available yet');
  if (opts.format) throw usageError('--format is not available yet');
  await opts.stdout(rendered.script.text);
}
