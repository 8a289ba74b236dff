/**
 * The `op` object handed to `upgrade(op)` / `downgrade(op)`. It renders
 * nothing: each call checks its arguments and records one plain-data op.
 */
import type { BatchOp, ConstraintType, Op, Recreate, UserOp } from '../ops/index.js';
import type { AlterColumnOp } from '../ops/alter-column.js';
import { checkAction, checkIndexColumns, isSqlType, splitQualified } from './builders.js';
import { isSqlFragment } from './sql.js';
import type {
  ColumnDef,
  IndexColumn,
  LiteralValue,
  SqlText,
  TableItem,
} from './types.js';

import type {
  AlterColumnOptions,
  BatchOperations,
  CreateIndexOptions,
  DialectName,
  DropIndexOptions,
  ForeignKeyOpOptions,
  SchemaOpt,
  UniqueOptions,
} from './op-options.js';

export type {
  AlterColumnOptions,
  BatchOperations,
  CreateIndexOptions,
  DialectName,
  DropIndexOptions,
  ForeignKeyOpOptions,
  SchemaOpt,
  UniqueOptions,
} from './op-options.js';

function fail(message: string): never {
  throw new TypeError(message);
}

function name(what: string, v: unknown): string {
  if (typeof v !== 'string' || v.length === 0) fail(`${what} must be a non-empty string, got ${JSON.stringify(v)}`);
  return v;
}

function nullableName(what: string, v: unknown): string | null {
  return v === null || v === undefined ? null : name(what, v);
}

function names(what: string, v: unknown): string[] {
  if (!Array.isArray(v) || v.length === 0) fail(`${what} must be a non-empty array of column names`);
  return v.map((c, i) => name(`${what}[${i}]`, c));
}

function sqlText(what: string, v: unknown): SqlText {
  if (typeof v === 'string' || isSqlFragment(v)) return v;
  return fail(`${what} must be SQL text (a string or sql\`...\`)`);
}

function options<T extends object>(what: string, v: T | undefined, allowed: readonly string[]): T {
  if (v === undefined) return {} as T;
  if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(`${what}: options must be an object`);
  for (const k of Object.keys(v)) if (!allowed.includes(k)) fail(`${what}: unknown option '${k}' (allowed: ${allowed.join(', ')})`);
  return v;
}

function isColumn(v: unknown): v is ColumnDef {
  return typeof v === 'object' && v !== null && (v as { kind?: unknown }).kind === 'column';
}



const ALTER_KEYS = [
  'nullable',
  'type',
  'serverDefault',
  'newColumnName',
  'comment',
  'existingType',
  'existingNullable',
  'existingServerDefault',
  'existingComment',
  'using',
  'schema',
];

function alterColumnOp(table: string, column: string, opts: AlterColumnOptions, schema?: string): AlterColumnOp {
  const what = `alterColumn('${table}', '${column}')`;
  const o = options(what, opts, ALTER_KEYS);
  for (const k of ['type', 'existingType'] as const) {
    if (o[k] !== undefined && !isSqlType(o[k])) fail(`${what}: ${k} must be a type such as t.integer() (did you forget the parentheses?)`);
  }
  if (o.using !== undefined) sqlText(`${what}: using`, o.using);
  if (o.using !== undefined && o.type === undefined) fail(`${what}: using needs type (it is the USING clause of a type change)`);
  const changes = ['nullable', 'type', 'serverDefault', 'newColumnName', 'comment'].filter((k) => k in o && (o as Record<string, unknown>)[k] !== undefined);
  if (changes.length === 0) fail(`${what}: nothing to change (give nullable, type, serverDefault, newColumnName or comment)`);
  const op: AlterColumnOp = {
    kind: 'alterColumn',
    table,
    schema: schema ?? o.schema,
    column,
    nullable: o.nullable,
    type: o.type,
    serverDefault: o.serverDefault,
    newColumnName: o.newColumnName === undefined ? undefined : name(`${what}: newColumnName`, o.newColumnName),
    comment: o.comment,
    existingType: o.existingType,
    existingNullable: o.existingNullable,
    existingServerDefault: o.existingServerDefault,
    existingComment: o.existingComment,
    using: o.using,
  };
  return op;
}

/**
 * The recording operation context. `dialect` lets a revision branch on the
 * target (`op.dialect === 'postgresql'`); `isOffline` is always true.
 */
export class Operations {
  readonly dialect: DialectName;
  readonly isOffline = true as const;
  /** the ops recorded so far, in call order */
  readonly recorded: UserOp[] = [];

  constructor(dialect: DialectName) {
    this.dialect = dialect;
  }

  private push(op: UserOp): void {
    this.recorded.push(op);
  }

