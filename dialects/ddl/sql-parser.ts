/**
 * MySQL, MariaDB and SQLite raw DDL as ops. node-sql-parser (the
 * single-dialect builds) decides whether a statement is one it understands;
 * the exact text of types, defaults and conditions is read from the tokens
 * (sql-columns.ts), since its tree re-spells them. Where the parser lacks
 * syntax the servers accept (packages.md §2: `BOOL`, `ALTER COLUMN ... SET
 * DEFAULT`, MariaDB's `ADD CONSTRAINT`, SQLite's `DROP INDEX`), the part read
 * here in full stands in as something it knows, MariaDB falls back on the
 * MySQL grammar (the same for these statements), and the two statements
 * with a grammar of a few words are read here alone. Anything else the
 * parser rejects is a warning naming the statement. Which statements are
 * silently ignored, and why: statements.ts.
 *
 * Wiring, in each dialect's exported object:
 *   ddlParser: async () => (await import('./ddl/sql-parser.js')).mysqlDdlParser(),
 * (mariadbDdlParser, sqliteDdlParser likewise).
 */
import type { UserOp } from '../../src/ops/index.js';
import { sql } from '../../src/record/sql.js';
import type { TableItem } from '../../src/record/types.js';
import type { DdlParser, DdlParserLoader } from '../../src/model/ddl/index.js';
import { closing, lex, LexError, splitCommas, statements, stringValue, type Flavor } from './lexer.js';
import { noted } from '../../src/model/ddl/notes.js';
import { alterAction } from './sql-alter.js';
import { keyParts, qualified, readColumn, readElement, slice, Unreadable, type FamilyName, type Span, type SqlContext } from './sql-columns.js';
import { cannotFollow, classifyStatement, statementLabel } from '../../src/model/ddl/statements.js';

interface SqlParser {
  astify(sql: string, opts: { database: string }): unknown;
}
type ParserClass = new () => SqlParser;

function parserClass(mod: unknown): ParserClass {
  const m = mod as { Parser?: ParserClass; default?: { Parser?: ParserClass } };
  const cls = m.Parser ?? m.default?.Parser;
  if (!cls) throw new Error('node-sql-parser: no Parser export');
  return cls;
}

type Check = (text: string) => { ast: Record<string, unknown> | null; error: string | null };

const PARTS = new Set(['constraint', 'primary', 'unique', 'foreign', 'check']);
const MYSQL_PARTS = new Set([...PARTS, 'index', 'key', 'fulltext', 'spatial']);

class Follower {
  readonly ops: UserOp[] = [];
  readonly warnings: string[] = [];

  constructor(
    private readonly ctx: SqlContext,
    private readonly check: Check,
  ) {}

  private note(from: number, to: number, what: string): void {
    this.warnings.push(`the schema model follows "${statementLabel(slice(this.ctx, from, to))}" only in part: ${what}`);
  }

  /** The statement's text with spans read here in full replaced by stand-ins the parser knows. */
  private standIn(from: number, to: number, spans: readonly Span[], prefix = ''): string {
    const t = this.ctx.toks;
    let out = '';
    let at = t[from]!.start;
    for (const s of [...spans].sort((x, y) => x.from - y.from)) {
      out += this.ctx.text.slice(at, t[s.from]!.start) + s.replacement;
      at = t[s.to - 1]!.end;
    }
    return prefix + out + this.ctx.text.slice(at, t[to - 1]!.end);
  }

  /** node-sql-parser's tree of the text, trying it with stand-ins when it rejects it as written; throws when it rejects both. */
  private accepted(from: number, to: number, spans: readonly Span[], prefix = ''): Record<string, unknown> {
    const first = this.check(prefix + slice(this.ctx, from, to));
    if (first.ast) return first.ast;
    const second = spans.length > 0 ? this.check(this.standIn(from, to, spans, prefix)) : first;
    if (second.ast) return second.ast;
    throw new Unreadable(`node-sql-parser rejects it (${(first.error ?? '').split('\n')[0]!.slice(0, 160)})`);
  }

