/**
 * MySQL / MariaDB / SQLite column definitions and table constraints, read
 * from the statement's tokens once node-sql-parser has accepted the
 * statement: its tree re-spells literals and lacks most locations, and the
 * model needs defaults, CHECK conditions and types exactly as written. Any
 * clause not understood here makes the element unreadable (a warning),
 * never a guess.
 * https://dev.mysql.com/doc/refman/8.0/en/create-table.html
 * https://mariadb.com/kb/en/create-table/
 * https://www.sqlite.org/lang_createtable.html
 */
import { sql } from '../../src/record/sql.js';
import type { ColumnDef, ConstraintItem, IndexColumn, IndexItem, ReferentialAction } from '../../src/record/types.js';
import { closing, identName, splitCommas, stringValue, type Flavor, type Tok } from './lexer.js';
import { columnDef, type ColumnExtras } from '../../src/model/ddl/notes.js';
import { writtenType } from './sql-types.js';

export type FamilyName = 'mysql' | 'mariadb' | 'sqlite';

/** One statement's tokens and text. */
export interface SqlContext {
  readonly dialect: FamilyName;
  readonly flavor: Flavor;
  readonly text: string;
  readonly toks: readonly Tok[];
}

export class Unreadable extends Error {}

function fail(why: string): never {
  throw new Unreadable(why);
}

export function slice(ctx: SqlContext, from: number, to: number): string {
  return from >= to ? '' : ctx.text.slice(ctx.toks[from]!.start, ctx.toks[to - 1]!.end);
}

/** A name at token `i` (possibly `schema.name`): the name, its schema, and the index after it. */
export function qualified(ctx: SqlContext, i: number): { name: string; schema?: string; next: number } {
  const first = identName(ctx.toks[i]);
  if (first === null) fail(`a name was expected at "${ctx.toks[i]?.text ?? 'the end'}"`);
  if (ctx.toks[i + 1]?.text === '.') {
    const second = identName(ctx.toks[i + 2]);
    if (second === null) fail('a name was expected after "."');
    return { name: second, schema: first, next: i + 3 };
  }
  return { name: first, next: i + 1 };
}

const OPERAND_PREFIX = new Set(['n', 'x', 'b', 'date', 'time', 'timestamp']);

/** The end of one default operand at `i`: a literal, a parenthesised expression, a word or a call (`CURRENT_TIMESTAMP(6)`). */
function operandEnd(ctx: SqlContext, i: number, end: number): number {
  const t = ctx.toks;
  let k = i;
  if (t[k]?.kind === 'punct' && (t[k]!.text === '-' || t[k]!.text === '+')) k++;
  const tok = t[k];
  if (!tok || k >= end) fail('DEFAULT without a value');
  if (tok.text === '(' && tok.kind === 'punct') return closing(t, k) + 1;
  if (tok.kind === 'string') return k + 1;
  if (tok.kind !== 'word') fail(`DEFAULT ${tok.text} is not a value`);
  // a charset introducer or a typed literal: _utf8mb4'x', X'ff', DATE '2024-01-01'
  if (t[k + 1]?.kind === 'string' && k + 1 < end && (tok.word!.startsWith('_') || OPERAND_PREFIX.has(tok.word!))) return k + 2;
  if (t[k + 1]?.text === '(' && k + 1 < end) return closing(t, k + 1) + 1;
  return k + 1;
}

const ACTIONS: Record<string, ReferentialAction> = { cascade: 'CASCADE', restrict: 'RESTRICT' };

