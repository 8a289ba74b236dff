/**
 * MySQL and MariaDB: no embedded engine exists, so each statement is parsed
 * by node-sql-parser (the single-dialect build, which loads in ~15 ms
 * instead of ~65 ms). A parser checks syntax only, and this one misses
 * valid syntax (`BOOL`, `ALTER COLUMN ... SET DEFAULT`, MariaDB's `ADD
 * CONSTRAINT ... FOREIGN KEY`...), so a statement it cannot parse is "not
 * checked" — this engine never fails a script.
 */
import type { DialectName } from '../../record/operations.js';
import { errorText, type EngineFactory, type EngineSession, type ExecItem, type Failure, type Tally } from '../engine.js';

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

/** The parser build and `database` option of each dialect this engine runs. */
const BUILDS: Partial<Record<DialectName, { load: () => Promise<unknown>; database: string }>> = {
  mysql: { load: () => import('node-sql-parser/build/mysql.js'), database: 'MySQL' },
  mariadb: { load: () => import('node-sql-parser/build/mariadb.js'), database: 'MariaDB' },
};

async function loadParser(dialect: DialectName): Promise<{ parser: SqlParser; database: string }> {
  const build = BUILDS[dialect];
  if (!build) throw new Error(`node-sql-parser: no build for ${dialect}`);
  return { parser: new (parserClass(await build.load()))(), database: build.database };
}

/** The parser's error in a few words: its "Expected ... but X found" lists every token it knows. */
function parseErrorText(e: unknown, sql: string): string {
  const err = e as { location?: { start?: { line?: number; column?: number; offset?: number } } };
  const at = err.location?.start;
  if (at && at.line !== undefined && at.offset !== undefined) {
    const word = /^\S{1,40}/.exec(sql.slice(at.offset))?.[0];
    return `${word ? `unexpected ${JSON.stringify(word)}` : 'unexpected end'} at line ${at.line}, column ${at.column ?? '?'}`;
  }
  const text = errorText(e).split('\n')[0]!;
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

class ParserSession implements EngineSession {
  readonly label: string;

  constructor(
    private readonly parser: SqlParser,
    private readonly database: string,
  ) {
    this.label = `node-sql-parser (${database})`;
  }

  async run(items: readonly ExecItem[], tally: Tally): Promise<Failure | null> {
    for (const item of items) {
      if (item.kind !== 'statement') continue;
      try {
        this.parser.astify(item.sql, { database: this.database });
        tally.checked += 1;
      } catch (e) {
        tally.skip(item, `node-sql-parser cannot parse it (${parseErrorText(e, item.sql)})`);
      }
    }
    return null;
  }

  async close(): Promise<void> {
    // nothing held
  }
}

export const sqlParser: EngineFactory = {
  name: 'node-sql-parser',
  label: 'node-sql-parser',
  kind: 'parses',
  dialects: ['mysql', 'mariadb'],
  async open(opts) {
    const { parser, database } = await loadParser(opts.dialect);
    return new ParserSession(parser, database);
  },
};
