/**
 * Rendering one op with a dialect's renderers; a dialect that cannot express
 * the op says so loudly, naming it.
 */
import { GensqlError, renderError } from '../errors.js';
import type { OpInfo } from '../model/apply.js';
import type { SchemaModel } from '../model/schema.js';
import { describeOp, type Op, type OpKind, type OpOf } from '../ops/index.js';
import type { Dialect, Renderer, Statement, VersionTableConfig } from './dialect.js';
import { UnsupportedError } from './dialect.js';

export function renderOp(dialect: Dialect, op: Op, info: OpInfo, model: SchemaModel, versionTable: VersionTableConfig): Statement[] {
  const render = (o: Op, i: OpInfo): Statement[] => {
    const renderer = dialect.renderers[o.kind] as Renderer<OpKind>;
    try {
      return renderer(o as OpOf<OpKind>, { sql: dialect.sql, info: i, model, versionTable, render });
    } catch (e) {
      if (e instanceof UnsupportedError) throw renderError(`${dialect.profile.name} cannot render ${describeOp(o)}: ${e.message}`, { op: describeOp(o) });
      if (e instanceof GensqlError) throw e.withContext({ op: describeOp(o) });
      throw e;
    }
  };
  return render(op, info);
}