/** `REFERENCES table [(cols)] [MATCH x] [ON DELETE|UPDATE action] [[NOT] DEFERRABLE] [INITIALLY x]`, from after REFERENCES. */
function references(ctx: SqlContext, i: number, end: number) {
  const t = ctx.toks;
  const target = qualified(ctx, i);
  let k = target.next;
  let refColumns: string[] = [];
  if (t[k]?.text === '(') {
    const close = closing(t, k);
    refColumns = columnNames(ctx, k, close);
    k = close + 1;
  }
  const fk: { onDelete?: ReferentialAction; onUpdate?: ReferentialAction; match?: 'FULL' | 'PARTIAL' | 'SIMPLE'; deferrable?: boolean; initially?: 'DEFERRED' | 'IMMEDIATE' } = {};
  // node-sql-parser lacks DEFERRABLE / INITIALLY: read here, left out of its check
  const spans: Span[] = [];
  while (k < end) {
    const w = t[k]!.word;
    if (w === 'match') {
      const m = t[k + 1]?.word?.toUpperCase();
      if (m !== 'FULL' && m !== 'PARTIAL' && m !== 'SIMPLE') fail('MATCH what');
      if (m !== 'SIMPLE') fk.match = m;
      k += 2;
    } else if (w === 'on' && (t[k + 1]?.word === 'delete' || t[k + 1]?.word === 'update')) {
      const which = t[k + 1]!.word === 'delete' ? 'onDelete' : 'onUpdate';
      const a = t[k + 2]?.word ?? '';
      const b = t[k + 3]?.word ?? '';
      let action: ReferentialAction | undefined;
      if (ACTIONS[a]) [action, k] = [ACTIONS[a], k + 3];
      else if (a === 'set' && (b === 'null' || b === 'default')) [action, k] = [b === 'null' ? 'SET NULL' : 'SET DEFAULT', k + 4];
      else if (a === 'no' && b === 'action') [action, k] = [undefined, k + 4];
      else fail(`ON ${which === 'onDelete' ? 'DELETE' : 'UPDATE'} ${a}`);
      if (action) fk[which] = action;
    } else if (w === 'deferrable' || (w === 'not' && t[k + 1]?.word === 'deferrable')) {
      fk.deferrable = w === 'deferrable';
      const n = w === 'deferrable' ? 1 : 2;
      spans.push({ from: k, to: k + n, replacement: '' });
      k += n;
    } else if (w === 'initially' && (t[k + 1]?.word === 'deferred' || t[k + 1]?.word === 'immediate')) {
      fk.initially = t[k + 1]!.word === 'deferred' ? 'DEFERRED' : 'IMMEDIATE';
      spans.push({ from: k, to: k + 2, replacement: '' });
      k += 2;
    } else break;
  }
  return { fk: { refTable: target.name, refSchema: target.schema, refColumns, ...fk }, next: k, spans };
}

/** Index key parts of `( ... )` at `open`: a bare column (optionally ASC) is a name, anything else kept as written. */
export function keyParts(ctx: SqlContext, open: number, close: number): IndexColumn[] {
  return splitCommas(ctx.toks, open + 1, close).map(([a, b]) => {
    const name = identName(ctx.toks[a]);
    if (name !== null && (b === a + 1 || (b === a + 2 && ctx.toks[a + 1]!.word === 'asc'))) return name;
    return sql.raw(slice(ctx, a, b));
  });
}

/** Plain column names of `( ... )` at `open` (a constraint's columns); prefixes and expressions are unreadable. */
function columnNames(ctx: SqlContext, open: number, close: number): string[] {
  return keyParts(ctx, open, close).map((p) => (typeof p === 'string' ? p : fail(`key part ${p.strings.join('')} (a prefix or expression) in a constraint`)));
}

/** Words that end a column's type (the clauses after it). */
const AFTER_TYPE = new Set(
  ('not null default auto_increment autoincrement unique primary key comment references check constraint generated as on invisible ' +
    'visible column_format storage srid first after engine_attribute secondary_engine_attribute').split(' '),
);

export interface ColumnRead {
  readonly def: ColumnDef;
  /** constraints the column declares that are table items here (named ones, foreign keys, MySQL checks) */
  readonly items: ConstraintItem[];
  readonly notes: string[];
  /** the statement restates AUTO_INCREMENT (MODIFY / CHANGE) */
  readonly autoincrement: boolean;
  /** token ranges read here in full (type, default), with a stand-in node-sql-parser knows, for checking the rest */
  readonly spans: Span[];
}

export interface Span {
  readonly from: number;
  readonly to: number;
  readonly replacement: string;
}

