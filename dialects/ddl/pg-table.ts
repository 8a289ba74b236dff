/**
 * PostgreSQL CREATE TABLE and ALTER TABLE as ops.
 * https://www.postgresql.org/docs/current/sql-createtable.html
 * https://www.postgresql.org/docs/current/sql-altertable.html
 */
import type { AlterTableCmd, AlterTableStmt, CreateStmt, Node } from 'libpg-query';
import type { UserOp } from '../../src/ops/index.js';
import { sql } from '../../src/record/sql.js';
import type { ConstraintItem, TableItem } from '../../src/record/types.js';
import { noted } from '../../src/model/ddl/notes.js';
import { columnOf, constraintItem, relation, warn, type PgContext } from './pg-columns.js';
import type { Extent } from './pg-text.js';
import { pgType } from './pg-types.js';

export function createTable(ctx: PgContext, stmt: CreateStmt): UserOp[] {
  const { table, schema } = relation(stmt.relation);
  // a temporary table lives for one session: never part of the schema
  if (stmt.relation?.relpersistence === 't') return [];
  if ((stmt.inhRelations?.length ?? 0) > 0 || stmt.partbound || stmt.ofTypename) {
    warn(ctx, 'a table that inherits its columns (INHERITS, PARTITION OF, OF type)');
    return [];
  }
  const items: TableItem[] = [];
  for (const elt of stmt.tableElts ?? []) {
    if ('ColumnDef' in elt) {
      const col = columnOf(ctx, elt.ColumnDef, true);
      items.push(col.def, ...col.items);
    } else if ('Constraint' in elt) {
      const item = constraintItem(ctx, elt.Constraint);
      if (item) items.push(item);
    } else {
      warn(ctx, 'CREATE TABLE ... (LIKE ...) copies columns the parser cannot see');
      return [];
    }
  }
  return [{ kind: 'createTable', table, schema, items, ifNotExists: stmt.if_not_exists === true ? true : undefined }];
}

/** ALTER TABLE subcommands that change nothing the model tracks (storage, statistics, owners, triggers, row security, ...). */
const UNTRACKED_SUBTYPES = new Set([
  'AT_SetStatistics',
  'AT_SetOptions',
  'AT_ResetOptions',
  'AT_SetStorage',
  'AT_SetCompression',
  'AT_ValidateConstraint',
  'AT_ChangeOwner',
  'AT_ClusterOn',
  'AT_DropCluster',
  'AT_SetLogged',
  'AT_SetUnLogged',
  'AT_SetAccessMethod',
  'AT_SetTableSpace',
  'AT_SetRelOptions',
  'AT_ResetRelOptions',
  'AT_ReplaceRelOptions',
  'AT_EnableTrig',
  'AT_EnableAlwaysTrig',
  'AT_EnableReplicaTrig',
  'AT_DisableTrig',
  'AT_EnableTrigAll',
  'AT_DisableTrigAll',
  'AT_EnableTrigUser',
  'AT_DisableTrigUser',
  'AT_EnableRule',
  'AT_EnableAlwaysRule',
  'AT_EnableReplicaRule',
  'AT_DisableRule',
  'AT_ReplicaIdentity',
  'AT_EnableRowSecurity',
  'AT_DisableRowSecurity',
  'AT_ForceRowSecurity',
  'AT_NoForceRowSecurity',
  'AT_GenericOptions',
  'AT_AlterColumnGenericOptions',
]);

/** The extents of the commands after `ALTER TABLE [IF EXISTS] [ONLY] name`, one per AlterTableCmd. */
function commandExtents(ctx: PgContext, stmt: AlterTableStmt): Extent[] {
  const text = ctx.text;
  const after = text.afterName(text.at(stmt.relation?.location ?? 0));
  let end = text.at(ctx.end);
  if (text.tokens[end - 1]?.text === ';') end--;
  return text.split(after, end);
}

/** The text after a key word inside a command (`SET DEFAULT <expr>`, `USING <expr>`), to the command's end. */
function textAfter(ctx: PgContext, cmd: Extent, word: string, from = cmd.start): string | null {
  const i = ctx.text.findAtDepth0(ctx.text.at(from), word, cmd.end);
  if (i < 0 || i + 1 >= ctx.text.tokens.length || ctx.text.tokens[i + 1]!.start >= cmd.end) return null;
  return ctx.text.slice(ctx.text.tokens[i + 1]!.start, cmd.end);
}