  /** gensql never connects to a database: there is no bind. */
  getBind(): never {
    throw new Error(
      'op.getBind(): gensql renders SQL offline and never connects to a database, so there is no connection to ' +
        'query or inspect. Use the schema model (existing* options are filled in for you), op.execute() for raw SQL, ' +
        'or branch on op.dialect.',
    );
  }

  getContext(): never {
    throw new Error('op.getContext(): gensql has no live migration context; it never connects to a database.');
  }

  createTable(table: string, items: readonly TableItem[], opts?: SchemaOpt & { comment?: string; ifNotExists?: boolean }): void {
    const what = `createTable('${table}')`;
    name('createTable(name)', table);
    const o = options(what, opts, ['schema', 'comment', 'ifNotExists']);
    if (!Array.isArray(items)) fail(`${what}: the second argument must be an array of columns and constraints`);
    items.forEach((it, i) => {
      const kind = typeof it === 'object' && it !== null ? (it as { kind?: unknown }).kind : undefined;
      if (!['column', 'primaryKey', 'unique', 'foreignKey', 'check', 'index'].includes(String(kind))) {
        fail(`${what}: item ${i} is not a column() or table item (primaryKeyConstraint, uniqueConstraint, foreignKeyConstraint, checkConstraint, index)`);
      }
    });
    if (!items.some(isColumn)) fail(`${what}: a table needs at least one column`);
    this.push({ kind: 'createTable', table, schema: o.schema, items: Object.freeze([...items]), comment: o.comment, ifNotExists: o.ifNotExists });
  }

  dropTable(table: string, opts?: SchemaOpt & { ifExists?: boolean }): void {
    const o = options(`dropTable('${table}')`, opts, ['schema', 'ifExists']);
    this.push({ kind: 'dropTable', table: name('dropTable(name)', table), schema: o.schema, ifExists: o.ifExists });
  }

  renameTable(oldName: string, newName: string, opts?: SchemaOpt): void {
    const o = options(`renameTable('${oldName}')`, opts, ['schema']);
    this.push({ kind: 'renameTable', table: name('renameTable(oldName)', oldName), newName: name('renameTable(newName)', newName), schema: o.schema });
  }

  addColumn(table: string, column: ColumnDef, opts?: SchemaOpt): void {
    const o = options(`addColumn('${table}')`, opts, ['schema']);
    if (!isColumn(column)) fail(`addColumn('${table}'): the second argument must be column(...)`);
    this.push({ kind: 'addColumn', table: name('addColumn(table)', table), schema: o.schema, column });
  }

  dropColumn(table: string, columnName: string, opts?: SchemaOpt): void {
    const o = options(`dropColumn('${table}')`, opts, ['schema']);
    this.push({ kind: 'dropColumn', table: name('dropColumn(table)', table), schema: o.schema, column: name('dropColumn(columnName)', columnName) });
  }

  alterColumn(table: string, columnName: string, opts: AlterColumnOptions): void {
    this.push(alterColumnOp(name('alterColumn(table)', table), name('alterColumn(columnName)', columnName), opts));
  }

  createIndex(indexName: string | null, table: string, columns: readonly IndexColumn[], opts?: CreateIndexOptions): void {
    const what = `createIndex('${indexName}')`;
    const o = options(what, opts, ['unique', 'schema', 'where', 'concurrently', 'using', 'ifNotExists']);
    this.push(
      {
        kind: 'createIndex',
        name: nullableName('createIndex(name)', indexName),
        table: name(`${what}: table`, table),
        schema: o.schema,
        columns: checkIndexColumns(`${what}: columns`, columns),
        unique: o.unique === true,
        where: o.where === undefined ? undefined : sqlText(`${what}: where`, o.where),
        concurrently: o.concurrently,
        using: o.using,
        ifNotExists: o.ifNotExists,
      },
    );
  }

  dropIndex(indexName: string, opts?: DropIndexOptions): void {
    const o = options(`dropIndex('${indexName}')`, opts, ['table', 'schema', 'concurrently', 'ifExists']);
    this.push({ kind: 'dropIndex', name: name('dropIndex(name)', indexName), table: o.table, schema: o.schema, concurrently: o.concurrently, ifExists: o.ifExists });
  }

  createPrimaryKey(constraintName: string | null, table: string, columns: readonly string[], opts?: SchemaOpt): void {
    const o = options(`createPrimaryKey('${constraintName}')`, opts, ['schema']);
    this.push({ kind: 'createPrimaryKey', name: nullableName('createPrimaryKey(name)', constraintName), table: name('createPrimaryKey(table)', table), schema: o.schema, columns: names('createPrimaryKey(columns)', columns) });
  }

