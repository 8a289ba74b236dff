/**
 * Oracle 19c+: the SQL writer (double-quote quoting, names starting with
 * `_` quoted, Oracle types as SQLAlchemy renders them, identity columns,
 * foreign-key actions Oracle has) and the PL/SQL wrapper that stands in
 * for IF [NOT] EXISTS, which Oracle only has from 23c.
 */
import type { ColumnState, ForeignKeyState, IndexState, TableState } from '../src/model/state.js';
import type { LiteralValue, SqlType } from '../src/record/types.js';
import { unsupported } from '../src/emit/dialect.js';
import { formatTimestamp, type LiteralRules, type QuoteRules } from '../src/emit/quote.js';
import { StandardSql, type ColumnSpecOptions } from '../src/emit/sql.js';

/**
 * Oracle SQL reserved words: they must be quoted.
 * https://docs.oracle.com/en/database/oracle/oracle-database/19/sqlrf/Oracle-SQL-Reserved-Words.html
 */
const RESERVED = new Set(
  (
    'access add all alter and any as asc audit between by char check cluster column column_value comment compress connect ' +
    'create current date decimal default delete desc distinct drop else exclusive exists file float for from grant group ' +
    'having identified immediate in increment index initial insert integer intersect into is level like lock long ' +
    'maxextents minus mlslabel mode modify nested_table_id noaudit nocompress not nowait null number of offline on online ' +
    'option or order pctfree prior public raw rename resource revoke row rowid rownum rows select session set share size ' +
    'smallint start successful synonym sysdate table then to trigger uid union unique update user validate values varchar ' +
    'varchar2 view whenever where with'
  ).split(' '),
);

/** Oracle error codes the IF [NOT] EXISTS blocks let through. */
export const ORA = {
  /** ORA-00955: name is already used by an existing object */
  nameInUse: -955,
  /** ORA-00942: table or view does not exist */
  noTable: -942,
  /** ORA-01418: specified index does not exist */
  noIndex: -1418,
} as const;

/** Characters per chunk of a long CLOB literal: a SQL string literal holds at most 4000 bytes, 4 per character in AL32UTF8. */
const CLOB_CHUNK = 1000;

function isClob(type: SqlType): boolean {
  return type.kind === 'text' || type.kind === 'unicodeText' || type.kind === 'json';
}

function isCharacter(type: SqlType): boolean {
  return isClob(type) || type.kind === 'string' || type.kind === 'unicode' || type.kind === 'enum';
}

export class OracleSql extends StandardSql {
  override readonly addColumnKeyword = 'ADD';
  readonly quoteRules: QuoteRules = { identifierQuote: ['"', '"'], reservedWords: RESERVED, quoteLeadingUnderscore: true };
  readonly literalRules: LiteralRules = {
    backslashEscapes: false,
    booleanTrue: '1',
    booleanFalse: '0',
    // a plain string would be parsed with the session's NLS_DATE_FORMAT ('DD-MON-RR' by default) and fail;
    // an ANSI TIMESTAMP literal is read the same everywhere and converts to DATE implicitly.
    // https://docs.oracle.com/en/database/oracle/oracle-database/19/sqlrf/Literals.html#GUID-8F4B3F82-8821-4071-84D6-FBBA21C05AC1
    timestamp: (d) => `TIMESTAMP '${formatTimestamp(d)}'`,
  };

  type(type: SqlType, column?: ColumnState): string {
    const where = column ? ` (column ${column.name})` : '';
    switch (type.kind) {
      case 'integer':
        return 'INTEGER';
      case 'bigInteger':
        return 'NUMBER(19)';
      case 'smallInteger':
      case 'boolean':
        // no BOOLEAN column type before 23c
        return 'SMALLINT';
      case 'string':
      case 'unicode':
        if (type.length === undefined) unsupported(`Oracle's VARCHAR2 needs a length${where}; give t.${type.kind}(n) or use t.text() (CLOB)`);
        return `VARCHAR2(${type.length} CHAR)`;
      case 'text':
      case 'unicodeText':
        return 'CLOB';
      case 'date':
        return 'DATE';
      case 'dateTime':
        // Oracle's DATE holds a time of day too; SQLAlchemy 1.4 drops the zone, gensql keeps it
        return type.timezone ? 'TIMESTAMP WITH TIME ZONE' : 'DATE';
      case 'time':
        return unsupported(`Oracle has no TIME type${where}; use t.dateTime() or t.custom('INTERVAL DAY(0) TO SECOND')`);
      case 'interval':
        return 'INTERVAL DAY TO SECOND';
      case 'numeric':
        return type.precision === undefined ? 'NUMERIC' : type.scale === undefined ? `NUMERIC(${type.precision})` : `NUMERIC(${type.precision}, ${type.scale})`;
      case 'float':
        // FLOAT(p) counts binary digits, as PostgreSQL's does; Oracle allows 1 to 126
        if (type.precision !== undefined && (type.precision < 1 || type.precision > 126)) unsupported(`Oracle FLOAT precision must be 1 to 126 binary digits${where}`);
        return type.precision === undefined ? 'FLOAT' : `FLOAT(${type.precision})`;
      case 'largeBinary':
        return 'BLOB';
      case 'json':
        // JSON text in a CLOB (SQLAlchemy 2.x's choice); a native JSON type needs 21c
        return 'CLOB';
      case 'uuid':
        // SQLAlchemy's Uuid where the database has none: 32 hex digits
        return 'CHAR(32)';
      case 'enum':
        // SQLAlchemy renders Enum through VARCHAR, not String's VARCHAR2 (the same type on Oracle)
        return `VARCHAR(${Math.max(1, ...type.values.map((v) => v.length))} CHAR)`;
      case 'custom':
        return type.sql;
    }
  }

