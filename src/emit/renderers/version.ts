/**
 * Version-table bookkeeping in Alembic's shapes, through the same quoting
 * and literal rules as everything else.
 */
import type { Renderer } from '../dialect.js';
import type { StandardSql } from '../sql.js';

export function versionTableName(sql: StandardSql, vt: { name: string; schema?: string }): string {
  return sql.qualified(vt.name, vt.schema);
}

export const versionTableCreate: Renderer<'versionTableCreate'> = (_op, { sql, versionTable }) => [
  {
    sql:
      `CREATE TABLE IF NOT EXISTS ${versionTableName(sql, versionTable)} (\n` +
      `    version_num ${sql.type({ kind: 'string', length: 32 })} NOT NULL,\n` +
      `    CONSTRAINT ${sql.ident(`${versionTable.name}_pkc`)} PRIMARY KEY (version_num)\n)`,
  },
];

export const versionInsert: Renderer<'versionInsert'> = (op, { sql, versionTable }) => [
  { sql: `INSERT INTO ${versionTableName(sql, versionTable)} (version_num) VALUES (${sql.literal(op.rev)})` },
];

export const versionUpdate: Renderer<'versionUpdate'> = (op, { sql, versionTable }) => {
  const t = versionTableName(sql, versionTable);
  return [{ sql: `UPDATE ${t} SET version_num=${sql.literal(op.to)} WHERE ${t}.version_num = ${sql.literal(op.from)}` }];
};

export const versionDelete: Renderer<'versionDelete'> = (op, { sql, versionTable }) => {
  const t = versionTableName(sql, versionTable);
  return [{ sql: `DELETE FROM ${t} WHERE ${t}.version_num = ${sql.literal(op.rev)}` }];
};
