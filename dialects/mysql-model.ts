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
import { implicitIndex, isImplicitIndex } from '../src/model/state.js';

export interface IndexShape {
  readonly name: string;
  /** plain column names; null when a key part is an expression */
  readonly columns: readonly string[] | null;
  /** InnoDB made it for a foreign key (an index of the model marked implicit) */
  readonly implicit: boolean;
}

export interface ForeignKeyIndex {
  readonly name: string;
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

function plainColumns(ix: IndexState): readonly string[] | null {
  return ix.columns.every((c): c is string => typeof c === 'string') ? ix.columns : null;
}

/** The keys of the table's constraints: the primary key and unique constraints. */
function constraintKeys(table: TableState): IndexShape[] {
  const out: IndexShape[] = [];
  for (const c of table.constraints) {
    if (c.kind === 'primaryKey') out.push({ name: 'PRIMARY', columns: c.columns, implicit: false });
    else if (c.kind === 'unique' && c.name !== null) out.push({ name: c.name, columns: c.columns, implicit: false });
  }
  return out;
}

/** Every index of the table: the primary key, unique constraints, indexes (InnoDB's own for foreign keys among them). */
export function tableIndexes(table: TableState): IndexShape[] {
  return [...constraintKeys(table), ...table.indexes.map((ix) => ({ name: ix.name, columns: plainColumns(ix), implicit: isImplicitIndex(ix) }))];
}

/** An index serves a foreign key when the key's columns come first in it, in order. */
export function serves(index: readonly string[] | null, columns: readonly string[] | null): boolean {
  return index !== null && columns !== null && columns.length <= index.length && columns.every((c, i) => index[i] === c);
}

function foreignKeys(table: TableState): ForeignKeyState[] {
  return table.constraints.filter((c): c is ForeignKeyState => c.kind === 'foreignKey');
}

/**
 * The foreign keys InnoDB makes an index for: those no present index
 * serves, in the keys' order, less those another of them serves (of a key
 * on (a) and one on (a, b), InnoDB keeps the index on (a, b) only, as
 * MariaDB 10.11 shows).
 */
function keysNeedingIndexes(keys: readonly ForeignKeyState[], present: readonly (readonly string[] | null)[]): ForeignKeyState[] {
  const needed: ForeignKeyState[] = [];
  for (const fk of keys) {
    if (present.some((p) => serves(p, fk.columns)) || needed.some((n) => serves(n.columns, fk.columns))) continue;
    needed.push(fk);
  }
  return needed.filter((fk) => !needed.some((o) => o !== fk && serves(o.columns, fk.columns)));
}

/** InnoDB names its index after the constraint when the foreign key was named, else after its first column. */
function indexNameFor(fk: ForeignKeyState, taken: Set<string>): string {
  const name = fk.explicit && fk.name !== null ? fk.name : freeIndexName(fk.columns[0]!, taken);
  taken.add(name.toLowerCase());
  return name;
}

/**
 * The indexes InnoDB would make for foreign keys of the table that no index
 * of it serves, named as it names them. Empty for a table of the model once
 * an op is applied (settleForeignKeyIndexes records them); a table still
 * being built may have some.
 */
export function foreignKeyIndexes(table: TableState): ForeignKeyIndex[] {
  const present = tableIndexes(table);
  const taken = new Set(present.map((i) => i.name.toLowerCase()));
  return keysNeedingIndexes(foreignKeys(table), present.map((i) => i.columns)).map((fk) => ({ name: indexNameFor(fk, taken), columns: fk.columns, foreignKey: fk }));
}

/**
 * The indexes of `after` as InnoDB keeps them for foreign keys, once an op
 * changed `before` (undefined: a new table) into `after`:
 * - its own index (marked implicit) for each foreign key no index serves,
 *   named after the constraint or the key's first column;
 * - its own index goes when another index has the same first columns (it
 *   drops it by itself), and, in the model, with the last foreign key it
 *   served (the server keeps it, as Alembic's model does not either);
 * - a drop that would leave a foreign key of `before` without an index is
 *   refused by InnoDB, so the drop creates, in the same statement, the index
 *   InnoDB would have made (mysql-renderers.ts); made by hand, it is an
 *   ordinary index from then on (a later index serving the key does not
 *   replace it).
 */
export function settleForeignKeyIndexes(before: TableState | undefined, after: TableState): TableState {
  const keys = foreignKeys(after);
  const constraintKeyColumns = constraintKeys(after).map((k) => k.columns);
  // the model lets InnoDB's index go with the foreign keys it served
  let indexes = after.indexes.filter((ix) => !isImplicitIndex(ix) || keys.some((fk) => serves(plainColumns(ix), fk.columns)));
  const needed = keysNeedingIndexes(keys, [...constraintKeyColumns, ...indexes.map(plainColumns)]);
  // InnoDB drops its own index when another one (or one made now) has its columns first
  const others = [...constraintKeyColumns, ...indexes.filter((ix) => !isImplicitIndex(ix)).map(plainColumns), ...needed.map((fk) => fk.columns)];
  indexes = indexes.filter((ix) => !isImplicitIndex(ix) || !others.some((o) => serves(o, plainColumns(ix))));
  if (needed.length === 0 && indexes.length === after.indexes.length) return after;
  const taken = new Set([...constraintKeys(after), ...indexes].map((i) => i.name.toLowerCase()));
  const existed = (fk: ForeignKeyState): boolean =>
    before !== undefined && before.constraints.some((c) => c === fk || (c.kind === 'foreignKey' && c.name !== null && c.name === fk.name));
  const made = needed.map((fk): IndexState => {
    const name = indexNameFor(fk, taken);
    return existed(fk) ? { name, columns: [...fk.columns], unique: false } : implicitIndex(name, fk.columns);
  });
  return { ...after, indexes: [...indexes, ...made] };
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
          // InnoDB's own foreign-key index that the new one serves is dropped, so its name is free again
          const taken = new Set<string>();
          for (const ix of tableIndexes(table)) if (!(ix.implicit && serves(columns, ix.columns))) taken.add(ix.name.toLowerCase());
          // a table still being built: the indexes InnoDB makes for its foreign keys so far
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
    settleForeignKeyIndexes,
    renamedConstraintName(c, oldTable, newTable) {
      if (c.name === null) return null;
      const prefix = c.kind === 'foreignKey' ? '_ibfk_' : c.kind === 'check' && flavour.renamesChecks ? '_chk_' : null;
      if (prefix === null || !c.name.startsWith(oldTable + prefix)) return c.name;
      return newTable + c.name.slice(oldTable.length);
    },
  };
}
