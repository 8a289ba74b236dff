/**
 * PostgreSQL column types in raw DDL back to the generic kinds (where the
 * type is exactly what the kind renders as), or kept as written.
 */
import { beforeAll, expect, it } from 'vitest';
import type { DdlParser } from '../../src/model/ddl/index.js';
import { postgresqlDdlParser } from '../../dialects/ddl/postgresql.js';
import { t } from '../../src/record/builders.js';

let parse: DdlParser;
beforeAll(async () => {
  parse = await postgresqlDdlParser();
});

it.each([
  ['integer', t.integer()],
  ['int', t.integer()],
  ['int4', t.integer()],
  ['bigint', t.bigInteger()],
  ['int8', t.bigInteger()],
  ['smallint', t.smallInteger()],
  ['boolean', t.boolean()],
  ['bool', t.boolean()],
  ['varchar(30)', t.string(30)],
  ['character varying(30)', t.string(30)],
  ['varchar', t.string()],
  ['text', t.text()],
  ['date', t.date()],
  ['timestamp', t.dateTime()],
  ['timestamp without time zone', t.dateTime()],
  ['timestamptz', t.dateTime({ timezone: true })],
  ['timestamp with time zone', t.dateTime({ timezone: true })],
  ['time', t.time()],
  ['timetz', t.time({ timezone: true })],
  ['interval', t.interval()],
  ['numeric', t.numeric()],
  ['numeric(10)', t.numeric(10)],
  ['decimal(10, 2)', t.numeric(10, 2)],
  ['double precision', t.float()],
  ['real', t.float(24)],
  ['bytea', t.largeBinary()],
  ['json', t.json()],
  ['uuid', t.uuid()],
  // not a generic kind: kept as written
  ['jsonb', t.custom('jsonb')],
  ['timestamp(3)', t.custom('timestamp(3)')],
  ['interval day', t.custom('interval day')],
  ['char(3)', t.custom('char(3)')],
  ['text[]', t.custom('text[]')],
  ['integer ARRAY', t.custom('integer ARRAY')],
  ['citext', t.custom('citext')],
  ['"MyType"', t.custom('"MyType"')],
  ['public.mytype', t.custom('public.mytype')],
  ['varchar(10) COLLATE "C"', t.custom('varchar(10) COLLATE "C"')],
])('type %s', (written, type) => {
  const r = parse(`CREATE TABLE x (c ${written} NOT NULL)`);
  expect(r.warnings).toEqual([]);
  const op = r.ops[0]!;
  expect(op.kind === 'createTable' ? op.items[0] : null).toMatchObject({ kind: 'column', name: 'c', type, nullable: false });
});

