/**
 * A SQLite schema read back in one query: tables, columns (declared type,
 * NOT NULL, default, primary-key position), indexes (named ones by name,
 * the automatic ones of UNIQUE and PRIMARY KEY by their columns, since
 * SQLite numbers those by creation order), foreign keys, views and
 * triggers. A table rebuilt by a batch operation reads back the same when
 * its structure is the same, whatever its CREATE TABLE text looks like.
 * CHECK constraints are not in SQLite's catalog, except as text: not compared.
 */
import { snapshotFromRows, type SchemaSnapshot } from './snapshot.js';

const USER_TABLES = `m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'`;

export const SQLITE_SNAPSHOT_SQL = `
SELECT 'table ' || m.name AS k, 'table' AS v FROM sqlite_master m WHERE ${USER_TABLES}
UNION ALL
SELECT 'column ' || m.name || '.' || p.name,
       p.type || CASE WHEN p."notnull" THEN ' NOT NULL' ELSE ' NULL' END
       || coalesce(' DEFAULT ' || p.dflt_value, '') || CASE WHEN p.pk > 0 THEN ' PRIMARY KEY ' || p.pk ELSE '' END
  FROM sqlite_master m, pragma_table_info(m.name) p WHERE ${USER_TABLES}
UNION ALL
SELECT CASE WHEN il.origin = 'c' THEN 'index ' || il.name
            ELSE 'index ' || m.name || '(' || (SELECT group_concat(ii.name, ', ') FROM pragma_index_info(il.name) ii) || ')' END,
       CASE WHEN il."unique" THEN 'UNIQUE ' ELSE '' END
       || CASE il.origin WHEN 'pk' THEN 'PRIMARY KEY' WHEN 'u' THEN 'UNIQUE constraint' ELSE 'INDEX' END
       || ' ON ' || m.name || ' (' || (SELECT group_concat(coalesce(ii.name, '<expression>'), ', ') FROM pragma_index_xinfo(il.name) ii WHERE ii.key) || ')'
       || CASE WHEN il.partial THEN ' WHERE ' || coalesce((SELECT substr(x.sql, instr(upper(x.sql), ' WHERE ') + 7) FROM sqlite_master x WHERE x.name = il.name), '?') ELSE '' END
  FROM sqlite_master m, pragma_index_list(m.name) il WHERE ${USER_TABLES}
UNION ALL
SELECT 'foreign key ' || m.name || '(' || group_concat(f."from", ', ') || ')',
       'REFERENCES ' || f."table" || '(' || group_concat(coalesce(f."to", '?'), ', ') || ') ON UPDATE ' || f.on_update || ' ON DELETE ' || f.on_delete
  FROM sqlite_master m, pragma_foreign_key_list(m.name) f WHERE ${USER_TABLES}
 GROUP BY m.name, f.id
UNION ALL
SELECT m.type || ' ' || m.name, m.sql FROM sqlite_master m WHERE m.type IN ('view', 'trigger')
`;

export function sqliteSnapshot(rows: readonly (readonly unknown[])[]): SchemaSnapshot {
  return snapshotFromRows(rows.map((r) => [String(r[0]), r[1] === null ? '' : String(r[1])] as const));
}