  createUniqueConstraint(constraintName: string | null, table: string, columns: readonly string[], opts?: UniqueOptions): void {
    const o = options(`createUniqueConstraint('${constraintName}')`, opts, ['schema', 'deferrable', 'initially']);
    this.push(
      {
        kind: 'createUniqueConstraint',
        name: nullableName('createUniqueConstraint(name)', constraintName),
        table: name('createUniqueConstraint(table)', table),
        schema: o.schema,
        columns: names('createUniqueConstraint(columns)', columns),
        deferrable: o.deferrable,
        initially: o.initially,
      },
    );
  }

  createForeignKey(
    constraintName: string | null,
    sourceTable: string,
    referentTable: string,
    localColumns: readonly string[],
    remoteColumns: readonly string[],
    opts?: ForeignKeyOpOptions & { sourceSchema?: string; referentSchema?: string },
  ): void {
    const what = `createForeignKey('${constraintName}')`;
    const o = options(what, opts, ['onDelete', 'onUpdate', 'deferrable', 'initially', 'match', 'sourceSchema', 'referentSchema']);
    const cols = names(`${what}: localColumns`, localColumns);
    const refs = names(`${what}: remoteColumns`, remoteColumns);
    if (cols.length !== refs.length) fail(`${what}: localColumns and remoteColumns must have the same length`);
    this.push(
      {
        kind: 'createForeignKey',
        name: nullableName('createForeignKey(name)', constraintName),
        table: name(`${what}: sourceTable`, sourceTable),
        schema: o.sourceSchema,
        refTable: name(`${what}: referentTable`, referentTable),
        refSchema: o.referentSchema,
        columns: cols,
        refColumns: refs,
        onDelete: checkAction(`${what}: onDelete`, o.onDelete),
        onUpdate: checkAction(`${what}: onUpdate`, o.onUpdate),
        deferrable: o.deferrable,
        initially: o.initially,
        match: o.match,
      },
    );
  }

  createCheckConstraint(constraintName: string | null, table: string, condition: SqlText, opts?: SchemaOpt): void {
    const o = options(`createCheckConstraint('${constraintName}')`, opts, ['schema']);
    this.push({ kind: 'createCheckConstraint', name: nullableName('createCheckConstraint(name)', constraintName), table: name('createCheckConstraint(table)', table), schema: o.schema, condition: sqlText('createCheckConstraint(condition)', condition) });
  }

  dropConstraint(constraintName: string, table: string, opts?: SchemaOpt & { type?: ConstraintType }): void {
    const o = options(`dropConstraint('${constraintName}')`, opts, ['schema', 'type']);
    if (o.type !== undefined && !['foreignkey', 'primary', 'unique', 'check'].includes(o.type)) {
      fail(`dropConstraint('${constraintName}'): type must be 'foreignkey', 'primary', 'unique' or 'check'`);
    }
    this.push({ kind: 'dropConstraint', name: name('dropConstraint(name)', constraintName), table: name('dropConstraint(table)', table), schema: o.schema, type: o.type });
  }

  createTableComment(table: string, comment: string, opts?: SchemaOpt & { existingComment?: string | null }): void {
    const o = options(`createTableComment('${table}')`, opts, ['schema', 'existingComment']);
    if (typeof comment !== 'string') fail(`createTableComment('${table}'): comment must be a string`);
    this.push({ kind: 'createTableComment', table: name('createTableComment(table)', table), schema: o.schema, comment, existingComment: o.existingComment });
  }

  dropTableComment(table: string, opts?: SchemaOpt & { existingComment?: string | null }): void {
    const o = options(`dropTableComment('${table}')`, opts, ['schema', 'existingComment']);
    this.push({ kind: 'dropTableComment', table: name('dropTableComment(table)', table), schema: o.schema, existingComment: o.existingComment });
  }

  execute(text: SqlText): void {
    this.push({ kind: 'execute', sql: sqlText('execute(sql)', text) });
  }

  bulkInsert(table: string, rows: readonly Readonly<Record<string, LiteralValue>>[], opts?: SchemaOpt & { multiInsert?: boolean }): void {
    const what = `bulkInsert('${table}')`;
    const o = options(what, opts, ['schema', 'multiInsert']);
    if (!Array.isArray(rows)) fail(`${what}: rows must be an array of plain objects`);
    rows.forEach((r, i) => {
      if (typeof r !== 'object' || r === null || Array.isArray(r)) fail(`${what}: row ${i} must be a plain object`);
      for (const [k, v] of Object.entries(r)) {
        if (v === undefined || typeof v === 'function' || typeof v === 'symbol') fail(`${what}: row ${i}, column '${k}': ${String(v)} is not a literal value`);
      }
    });
    this.push({ kind: 'bulkInsert', table: name('bulkInsert(table)', table), schema: o.schema, rows: Object.freeze(rows.map((r) => Object.freeze({ ...r }))), multiInsert: o.multiInsert === true });
  }

