/**
 * MySQL / MariaDB / SQLite column types back to the generic `t.*` kinds,
 * where the written type is what that kind renders as on the dialect (so a
 * table rebuilt or a column restated from the model has the same type);
 * anything else stays as written, as `t.custom(...)`.
 * - MySQL: synonyms the server treats alike (`INT` / `INTEGER`, `BOOL` /
 *   `BOOLEAN`, `DECIMAL` / `NUMERIC`), and `ENUM(...)` as an enum named
 *   after its column (MySQL enums have no name of their own).
 *   https://dev.mysql.com/doc/refman/8.0/en/data-types.html
 * - SQLite keeps a column's declared type as written, and it decides the
 *   column's affinity (`INT PRIMARY KEY` is no rowid alias, `INTEGER
 *   PRIMARY KEY` is): only the exact spelling the dialect renders maps.
 *   https://www.sqlite.org/datatype3.html
 */
import { t } from '../../src/record/builders.js';
import type { SqlType } from '../../src/record/types.js';
import { lex, stringValue, type Flavor } from './lexer.js';

function custom(written: string): SqlType {
  // a SQLite column may have no type at all; t.custom() wants text, the model takes it as written
  return written === '' ? { kind: 'custom', sql: '' } : t.custom(written);
}

/** `NAME` or `NAME(n)` or `NAME(p, s)` (upper case, single spaces); null for anything longer. */
function shape(written: string): { name: string; args: number[] } | null {
  const m = /^([A-Za-z]+(?: [A-Za-z]+)?)\s*(?:\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\))?$/.exec(written.trim().replace(/\s+/g, ' '));
  if (!m) return null;
  const args = [m[2], m[3]].filter((a): a is string => a !== undefined).map(Number);
  return { name: m[1]!.toUpperCase(), args };
}

const MYSQL: Record<string, (args: number[]) => SqlType | null> = {
  INT: (a) => (a.length <= 1 ? t.integer() : null),
  INTEGER: (a) => (a.length <= 1 ? t.integer() : null),
  BIGINT: (a) => (a.length <= 1 ? t.bigInteger() : null),
  SMALLINT: (a) => (a.length <= 1 ? t.smallInteger() : null),
  BOOL: (a) => (a.length === 0 ? t.boolean() : null),
  BOOLEAN: (a) => (a.length === 0 ? t.boolean() : null),
  VARCHAR: (a) => (a.length === 1 && a[0]! > 0 ? t.string(a[0]) : null),
  TEXT: (a) => (a.length === 0 ? t.text() : null),
  DATE: (a) => (a.length === 0 ? t.date() : null),
  DATETIME: (a) => (a.length === 0 ? t.dateTime() : null),
  TIME: (a) => (a.length === 0 ? t.time() : null),
  NUMERIC: (a) => (a.length === 0 || a[0]! > 0 ? t.numeric(a[0], a[1]) : null),
  DECIMAL: (a) => (a.length === 0 || a[0]! > 0 ? t.numeric(a[0], a[1]) : null),
  FLOAT: (a) => (a.length === 0 ? t.float() : a.length === 1 && a[0]! > 0 ? t.float(a[0]) : null),
  BLOB: (a) => (a.length === 0 ? t.largeBinary() : a.length === 1 && a[0]! > 0 ? t.largeBinary(a[0]) : null),
  JSON: (a) => (a.length === 0 ? t.json() : null),
};

const SQLITE: Record<string, (args: number[]) => SqlType | null> = {
  INTEGER: (a) => (a.length === 0 ? t.integer() : null),
  BIGINT: (a) => (a.length === 0 ? t.bigInteger() : null),
  SMALLINT: (a) => (a.length === 0 ? t.smallInteger() : null),
  BOOLEAN: (a) => (a.length === 0 ? t.boolean() : null),
  VARCHAR: (a) => (a.length === 0 ? t.string() : a.length === 1 && a[0]! > 0 ? t.string(a[0]) : null),
  TEXT: (a) => (a.length === 0 ? t.text() : null),
  DATE: (a) => (a.length === 0 ? t.date() : null),
  DATETIME: (a) => (a.length === 0 ? t.dateTime() : null),
  TIME: (a) => (a.length === 0 ? t.time() : null),
  NUMERIC: (a) => (a.length === 0 || a[0]! > 0 ? t.numeric(a[0], a[1]) : null),
  FLOAT: (a) => (a.length === 0 ? t.float() : null),
  BLOB: (a) => (a.length === 0 ? t.largeBinary() : null),
  JSON: (a) => (a.length === 0 ? t.json() : null),
};

/** `ENUM('a','b')` as written (MySQL), or null. */
function enumValues(written: string): string[] | null {
  if (!/^\s*enum\s*\(/i.test(written)) return null;
  const toks = lex(written, 'mysql');
  if (toks[1]?.text !== '(' || toks[toks.length - 1]?.text !== ')') return null;
  const values: string[] = [];
  for (let i = 2; i < toks.length - 1; i++) {
    const tok = toks[i]!;
    if (i % 2 === 0 ? tok.kind !== 'string' : tok.text !== ',') return null;
    if (tok.kind === 'string') values.push(stringValue(tok, 'mysql'));
  }
  return values.length > 0 && new Set(values).size === values.length ? values : null;
}

/** Maps a type as written in a column definition; `column` names a MySQL enum. */
export function writtenType(written: string, flavor: Flavor, column: string): SqlType {
  if (flavor === 'mysql') {
    const values = enumValues(written);
    if (values) return t.enum(values, { name: column });
  }
  const s = shape(written);
  const map = (flavor === 'mysql' ? MYSQL : SQLITE)[s?.name ?? ''];
  return (s && map ? map(s.args) : null) ?? custom(written);
}
