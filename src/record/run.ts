/**
 * Running a revision's upgrade() or downgrade() against a recording `op`.
 * Whatever goes wrong inside is reported with the revision and its file.
 */
import { GensqlError, revisionError } from '../errors.js';
import type { UserOp } from '../ops/index.js';
import type { RevisionModule } from '../revision/module.js';
import type { RevisionMeta } from '../revision/types.js';
import { Operations, type DialectName } from './operations.js';

export type Direction = 'upgrade' | 'downgrade';

export async function recordRevision(
  mod: RevisionModule,
  meta: RevisionMeta,
  direction: Direction,
  dialect: DialectName,
  mapStack: (stack: string) => string = (s) => s,
): Promise<UserOp[]> {
  const fn = mod[direction];
  const ctx = { files: [meta.file], revision: meta.id };
  if (typeof fn !== 'function') {
    throw revisionError(`${meta.file}: revision ${meta.id} has no ${direction}() function, so it cannot be ${direction === 'downgrade' ? 'downgraded' : 'upgraded'}`, ctx);
  }
  const op = new Operations(dialect);
  try {
    await (fn as (op: Operations) => unknown)(op);
    await Promise.all(op.pending);
  } catch (e) {
    if (e instanceof GensqlError) throw e.withContext(ctx);
    const err = e instanceof Error ? e : new Error(String(e));
    const where = err.stack ? firstRevisionFrame(mapStack(err.stack), meta.file) : null;
    throw revisionError(`${meta.file}: revision ${meta.id}: ${direction}() failed: ${err.message}${where ? ` (at ${where})` : ''}`, ctx);
  }
  return op.recorded;
}

/** The first stack frame inside the revision's own file, e.g. `migrations/versions/x.ts:12:5`. */
function firstRevisionFrame(stack: string, file: string): string | null {
  for (const line of stack.split('\n')) {
    const i = line.indexOf(file);
    if (i >= 0) {
      const m = /:(\d+):(\d+)/.exec(line.slice(i + file.length));
      if (m) return `${file}:${m[1]}:${m[2]}`;
    }
  }
  return null;
}