  follow(from: number, to: number): void {
    const t = this.ctx.toks;
    const words = t.slice(from, from + 12).map((x) => x.word);
    const cls = classifyStatement(words);
    if (cls.kind === 'ignore') return;
    const statement = slice(this.ctx, from, to);
    try {
      if (cls.kind === 'unknown') throw new Unreadable('a statement gensql does not know to leave the schema alone');
      const first = words[0];
      if (cls.object === 'table' && first === 'create') this.createTable(from, to);
      else if (cls.object === 'table' && first === 'alter') this.alterTable(from, to);
      else if (cls.object === 'table' && first === 'drop') this.dropTables(from, to);
      else if (cls.object === 'index' && first === 'create') this.createIndex(from, to);
      else if (cls.object === 'index' && first === 'drop') this.dropIndex(from, to);
      else if (cls.object === 'rename' && this.ctx.flavor === 'mysql') this.renameTables(from, to);
      else if (cls.object === 'sequence' && this.ctx.dialect === 'mariadb' && first !== 'alter') this.sequence(from, to);
      else if (cls.object === 'sequence' && first === 'alter') throw new Unreadable('the model keeps a sequence as created; ALTER SEQUENCE is not followed');
      else throw new Unreadable(`${this.ctx.dialect} has no such statement the model tracks`);
    } catch (e) {
      if (!(e instanceof Unreadable)) throw e;
      this.warnings.push(cannotFollow(statement, e.message));
    }
  }

  /** Index of the word `w` in [from, to) at or after `from`, or a failure. */
  private find(from: number, to: number, w: string): number {
    for (let i = from; i < to; i++) if (this.ctx.toks[i]!.word === w) return i;
    throw new Unreadable(`no ${w.toUpperCase()} where one was expected`);
  }

  /** `IF [NOT] EXISTS` at k: [the index after it, present]. */
  private ifClause(k: number): [number, boolean] {
    const t = this.ctx.toks;
    if (t[k]?.word !== 'if') return [k, false];
    return t[k + 1]?.word === 'not' ? [k + 3, true] : [k + 2, true];
  }

  private createTable(from: number, to: number): void {
    const t = this.ctx.toks;
    const [k, ifNotExists] = this.ifClause(this.find(from, to, 'table') + 1);
    const target = qualified(this.ctx, k);
    if (t[target.next]?.text !== '(') throw new Unreadable('CREATE TABLE ... LIKE / AS takes its columns from another table or a query');
    const open = target.next;
    const close = closing(t, open);
    if (close < 0 || close >= to) throw new Unreadable('its column list is not closed');
    const parts = this.ctx.flavor === 'mysql' ? MYSQL_PARTS : PARTS;
    const items: TableItem[] = [];
    const spans: Span[] = [];
    const notes: string[] = [];
    const elements = splitCommas(t, open + 1, close);
    for (const [a, b] of elements) {
      if (t[a]?.word && parts.has(t[a]!.word!)) {
        const el = readElement(this.ctx, a, b);
        items.push(el.item);
        spans.push(...el.spans);
        notes.push(...el.notes);
      } else {
        const col = readColumn(this.ctx, a, b);
        items.push(col.def, ...col.items);
        spans.push(...col.spans);
        notes.push(...col.notes);
      }
    }
    let comment: string | undefined;
    for (let i = close + 1; i < to; i++) {
      const w = t[i]!.word;
      if (w === 'as' || w === 'select' || w === 'like') throw new Unreadable('CREATE TABLE ... AS takes its columns from a query');
      if (w === 'comment' && this.ctx.flavor === 'mysql') {
        const s = t[i + 1]?.text === '=' ? i + 2 : i + 1;
        if (t[s]?.kind === 'string') comment = stringValue(t[s]!, 'mysql');
      }
      if (this.ctx.flavor === 'sqlite' && (w === 'strict' || (w === 'without' && t[i + 1]?.word === 'rowid'))) {
        notes.push(`the table option ${w === 'strict' ? 'STRICT' : 'WITHOUT ROWID'} is not kept by table rebuilds`);
      }
    }
    const ast = this.accepted(from, to, spans);
    const defs = ast['create_definitions'];
    if (!Array.isArray(defs) || defs.length !== elements.length) throw new Unreadable('its elements could not be matched with the parsed statement');
    this.ops.push({ kind: 'createTable', table: target.name, schema: target.schema, items, ...(comment !== undefined ? { comment } : {}), ...(ifNotExists ? { ifNotExists } : {}) });
    for (const n of notes) this.note(from, to, n);
  }

