/**
 * The renderers MySQL and MariaDB need instead of the standard ones.
 *
 * - Column changes restate the whole column from the schema model:
 *   `MODIFY c <definition>`, `CHANGE old new <definition>`; a rename alone
 *   is `RENAME COLUMN` (MySQL 8.0, MariaDB 10.5), a literal default alone
 *   `ALTER COLUMN c SET DEFAULT` / `DROP DEFAULT`.
 *   https://dev.mysql.com/doc/refman/8.0/en/alter-table.html
 * - Constraints drop with MySQL's own clauses: DROP FOREIGN KEY, DROP INDEX,
 *   DROP PRIMARY KEY, DROP CHECK (MySQL) / DROP CONSTRAINT (MariaDB).
 * - InnoDB refuses to drop the last index a foreign key can use; such a
 *   drop re-creates, in the same statement, the index InnoDB itself would
 *   have made for the foreign key (see mysql-model.ts).
 * - DDL commits at once, so nothing here relies on a transaction.
 */
import { modelError } from '../src/errors.js';
import type { RenderContext, Renderer, Renderers, Statement } from '../src/emit/dialect.js';
import { unsupported } from '../src/emit/dialect.js';
import { standardRenderers } from '../src/emit/renderers/index.js';
import { referencedColumns } from '../src/model/columns.js';
import type { ConstraintState, TableState } from '../src/model/state.js';
import { findColumn, isImplicitIndex } from '../src/model/state.js';
import type { MySqlFamilySql } from './mysql-sql.js';
import { versionGuard } from './mysql-guard.js';

function need<T>(v: T | undefined, what: string): T {
  if (v === undefined) throw modelError(`internal: the schema model gave no ${what}`);
  return v;
}

/** Checks whose condition uses the column (a column's own CHECK included). */
function checksUsing(table: TableState, column: string): ConstraintState[] {
  return table.constraints.filter(
    (c) => c.kind === 'check' && (c.column === column || referencedColumns(c.condition, table).includes(column)),
  );
}