  /**
   * Dates for text columns are the plain timestamp text; a string longer
   * than a SQL literal may be (4000 bytes) is written for a CLOB column as
   * TO_CLOB pieces joined with ||.
   */
  override columnLiteral(value: LiteralValue | undefined, column?: ColumnState): string {
    if (value instanceof Date && column && isCharacter(column.type)) return this.literal(formatTimestamp(value));
    const text = this.literal(value);
    if (!column || !isClob(column.type) || !text.startsWith("'")) return text;
    const chars = Array.from(typeof value === 'string' ? value : JSON.stringify(value));
    if (chars.length <= CLOB_CHUNK) return text;
    const pieces: string[] = [];
    for (let i = 0; i < chars.length; i += CLOB_CHUNK) pieces.push(`TO_CLOB(${this.literal(chars.slice(i, i + CLOB_CHUNK).join(''))})`);
    return pieces.join(' || ');
  }

  /**
   * `name TYPE [DEFAULT x] [GENERATED ... AS IDENTITY (...)] [NOT NULL] [CHECK (...)]`;
   * an identity column is NOT NULL by itself, so SQLAlchemy writes no NOT NULL there.
   */
  override columnSpec(column: ColumnState, table: TableState, opts: ColumnSpecOptions): string {
    const parts = [this.ident(column.name), this.columnType(column, table, opts)];
    const identity = this.identityClause(column);
    if (column.serverDefault !== undefined) {
      if (identity) unsupported(`an identity column cannot have a default (column ${column.name})`);
      parts.push(`DEFAULT ${this.defaultValue(column.serverDefault, column)}`);
    }
    if (identity) parts.push(identity);
    else if (!column.nullable) parts.push('NOT NULL');
    const check = this.inlineCheckClause(table, column);
    if (check) parts.push(check);
    return parts.join(' ');
  }

  /**
   * Oracle has ON DELETE CASCADE / SET NULL and no ON UPDATE at all; its
   * default behaviour is NO ACTION (RESTRICT alike), so those are left out.
   * An action Oracle cannot do is an error (Alembic drops ON UPDATE with a warning).
   * https://docs.oracle.com/en/database/oracle/oracle-database/19/sqlrf/constraint.html#GUID-1055EA97-BA6F-4764-A15F-1024FD5B6DFE
   */
  override referentialActions(c: Pick<ForeignKeyState, 'onDelete' | 'onUpdate'>): string {
    if (c.onUpdate && c.onUpdate !== 'NO ACTION' && c.onUpdate !== 'RESTRICT') {
      unsupported(`Oracle has no ON UPDATE ${c.onUpdate} (updates of a referenced key are always refused); use a trigger, or deferrable: true`);
    }
    if (c.onDelete === 'SET DEFAULT') unsupported('Oracle has no ON DELETE SET DEFAULT');
    return c.onDelete === 'CASCADE' || c.onDelete === 'SET NULL' ? ` ON DELETE ${c.onDelete}` : '';
  }

  override foreignKeyBody(c: ForeignKeyState, table: Pick<TableState, 'schema'>): string {
    if (c.match) unsupported(`Oracle has no MATCH ${c.match} for foreign keys`);
    return super.foreignKeyBody(c, table);
  }

  /**
   * `CREATE [UNIQUE] INDEX [s.]ix ON [s.]t (cols)`: the index lives in the
   * table's schema. Oracle has no partial indexes and no index methods;
   * `concurrently` (PostgreSQL's) is left out.
   */
  override createIndex(index: IndexState, table: Pick<TableState, 'name' | 'schema'>, opts: { ifNotExists?: boolean } = {}): string {
    if (index.where !== undefined) unsupported(`Oracle has no partial indexes (index ${index.name}); index an expression that is NULL for the rows to leave out`);
    if (index.using) unsupported(`Oracle has no index method '${index.using}' (index ${index.name})`);
    const cols = index.columns.map((c) => this.indexColumn(c)).join(', ');
    const create = `CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX ${this.qualified(index.name, table.schema)} ON ${this.table(table)} (${cols})`;
    return opts.ifNotExists ? ignoringError(this, create, ORA.nameInUse) : create;
  }

  /** `COMMENT ON TABLE t IS ''` removes a comment (Oracle's empty string is NULL; `IS NULL` is not its syntax). */
  override tableComment(table: Pick<TableState, 'name' | 'schema'>, comment: string | null): string {
    return `COMMENT ON TABLE ${this.table(table)} IS ${this.literal(comment ?? '')}`;
  }

  /** Quoted and schema-qualified (Alembic writes `COMMENT ON COLUMN t.c` bare, wrong for quoted names and schemas). */
  override columnComment(table: Pick<TableState, 'name' | 'schema'>, column: string, comment: string | null): string {
    return `COMMENT ON COLUMN ${this.table(table)}.${this.ident(column)} IS ${this.literal(comment ?? '')}`;
  }
}

/**
 * A PL/SQL block running one statement and letting one error code through:
 * IF [NOT] EXISTS before Oracle 23c.
 * https://docs.oracle.com/en/database/oracle/oracle-database/19/lnpls/EXECUTE-IMMEDIATE-statement.html
 */
export function ignoringError(sql: OracleSql, statement: string, code: number): string {
  return (
    `BEGIN\n    EXECUTE IMMEDIATE ${sql.literal(statement)};\nEXCEPTION\n    WHEN OTHERS THEN\n` +
    `        IF SQLCODE != ${code} THEN\n            RAISE;\n        END IF;\nEND;`
  );
}
