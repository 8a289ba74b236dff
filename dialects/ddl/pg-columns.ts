/**
 * PostgreSQL column definitions and constraints (in CREATE TABLE and ALTER
 * TABLE ... ADD) as the table items the op builders make. Defaults, CHECK
 * conditions and types not of a generic kind keep their text as written.
 * https://www.postgresql.org/docs/current/sql-createtable.html
 */
import type { ColumnDef as PgColumnDef, Constraint, Node, RangeVar } from 'libpg-query';
import { sql } from '../../src/record/sql.js';
import type { ColumnDef, ConstraintItem, ForeignKeyItem, IdentityOptions, ReferentialAction } from '../../src/record/types.js';
import { columnDef, type ColumnExtras } from '../../src/model/ddl/notes.js';
import type { Extent, PgText } from './pg-text.js';
import { names, pgType } from './pg-types.js';
import { cannotFollow } from '../../src/model/ddl/statements.js';

/** What converting one statement needs: its text, where it ends, and where warnings go. */
export interface PgContext {
  readonly text: PgText;
  /** the statement, for warnings */
  readonly statement: string;
  /** byte offset where the statement ends */
  readonly end: number;
  readonly warnings: string[];
}

export function warn(ctx: PgContext, why: string): void {
  ctx.warnings.push(cannotFollow(ctx.statement, why));
}

/** A relation's schema; `public`, the default schema, is the model's unqualified one. */
export function schemaOf(rv: { schemaname?: string } | undefined): string | undefined {
  const s = rv?.schemaname;
  return s === undefined || s === 'public' ? undefined : s;
}

export function relation(rv: RangeVar | undefined): { table: string; schema?: string } {
  return { table: rv?.relname ?? '', schema: schemaOf(rv) };
}

/** `[schema.]name` from a list of name parts (DROP TYPE, COMMENT ON, ...). */
export function qualifiedName(parts: readonly string[]): { name: string; schema?: string } {
  const name = parts[parts.length - 1] ?? '';
  const schema = parts.length > 1 ? parts[parts.length - 2] : undefined;
  return { name, schema: schema === 'public' ? undefined : schema };
}

const ACTIONS: Record<string, ReferentialAction | undefined> = { r: 'RESTRICT', c: 'CASCADE', n: 'SET NULL', d: 'SET DEFAULT' };
const MATCH: Record<string, 'FULL' | 'PARTIAL' | undefined> = { f: 'FULL', p: 'PARTIAL' };

function constraints(nodes: readonly Node[] | undefined): Constraint[] {
  return (nodes ?? []).flatMap((n) => ('Constraint' in n ? [n.Constraint] : []));
}

/** The text of a CHECK constraint's condition, inside its parentheses. */
export function checkText(ctx: PgContext, c: Constraint): string | null {
  const i = ctx.text.findWord(ctx.text.at(c.location ?? 0), 'check', ctx.end);
  return i < 0 ? null : ctx.text.inside(i + 1);
}

