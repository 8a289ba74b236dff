/**
 * PostgreSQL column types back to the generic `t.*` kinds, where the type
 * is exactly what that kind renders as on PostgreSQL (`int4` is
 * `t.integer()`, `varchar(30)` is `t.string(30)`, `timestamptz` is
 * `t.dateTime({ timezone: true })`); anything else (arrays, precision
 * modifiers the kinds do not carry, extension and user types) stays as
 * written, as `t.custom(...)`. A bare type name that is an enum type the
 * model knows becomes that enum when the ops are applied (apply-raw.ts).
 * https://www.postgresql.org/docs/current/datatype.html
 */
import type { Node, TypeName } from 'libpg-query';
import { t } from '../../src/record/builders.js';
import type { SqlType } from '../../src/record/types.js';

export interface PgColumnType {
  readonly type: SqlType;
  /** SERIAL / BIGSERIAL / SMALLSERIAL: an integer with a sequence default, NOT NULL */
  readonly serial: boolean;
}

export function stringOf(node: Node | undefined): string | undefined {
  return node && 'String' in node ? node.String.sval ?? '' : undefined;
}

export function names(nodes: readonly Node[] | undefined): string[] {
  return (nodes ?? []).map((n) => stringOf(n) ?? '');
}

/** The integer value of a type modifier (`30` in `varchar(30)`), or null when it is not a plain integer. */
function intMod(node: Node): number | null {
  if (!('A_Const' in node)) return null;
  const c = node.A_Const;
  if (c.ival === undefined) return null;
  // the protobuf JSON leaves a zero out: `{ ival: {} }`
  return c.ival.ival ?? 0;
}

const SERIALS: Record<string, () => SqlType> = {
  serial: t.integer,
  serial4: t.integer,
  bigserial: t.bigInteger,
  serial8: t.bigInteger,
  smallserial: t.smallInteger,
  serial2: t.smallInteger,
};

/** Types without modifiers that are one generic kind, by their catalog name (the parser resolves `integer`, `bool`, ...). */
const PLAIN: Record<string, () => SqlType> = {
  int4: t.integer,
  int8: t.bigInteger,
  int2: t.smallInteger,
  bool: t.boolean,
  text: t.text,
  date: t.date,
  timestamp: () => t.dateTime(),
  timestamptz: () => t.dateTime({ timezone: true }),
  time: () => t.time(),
  timetz: () => t.time({ timezone: true }),
  interval: t.interval,
  // FLOAT is double precision on PostgreSQL; FLOAT(1..24) is real
  float8: () => t.float(),
  float4: () => t.float(24),
  bytea: () => t.largeBinary(),
  json: t.json,
  uuid: t.uuid,
};

/** Maps a parsed type; `written` is the type's text in the statement, kept for `t.custom`. */
export function pgType(tn: TypeName, written: string): PgColumnType {
  const parts = names(tn.names);
  const custom: PgColumnType = { type: t.custom(written || parts.join('.')), serial: false };
  if (tn.setof || tn.pct_type || (tn.arrayBounds?.length ?? 0) > 0 || parts.length === 0) return custom;
  // only built-in types: pg_catalog-qualified by the parser, or written bare (a user type could shadow a bare name, as in PostgreSQL itself)
  if (parts.length > 2 || (parts.length === 2 && parts[0] !== 'pg_catalog')) return custom;
  const name = parts[parts.length - 1]!;
  const mods = (tn.typmods ?? []).map(intMod);
  if (mods.some((m) => m === null)) return custom;
  const m = mods as number[];
  if (parts.length === 1 && SERIALS[name] && m.length === 0) return { type: SERIALS[name]!(), serial: true };
  if (m.length === 0 && PLAIN[name]) return { type: PLAIN[name]!(), serial: false };
  try {
    if (name === 'varchar' && m.length <= 1) return { type: t.string(m[0]), serial: false };
    if (name === 'numeric' && m.length <= 2) return { type: t.numeric(m[0], m[1]), serial: false };
  } catch {
    // a modifier the builders refuse (varchar(0)): PostgreSQL refuses it too; keep it as written
  }
  return custom;
}
