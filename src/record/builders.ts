/**
 * Public builders: `column`, `t.*`, and the table items. They check their
 * arguments eagerly (a mistake is reported while the revision runs, with its
 * file and revision) and return frozen plain data.
 */
import type {
  CheckItem,
  ColumnDef,
  ColumnOptions,
  ColumnReference,
  ForeignKeyItem,
  IndexColumn,
  IndexItem,
  PrimaryKeyItem,
  ReferentialAction,
  SqlText,
  SqlType,
  UniqueItem,
} from './types.js';
import { isSqlFragment } from './sql.js';

function fail(message: string): never {
  throw new TypeError(message);
}

function checkName(what: string, name: unknown): string {
  if (typeof name !== 'string' || name.length === 0) fail(`${what} must be a non-empty string, got ${JSON.stringify(name)}`);
  return name;
}

function checkLength(what: string, n: unknown): number | undefined {
  if (n === undefined || n === null) return undefined;
  if (typeof n !== 'number' || !Number.isInteger(n) || n <= 0) fail(`${what} must be a positive integer, got ${String(n)}`);
  return n;
}

function checkNames(what: string, names: unknown): string[] {
  if (!Array.isArray(names) || names.length === 0) fail(`${what} must be a non-empty array of column names`);
  return names.map((n, i) => checkName(`${what}[${i}]`, n));
}

function checkSqlText(what: string, v: unknown): SqlText {
  if (typeof v === 'string' || isSqlFragment(v)) return v;
  return fail(`${what} must be SQL text (a string or sql\`...\`)`);
}

const ACTIONS: readonly ReferentialAction[] = ['CASCADE', 'SET NULL', 'SET DEFAULT', 'RESTRICT', 'NO ACTION'];

export function checkAction(what: string, v: unknown): ReferentialAction | undefined {
  if (v === undefined || v === null) return undefined;
  const up = typeof v === 'string' ? v.toUpperCase() : v;
  if (!ACTIONS.includes(up as ReferentialAction)) fail(`${what} must be one of ${ACTIONS.join(', ')}, got ${JSON.stringify(v)}`);
  return up as ReferentialAction;
}

/** `t.*`: every type is a function call (`t.integer()`, `t.string(50)`). */
export const t = {
  integer: (): SqlType => ({ kind: 'integer' }),
  bigInteger: (): SqlType => ({ kind: 'bigInteger' }),
  smallInteger: (): SqlType => ({ kind: 'smallInteger' }),
  boolean: (): SqlType => ({ kind: 'boolean' }),
  string: (length?: number): SqlType => ({ kind: 'string', length: checkLength('t.string(length)', length) }),
  text: (): SqlType => ({ kind: 'text' }),
  unicode: (length?: number): SqlType => ({ kind: 'unicode', length: checkLength('t.unicode(length)', length) }),
  unicodeText: (): SqlType => ({ kind: 'unicodeText' }),
  date: (): SqlType => ({ kind: 'date' }),
  dateTime: (opts: { timezone?: boolean } = {}): SqlType => ({ kind: 'dateTime', timezone: opts.timezone === true }),
  time: (opts: { timezone?: boolean } = {}): SqlType => ({ kind: 'time', timezone: opts.timezone === true }),
  interval: (): SqlType => ({ kind: 'interval' }),
  numeric: (precision?: number, scale?: number): SqlType => {
    const p = checkLength('t.numeric(precision)', precision);
    if (scale !== undefined && (typeof scale !== 'number' || !Number.isInteger(scale) || scale < 0)) {
      fail(`t.numeric(precision, scale): scale must be a non-negative integer, got ${String(scale)}`);
    }
    if (scale !== undefined && p === undefined) fail('t.numeric(precision, scale): a scale needs a precision');
    return { kind: 'numeric', precision: p, scale };
  },
  float: (precision?: number): SqlType => ({ kind: 'float', precision: checkLength('t.float(precision)', precision) }),
  largeBinary: (length?: number): SqlType => ({ kind: 'largeBinary', length: checkLength('t.largeBinary(length)', length) }),
  json: (): SqlType => ({ kind: 'json' }),
  uuid: (): SqlType => ({ kind: 'uuid' }),
  enum: (values: readonly string[], opts: { name: string; schema?: string }): SqlType => {
    if (!Array.isArray(values) || values.length === 0) fail('t.enum(values, { name }): values must be a non-empty array of strings');
    values.forEach((v, i) => {
      if (typeof v !== 'string') fail(`t.enum(values): values[${i}] must be a string`);
    });
    if (new Set(values).size !== values.length) fail('t.enum(values): values must be distinct');
    if (!opts || typeof opts !== 'object') fail('t.enum(values, { name }): a type name is required');
    const name = checkName('t.enum(values, { name }): name', opts.name);
    return { kind: 'enum', values: Object.freeze([...values]), name, schema: opts.schema };
  },
  custom: (text: string): SqlType => ({ kind: 'custom', sql: checkName('t.custom(sql)', text) }),
} as const;

