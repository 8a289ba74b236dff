/**
 * PostgreSQL raw DDL as ops, with libpg-query: PostgreSQL's own parser (in
 * WebAssembly), so what parses here parses on the server, and what does not
 * is reported rather than guessed. Which statements are silently ignored,
 * and why: statements.ts.
 * https://www.postgresql.org/docs/current/sql-commands.html
 */
import type { AlterEnumStmt, CommentStmt, CreateSeqStmt, DropStmt, IndexStmt, Node, RawStmt, RenameStmt } from 'libpg-query';
import type { UserOp } from '../../src/ops/index.js';
import { sql } from '../../src/record/sql.js';
import type { IndexColumn } from '../../src/record/types.js';
import type { DdlParser, DdlParserLoader } from '../../src/model/ddl/index.js';
import { editOp, noted } from '../../src/model/ddl/notes.js';
import { qualifiedName, relation, schemaOf, warn, type PgContext } from './pg-columns.js';
import { alterTable, createTable } from './pg-table.js';
import { PgText, type RawToken } from './pg-text.js';
import { names } from './pg-types.js';
import { cannotFollow, classifyStatement } from '../../src/model/ddl/statements.js';

type PgModule = typeof import('libpg-query');

function createIndex(ctx: PgContext, stmt: IndexStmt): UserOp[] {
  if (!stmt.idxname) {
    warn(ctx, 'an index without a name gets one PostgreSQL chooses, which the model cannot know; name the index');
    return [];
  }
  const { table, schema } = relation(stmt.relation);
  const text = ctx.text;
  let open = text.afterName(text.at(stmt.relation?.location ?? 0));
  if (text.tokens[open]?.word === 'using') open += 2;
  const close = text.tokens[open]?.text === '(' ? text.closing(open) : -1;
  const params = (stmt.indexParams ?? []).flatMap((n) => ('IndexElem' in n ? [n.IndexElem] : []));
  const extents = close < 0 ? [] : text.split(open + 1, close);
  if (extents.length !== params.length) {
    warn(ctx, 'its column list could not be read from the statement');
    return [];
  }
  const columns: IndexColumn[] = params.map((p, i) => {
    const plain = p.name !== undefined && !p.opclass?.length && !p.collation?.length && (p.ordering ?? 'SORTBY_DEFAULT') === 'SORTBY_DEFAULT' && (p.nulls_ordering ?? 'SORTBY_NULLS_DEFAULT') === 'SORTBY_NULLS_DEFAULT';
    // an expression, or a column with an operator class, collation or ordering: kept as written
    return plain ? p.name! : sql.raw(text.text(extents[i]!));
  });
  let where: ReturnType<typeof sql.raw> | undefined;
  if (stmt.whereClause) {
    const w = text.findAtDepth0(close + 1, 'where', ctx.end);
    const e = w < 0 ? null : text.extent(w + 1, ctx.end);
    if (!e) {
      warn(ctx, 'its WHERE condition could not be read from the statement');
      return [];
    }
    where = sql.raw(text.text(e));
  }
  // INCLUDE columns, storage parameters and the tablespace do not change what the index is to the model
  return [
    {
      kind: 'createIndex',
      name: stmt.idxname,
      table,
      schema,
      columns,
      unique: stmt.unique === true,
      ...(where ? { where } : {}),
      ...(stmt.concurrent ? { concurrently: true } : {}),
      ...(stmt.accessMethod && stmt.accessMethod !== 'btree' ? { using: stmt.accessMethod } : {}),
      ...(stmt.if_not_exists ? { ifNotExists: true } : {}),
    },
  ];
}

function listName(n: Node): { name: string; schema?: string } {
  if ('List' in n) return qualifiedName(names(n.List.items));
  if ('TypeName' in n) return qualifiedName(names(n.TypeName.names));
  if ('String' in n) return qualifiedName([n.String.sval ?? '']);
  return { name: '' };
}

function drop(ctx: PgContext, stmt: DropStmt): UserOp[] {
  const ifExists = stmt.missing_ok === true;
  const cascade = stmt.behavior === 'DROP_CASCADE';
  const objects = (stmt.objects ?? []).map(listName);
  switch (stmt.removeType) {
    case 'OBJECT_TABLE':
      return objects.map((o) => noted({ kind: 'dropTable', table: o.name, schema: o.schema, ...(ifExists ? { ifExists } : {}) }, { cascade }));
    case 'OBJECT_INDEX':
      return objects.map((o) => ({ kind: 'dropIndex', name: o.name, schema: o.schema, ...(ifExists ? { ifExists } : {}), ...(stmt.concurrent ? { concurrently: true } : {}) }));
    case 'OBJECT_SEQUENCE':
      return objects.map((o) => noted({ kind: 'dropSequence', name: o.name, schema: o.schema }, { ifExists }));
    case 'OBJECT_TYPE':
      return objects.map((o) => noted({ kind: 'dropEnum', name: o.name, schema: o.schema, ...(ifExists ? { ifExists } : {}) }, { cascade }));
    case 'OBJECT_SCHEMA':
      if (cascade) warn(ctx, 'DROP SCHEMA ... CASCADE drops every table in the schema');
      return [];
    default:
      return [];
  }
}