function constraintOp(item: ConstraintItem, table: string, schema: string | undefined): UserOp {
  switch (item.kind) {
    case 'primaryKey':
      return { kind: 'createPrimaryKey', name: item.name, table, schema, columns: item.columns };
    case 'unique':
      return { kind: 'createUniqueConstraint', name: item.name, table, schema, columns: item.columns, deferrable: item.deferrable, initially: item.initially };
    case 'foreignKey':
      return {
        kind: 'createForeignKey',
        name: item.name,
        table,
        schema,
        refTable: item.refTable,
        refSchema: item.refSchema,
        columns: item.columns,
        refColumns: item.refColumns,
        onDelete: item.onDelete,
        onUpdate: item.onUpdate,
        deferrable: item.deferrable,
        initially: item.initially,
        match: item.match,
      };
    case 'check':
      return { kind: 'createCheckConstraint', name: item.name, table, schema, condition: item.condition };
  }
}

function alterCommand(ctx: PgContext, cmd: AlterTableCmd, extent: Extent, table: string, schema: string | undefined): UserOp[] {
  const column = cmd.name ?? '';
  const def: Node | undefined = cmd.def;
  const ifExists = cmd.missing_ok === true;
  const cascade = cmd.behavior === 'DROP_CASCADE';
  switch (cmd.subtype) {
    case 'AT_AddColumn': {
      if (!def || !('ColumnDef' in def)) break;
      const col = columnOf(ctx, def.ColumnDef, false);
      return [noted({ kind: 'addColumn', table, schema, column: col.def }, { ifNotExists: ifExists }), ...col.items.map((i) => constraintOp(i, table, schema))];
    }
    case 'AT_DropColumn':
      return [noted({ kind: 'dropColumn', table, schema, column }, { ifExists, cascade })];
    case 'AT_SetNotNull':
    case 'AT_DropNotNull':
      return [{ kind: 'alterColumn', table, schema, column, nullable: cmd.subtype === 'AT_DropNotNull' }];
    case 'AT_ColumnDefault': {
      if (def === undefined) return [{ kind: 'alterColumn', table, schema, column, serverDefault: null }];
      const text = textAfter(ctx, extent, 'default');
      if (text === null) break;
      return [{ kind: 'alterColumn', table, schema, column, serverDefault: sql.raw(text) }];
    }
    case 'AT_AlterColumnType': {
      if (!def || !('ColumnDef' in def) || !def.ColumnDef.typeName) break;
      const cd = def.ColumnDef;
      const loc = cd.typeName!.location ?? extent.start;
      const usingAt = ctx.text.findAtDepth0(ctx.text.at(loc), 'using', extent.end);
      // the type as written, with its COLLATE clause if any (which only a custom type carries)
      const written = ctx.text.slice(loc, usingAt < 0 ? extent.end : ctx.text.tokens[usingAt]!.start).trim();
      const type = cd.collClause ? { kind: 'custom' as const, sql: written } : pgType(cd.typeName!, written).type;
      const using = cd.raw_default ? textAfter(ctx, extent, 'using', loc) : null;
      return [{ kind: 'alterColumn', table, schema, column, type, ...(using !== null ? { using: sql.raw(using) } : {}) }];
    }
    case 'AT_AddConstraint': {
      if (!def || !('Constraint' in def)) break;
      const item = constraintItem(ctx, def.Constraint);
      return item ? [constraintOp(item, table, schema)] : [];
    }
    case 'AT_DropConstraint':
      return [noted({ kind: 'dropConstraint', name: column, table, schema }, { ifExists, cascade })];
    default:
      if (cmd.subtype && UNTRACKED_SUBTYPES.has(cmd.subtype)) return [];
      warn(ctx, `ALTER TABLE ${cmd.subtype?.replace(/^AT_/, '') ?? 'command'} is not part of the schema model`);
      return [];
  }
  warn(ctx, `the ${cmd.subtype?.replace(/^AT_/, '') ?? ''} command could not be read from the statement`);
  return [];
}

export function alterTable(ctx: PgContext, stmt: AlterTableStmt): UserOp[] {
  // ALTER INDEX / SEQUENCE / VIEW ... SET (...) and friends: storage settings the model does not track
  if (stmt.objtype !== 'OBJECT_TABLE') return [];
  const { table, schema } = relation(stmt.relation);
  const cmds = (stmt.cmds ?? []).flatMap((n) => ('AlterTableCmd' in n ? [n.AlterTableCmd] : []));
  const extents = commandExtents(ctx, stmt);
  if (extents.length !== cmds.length) {
    warn(ctx, 'its commands could not be told apart in the statement text');
    return [];
  }
  // IF EXISTS on the table: apply-raw skips ops on tables the model does not know
  return cmds.flatMap((cmd, i) => alterCommand(ctx, cmd, extents[i]!, table, schema));
}