export type TypeBuilders = typeof t;

const COLUMN_OPTION_KEYS = new Set([
  'primaryKey',
  'nullable',
  'serverDefault',
  'comment',
  'unique',
  'index',
  'autoincrement',
  'identity',
  'references',
  'onDelete',
  'onUpdate',
  'check',
]);

const TYPE_KINDS = new Set(Object.keys(t));

export function isSqlType(v: unknown): v is SqlType {
  return typeof v === 'object' && v !== null && TYPE_KINDS.has(String((v as { kind?: unknown }).kind));
}

function parseReference(ref: string, opts: ColumnOptions): ColumnReference {
  const parts = ref.split('.');
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => p.length === 0)) {
    fail(`references must be 'table.column' or 'schema.table.column', got ${JSON.stringify(ref)}`);
  }
  const [schema, table, column] = parts.length === 3 ? parts : [undefined, parts[0], parts[1]];
  return {
    schema,
    table: table!,
    column: column!,
    onDelete: checkAction('onDelete', opts.onDelete),
    onUpdate: checkAction('onUpdate', opts.onUpdate),
  };
}

/** `column(name, type, options?)` — options follow SQLAlchemy's Column. */
export function column(name: string, type: SqlType, options: ColumnOptions = {}): ColumnDef {
  checkName('column(name)', name);
  if (typeof type === 'function') fail(`column('${name}'): the type must be called, e.g. t.integer() not t.integer`);
  if (!isSqlType(type)) fail(`column('${name}'): the second argument must be a type such as t.integer()`);
  if (typeof options !== 'object' || options === null) fail(`column('${name}'): options must be an object`);
  for (const k of Object.keys(options)) {
    if (!COLUMN_OPTION_KEYS.has(k)) fail(`column('${name}'): unknown option '${k}'`);
  }
  const sd = options.serverDefault;
  if (sd !== undefined && !['string', 'number', 'bigint', 'boolean'].includes(typeof sd) && !isSqlFragment(sd)) {
    fail(`column('${name}'): serverDefault must be a string, number, boolean or sql\`...\``);
  }
  if (typeof sd === 'number' && !Number.isFinite(sd)) fail(`column('${name}'): serverDefault must be a finite number`);
  const auto = options.autoincrement ?? 'auto';
  if (auto !== true && auto !== false && auto !== 'auto') fail(`column('${name}'): autoincrement must be true, false or 'auto'`);
  if ((options.onDelete || options.onUpdate) && !options.references) {
    fail(`column('${name}'): onDelete/onUpdate need references`);
  }
  const identity = options.identity === true ? {} : options.identity === false ? undefined : options.identity;
  const def: ColumnDef = {
    kind: 'column',
    name,
    type,
    primaryKey: options.primaryKey === true,
    nullable: options.nullable,
    serverDefault: sd,
    comment: options.comment,
    unique: options.unique === true,
    index: options.index === true,
    autoincrement: auto,
    identity: identity ? { ...identity } : undefined,
    references: options.references !== undefined ? parseReference(checkName(`column('${name}'): references`, options.references), options) : undefined,
    check: options.check !== undefined ? checkSqlText(`column('${name}'): check`, options.check) : undefined,
  };
  return Object.freeze(def);
}

