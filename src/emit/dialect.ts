/**
 * What a dialect is: a data profile, a SQL writer (types, column specs,
 * literals: standard behaviour with a few methods overridden), the model
 * facts, and the renderers that differ from the standard ones. The
 * registry in dialects/index.ts assembles them; nothing outside dialects/
 * compares dialect names.
 */
import type { OpInfo } from '../model/apply.js';
import type { ModelDialect, SchemaModel } from '../model/schema.js';
import type { DdlParserLoader } from '../model/ddl/index.js';
import type { Op, OpKind, OpOf } from '../ops/index.js';
import type { DialectName } from '../record/operations.js';
import type { StandardSql } from './sql.js';

/** One SQL statement, without its terminator. */
export interface Statement {
  readonly sql: string;
  /** must run outside a transaction block (PostgreSQL CREATE INDEX CONCURRENTLY) */
  readonly outsideTransaction?: boolean;
  /** raw text from op.execute (may hold several statements) */
  readonly raw?: boolean;
}

export interface VersionTableConfig {
  readonly name: string;
  readonly schema?: string;
}

export interface RenderContext {
  readonly sql: StandardSql;
  /** renders another op with the dialect's renderers (a batch renders its inner ops) */
  readonly render: (op: Op, info: OpInfo) => Statement[];
  readonly info: OpInfo;
  /** the model after the op */
  readonly model: SchemaModel;
  readonly versionTable: VersionTableConfig;
}

export type Renderer<K extends OpKind> = (op: OpOf<K>, ctx: RenderContext) => Statement[];

/** A complete set of renderers: one per op kind (a missing one does not compile). */
export type Renderers = { readonly [K in OpKind]: Renderer<K> };

export interface DialectProfile {
  readonly name: DialectName;
  /** statement terminator (`;`, or empty on Oracle) */
  readonly terminator: string;
  /** a line after every statement (`GO` on mssql, `/` on oracle) */
  readonly batchSeparator: string | null;
  /** DDL runs inside transactions, so the script is wrapped in one */
  readonly transactionalDdl: boolean;
  readonly beginTransaction: string;
  readonly commitTransaction: string;
  /** the guard must come after the version table is created (it cannot test for a missing table) */
  readonly guardAfterVersionTable: boolean;
  /** sql-formatter's language name for --format */
  readonly formatterLanguage: string;
}

export interface Dialect {
  readonly profile: DialectProfile;
  readonly sql: StandardSql;
  readonly renderers: Renderers;
  readonly model: ModelDialect;
  /** follows raw `op.execute` DDL in the model (absent: raw SQL changes nothing the model knows, with a warning) */
  readonly ddlParser?: DdlParserLoader;
}

/** Marks an op a dialect cannot express; rendering it is an error naming the op. */
export class UnsupportedError extends Error {}

export function unsupported(message: string): never {
  throw new UnsupportedError(message);
}
