/**
 * PostgreSQL 12+: types as SQLAlchemy renders them, SERIAL / IDENTITY keys,
 * enum types created before first use, `ALTER COLUMN ... TYPE ... USING`,
 * `CREATE INDEX CONCURRENTLY` outside the transaction, a DO-block guard.
 * https://www.postgresql.org/docs/current/sql-altertable.html
 */
import { renderError } from '../src/errors.js';
import type { ColumnState, TableState } from '../src/model/state.js';
import type { ModelDialect } from '../src/model/schema.js';
import type { SqlType } from '../src/record/types.js';
import { unsupported, type Dialect, type DialectProfile, type Renderer, type Renderers, type Statement } from '../src/emit/dialect.js';
import { standardRenderers } from '../src/emit/renderers/index.js';
import { StandardSql, type ColumnSpecOptions } from '../src/emit/sql.js';
import type { LiteralRules, QuoteRules } from '../src/emit/quote.js';

/** Reserved key words (https://www.postgresql.org/docs/current/sql-keywords-appendix.html): they must be quoted. */
const RESERVED = new Set(
  (
    'all analyse analyze and any array as asc asymmetric authorization binary both case cast check collate collation ' +
    'column concurrently constraint create cross current_catalog current_date current_role current_schema current_time ' +
    'current_timestamp current_user default deferrable desc distinct do else end except false fetch for foreign freeze ' +
    'from full grant group having ilike in initially inner intersect into is isnull join lateral leading left like limit ' +
    'localtime localtimestamp natural not notnull null offset on only or order outer overlaps placing primary references ' +
    'returning right select session_user similar some symmetric system_user table tablesample then to trailing true union ' +
    'unique user using variadic verbose when where window with'
  ).split(' '),
);

const NAMEDATALEN = 63;

class PostgresSql extends StandardSql {
  readonly quoteRules: QuoteRules = { identifierQuote: ['"', '"'], reservedWords: RESERVED };
  readonly literalRules: LiteralRules = { backslashEscapes: false, booleanTrue: 'true', booleanFalse: 'false' };

  type(type: SqlType, column?: ColumnState): string {
    const where = column ? ` (column ${column.name})` : '';
    switch (type.kind) {
      case 'integer':
        return 'INTEGER';
      case 'bigInteger':
        return 'BIGINT';
      case 'smallInteger':
        return 'SMALLINT';
      case 'boolean':
        return 'BOOLEAN';
      case 'string':
      case 'unicode':
        // https://www.postgresql.org/docs/current/datatype-character.html: n at most 10485760
        if (type.length !== undefined && type.length > 10485760) unsupported(`VARCHAR(${type.length}) is longer than PostgreSQL allows (10485760)${where}; use t.text()`);
        return type.length !== undefined ? `VARCHAR(${type.length})` : 'VARCHAR';
      case 'text':
      case 'unicodeText':
        return 'TEXT';
      case 'date':
        return 'DATE';
      case 'dateTime':
        return type.timezone ? 'TIMESTAMP WITH TIME ZONE' : 'TIMESTAMP WITHOUT TIME ZONE';
      case 'time':
        return type.timezone ? 'TIME WITH TIME ZONE' : 'TIME WITHOUT TIME ZONE';
      case 'interval':
        return 'INTERVAL';
      case 'numeric':
        // https://www.postgresql.org/docs/current/datatype-numeric.html: precision 1..1000, scale 0..precision
        if (type.precision !== undefined && type.precision > 1000) unsupported(`NUMERIC(${type.precision}) exceeds PostgreSQL's maximum precision of 1000${where}`);
        if (type.precision !== undefined && type.scale !== undefined && type.scale > type.precision) unsupported(`NUMERIC(${type.precision}, ${type.scale}): the scale is larger than the precision${where}`);
        return type.precision === undefined ? 'NUMERIC' : type.scale === undefined ? `NUMERIC(${type.precision})` : `NUMERIC(${type.precision}, ${type.scale})`;
      case 'float':
        // FLOAT(p) takes 1..53 bits of precision
        if (type.precision !== undefined && type.precision > 53) unsupported(`FLOAT(${type.precision}): PostgreSQL accepts a precision of 1 to 53 bits${where}`);
        return type.precision === undefined ? 'FLOAT' : `FLOAT(${type.precision})`;
      case 'largeBinary':
        return 'BYTEA';
      case 'json':
        return 'JSON';
      case 'uuid':
        return 'UUID';
      case 'enum':
        return this.qualified(type.name, type.schema);
      case 'custom':
        return type.sql;
    }
    return unsupported(`unknown type ${JSON.stringify((type as { kind: unknown }).kind)}${where}`);
  }

  /** SERIAL / BIGSERIAL / SMALLSERIAL for the auto-incrementing key, as SQLAlchemy writes it. */
  override columnType(column: ColumnState, table: TableState, opts: ColumnSpecOptions): string {
    if (column.autoincrement && !column.identity) {
      if (column.type.kind === 'integer') return 'SERIAL';
      if (column.type.kind === 'bigInteger') return 'BIGSERIAL';
      if (column.type.kind === 'smallInteger') return 'SMALLSERIAL';
    }
    return super.columnType(column, table, opts);
  }
}

/** PostgreSQL's makeObjectName: `<table>_<columns>_<label>`, clipped to 63 bytes from the longer part. */
function makeObjectName(name1: string, name2: string | null, label: string): string {
  const overhead = (name2 !== null ? 1 : 0) + 1 + label.length;
  let n1 = name1.length;
  let n2 = name2?.length ?? 0;
  const avail = NAMEDATALEN - overhead;
  while (n1 + n2 > avail) {
    if (n1 > n2) n1--;
    else n2--;
  }
  return `${name1.slice(0, n1)}${name2 !== null ? `_${name2.slice(0, n2)}` : ''}_${label}`;
}