  private alterTable(from: number, to: number): void {
    const target = qualified(this.ctx, this.find(from, to, 'table') + 1);
    const head = `${slice(this.ctx, from, target.next)} `;
    for (const [a, b] of splitCommas(this.ctx.toks, target.next, to)) {
      try {
        const result = alterAction(this.ctx, a, b, target.name, target.schema, head);
        if (!result.exact) this.accepted(a, b, result.spans ?? [], head);
        this.ops.push(...result.ops);
        for (const n of result.notes) this.note(from, to, n);
      } catch (e) {
        if (!(e instanceof Unreadable)) throw e;
        this.warnings.push(cannotFollow(head + slice(this.ctx, a, b), e.message));
      }
    }
  }

  /** `[schema.]name, ...` from k to `to`, stopping at a word that is not a name. */
  private names(k: number, to: number): { name: string; schema?: string }[] {
    const out: { name: string; schema?: string }[] = [];
    while (k < to) {
      const n = qualified(this.ctx, k);
      out.push({ name: n.name, schema: n.schema });
      if (this.ctx.toks[n.next]?.text !== ',') break;
      k = n.next + 1;
    }
    return out;
  }

  private dropTables(from: number, to: number): void {
    const [k, ifExists] = this.ifClause(this.find(from, to, 'table') + 1);
    const tables = this.names(k, to);
    this.accepted(from, to, []);
    for (const n of tables) this.ops.push({ kind: 'dropTable', table: n.name, schema: n.schema, ...(ifExists ? { ifExists } : {}) });
  }

  private createIndex(from: number, to: number): void {
    const t = this.ctx.toks;
    const at = this.find(from, to, 'index');
    const kinds = t.slice(from + 1, at).map((x) => x.word);
    if (kinds.includes('fulltext') || kinds.includes('spatial')) this.note(from, to, 'a FULLTEXT / SPATIAL index is kept in the model as a plain index');
    const [k, ifNotExists] = this.ifClause(at + 1);
    const index = qualified(this.ctx, k);
    let i = index.next;
    if (t[i]?.word === 'using') i += 2;
    if (t[i]?.word !== 'on') throw new Unreadable('CREATE INDEX without ON');
    const table = qualified(this.ctx, i + 1);
    let open = table.next;
    if (t[open]?.word === 'using') open += 2;
    const close = t[open]?.text === '(' ? closing(t, open) : -1;
    if (close < 0 || close >= to) throw new Unreadable('its key list could not be read');
    let where: ReturnType<typeof sql.raw> | undefined;
    for (let w = close + 1; w < to; w++) if (t[w]!.word === 'where') where = sql.raw(slice(this.ctx, w + 1, to));
    this.accepted(from, to, []);
    this.ops.push({
      kind: 'createIndex',
      name: index.name,
      table: table.name,
      // SQLite writes the schema on the index (`CREATE INDEX s.ix ON t`), MySQL on the table
      schema: table.schema ?? index.schema,
      columns: keyParts(this.ctx, open, close),
      unique: kinds.includes('unique'),
      ...(where ? { where } : {}),
      ...(ifNotExists ? { ifNotExists } : {}),
    });
  }

  private dropIndex(from: number, to: number): void {
    const t = this.ctx.toks;
    const [k, ifExists] = this.ifClause(this.find(from, to, 'index') + 1);
    const index = qualified(this.ctx, k);
    if (this.ctx.flavor === 'sqlite') {
      // DROP INDEX [IF EXISTS] [schema.]name is the whole statement (https://www.sqlite.org/lang_dropindex.html), which node-sql-parser lacks
      if (index.next !== to) throw new Unreadable('unexpected words after the index name');
      this.ops.push({ kind: 'dropIndex', name: index.name, schema: index.schema, ...(ifExists ? { ifExists } : {}) });
      return;
    }
    if (t[index.next]?.word !== 'on') throw new Unreadable('DROP INDEX without ON');
    const table = qualified(this.ctx, index.next + 1);
    this.accepted(from, to, []);
    this.ops.push({ kind: 'dropIndex', name: index.name, table: table.name, schema: table.schema, ...(ifExists ? { ifExists } : {}) });
  }

  private renameTables(from: number, to: number): void {
    const t = this.ctx.toks;
    const pairs = splitCommas(t, this.find(from, to, 'table') + 1, to);
    this.accepted(from, to, []);
    for (const [a, b] of pairs) {
      const old = qualified(this.ctx, a);
      if (t[old.next]?.word !== 'to') throw new Unreadable('RENAME TABLE without TO');
      const neu = qualified(this.ctx, old.next + 1);
      if (neu.next !== b) throw new Unreadable('unexpected words in RENAME TABLE');
      if (neu.schema !== old.schema) throw new Unreadable('RENAME TABLE moves a table to another database');
      this.ops.push({ kind: 'renameTable', table: old.name, schema: old.schema, newName: neu.name });
    }
  }

