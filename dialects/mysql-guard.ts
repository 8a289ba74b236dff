/**
 * The version guard for MySQL and MariaDB. Neither has anonymous blocks
 * outside stored programs (MariaDB's BEGIN NOT ATOMIC needs the client's
 * DELIMITER command), so the guard is one plain statement that fails when
 * the version table does not hold exactly the expected revisions:
 *
 *   SET SESSION sql_buffer_result = (SELECT IF(<rows match>, <its current value>, '<message>') FROM <version table>)
 *
 * When the rows match, the session setting is set to the value it already
 * has; otherwise the server rejects the message as a value for the boolean
 * setting, error 1231 "Variable 'sql_buffer_result' can't be set to the
 * value of 'gensql: ...'", and the mysql client stops at the first error
 * (without --force), before any change. The message (up to 200 characters
 * in the error) names the expected and the actual revisions.
 * https://dev.mysql.com/doc/refman/8.0/en/server-system-variables.html#sysvar_sql_buffer_result
 * https://mariadb.com/kb/en/server-system-variables/#sql_buffer_result
 *
 * From base the version table is created first (profile
 * guardAfterVersionTable), so the guard finds it and requires it empty; for
 * any other start a missing table fails the statement too ("Table ...
 * doesn't exist").
 *
 * Rows compare byte for byte (revision ids are case-sensitive, the
 * table's default collation may not be), sorted the way the expected list
 * is sorted (ids are ASCII letters, digits and underscores).
 */
import type { Renderer } from '../src/emit/dialect.js';

export const versionGuard: Renderer<'versionGuard'> = (op, { sql, versionTable }) => {
  const table = sql.qualified(versionTable.name, versionTable.schema);
  const rows = `GROUP_CONCAT(version_num ORDER BY CAST(version_num AS BINARY) SEPARATOR ',')`;
  const expected = op.expected.join(',');
  const must = op.expected.length ? `must hold exactly ${expected}` : 'must hold no revision';
  const message = sql.literal(`gensql: ${op.purpose}: the version table ${versionTable.name} ${must}, but holds `);
  return [
    {
      sql:
        'SET SESSION sql_buffer_result = (\n' +
        '    SELECT IF(\n' +
        `        CAST(COALESCE(${rows}, '') AS BINARY) = CAST(${sql.literal(expected)} AS BINARY),\n` +
        "        IF(@@session.sql_buffer_result, 'ON', 'OFF'),\n" +
        `        CONCAT(${message}, COALESCE(${rows}, 'no revision'))\n` +
        '    )\n' +
        `    FROM ${table}\n` +
        ')',
    },
  ];
};
