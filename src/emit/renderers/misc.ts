/**
 * Standard renderers for raw SQL, data, enum types, sequences and batches.
 */
import { renderError } from '../../errors.js';
import type { LiteralValue } from '../../record/types.js';
import { findColumn } from '../../model/state.js';
import type { Renderer, Statement } from '../dialect.js';
import { unsupported } from '../dialect.js';
import { required } from './tables.js';

/** Raw SQL is kept as written; only a trailing `;` is dropped (the script adds the terminator). */
export const execute: Renderer<'execute'> = (op, { sql }) => {
  const text = sql.text(op.sql).replace(/;\s*$/, '').trimEnd();
  if (text.trim() === '') throw renderError('execute(): the SQL text is empty');
  return [{ sql: text, raw: true }];
};

export const bulkInsert: Renderer<'bulkInsert'> = (op, ctx) => {
  const { sql } = ctx;
  const table = required(ctx.info.tableBefore, 'table');
  const t = sql.qualified(op.table, op.schema);
  const out: Statement[] = [];
  const values = (row: Readonly<Record<string, LiteralValue>>, keys: readonly string[]): string =>
    `(${keys.map((k) => sql.columnLiteral(row[k], findColumn(table, k))).join(', ')})`;
  let i = 0;
  while (i < op.rows.length) {
    const keys = Object.keys(op.rows[i]!);
    const group = [op.rows[i]!];
    if (op.multiInsert) {
      while (i + group.length < op.rows.length && Object.keys(op.rows[i + group.length]!).join('\u0000') === keys.join('\u0000')) {
        group.push(op.rows[i + group.length]!);
      }
    }
    const head = `INSERT INTO ${t} ${sql.columnList(keys)} VALUES`;
    out.push({ sql: group.length === 1 ? `${head} ${values(group[0]!, keys)}` : `${head}\n    ${group.map((r) => values(r, keys)).join(',\n    ')}` });
    i += group.length;
  }
  return out;
};

/** Enum types exist only on PostgreSQL; elsewhere an enum lives in its column. */
export const createEnum: Renderer<'createEnum'> = () => [];
export const dropEnum: Renderer<'dropEnum'> = () => [];

export const createSequence: Renderer<'createSequence'> = (op, { sql }) => {
  let s = `CREATE SEQUENCE ${sql.qualified(op.name, op.schema)}`;
  if (op.increment !== undefined) s += ` INCREMENT BY ${op.increment}`;
  if (op.start !== undefined) s += ` START WITH ${op.start}`;
  return [{ sql: s }];
};

export const dropSequence: Renderer<'dropSequence'> = (op, { sql }) => [{ sql: `DROP SEQUENCE ${sql.qualified(op.name, op.schema)}` }];

/** A batch is its ops one by one (dialects with a full ALTER TABLE); SQLite rebuilds the table instead. */
export const batchAlterTable: Renderer<'batchAlterTable'> = (op, ctx) => {
  if (op.recreate === 'always') {
    unsupported(
      "recreate: 'always' rebuilds the table by copy, which this dialect does not need and which would not keep " +
        "generated constraint names or identity/sequence positions; use recreate: 'auto' (plain ALTER TABLE)",
    );
  }
  const inner = ctx.info.inner ?? [];
  return op.ops.flatMap((o, i) => ctx.render(o, inner[i] ?? {}));
};

export const versionGuardUnsupported: Renderer<'versionGuard'> = () => unsupported('this dialect has no version guard');
