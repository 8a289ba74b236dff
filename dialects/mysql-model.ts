/**
 * What MySQL and MariaDB do by themselves, for the schema model: the names
 * they give unnamed constraints, the renames RENAME TABLE does, and the
 * indexes InnoDB keeps for foreign keys.
 *
 * Verified on MariaDB 10.11 (information_schema.table_constraints, SHOW
 * CREATE TABLE); MySQL from its manual:
 * - foreign key: `<table>_ibfk_<n>`, n one more than the highest such n on
 *   the table; RENAME TABLE renames names starting `<old>_ibfk_`
 *   https://dev.mysql.com/doc/refman/8.0/en/create-table-foreign-keys.html
 *   https://dev.mysql.com/doc/refman/8.0/en/rename-table.html
 * - unique: an index named after its first column (`email`, `email_2`, ...)
 *   https://dev.mysql.com/doc/refman/8.0/en/create-table.html (index_name)
 * - primary key: always `PRIMARY`
 * - check, MySQL 8: `<table>_chk_<n>` (the highest n plus one), renamed with
 *   the table like foreign keys
 *   https://dev.mysql.com/doc/refman/8.0/en/create-table-check-constraints.html
 * - check, MariaDB: a column's own CHECK is named after the column, a table
 *   CHECK `CONSTRAINT_<n>` with the lowest n not in use; not renamed
 *   https://mariadb.com/kb/en/constraint/
 * - InnoDB needs an index whose first columns are a foreign key's columns;
 *   when none exists it creates one, named after the constraint when the
 *   foreign key was named, else after its first column, and drops it when
 *   another index takes over.
 *   https://dev.mysql.com/doc/refman/8.0/en/constraint-foreign-key.html
 */
import type { ModelDialect } from '../src/model/schema.js';
import type { ConstraintState, ForeignKeyState, IndexState, TableState } from '../src/model/state.js';

export interface IndexShape {
  readonly name: string;
  /** plain column names; null when a key part is an expression */
  readonly columns: readonly string[] | null;
}

export interface ForeignKeyIndex extends IndexShape {
  readonly columns: readonly string[];
  readonly foreignKey: ForeignKeyState;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The highest n of names `<prefix><n>` among these names (0 when none). */
function highestSuffix(names: readonly string[], prefix: string): number {
  const re = new RegExp(`^${escapeRegExp(prefix)}(\\d+)$`);
  let max = 0;
  for (const n of names) {
    const m = re.exec(n);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return max;
}

/** `base`, else `base_2`, `base_3`, ... (index names compare case-insensitively). */
export function freeIndexName(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base.toLowerCase()) && base.toLowerCase() !== 'primary') return base;
  for (let i = 2; ; i++) {
    const name = `${base}_${i}`;
    if (!taken.has(name.toLowerCase())) return name;
  }
}

/** The indexes a table has by its own definition: the primary key, unique constraints, indexes. */
export function userIndexes(table: TableState): IndexShape[] {
  const out: IndexShape[] = [];
  for (const c of table.constraints) {
    if (c.kind === 'primaryKey') out.push({ name: 'PRIMARY', columns: c.columns });
    else if (c.kind === 'unique' && c.name !== null) out.push({ name: c.name, columns: c.columns });
  }
  for (const ix of table.indexes) {
    out.push({ name: ix.name, columns: ix.columns.every((c): c is string => typeof c === 'string') ? ix.columns : null });
  }
  return out;
}

/** An index serves a foreign key when the key's columns come first in it, in order. */
export function serves(index: readonly string[] | null, columns: readonly string[]): boolean {
  return index !== null && columns.length <= index.length && columns.every((c, i) => index[i] === c);
}

/** The indexes InnoDB keeps for foreign keys no index of the table serves. */
export function foreignKeyIndexes(table: TableState): ForeignKeyIndex[] {
  const own = userIndexes(table);
  const taken = new Set(own.map((i) => i.name.toLowerCase()));
  const out: ForeignKeyIndex[] = [];
  for (const c of table.constraints) {
    if (c.kind !== 'foreignKey') continue;
    if (own.some((i) => serves(i.columns, c.columns)) || out.some((i) => serves(i.columns, c.columns))) continue;
    const name = c.explicit && c.name !== null ? c.name : freeIndexName(c.columns[0]!, taken);
    taken.add(name.toLowerCase());
    out.push({ name, columns: c.columns, foreignKey: c });
  }
  return out;
}

/**
 * The indexes a drop must create so InnoDB lets it remove an index a
 * foreign key still needs: one for each foreign key of `after` that an
 * index of `before` served but none of `after` does, named as InnoDB would
 * name its own. Created by the statement, they are ordinary indexes from
 * then on (a later index serving the key does not replace them), so the
 * model keeps them as indexes of the table.
 */
export function indexesToKeep(before: TableState, after: TableState): IndexState[] {
  const had = foreignKeyIndexes(before);
  return foreignKeyIndexes(after)
    .filter((ix) => !had.some((h) => h.foreignKey.name === ix.foreignKey.name))
    .map((ix) => ({ name: ix.name, columns: ix.columns, unique: false }));
}

function constraintNames(table: TableState, kind: ConstraintState['kind']): string[] {
  return table.constraints.filter((c) => c.kind === kind && c.name !== null).map((c) => c.name!);
}

export interface ModelFlavour {
  /** how unnamed CHECKs are named */
  readonly checkNames: 'table_chk_n' | 'column_or_constraint_n';
  /** RENAME TABLE renames `<old>_chk_` names too (MySQL 8) */
  readonly renamesChecks: boolean;
}

export function mysqlFamilyModel(flavour: ModelFlavour): ModelDialect {
  return {
    enumTypes: false,
    uniqueIsIndex: true,
    implicitConstraintName(kind, table, columns, _taken, context) {
      switch (kind) {
        case 'primaryKey':
          return 'PRIMARY';
        case 'foreignKey':
          return `${table.name}_ibfk_${highestSuffix(constraintNames(table, 'foreignKey'), `${table.name}_ibfk_`) + 1}`;
        case 'unique': {
          // an implicit foreign-key index the new one serves is dropped, so its name is free again
          const taken = new Set(userIndexes(table).map((i) => i.name.toLowerCase()));
          for (const ix of foreignKeyIndexes(table)) if (!serves(columns, ix.columns)) taken.add(ix.name.toLowerCase());
          return freeIndexName(columns[0] ?? 'key', taken);
        }
        case 'check': {
          const checks = constraintNames(table, 'check');
          if (flavour.checkNames === 'table_chk_n') return `${table.name}_chk_${highestSuffix(checks, `${table.name}_chk_`) + 1}`;
          if (context?.inlineColumn !== undefined) return context.inlineColumn;
          const used = new Set(checks.map((n) => n.toLowerCase()));
          for (let n = 1; ; n++) if (!used.has(`constraint_${n}`)) return `CONSTRAINT_${n}`;
        }
      }
    },
    indexesForForeignKeys: indexesToKeep,
    renamedConstraintName(c, oldTable, newTable) {
      if (c.name === null) return null;
      const prefix = c.kind === 'foreignKey' ? '_ibfk_' : c.kind === 'check' && flavour.renamesChecks ? '_chk_' : null;
      if (prefix === null || !c.name.startsWith(oldTable + prefix)) return c.name;
      return newTable + c.name.slice(oldTable.length);
    },
  };
}
