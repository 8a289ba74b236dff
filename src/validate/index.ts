/**
 * Validation of a rendered script in the dialect's embedded engine.
 * (Placeholder until the engines land: validation is not performed yet.)
 */
import type { Project, Rendered } from '../pipeline.js';

export interface ValidateOptions {
  /** --no-validate: skip the engines (model checks always ran during rendering) */
  readonly enabled: boolean;
  /** --engine */
  readonly engine?: string;
  /** --validate-url */
  readonly url?: string;
  /** prints a line on stderr */
  readonly log: (line: string) => void;
}

export async function validateRendered(_project: Project, _rendered: Rendered, _opts: ValidateOptions): Promise<void> {
  // engines not wired yet
}