function rename(ctx: PgContext, stmt: RenameStmt, statement: string): UserOp[] {
  const { table, schema } = relation(stmt.relation);
  const newName = stmt.newname ?? '';
  switch (stmt.renameType) {
    case 'OBJECT_TABLE':
      return [{ kind: 'renameTable', table, schema, newName }];
    case 'OBJECT_COLUMN':
      return stmt.relationType === 'OBJECT_TABLE' ? [{ kind: 'alterColumn', table, schema, column: stmt.subname ?? '', newColumnName: newName }] : [];
    case 'OBJECT_TABCONSTRAINT':
      return [editOp(statement, { kind: 'renameConstraint', table, schema, name: stmt.subname ?? '', newName })];
    case 'OBJECT_INDEX':
      return [editOp(statement, { kind: 'renameIndex', name: table, schema, newName })];
    case 'OBJECT_SEQUENCE':
      return [editOp(statement, { kind: 'renameSequence', name: table, schema, newName })];
    case 'OBJECT_TYPE': {
      const o = stmt.object ? listName(stmt.object) : { name: '' };
      return [editOp(statement, { kind: 'renameEnum', name: o.name, schema: o.schema, newName })];
    }
    case 'OBJECT_SCHEMA':
      warn(ctx, 'renaming a schema moves its tables, which the model keeps by schema');
      return [];
    default:
      return [];
  }
}

function alterEnum(stmt: AlterEnumStmt, statement: string): UserOp[] {
  const { name, schema } = qualifiedName(names(stmt.typeName));
  if (stmt.oldVal !== undefined) return [editOp(statement, { kind: 'renameEnumValue', name, schema, from: stmt.oldVal, to: stmt.newVal ?? '' })];
  return [
    editOp(statement, {
      kind: 'addEnumValue',
      name,
      schema,
      value: stmt.newVal ?? '',
      neighbor: stmt.newValNeighbor,
      after: stmt.newValIsAfter === true,
      ifNotExists: stmt.skipIfNewValExists === true,
    }),
  ];
}

function sequenceOption(stmt: CreateSeqStmt, name: string): number | undefined {
  for (const o of stmt.options ?? []) {
    if (!('DefElem' in o) || o.DefElem.defname !== name) continue;
    const arg = o.DefElem.arg;
    if (arg && 'Integer' in arg) return arg.Integer.ival ?? 0;
    if (arg && 'Float' in arg && arg.Float.fval !== undefined) return Number(arg.Float.fval);
  }
  return undefined;
}

function comment(stmt: CommentStmt): UserOp[] {
  const parts = stmt.object && 'List' in stmt.object ? names(stmt.object.List.items) : [];
  const text = stmt.comment;
  if (stmt.objtype === 'OBJECT_TABLE') {
    const { name, schema } = qualifiedName(parts);
    return text === undefined ? [{ kind: 'dropTableComment', table: name, schema }] : [{ kind: 'createTableComment', table: name, schema, comment: text }];
  }
  if (stmt.objtype === 'OBJECT_COLUMN' && parts.length >= 2) {
    const { name: table, schema } = qualifiedName(parts.slice(0, -1));
    return [{ kind: 'alterColumn', table, schema, column: parts[parts.length - 1]!, comment: text ?? null }];
  }
  // comments on anything else (indexes, types, functions, ...) are not part of the model
  return [];
}