/** A column definition in tokens [a, b): `name type [clauses]`. */
export function readColumn(ctx: SqlContext, a: number, b: number): ColumnRead {
  const t = ctx.toks;
  const name = identName(t[a]) ?? fail('a column name was expected');
  let k = a + 1;
  let depth = 0;
  while (k < b && (depth > 0 || t[k]!.word === null || !AFTER_TYPE.has(t[k]!.word!))) {
    if (t[k]!.text === '(' && t[k]!.kind === 'punct') depth++;
    if (t[k]!.text === ')' && t[k]!.kind === 'punct') depth--;
    k++;
  }
  let typeText = slice(ctx, a + 1, k);
  // node-sql-parser knows a fixed list of types (no BOOL, no user types): the type is read here, the parser checks the rest
  const spans: Span[] = k > a + 1 ? [{ from: a + 1, to: k, replacement: 'INT' }] : [];
  const def: ColumnExtras = {};
  const items: ConstraintItem[] = [];
  const notes: string[] = [];
  let pending: string | null = null;
  let auto = false;
  const mysql = ctx.flavor === 'mysql';
  while (k < b) {
    const w = t[k]!.word;
    if (w === 'constraint') {
      const n = identName(t[k + 1]);
      const isKeyword = ['check', 'primary', 'unique', 'references', 'not', 'null', 'default', 'collate', 'foreign'].includes(t[k + 1]?.word ?? '');
      pending = n !== null && !isKeyword ? n : null;
      k += pending !== null ? 2 : 1;
      continue;
    }
    const name0 = pending;
    pending = null;
    if (w === 'not' && t[k + 1]?.word === 'null') [def.nullable, k] = [false, k + 2];
    else if (w === 'null') [def.nullable, k] = [true, k + 1];
    else if (w === 'default') {
      let end = operandEnd(ctx, k + 1, b);
      // MySQL: DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP, kept together as the default (as the renderers write it)
      if (mysql && t[end]?.word === 'on' && t[end + 1]?.word === 'update') end = operandEnd(ctx, end + 2, b);
      def.serverDefault = sql.raw(slice(ctx, k + 1, end));
      spans.push({ from: k + 1, to: end, replacement: '0' });
      k = end;
    } else if (w === 'auto_increment' || w === 'autoincrement') {
      auto = true;
      if (w === 'autoincrement') notes.push(`column ${name}: SQLite's AUTOINCREMENT keyword is not kept by table rebuilds`);
      k++;
    } else if (w === 'primary' || (w === 'key' && mysql)) {
      k += w === 'primary' ? (t[k + 1]?.word === 'key' ? 2 : fail('PRIMARY without KEY')) : 1;
      if (t[k]?.word === 'asc' || t[k]?.word === 'desc') k++;
      def.primaryKey = true;
      // MySQL's primary key is always named PRIMARY; a SQLite one keeps its name
      if (name0 !== null && !mysql) items.push({ kind: 'primaryKey', name: name0, columns: [name] });
    } else if (w === 'unique') {
      k += t[k + 1]?.word === 'key' ? 2 : 1;
      if (name0 === null) def.unique = true;
      else items.push({ kind: 'unique', name: name0, columns: [name] });
    } else if (w === 'check') {
      if (t[k + 1]?.text !== '(') fail('CHECK without (');
      const close = closing(t, k + 1);
      const condition = sql.raw(ctx.text.slice(t[k + 1]!.end, t[close]!.start).trim());
      k = close + 1;
      if (t[k]?.word === 'enforced') k++;
      else if (t[k]?.word === 'not' && t[k + 1]?.word === 'enforced') fail('a CHECK that is NOT ENFORCED');
      // MySQL 8 numbers checks <table>_chk_<n> in statement order, so they stay table items in that order;
      // MariaDB and SQLite keep an unnamed column check with its column
      if (name0 === null && ctx.dialect !== 'mysql') def.check = condition;
      else items.push({ kind: 'check', name: name0, condition });
    } else if (w === 'references') {
      const ref = references(ctx, k + 1, b);
      k = ref.next;
      spans.push(...ref.spans);
      // MySQL and MariaDB parse and ignore REFERENCES in a column definition: no foreign key is made
      if (!mysql) items.push({ kind: 'foreignKey', name: name0, columns: [name], ...ref.fk });
    } else if (w === 'comment' && t[k + 1]?.kind === 'string') {
      def.comment = stringValue(t[k + 1]!, ctx.flavor);
      k += 2;
    } else if (w === 'collate' || w === 'charset' || (w === 'character' && t[k + 1]?.word === 'set')) {
      // a collation or character set the generic types cannot carry: it stays with the type as written
      const n = k + (w === 'character' ? 2 : 1);
      if (identName(t[n]) === null && t[n]?.kind !== 'string') fail(`${w} what`);
      typeText = `${typeText} ${slice(ctx, k, n + 1)}`;
      k = n + 1;
    } else if (w === 'generated' || w === 'as') {
      notes.push(`column ${name} is a generated column; the model keeps it as a plain column`);
      const open = t.findIndex((x, i) => i > k && i < b && x.text === '(');
      if (open < 0) fail('a generated column without its expression');
      k = closing(t, open) + 1;
      if (['virtual', 'stored', 'persistent'].includes(t[k]?.word ?? '')) k++;
    } else if (w === 'on' && t[k + 1]?.word === 'conflict' && !mysql) {
      // SQLite's conflict clause: node-sql-parser lacks it, the model does not keep it
      notes.push(`column ${name}: ON CONFLICT ${t[k + 2]?.text ?? ''} is not kept by table rebuilds`);
      spans.push({ from: k, to: k + 3, replacement: '' });
      k += 3;
    }
    else if ((w === 'first' || w === 'visible') && mysql) k++;
    else if ((w === 'after' || w === 'column_format' || w === 'storage' || w === 'srid') && mysql) k += 2;
    else fail(`the clause "${slice(ctx, k, Math.min(b, k + 3))}" of column ${name}`);
  }
  const type = writtenType(typeText, ctx.flavor, name);
  return { def: columnDef(name, type, { ...def, autoincrement: auto }), items, notes, autoincrement: auto, spans };
}