/** A table-level (or named column-level) constraint as a table item; null (with a warning) when the model cannot hold it. */
export function constraintItem(ctx: PgContext, c: Constraint, columns?: readonly string[]): ConstraintItem | null {
  const name = c.conname ?? null;
  const keys = columns ?? names(c.keys);
  switch (c.contype) {
    case 'CONSTR_PRIMARY':
    case 'CONSTR_UNIQUE':
      if (c.indexname !== undefined) {
        warn(ctx, `a constraint made from an existing index (USING INDEX ${c.indexname})`);
        return null;
      }
      if (c.contype === 'CONSTR_PRIMARY') return { kind: 'primaryKey', name, columns: keys };
      return { kind: 'unique', name, columns: keys, ...deferral(c) };
    case 'CONSTR_FOREIGN': {
      const item: ForeignKeyItem = {
        kind: 'foreignKey',
        name,
        columns: columns ?? names(c.fk_attrs),
        refTable: c.pktable?.relname ?? '',
        refSchema: schemaOf(c.pktable),
        // empty: REFERENCES parent without columns, the parent's primary key (filled in from the model)
        refColumns: names(c.pk_attrs),
        onDelete: ACTIONS[c.fk_del_action ?? 'a'],
        onUpdate: ACTIONS[c.fk_upd_action ?? 'a'],
        match: MATCH[c.fk_matchtype ?? 's'],
        ...deferral(c),
      };
      return stripUndefined(item);
    }
    case 'CONSTR_CHECK': {
      const condition = checkText(ctx, c);
      if (condition === null) {
        warn(ctx, 'the CHECK condition could not be read from the statement');
        return null;
      }
      return { kind: 'check', name, condition: sql.raw(condition) };
    }
    case 'CONSTR_EXCLUSION':
      warn(ctx, 'exclusion constraints are not part of the schema model');
      return null;
    default:
      warn(ctx, `constraint kind ${c.contype ?? '(none)'}`);
      return null;
  }
}