  batchAlterTable(
    table: string,
    fn: (batch: BatchOperations) => void | Promise<void>,
    opts?: SchemaOpt & { recreate?: Recreate },
  ): void | Promise<void> {
    const what = `batchAlterTable('${table}')`;
    const o = options(what, opts, ['schema', 'recreate']);
    name('batchAlterTable(table)', table);
    if (typeof fn !== 'function') fail(`${what}: the second argument must be a function (batch) => { ... }`);
    const recreate = o.recreate ?? 'auto';
    if (!['auto', 'always', 'never'].includes(recreate)) fail(`${what}: recreate must be 'auto', 'always' or 'never'`);
    const inner = new Operations(this.dialect);
    const schema = o.schema;
    const batch: BatchOperations = {
      addColumn: (c) => inner.addColumn(table, c, { schema }),
      dropColumn: (c) => inner.dropColumn(table, c, { schema }),
      alterColumn: (c, a) => inner.alterColumn(table, c, { ...a, schema }),
      createIndex: (n, cols, a) => inner.createIndex(n, table, cols, { ...a, schema }),
      dropIndex: (n, a) => inner.dropIndex(n, { ...a, table, schema }),
      createPrimaryKey: (n, cols) => inner.createPrimaryKey(n, table, cols, { schema }),
      createUniqueConstraint: (n, cols, a) => inner.createUniqueConstraint(n, table, cols, { ...a, schema }),
      createForeignKey: (n, referent, l, r, a) => {
        const ref = splitQualified(referent);
        inner.createForeignKey(n, table, ref.name, l, r, { ...a, sourceSchema: schema, referentSchema: a?.referentSchema ?? ref.schema });
      },
      createCheckConstraint: (n, cond) => inner.createCheckConstraint(n, table, cond, { schema }),
      dropConstraint: (n, a) => inner.dropConstraint(n, table, { ...a, schema }),
    };
    // The batch takes its place in call order now, even when the callback is async.
    const slot = this.recorded.length;
    const finish = (): void => {
      this.recorded[slot] = { kind: 'batchAlterTable', table, schema, recreate, ops: Object.freeze([...inner.recorded] as BatchOp[]) };
    };
    finish();
    const result = fn(batch);
    if (result && typeof (result as Promise<void>).then === 'function') {
      const done = (result as Promise<void>).then(finish);
      this.pending.push(done);
      return done;
    }
    finish();
  }

  /** Async batch callbacks still running; the runner awaits them after upgrade()/downgrade(). */
  readonly pending: Promise<void>[] = [];

  createEnum(enumName: string, values: readonly string[], opts?: SchemaOpt & { ifNotExists?: boolean }): void {
    const o = options(`createEnum('${enumName}')`, opts, ['schema', 'ifNotExists']);
    if (!Array.isArray(values) || values.length === 0 || values.some((v) => typeof v !== 'string')) fail(`createEnum('${enumName}'): values must be a non-empty array of strings`);
    this.push({ kind: 'createEnum', name: name('createEnum(name)', enumName), schema: o.schema, values: Object.freeze([...values]), ifNotExists: o.ifNotExists });
  }

  dropEnum(enumName: string, opts?: SchemaOpt & { ifExists?: boolean }): void {
    const o = options(`dropEnum('${enumName}')`, opts, ['schema', 'ifExists']);
    this.push({ kind: 'dropEnum', name: name('dropEnum(name)', enumName), schema: o.schema, ifExists: o.ifExists });
  }

  createSequence(seqName: string, opts?: SchemaOpt & { start?: number; increment?: number }): void {
    const o = options(`createSequence('${seqName}')`, opts, ['schema', 'start', 'increment']);
    for (const k of ['start', 'increment'] as const) {
      if (o[k] !== undefined && (typeof o[k] !== 'number' || !Number.isInteger(o[k]))) fail(`createSequence('${seqName}'): ${k} must be an integer`);
    }
    this.push({ kind: 'createSequence', name: name('createSequence(name)', seqName), schema: o.schema, start: o.start, increment: o.increment });
  }

  dropSequence(seqName: string, opts?: SchemaOpt): void {
    const o = options(`dropSequence('${seqName}')`, opts, ['schema']);
    this.push({ kind: 'dropSequence', name: name('dropSequence(name)', seqName), schema: o.schema });
  }
}

// Frozen, with its methods, for the same reason as the builders (see the end
// of builders.ts): `op` is the other way revision code reaches gensql.
for (const key of Object.getOwnPropertyNames(Operations.prototype)) {
  const member: unknown = Reflect.get(Operations.prototype, key);
  if (typeof member === 'function') Object.freeze(member);
}
Object.freeze(Operations.prototype);
Object.freeze(Operations);

export type { Op };