/** Index of the `(` that opens the key list at or after `k` (skipping an index name and `USING x`). */
function keyListAt(ctx: SqlContext, k: number, b: number): { name: string | null; open: number } {
  const t = ctx.toks;
  let name: string | null = null;
  if (t[k]?.text !== '(' && t[k]?.word !== 'using') [name, k] = [identName(t[k]) ?? fail('an index name was expected'), k + 1];
  if (t[k]?.word === 'using') k += 2;
  if (t[k]?.text !== '(' || k >= b) fail('a key list was expected');
  return { name, open: k };
}

export type ElementRead = ({ readonly kind: 'constraint'; readonly item: ConstraintItem } | { readonly kind: 'index'; readonly item: IndexItem }) & {
  readonly notes: string[];
  readonly spans: Span[];
};

/** A table constraint or (MySQL) index in tokens [a, b), as in CREATE TABLE or ALTER TABLE ... ADD. */
export function readElement(ctx: SqlContext, a: number, b: number): ElementRead {
  const t = ctx.toks;
  const mysql = ctx.flavor === 'mysql';
  let k = a;
  let cname: string | null = null;
  if (t[k]?.word === 'constraint') {
    k++;
    if (!['primary', 'unique', 'foreign', 'check'].includes(t[k]?.word ?? '')) [cname, k] = [identName(t[k]) ?? fail('a constraint name was expected'), k + 1];
  }
  const w = t[k]?.word;
  const notes: string[] = [];
  if (w === 'primary' || w === 'unique') {
    k += w === 'primary' ? 2 : 1;
    if (w === 'unique' && (t[k]?.word === 'key' || t[k]?.word === 'index')) k++;
    const { name: ixName, open } = keyListAt(ctx, k, b);
    const columns = columnNames(ctx, open, closing(t, open));
    if (w === 'primary') return { kind: 'constraint', item: { kind: 'primaryKey', name: mysql ? null : cname, columns }, notes, spans: [] };
    return { kind: 'constraint', item: { kind: 'unique', name: ixName ?? cname, columns }, notes, spans: [] };
  }
  if (w === 'foreign' && t[k + 1]?.word === 'key') {
    const { open } = keyListAt(ctx, k + 2, b);
    const close = closing(t, open);
    if (t[close + 1]?.word !== 'references') fail('FOREIGN KEY without REFERENCES');
    const ref = references(ctx, close + 2, b);
    return { kind: 'constraint', item: { kind: 'foreignKey', name: cname, columns: columnNames(ctx, open, close), ...ref.fk }, notes, spans: ref.spans };
  }
  if (w === 'check' && t[k + 1]?.text === '(') {
    const close = closing(t, k + 1);
    if (t[close + 1]?.word === 'not' && t[close + 2]?.word === 'enforced') fail('a CHECK that is NOT ENFORCED');
    return { kind: 'constraint', item: { kind: 'check', name: cname, condition: sql.raw(ctx.text.slice(t[k + 1]!.end, t[close]!.start).trim()) }, notes, spans: [] };
  }
  if (mysql && cname === null && (w === 'index' || w === 'key' || w === 'fulltext' || w === 'spatial')) {
    if (w === 'fulltext' || w === 'spatial') {
      notes.push(`a ${w.toUpperCase()} index is kept in the model as a plain index`);
      k++;
    }
    if (t[k]?.word === 'index' || t[k]?.word === 'key') k++;
    const { name, open } = keyListAt(ctx, k, b);
    if (name === null) fail('an index without a name gets one the server chooses; name the index');
    return { kind: 'index', item: { kind: 'index', name, columns: keyParts(ctx, open, closing(t, open)), unique: false }, notes, spans: [] };
  }
  return fail(`the table element "${slice(ctx, a, Math.min(b, a + 4))}"`);
}
