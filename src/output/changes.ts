/**
 * What a revision changes, in a DBA's words, derived from the recorded ops
 * (never from SQL text) and the schema model as it was just before each op:
 * the model knows the column type a type change replaces and the columns a
 * dropped table takes with it. Destructive changes (data can be lost:
 * dropped tables and columns, type changes, raw DELETE/DROP/TRUNCATE/UPDATE)
 * carry a reason so the review can put them first.
 */
import type { StandardSql } from '../emit/sql.js';
import type { SchemaModel } from '../model/schema.js';
import type { BatchOp, UserOp } from '../ops/index.js';
import type { IndexColumn, SqlText, SqlType } from '../record/types.js';

export type ChangeAction = 'create' | 'alter' | 'drop' | 'data' | 'raw';

export interface Change {
  readonly action: ChangeAction;
  /** what kind of object it concerns (null for raw SQL) */
  readonly objectKind: 'table' | 'type' | 'sequence' | null;
  /** the object's qualified name; null for raw SQL */
  readonly object: string | null;
  readonly text: string;
  readonly destructive: boolean;
  /** why it is destructive ('' when it is not) */
  readonly reason: string;
}

/** raw SQL keywords that change or remove existing data or objects */
const DESTRUCTIVE_RAW = /\b(DELETE|DROP|TRUNCATE|UPDATE)\b/gi;

function name(table: string, schema?: string): string {
  return schema ? `${schema}.${table}` : table;
}

function change(action: ChangeAction, object: string | null, text: string, reason = '', objectKind: Change['objectKind'] = 'table'): Change {
  return { action, objectKind: object === null ? null : objectKind, object, text, destructive: reason !== '', reason };
}

/** ` name`, or nothing for a constraint the database or a naming convention names */
function named(n: string | null): string {
  return n === null ? '' : ` ${n}`;
}

export class ChangeDescriber {
  constructor(private readonly sql: StandardSql) {}

  private typeName(t: SqlType | undefined): string {
    if (!t) return '?';
    try {
      return this.sql.type(t);
    } catch {
      return t.kind;
    }
  }

  private text(t: SqlText): string {
    try {
      return this.sql.text(t);
    } catch {
      return typeof t === 'string' ? t : t.strings.join('?');
    }
  }

  private indexColumns(cols: readonly IndexColumn[]): string {
    return cols.map((c) => (typeof c === 'string' ? c : this.text(c))).join(', ');
  }

  /** The changes one op makes; `model` is the schema just before it. */
  describe(op: UserOp, model: SchemaModel): Change[] {
    switch (op.kind) {
      case 'createTable': {
        const cols = op.items.filter((i) => i.kind === 'column').map((c) => c.name);
        return [change('create', name(op.table, op.schema), `create table ${name(op.table, op.schema)} (${cols.join(', ')})`)];
      }
      case 'dropTable': {
        const t = model.getTable(op.table, op.schema);
        const cols = t ? ` (${t.columns.map((c) => c.name).join(', ')})` : '';
        return [change('drop', name(op.table, op.schema), `drop table ${name(op.table, op.schema)}${cols}`, 'drops the table and all its rows')];
      }
      case 'renameTable':
        return [change('alter', name(op.table, op.schema), `rename table ${name(op.table, op.schema)} to ${op.newName}`)];
      case 'batchAlterTable':
        return op.ops.flatMap((inner) => this.describeColumnOp(inner, model, 'batch '));
      case 'createTableComment':
        return [change('alter', name(op.table, op.schema), `set the comment of table ${name(op.table, op.schema)}`)];
      case 'dropTableComment':
        return [change('alter', name(op.table, op.schema), `drop the comment of table ${name(op.table, op.schema)}`)];
      case 'bulkInsert':
        return [change('data', name(op.table, op.schema), `insert ${op.rows.length} row${op.rows.length === 1 ? '' : 's'} into ${name(op.table, op.schema)}`)];
      case 'execute':
        return [this.describeRaw(op.sql)];
      case 'createEnum':
        return [change('create', name(op.name, op.schema), `create enum type ${name(op.name, op.schema)} (${op.values.join(', ')})`, '', 'type')];
      case 'dropEnum':
        return [change('drop', name(op.name, op.schema), `drop enum type ${name(op.name, op.schema)}`, '', 'type')];
      case 'createSequence':
        return [change('create', name(op.name, op.schema), `create sequence ${name(op.name, op.schema)}`, '', 'sequence')];
      case 'dropSequence':
        return [change('drop', name(op.name, op.schema), `drop sequence ${name(op.name, op.schema)}`, '', 'sequence')];
      default:
        return this.describeColumnOp(op, model, '');
    }
  }