function chooseName(name1: string, name2: string | null, label: string, taken: (n: string) => boolean): string {
  for (let pass = 0; ; pass++) {
    const name = makeObjectName(name1, name2, pass === 0 ? label : `${label}${pass}`);
    if (!taken(name)) return name;
  }
}

export const postgresModel: ModelDialect = {
  enumTypes: true,
  uniqueIsIndex: false,
  implicitConstraintName(kind, table, columns, taken) {
    switch (kind) {
      case 'primaryKey':
        return chooseName(table.name, null, 'pkey', taken);
      case 'unique':
        return chooseName(table.name, columns.join('_'), 'key', taken);
      case 'foreignKey':
        return chooseName(table.name, columns.join('_'), 'fkey', taken);
      case 'check':
        return chooseName(table.name, columns.length === 1 ? columns[0]! : null, 'check', taken);
    }
  },
};

const sql = new PostgresSql();

function enumStatements(enums: readonly { name: string; schema?: string; values: readonly string[] }[] | undefined): Statement[] {
  return (enums ?? []).map((e) => ({ sql: `CREATE TYPE ${sql.qualified(e.name, e.schema)} AS ENUM (${e.values.map((v) => sql.literal(v)).join(', ')})` }));
}

/** Ops whose new enum-typed columns need their types created first. */
function withEnums<K extends 'createTable' | 'addColumn' | 'alterColumn'>(base: Renderer<K>): Renderer<K> {
  return (op, ctx) => [...enumStatements(ctx.info.newEnums), ...base(op, ctx)];
}

const createIndex: Renderer<'createIndex'> = (op, ctx) =>
  standardRenderers.createIndex(op, ctx).map((s) => (op.concurrently ? { ...s, outsideTransaction: true } : s));

const dropIndex: Renderer<'dropIndex'> = (op, { sql: w }) => [
  {
    sql: `DROP INDEX ${op.concurrently ? 'CONCURRENTLY ' : ''}${op.ifExists ? 'IF EXISTS ' : ''}${w.qualified(op.name, op.schema)}`,
    outsideTransaction: op.concurrently === true,
  },
];

const alterColumn: Renderer<'alterColumn'> = (op, ctx) => {
  if (op.using !== undefined && op.type === undefined) throw renderError('using needs type');
  return standardRenderers.alterColumn(op, ctx);
};

const createEnum: Renderer<'createEnum'> = (op, { sql: w }) => {
  const create = `CREATE TYPE ${w.qualified(op.name, op.schema)} AS ENUM (${op.values.map((v) => w.literal(v)).join(', ')})`;
  if (!op.ifNotExists) return [{ sql: create }];
  // PostgreSQL has no CREATE TYPE IF NOT EXISTS
  return [{ sql: `DO $gensql$\nBEGIN\n    ${create};\nEXCEPTION\n    WHEN duplicate_object THEN NULL;\nEND\n$gensql$` }];
};

const dropEnum: Renderer<'dropEnum'> = (op, { sql: w }) => [{ sql: `DROP TYPE ${op.ifExists ? 'IF EXISTS ' : ''}${w.qualified(op.name, op.schema)}` }];

/**
 * The guard: a DO block that raises unless the version table holds exactly
 * the expected rows. From base, a missing table counts as empty.
 */
const versionGuard: Renderer<'versionGuard'> = (op, { sql: w, versionTable }) => {
  const table = w.qualified(versionTable.name, versionTable.schema);
  const expected = op.expected.join(',');
  const message = w.literal(`gensql: ${op.purpose}: the version table ${versionTable.name} must hold ${op.expected.length ? `exactly ${expected}` : 'no revision'}, but holds %`);
  const actual = `(SELECT coalesce(string_agg(version_num, ',' ORDER BY version_num), '') FROM ${table})`;
  const regclass = w.literal(table);
  const body =
    op.expected.length === 0
      ? `    IF to_regclass(${regclass}) IS NOT NULL THEN\n        IF EXISTS (SELECT 1 FROM ${table}) THEN\n            RAISE EXCEPTION ${message}, ${actual};\n        END IF;\n    END IF;`
      : `    IF to_regclass(${regclass}) IS NULL THEN\n        RAISE EXCEPTION ${message}, 'no version table';\n    END IF;\n    IF ${actual} <> ${w.literal(expected)} THEN\n        RAISE EXCEPTION ${message}, ${actual};\n    END IF;`;
  return [{ sql: `DO $gensql$\nBEGIN\n${body}\nEND\n$gensql$` }];
};

const overrides: Partial<Renderers> = {
  createTable: withEnums(standardRenderers.createTable),
  addColumn: withEnums(standardRenderers.addColumn),
  alterColumn: withEnums(alterColumn),
  createIndex,
  dropIndex,
  createEnum,
  dropEnum,
  versionGuard,
};

const profile: DialectProfile = {
  name: 'postgresql',
  terminator: ';',
  batchSeparator: null,
  transactionalDdl: true,
  beginTransaction: 'BEGIN',
  commitTransaction: 'COMMIT',
  guardAfterVersionTable: false,
  formatterLanguage: 'postgresql',
};

export const postgresql: Dialect = {
  profile,
  sql,
  renderers: { ...standardRenderers, ...overrides },
  model: postgresModel,
  // raw op.execute DDL, followed in the model by PostgreSQL's own parser (loaded only when a revision uses op.execute)
  ddlParser: async () => (await import('./ddl/postgresql.js')).postgresqlDdlParser(),
};