  /**
   * MariaDB sequences, which node-sql-parser lacks: `CREATE [OR REPLACE]
   * SEQUENCE [IF NOT EXISTS] name [options]` and `DROP SEQUENCE [IF EXISTS]
   * name, ...`. https://mariadb.com/kb/en/create-sequence/
   */
  private sequence(from: number, to: number): void {
    const t = this.ctx.toks;
    const at = this.find(from, to, 'sequence');
    const [k, ifFlag] = this.ifClause(at + 1);
    if (t[from]!.word === 'drop') {
      for (const n of this.names(k, to)) this.ops.push(noted({ kind: 'dropSequence', name: n.name, schema: n.schema }, { ifExists: ifFlag }));
      return;
    }
    if (t.slice(from, at).some((x) => x.word === 'replace')) throw new Unreadable('CREATE OR REPLACE SEQUENCE');
    const seq = qualified(this.ctx, k);
    const opts: { start?: number; increment?: number } = {};
    for (let i = seq.next; i < to; i++) {
      const w = t[i]!.word;
      if (w !== 'start' && w !== 'increment') continue;
      let v = i + 1;
      if (t[v]?.word === 'with' || t[v]?.word === 'by' || t[v]?.text === '=') v++;
      const neg = t[v]?.text === '-';
      const n = Number(t[neg ? v + 1 : v]?.text);
      if (!Number.isInteger(n)) throw new Unreadable(`${w.toUpperCase()} without a number`);
      opts[w] = neg ? -n : n;
    }
    this.ops.push(noted({ kind: 'createSequence', name: seq.name, schema: seq.schema, ...opts }, { ifNotExists: ifFlag }));
  }
}

/** Follows the statements of one `op.execute` text. */
function follow(text: string, dialect: FamilyName, check: Check): { ops: UserOp[]; warnings: string[] } {
  const flavor: Flavor = dialect === 'sqlite' ? 'sqlite' : 'mysql';
  let toks;
  try {
    toks = lex(text, flavor);
  } catch (e) {
    if (!(e instanceof LexError)) throw e;
    return { ops: [], warnings: [cannotFollow(text, `the text cannot be read: ${e.message}`)] };
  }
  const follower = new Follower({ dialect, flavor, text, toks }, check);
  for (const [a, b] of statements(toks)) follower.follow(a, b);
  return { ops: follower.ops, warnings: follower.warnings };
}

const BUILDS: Record<FamilyName, { load: () => Promise<unknown>; database: string }[]> = {
  mysql: [{ load: () => import('node-sql-parser/build/mysql.js'), database: 'MySQL' }],
  // MariaDB's build lacks ADD CONSTRAINT ... FOREIGN KEY / UNIQUE / CHECK, which MySQL's grammar has, with the same meaning
  mariadb: [
    { load: () => import('node-sql-parser/build/mariadb.js'), database: 'MariaDB' },
    { load: () => import('node-sql-parser/build/mysql.js'), database: 'MySQL' },
  ],
  sqlite: [{ load: () => import('node-sql-parser/build/sqlite.js'), database: 'sqlite' }],
};

async function load(dialect: FamilyName): Promise<DdlParser> {
  const parsers = await Promise.all(BUILDS[dialect].map(async (b) => ({ parser: new (parserClass(await b.load()))(), database: b.database })));
  const check: Check = (text) => {
    let error: string | null = null;
    for (const { parser, database } of parsers) {
      try {
        const ast = parser.astify(text, { database });
        const one = Array.isArray(ast) ? (ast.length === 1 ? ast[0] : null) : ast;
        if (one && typeof one === 'object') return { ast: one as Record<string, unknown>, error: null };
        error = 'not one statement';
      } catch (e) {
        error ??= e instanceof Error ? e.message : String(e);
      }
    }
    return { ast: null, error };
  };
  return (text) => follow(text, dialect, check);
}

/** Loaders for the dialects' `ddlParser` (node-sql-parser's single-dialect build, loaded when a revision first uses op.execute). */
export const mysqlDdlParser: DdlParserLoader = () => load('mysql');
export const mariadbDdlParser: DdlParserLoader = () => load('mariadb');
export const sqliteDdlParser: DdlParserLoader = () => load('sqlite');