  /** ops that change one table's columns, constraints and indexes (also inside a batch) */
  private describeColumnOp(op: BatchOp, model: SchemaModel, prefix: string): Change[] {
    // only dropIndex may leave its table unsaid: the model knows which table holds the index
    const tableName = op.table ?? (op.kind === 'dropIndex' ? model.findIndexTable(op.name, op.schema)?.name : undefined);
    const table = tableName === undefined ? '' : name(tableName, op.schema);
    const alter = (text: string, reason = ''): Change[] => [change('alter', table || null, `${prefix}${text}`, reason)];
    switch (op.kind) {
      case 'addColumn': {
        const c = op.column;
        const notNull = c.nullable === false || (c.nullable === undefined && c.primaryKey) ? ' NOT NULL' : '';
        return alter(`add column ${table}.${c.name} ${this.typeName(c.type)}${notNull}`);
      }
      case 'dropColumn': {
        const existing = model.getTable(op.table, op.schema)?.columns.find((c) => c.name === op.column);
        return alter(`drop column ${table}.${op.column}${existing ? ` (${this.typeName(existing.type)})` : ''}`, 'drops the column and its data');
      }
      case 'alterColumn':
        return this.describeAlter(op, model, table, prefix);
      case 'createIndex':
        return alter(`create ${op.unique ? 'unique ' : ''}index${named(op.name)} on ${table} (${this.indexColumns(op.columns)})`);
      case 'dropIndex':
        return alter(`drop index ${op.name}${table ? ` on ${table}` : ''}`);
      case 'createPrimaryKey':
        return alter(`add primary key${named(op.name)} on ${table} (${op.columns.join(', ')})`);
      case 'createUniqueConstraint':
        return alter(`add unique constraint${named(op.name)} on ${table} (${op.columns.join(', ')})`);
      case 'createForeignKey':
        return alter(`add foreign key${named(op.name)} ${table} (${op.columns.join(', ')}) -> ${name(op.refTable, op.refSchema)} (${op.refColumns.join(', ')})`);
      case 'createCheckConstraint':
        return alter(`add check constraint${named(op.name)} on ${table}: ${this.text(op.condition)}`);
      case 'dropConstraint':
        return alter(`drop ${op.type ? `${op.type} ` : ''}constraint ${op.name} on ${table}`);
    }
  }

  private describeAlter(op: Extract<BatchOp, { kind: 'alterColumn' }>, model: SchemaModel, table: string, prefix: string): Change[] {
    const existing = model.getTable(op.table, op.schema)?.columns.find((c) => c.name === op.column);
    const col = `${table}.${op.column}`;
    const out: Change[] = [];
    if (op.type !== undefined) {
      const from = this.typeName(op.existingType ?? existing?.type);
      const to = this.typeName(op.type);
      out.push(change('alter', table, `${prefix}change the type of ${col} from ${from} to ${to}`, 'a type change rewrites the column and may truncate or reject values'));
    }
    if (op.nullable !== undefined) out.push(change('alter', table, `${prefix}${op.nullable ? 'allow NULL in' : 'set NOT NULL on'} ${col}`));
    if (op.serverDefault !== undefined) {
      out.push(change('alter', table, `${prefix}${op.serverDefault === null ? 'drop the default of' : 'set the default of'} ${col}`));
    }
    if (op.comment !== undefined) out.push(change('alter', table, `${prefix}${op.comment === null ? 'drop the comment of' : 'set the comment of'} ${col}`));
    if (op.newColumnName !== undefined) out.push(change('alter', table, `${prefix}rename column ${col} to ${op.newColumnName}`));
    if (out.length === 0) out.push(change('alter', table, `${prefix}alter column ${col} (no change)`));
    return out;
  }

  private describeRaw(sqlText: SqlText): Change {
    const text = this.text(sqlText);
    const one = text.replace(/\s+/g, ' ').trim();
    const short = one.length > 100 ? `${one.slice(0, 97)}...` : one;
    // keywords inside string literals, quoted identifiers and comments do not count
    const code = text.replace(/'(?:[^']|'')*'|"(?:[^"]|"")*"|--[^\n]*|\/\*[\s\S]*?\*\//g, ' ');
    const found = [...new Set([...code.matchAll(DESTRUCTIVE_RAW)].map((m) => m[1]!.toUpperCase()))];
    return change('raw', null, `raw SQL: ${short}`, found.length ? `raw SQL with ${found.join(', ')}` : '');
  }
}

/** Tables a step creates, alters and drops (a table created and changed in one step counts as created). */
export function tableSummary(changes: readonly Change[]): { created: string[]; altered: string[]; dropped: string[] } {
  const created: string[] = [];
  const altered: string[] = [];
  const dropped: string[] = [];
  const add = (list: string[], x: string): void => {
    if (!list.includes(x)) list.push(x);
  };
  for (const c of changes) {
    if (c.object === null || c.objectKind !== 'table' || c.action === 'data') continue;
    if (c.action === 'create') add(created, c.object);
    else if (c.action === 'drop') add(dropped, c.object);
    else if (!created.includes(c.object) && !dropped.includes(c.object)) add(altered, c.object);
  }
  return { created, altered, dropped };
}
