/**
 * Rendering recorded ops for a dialect in-process, the way the pipeline does
 * (model apply, then render), for golden tests.
 */
import { getDialect } from '../../dialects/index.js';
import { GensqlError } from '../../src/errors.js';
import { applyOp } from '../../src/model/apply.js';
import { SchemaModel } from '../../src/model/schema.js';
import type { NamingConvention } from '../../src/model/naming.js';
import type { Op, UserOp } from '../../src/ops/index.js';
import { Operations, type DialectName } from '../../src/record/operations.js';
import { renderOp } from '../../src/emit/render.js';
import type { Dialect } from '../../src/emit/dialect.js';

export type Recorder = (op: Operations) => void | Promise<void>;

export interface Session {
  readonly dialect: Dialect;
  readonly model: SchemaModel;
  /** records and renders ops, returning each statement's SQL */
  run(fn: Recorder): Promise<string[]>;
  /** renders ready-made ops (version-table ops, for instance) */
  renderOps(ops: readonly Op[]): string[];
}

export async function session(name: DialectName, opts: { namingConvention?: NamingConvention; versionTable?: string; versionTableSchema?: string } = {}): Promise<Session> {
  const dialect = await getDialect(name);
  const model = new SchemaModel({ dialect: dialect.model, namingConvention: opts.namingConvention });
  const versionTable = { name: opts.versionTable ?? 'gensql_version', schema: opts.versionTableSchema };
  const renderOps = (ops: readonly Op[]): string[] =>
    ops.flatMap((op) => {
      const info = op.kind.startsWith('version') ? {} : applyOp(model, op as UserOp);
      return renderOp(dialect, op, info, model, versionTable).map((s) => s.sql);
    });
  return {
    dialect,
    model,
    renderOps,
    async run(fn) {
      const op = new Operations(name);
      await fn(op);
      await Promise.all(op.pending);
      return renderOps(op.recorded);
    },
  };
}

/** Statements as one string: each ends with `;`, one per line group. */
export function joinStatements(statements: readonly string[]): string {
  return statements.map((s) => `${s};`).join('\n');
}

export function errorMessage(e: unknown): string {
  return e instanceof GensqlError || e instanceof Error ? e.message : String(e);
}