export function mysqlFamilyRenderers(sql: MySqlFamilySql): Partial<Renderers> {
  const { flavour } = sql;
  const name = flavour.name;

  /**
   * `ADD INDEX` for the indexes a drop leaves in the model that were not
   * there before: the ones InnoDB needs for foreign keys (mysql-model.ts).
   * Made by hand they stay when a later index serves the key, unlike
   * InnoDB's own, so after a downgrade and an upgrade the database may
   * already hold one: MariaDB's IF NOT EXISTS takes both states (MySQL 8
   * has no such clause). Not for a name the same statement drops: no other
   * index can have it, and IF NOT EXISTS would see the one being dropped,
   * skip the ADD, and leave the DROP refused (MariaDB 10.11, error 1553).
   */
  const keepIndexes = (before: TableState, after: TableState, dropping: readonly string[]): string[] =>
    after.indexes
      .filter((ix) => !before.indexes.includes(ix) && !isImplicitIndex(ix))
      .map((ix) => {
        const ifNotExists = flavour.indexIfExists && !dropping.some((n) => n.toLowerCase() === ix.name.toLowerCase());
        return `ADD INDEX ${ifNotExists ? 'IF NOT EXISTS ' : ''}${sql.ident(ix.name)} (${ix.columns.map((c) => sql.indexColumn(c)).join(', ')})`;
      });

  /**
   * The clause that drops a constraint of `table`. MariaDB cannot DROP
   * CONSTRAINT a column's own CHECK: it is part of the column definition,
   * so the column is restated without it.
   */
  const dropConstraintClause = (c: ConstraintState, table: TableState): string => {
    switch (c.kind) {
      case 'foreignKey':
        return `DROP FOREIGN KEY ${sql.ident(c.name!)}`;
      case 'primaryKey':
        return 'DROP PRIMARY KEY';
      case 'unique':
        return `DROP INDEX ${sql.ident(c.name!)}`;
      case 'check': {
        const column = c.column !== undefined && sql.isInlineCheck(c) ? findColumn(table, c.column) : undefined;
        if (!column) return `DROP ${flavour.dropCheck} ${sql.ident(c.name!)}`;
        const without: TableState = { ...table, constraints: table.constraints.filter((k) => k !== c) };
        return `MODIFY ${sql.ident(column.name)} ${sql.definition(column, without, true)}`;
      }
    }
  };

  const alter = (table: TableState, clauses: readonly string[]): Statement => ({ sql: `ALTER TABLE ${sql.table(table)} ${clauses.join(', ')}` });

  /**
   * Both servers reject a SET NULL action on a NOT NULL column, a CHECK
   * that reads an AUTO_INCREMENT column, or a
   * column a foreign key's action changes (ON UPDATE CASCADE / SET NULL,
   * ON DELETE SET NULL; ON DELETE CASCADE removes the row and is allowed,
   * as MariaDB 10.11 shows); say so before any SQL runs.
   * https://dev.mysql.com/doc/refman/8.0/en/create-table-check-constraints.html
   */
  const refuseConflicts = (table: TableState): void => {
    for (const fk of table.constraints) {
      if (fk.kind !== 'foreignKey' || (fk.onDelete !== 'SET NULL' && fk.onUpdate !== 'SET NULL')) continue;
      const notNull = fk.columns.find((col) => findColumn(table, col)?.nullable === false);
      // InnoDB: errno 150 "Foreign key constraint is incorrectly formed", or error 1830 on a later NOT NULL
      if (notNull) unsupported(`${name} cannot have ${table.name}.${notNull} NOT NULL: the SET NULL action of foreign key ${fk.name} needs it nullable`);
    }
    for (const c of table.constraints) {
      if (c.kind !== 'check') continue;
      const used = c.column !== undefined ? [c.column, ...referencedColumns(c.condition, table)] : referencedColumns(c.condition, table);
      const auto = table.columns.find((col) => (col.autoincrement || col.identity !== undefined) && used.includes(col.name));
      if (auto) unsupported(`${name} does not allow a CHECK on the AUTO_INCREMENT column ${table.name}.${auto.name}`);
      const changes = (k: ConstraintState): boolean =>
        k.kind === 'foreignKey' && (k.onDelete === 'SET NULL' || k.onUpdate === 'CASCADE' || k.onUpdate === 'SET NULL') && k.columns.some((col) => used.includes(col));
      const fk = table.constraints.find(changes);
      if (fk) unsupported(`${name} does not allow a CHECK (${c.name}) on a column that the action of foreign key ${fk.name} changes`);
    }
  };

  const createTable: Renderer<'createTable'> = (op, ctx) => {
    const table = need(ctx.info.tableAfter, 'table');
    refuseConflicts(table);
    const lines = table.columns.map((c) => sql.columnSpec(c, table, { inCreate: true }));
    for (const c of table.constraints) {
      if (c.kind === 'check' && sql.isInlineCheck(c)) continue;
      lines.push(sql.constraintSpec(c, table));
    }
    const opts = sql.tableOptions(table);
    const out: Statement[] = [{ sql: `CREATE TABLE ${op.ifNotExists ? 'IF NOT EXISTS ' : ''}${sql.table(table)} (\n    ${lines.join(',\n    ')}\n)${opts}` }];
    // InnoDB makes its own foreign-key indexes
    for (const ix of table.indexes) if (!isImplicitIndex(ix)) out.push({ sql: sql.createIndex(ix, table) });
    return out;
  };

  const addColumn: Renderer<'addColumn'> = (_op, ctx) => {
    const before = need(ctx.info.tableBefore, 'table');
    const table = need(ctx.info.tableAfter, 'table');
    const column = need(ctx.info.columnAfter, 'column');
    refuseConflicts(table);
    const out: Statement[] = [alter(table, [`ADD COLUMN ${sql.columnSpec(column, table, { inCreate: false })}`])];
    for (const c of table.constraints) {
      if (before.constraints.includes(c) || (c.kind === 'check' && sql.isInlineCheck(c))) continue;
      out.push(alter(table, [`ADD ${sql.constraintSpec(c, table)}`]));
    }
    for (const ix of table.indexes) if (!before.indexes.includes(ix) && !isImplicitIndex(ix)) out.push({ sql: sql.createIndex(ix, table) });
    if (column.identity?.start !== undefined) out.push(alter(table, [`AUTO_INCREMENT=${column.identity.start}`]));
    return out;
  };

  /**
   * One statement: the constraints and indexes the column takes with it
   * first (MySQL refuses to drop a column a foreign key or a multi-column
   * key still uses), then the column. A CHECK of the table or of another
   * column that reads it is refused, as the servers refuse it (the model
   * keeps such checks; dropping them silently would lose a rule).
   */
  const dropColumn: Renderer<'dropColumn'> = (op, ctx) => {
    const before = need(ctx.info.tableBefore, 'table');
    const after = need(ctx.info.tableAfter, 'table');
    const dropped = ctx.info.dropped ?? { constraints: [], indexes: [] };
    const clauses: string[] = [];
    for (const c of dropped.constraints) {
      // a key on this column alone, or MariaDB's own CHECK of the column, goes with it anyway
      if (c.kind !== 'check' && c.kind !== 'foreignKey' && c.columns.length === 1) continue;
      if (c.kind === 'check' && c.column === op.column && sql.isInlineCheck(c)) continue;
      clauses.push(dropConstraintClause(c, before));
    }
    const reading = checksUsing(before, op.column).filter((c) => !dropped.constraints.includes(c));
    if (reading.length > 0) {
      unsupported(`${name} cannot drop ${before.name}.${op.column}: CHECK ${reading.map((c) => c.name).join(', ')} uses it; drop the check first`);
    }
    // InnoDB's own index for a foreign key is never written: the server keeps what is left of it, as on DROP FOREIGN KEY
    for (const ix of dropped.indexes) if (ix.columns.length > 1 && !isImplicitIndex(ix)) clauses.push(`DROP INDEX ${sql.ident(ix.name)}`);
    // the indexes over the column go with it, listed or not
    const gone = [...dropped.constraints.flatMap((c) => (c.kind === 'unique' && c.name !== null ? [c.name] : c.kind === 'primaryKey' ? ['PRIMARY'] : [])), ...dropped.indexes.map((ix) => ix.name)];
    clauses.push(`DROP COLUMN ${sql.ident(op.column)}`, ...keepIndexes(before, after, gone));
    return [alter(before, clauses)];
  };

  /** MySQL refuses to change the type of a column a foreign key uses, on either side. */
  const refuseForeignKeyTypeChange = (ctx: RenderContext, table: TableState, column: string): void => {
    const local = table.constraints.find((c) => c.kind === 'foreignKey' && c.columns.includes(column));
    const remote = ctx.model
      .allTables()
      .flatMap((t) => t.constraints.map((c) => ({ t, c })))
      .find(({ t, c }) => c.kind === 'foreignKey' && c.refTable === table.name && (c.refSchema ?? t.schema) === table.schema && c.refColumns.includes(column));
    const fk = local?.name ?? (remote ? `${remote.c.name} of ${remote.t.name}` : null);
    if (fk !== null) {
      unsupported(`${name} cannot change the type of ${table.name}.${column}: foreign key ${fk} uses it; drop the foreign key first and create it again after`);
    }
  };

  const alterColumn: Renderer<'alterColumn'> = (op, ctx) => {
    const table = need(ctx.info.tableBefore, 'table');
    const tableAfter = need(ctx.info.tableAfter, 'table');
    const before = need(ctx.info.columnBefore, 'column');
    const after = need(ctx.info.columnAfter, 'column');
    const t = sql.table(table);
    const c = sql.ident(op.column);
    const renamed = op.newColumnName !== undefined && op.newColumnName !== op.column;
    const redefined = op.type !== undefined || op.nullable !== undefined || op.comment !== undefined;
    if (op.nullable === false) refuseConflicts(tableAfter);
    if (op.type !== undefined && sql.type(op.type, after) !== sql.type(before.type, before)) refuseForeignKeyTypeChange(ctx, table, op.column);
    if (renamed && !flavour.columnLevelChecks && checksUsing(table, op.column).length > 0) {
      // https://dev.mysql.com/doc/refman/8.0/en/create-table-check-constraints.html
      unsupported(`MySQL cannot rename ${table.name}.${op.column}: a CHECK constraint uses it (error 3959); drop the check first and create it again after`);
    }
    if (!renamed && !redefined) {
      if (op.serverDefault === undefined) return [];
      if (op.serverDefault === null) return [{ sql: `ALTER TABLE ${t} ALTER COLUMN ${c} DROP DEFAULT` }];
      // SET DEFAULT takes a literal; an expression default needs the column restated
      if (sql.isLiteralDefault(op.serverDefault)) return [{ sql: `ALTER TABLE ${t} ALTER COLUMN ${c} SET DEFAULT ${sql.defaultValue(op.serverDefault, after)}` }];
      return [{ sql: `ALTER TABLE ${t} MODIFY ${c} ${sql.definition(after, tableAfter, true)}` }];
    }
    if (!renamed) return [{ sql: `ALTER TABLE ${t} MODIFY ${c} ${sql.definition(after, tableAfter, true)}` }];
    const to = sql.ident(after.name);
    // a rename alone is a CHANGE restating the whole column from the model too, as Alembic writes it (and the spec asks)
    const own = table.constraints.find((k) => k.kind === 'check' && k.column === op.column && sql.isInlineCheck(k));
    if (own) {
      // MariaDB: CHANGE would restate the column's CHECK with its old text under the new name; keep it apart
      return [
        { sql: `ALTER TABLE ${t} MODIFY ${c} ${sql.definition({ ...after, name: op.column }, table, true)}` },
        { sql: `ALTER TABLE ${t} RENAME COLUMN ${c} TO ${to}` },
      ];
    }
    return [{ sql: `ALTER TABLE ${t} CHANGE ${c} ${to} ${sql.definition(after, tableAfter, true)}` }];
  };

  const renameTable: Renderer<'renameTable'> = (op) => [
    // the schema stays on the new name, or MySQL moves the table to the current database
    { sql: `ALTER TABLE ${sql.qualified(op.table, op.schema)} RENAME TO ${sql.qualified(op.newName, op.schema)}` },
  ];

  const dropIndex: Renderer<'dropIndex'> = (op, ctx) => {
    const before = ctx.info.tableBefore;
    const tableName = before?.name ?? op.table;
    if (tableName === undefined) unsupported(`${name} drops an index of a table: give dropIndex its table`);
    if (op.ifExists && !flavour.indexIfExists) unsupported(`${name} has no DROP INDEX IF EXISTS`);
    const t = sql.qualified(tableName, before?.schema ?? op.schema);
    const lock = op.concurrently ? ' LOCK=NONE' : '';
    const keep = before && ctx.info.tableAfter ? keepIndexes(before, ctx.info.tableAfter, [op.name]) : [];
    if (keep.length > 0) return [{ sql: `ALTER TABLE ${t} DROP INDEX ${sql.ident(op.name)}, ${keep.join(', ')}${lock ? `,${lock}` : ''}` }];
    return [{ sql: `DROP INDEX ${op.ifExists ? 'IF EXISTS ' : ''}${sql.ident(op.name)} ON ${t}${lock}` }];
  };

  const dropConstraint: Renderer<'dropConstraint'> = (_op, ctx) => {
    const before = need(ctx.info.tableBefore, 'table');
    const after = need(ctx.info.tableAfter, 'table');
    const c = need(ctx.info.constraint, 'constraint');
    if (c.kind === 'primaryKey') {
      const auto = c.columns.map((n) => findColumn(before, n)).find((col) => col?.autoincrement || col?.identity);
      // https://dev.mysql.com/doc/refman/8.0/en/example-auto-increment.html
      if (auto) unsupported(`${name} cannot drop the primary key of ${before.name}: its AUTO_INCREMENT column ${auto.name} must stay a key`);
    }
    const gone = c.kind === 'unique' && c.name !== null ? [c.name] : c.kind === 'primaryKey' ? ['PRIMARY'] : [];
    return [alter(before, [dropConstraintClause(c, before), ...keepIndexes(before, after, gone)])];
  };

  const createCheckConstraint: Renderer<'createCheckConstraint'> = (op, ctx) => {
    refuseConflicts(need(ctx.info.tableAfter, 'table'));
    return standardRenderers.createCheckConstraint(op, ctx);
  };

  const createForeignKey: Renderer<'createForeignKey'> = (op, ctx) => {
    refuseConflicts(need(ctx.info.tableAfter, 'table'));
    return standardRenderers.createForeignKey(op, ctx);
  };

  const createSequence: Renderer<'createSequence'> = (op, ctx) =>
    flavour.sequences ? standardRenderers.createSequence(op, ctx) : unsupported('MySQL has no sequences (use an AUTO_INCREMENT column)');
  const dropSequence: Renderer<'dropSequence'> = (op, ctx) =>
    flavour.sequences ? standardRenderers.dropSequence(op, ctx) : unsupported('MySQL has no sequences (use an AUTO_INCREMENT column)');

  const batchAlterTable: Renderer<'batchAlterTable'> = (op, ctx) => {
    if (op.recreate === 'always') {
      unsupported(
        `recreate: 'always' would copy ${op.table} into a new table, drop it and rename the copy; ${name} does every ALTER in place, ` +
          'and its DDL commits statement by statement, so a failure half-way would leave the data in the copy; ' +
          "foreign keys of other tables would also block the DROP. Use recreate: 'auto'",
      );
    }
    return standardRenderers.batchAlterTable(op, ctx);
  };

  return {
    createTable,
    addColumn,
    dropColumn,
    alterColumn,
    renameTable,
    dropIndex,
    dropConstraint,
    createCheckConstraint,
    createForeignKey,
    createSequence,
    dropSequence,
    batchAlterTable,
    versionGuard,
  };
}