export function primaryKeyConstraint(columns: readonly string[], opts: { name?: string | null } = {}): PrimaryKeyItem {
  return Object.freeze({ kind: 'primaryKey', name: opts.name ?? null, columns: checkNames('primaryKeyConstraint(columns)', columns) });
}

export function uniqueConstraint(
  columns: readonly string[],
  opts: { name?: string | null; deferrable?: boolean; initially?: 'DEFERRED' | 'IMMEDIATE' } = {},
): UniqueItem {
  return Object.freeze({
    kind: 'unique',
    name: opts.name ?? null,
    columns: checkNames('uniqueConstraint(columns)', columns),
    deferrable: opts.deferrable,
    initially: opts.initially,
  });
}

export interface ForeignKeyOptions {
  name?: string | null;
  onDelete?: ReferentialAction;
  onUpdate?: ReferentialAction;
  deferrable?: boolean;
  initially?: 'DEFERRED' | 'IMMEDIATE';
  match?: 'FULL' | 'PARTIAL' | 'SIMPLE';
}

/** Splits `'schema.table'` into its parts. */
export function splitQualified(name: string): { schema?: string; name: string } {
  const i = name.indexOf('.');
  return i < 0 ? { name } : { schema: name.slice(0, i), name: name.slice(i + 1) };
}

export function foreignKeyConstraint(
  columns: readonly string[],
  refTable: string,
  refColumns: readonly string[],
  opts: ForeignKeyOptions = {},
): ForeignKeyItem {
  const cols = checkNames('foreignKeyConstraint(columns)', columns);
  const refs = checkNames('foreignKeyConstraint(refColumns)', refColumns);
  if (cols.length !== refs.length) fail('foreignKeyConstraint: columns and refColumns must have the same length');
  const ref = splitQualified(checkName('foreignKeyConstraint(refTable)', refTable));
  return Object.freeze({
    kind: 'foreignKey',
    name: opts.name ?? null,
    columns: cols,
    refSchema: ref.schema,
    refTable: ref.name,
    refColumns: refs,
    onDelete: checkAction('onDelete', opts.onDelete),
    onUpdate: checkAction('onUpdate', opts.onUpdate),
    deferrable: opts.deferrable,
    initially: opts.initially,
    match: opts.match,
  });
}

export function checkConstraint(condition: SqlText, opts: { name?: string | null } = {}): CheckItem {
  return Object.freeze({ kind: 'check', name: opts.name ?? null, condition: checkSqlText('checkConstraint(condition)', condition) });
}

export function checkIndexColumns(what: string, columns: unknown): IndexColumn[] {
  if (!Array.isArray(columns) || columns.length === 0) fail(`${what} must be a non-empty array of column names or sql\`...\` expressions`);
  return columns.map((c, i) => {
    if (typeof c === 'string' && c.length > 0) return c;
    if (isSqlFragment(c)) return c;
    return fail(`${what}[${i}] must be a column name or sql\`...\``);
  });
}

export function index(name: string | null, columns: readonly IndexColumn[], opts: { unique?: boolean } = {}): IndexItem {
  if (name !== null) checkName('index(name)', name);
  return Object.freeze({ kind: 'index', name, columns: checkIndexColumns('index(columns)', columns), unique: opts.unique === true });
}

// Revision code reaches these through its 'gensql' import: frozen, they cannot
// carry state from one revision (or one call) to another, which recorded-op
// reuse relies on (src/revision/purity.ts).
for (const f of [...Object.values(t), column, primaryKeyConstraint, uniqueConstraint, foreignKeyConstraint, checkConstraint, index]) Object.freeze(f);
Object.freeze(t);