function deferral(c: Constraint): { deferrable?: boolean; initially?: 'DEFERRED' | 'IMMEDIATE' } {
  return stripUndefined({ deferrable: c.deferrable ? true : undefined, initially: c.initdeferred ? ('DEFERRED' as const) : undefined });
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** CONSTR_ATTR_* nodes follow the constraint they qualify (DEFERRABLE INITIALLY DEFERRED after UNIQUE / REFERENCES). */
function withAttributes(list: readonly Constraint[]): Constraint[] {
  const out: Constraint[] = [];
  for (const c of list) {
    const prev = out[out.length - 1];
    switch (c.contype) {
      case 'CONSTR_ATTR_DEFERRABLE':
      case 'CONSTR_ATTR_NOT_DEFERRABLE':
        if (prev) out[out.length - 1] = { ...prev, deferrable: c.contype === 'CONSTR_ATTR_DEFERRABLE' };
        break;
      case 'CONSTR_ATTR_DEFERRED':
      case 'CONSTR_ATTR_IMMEDIATE':
        if (prev) out[out.length - 1] = { ...prev, initdeferred: c.contype === 'CONSTR_ATTR_DEFERRED', deferrable: prev.deferrable || c.contype === 'CONSTR_ATTR_DEFERRED' };
        break;
      case 'CONSTR_ATTR_ENFORCED':
      case 'CONSTR_ATTR_NOT_ENFORCED':
        break;
      default:
        out.push(c);
    }
  }
  return out;
}

function integerArg(n: Node | undefined): number | undefined {
  if (!n) return undefined;
  if ('Integer' in n) return n.Integer.ival ?? 0;
  if ('Float' in n && n.Float.fval !== undefined) return Number(n.Float.fval);
  return undefined;
}

function identityOf(c: Constraint): IdentityOptions {
  const opts: { always?: boolean; start?: number; increment?: number } = {};
  if (c.generated_when === 'a') opts.always = true;
  for (const o of c.options ?? []) {
    if (!('DefElem' in o)) continue;
    const v = integerArg(o.DefElem.arg);
    if (o.DefElem.defname === 'start' && v !== undefined) opts.start = v;
    if (o.DefElem.defname === 'increment' && v !== undefined) opts.increment = v;
  }
  return opts;
}

/** Where the clauses of a column definition start: each constraint, and COLLATE. */
function clauseStarts(cd: PgColumnDef): number[] {
  const out = constraints(cd.constraints).map((c) => c.location ?? -1);
  if (cd.collClause?.location !== undefined) out.push(cd.collClause.location);
  return out.filter((n) => n >= 0).sort((a, b) => a - b);
}

function nextStart(starts: readonly number[], after: number, fallback: number): number {
  return starts.find((s) => s > after) ?? fallback;
}

/** The column's type as written, with its COLLATE clause (a collation the generic kinds cannot carry). */
function writtenType(ctx: PgContext, cd: PgColumnDef, starts: readonly number[]): { text: string; collated: boolean } {
  const loc = cd.typeName?.location ?? -1;
  if (loc < 0) return { text: '', collated: false };
  const typeExtent = ctx.text.extent(ctx.text.at(loc), nextStart(starts, loc, ctx.end), new Set(['compression', 'storage']));
  const type = typeExtent ? ctx.text.text(typeExtent) : '';
  const coll = cd.collClause?.location;
  if (coll === undefined) return { text: type, collated: false };
  const i = ctx.text.at(coll);
  const nameEnd = ctx.text.afterName(i + 1) - 1;
  const collate: Extent = { start: ctx.text.tokens[i]!.start, end: ctx.text.tokens[nameEnd]?.end ?? ctx.text.tokens[i]!.end };
  return { text: `${type} ${ctx.text.text(collate)}`, collated: true };
}

export interface ColumnResult {
  readonly def: ColumnDef;
  /** constraints the column carries that a ColumnDef cannot: named ones, foreign keys, deferrable uniques */
  readonly items: ConstraintItem[];
}

/** A column definition; `inTable` is false for ALTER TABLE ... ADD COLUMN, where a primary key is an item too. */
export function columnOf(ctx: PgContext, cd: PgColumnDef, inTable: boolean): ColumnResult {
  const name = cd.colname ?? '';
  const starts = clauseStarts(cd);
  const written = writtenType(ctx, cd, starts);
  const mapped = cd.typeName ? pgType(cd.typeName, written.text) : { type: { kind: 'custom' as const, sql: written.text }, serial: false };
  const type = written.collated ? { kind: 'custom' as const, sql: written.text } : mapped.type;
  const def: ColumnExtras = {};
  if (mapped.serial) {
    def.autoincrement = true;
    def.nullable = false;
  }
  const items: ConstraintItem[] = [];
  for (const c of withAttributes(constraints(cd.constraints))) {
    switch (c.contype) {
      case 'CONSTR_NOTNULL':
        def.nullable = false;
        break;
      case 'CONSTR_NULL':
        def.nullable = true;
        break;
      case 'CONSTR_DEFAULT': {
        const kw = ctx.text.findWord(ctx.text.at(c.location ?? 0), 'default', ctx.end);
        const e = kw < 0 ? null : ctx.text.extent(kw + 1, nextStart(starts, c.location ?? 0, ctx.end));
        if (e) def.serverDefault = sql.raw(ctx.text.text(e));
        else warn(ctx, `the DEFAULT of column ${name} could not be read from the statement`);
        break;
      }
      case 'CONSTR_IDENTITY':
        def.identity = identityOf(c);
        break;
      case 'CONSTR_GENERATED':
        // the column exists (and is followed); its expression is not something the model holds
        warn(ctx, `column ${name} is a generated column; the model keeps it as a plain column`);
        break;
      case 'CONSTR_PRIMARY':
        if (inTable) def.primaryKey = true;
        if (c.conname !== undefined || !inTable) items.push({ kind: 'primaryKey', name: c.conname ?? null, columns: [name] });
        break;
      case 'CONSTR_UNIQUE':
        if (c.conname === undefined && !c.deferrable) def.unique = true;
        else items.push({ kind: 'unique', name: c.conname ?? null, columns: [name], ...deferral(c) });
        break;
      case 'CONSTR_CHECK':
        if (c.conname === undefined) {
          const cond = checkText(ctx, c);
          if (cond === null) warn(ctx, `the CHECK of column ${name} could not be read from the statement`);
          else def.check = sql.raw(cond);
        } else {
          const item = constraintItem(ctx, c);
          if (item) items.push(item);
        }
        break;
      default: {
        const item = constraintItem(ctx, c, [name]);
        if (item) items.push(item);
      }
    }
  }
  return { def: columnDef(name, type, stripUndefined(def)), items };
}