/** One parsed statement as ops (see statements.ts for what is ignored, and why). */
function convert(ctx: PgContext, node: Node): UserOp[] {
  if ('CreateStmt' in node) return createTable(ctx, node.CreateStmt);
  if ('AlterTableStmt' in node) return alterTable(ctx, node.AlterTableStmt);
  if ('IndexStmt' in node) return createIndex(ctx, node.IndexStmt);
  if ('DropStmt' in node) return drop(ctx, node.DropStmt);
  if ('RenameStmt' in node) return rename(ctx, node.RenameStmt, ctx.statement);
  if ('CommentStmt' in node) return comment(node.CommentStmt);
  if ('CreateEnumStmt' in node) {
    const { name, schema } = qualifiedName(names(node.CreateEnumStmt.typeName));
    return [{ kind: 'createEnum', name, schema, values: names(node.CreateEnumStmt.vals) }];
  }
  if ('AlterEnumStmt' in node) return alterEnum(node.AlterEnumStmt, ctx.statement);
  if ('CreateSeqStmt' in node) {
    const s = node.CreateSeqStmt;
    if (s.sequence?.relpersistence === 't') return [];
    const start = sequenceOption(s, 'start');
    const increment = sequenceOption(s, 'increment');
    const op: UserOp = { kind: 'createSequence', name: s.sequence?.relname ?? '', schema: schemaOf(s.sequence), ...(start !== undefined ? { start } : {}), ...(increment !== undefined ? { increment } : {}) };
    return [noted(op, { ifNotExists: s.if_not_exists === true })];
  }
  if ('AlterSeqStmt' in node) {
    const changes = (node.AlterSeqStmt.options ?? []).some((o) => 'DefElem' in o && (o.DefElem.defname === 'start' || o.DefElem.defname === 'increment'));
    if (changes) warn(ctx, 'the model keeps a sequence as created; ALTER SEQUENCE START / INCREMENT is not followed');
    return [];
  }
  if ('AlterObjectSchemaStmt' in node) {
    const kind = node.AlterObjectSchemaStmt.objectType;
    if (kind === 'OBJECT_TABLE' || kind === 'OBJECT_TYPE' || kind === 'OBJECT_SEQUENCE') warn(ctx, 'SET SCHEMA moves the object to another schema');
    return [];
  }
  if ('CreateTableAsStmt' in node) {
    const s = node.CreateTableAsStmt;
    if (s.objtype === 'OBJECT_TABLE' && s.into?.rel?.relpersistence !== 't') warn(ctx, 'CREATE TABLE ... AS takes its columns from a query');
    return [];
  }
  if ('SelectStmt' in node && node.SelectStmt.intoClause && node.SelectStmt.intoClause.rel?.relpersistence !== 't') {
    warn(ctx, 'SELECT ... INTO creates a table from a query');
    return [];
  }
  if ('CreateSchemaStmt' in node && (node.CreateSchemaStmt.schemaElts?.length ?? 0) > 0) {
    warn(ctx, 'CREATE SCHEMA with schema elements');
    return [];
  }
  return [];
}

/** The first words of a text (for classifying a statement PostgreSQL's parser rejected). */
function leadingWords(text: string): (string | null)[] {
  const bare = text.replace(/^(\s|--[^\n]*\n?|\/\*[\s\S]*?\*\/)*/, '');
  return bare
    .split(/\s+/, 12)
    .map((w) => (/^[A-Za-z_]+$/.test(w) ? w.toLowerCase() : null));
}

interface Piece {
  readonly text: string;
  readonly result: { stmts?: RawStmt[] } | null;
  readonly error: string | null;
}

function parsePiece(pg: PgModule, text: string): Piece {
  try {
    return { text, result: pg.parseSync(text), error: null };
  } catch (e) {
    return { text, result: null, error: e instanceof Error ? e.message : String(e) };
  }
}

/** Splits a text PostgreSQL rejected at its semicolons, so the statements it does accept are still followed. */
function pieces(pg: PgModule, text: string): string[] {
  try {
    const bytes = Buffer.from(text, 'utf8');
    const out: string[] = [];
    let from = 0;
    for (const tok of pg.scanSync(text).tokens) {
      if (tok.text !== ';') continue;
      out.push(bytes.subarray(from, tok.start).toString('utf8'));
      from = tok.end;
    }
    out.push(bytes.subarray(from).toString('utf8'));
    return out.filter((p) => p.trim().length > 0);
  } catch {
    return [text];
  }
}

function followPiece(pg: PgModule, piece: Piece, ops: UserOp[], warnings: string[]): void {
  if (!piece.result) {
    const cls = classifyStatement(leadingWords(piece.text));
    if (cls.kind !== 'ignore') warnings.push(cannotFollow(piece.text, `PostgreSQL's parser rejects it (${piece.error ?? 'syntax error'})`));
    return;
  }
  const text = new PgText(piece.text, pg.scanSync(piece.text).tokens as RawToken[]);
  for (const raw of piece.result.stmts ?? []) {
    if (!raw.stmt) continue;
    const start = raw.stmt_location ?? 0;
    const end = raw.stmt_len ? start + raw.stmt_len : text.bytes.length;
    const ctx: PgContext = { text, statement: text.slice(start, end), end, warnings };
    ops.push(...convert(ctx, raw.stmt));
  }
}

function parsePostgres(pg: PgModule, text: string): { ops: UserOp[]; warnings: string[] } {
  const ops: UserOp[] = [];
  const warnings: string[] = [];
  const whole = parsePiece(pg, text);
  if (whole.result) followPiece(pg, whole, ops, warnings);
  else for (const p of pieces(pg, text)) followPiece(pg, parsePiece(pg, p), ops, warnings);
  return { ops, warnings };
}

/** Loads libpg-query (WebAssembly, ~1 MB) once, when a revision first uses op.execute. */
export const postgresqlDdlParser: DdlParserLoader = async () => {
  const pg = await import('libpg-query');
  await pg.loadModule();
  const parse: DdlParser = (text) => parsePostgres(pg, text);
  return parse;
};
