/**
 * Standard renderers for constraints and indexes.
 */
import type { CreateCheckConstraintOp, CreateForeignKeyOp, CreatePrimaryKeyOp, CreateUniqueConstraintOp } from '../../ops/index.js';
import type { RenderContext, Renderer, Statement } from '../dialect.js';
import { required } from './tables.js';

type AddConstraintOp = CreatePrimaryKeyOp | CreateUniqueConstraintOp | CreateForeignKeyOp | CreateCheckConstraintOp;

function addConstraint(op: AddConstraintOp, ctx: RenderContext): Statement[] {
  const c = required(ctx.info.constraint, 'constraint');
  // an op names its constraint: CONSTRAINT is written whenever there is a name
  const named = c.name !== null && (c.explicit || op.name !== null) ? { ...c, explicit: true } : c;
  return [{ sql: `ALTER TABLE ${ctx.sql.qualified(op.table, op.schema)} ADD ${ctx.sql.constraintSpec(named, { schema: op.schema })}` }];
}

export const createPrimaryKey: Renderer<'createPrimaryKey'> = addConstraint;
export const createUniqueConstraint: Renderer<'createUniqueConstraint'> = addConstraint;
export const createForeignKey: Renderer<'createForeignKey'> = addConstraint;
export const createCheckConstraint: Renderer<'createCheckConstraint'> = addConstraint;

export const dropConstraint: Renderer<'dropConstraint'> = (op, { sql }) => [
  { sql: `ALTER TABLE ${sql.qualified(op.table, op.schema)} DROP CONSTRAINT ${sql.ident(op.name)}` },
];

export const createIndex: Renderer<'createIndex'> = (op, ctx) => {
  const index = required(ctx.info.index, 'index');
  return [{ sql: ctx.sql.createIndex(index, { name: op.table, schema: op.schema }, { ifNotExists: op.ifNotExists, concurrently: op.concurrently }) }];
};

export const dropIndex: Renderer<'dropIndex'> = (op, { sql }) => [
  { sql: `DROP INDEX ${op.ifExists ? 'IF EXISTS ' : ''}${sql.qualified(op.name, op.schema)}` },
];
