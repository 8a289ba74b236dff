/**
 * The store behind the schema model: tables, enum types and sequences by
 * qualified name. Mutable as a whole, but every table value is immutable, so
 * `snapshot()` is cheap and renderers can keep before/after states.
 */
import { modelError } from '../errors.js';
import type { ConstraintState, EnumState, SequenceState, TableState } from './state.js';
import { isImplicitIndex, tableKey } from './state.js';
import type { NamingConvention } from './naming.js';

export type ImplicitConstraintKind = 'primaryKey' | 'unique' | 'foreignKey' | 'check';

/** Dialect facts the model needs; supplied by `dialects/`. */
export interface ModelDialect {
  /**
   * The name the database gives an unnamed constraint (PostgreSQL
   * `<table>_pkey`, MySQL `<table>_ibfk_<n>`, ...), or null when it cannot be
   * known offline. `table` is the table before the constraint is added.
   */
  implicitConstraintName(
    kind: ImplicitConstraintKind,
    table: TableState,
    columns: readonly string[],
    taken: (name: string) => boolean,
    /** what else is known: a column's own inline CHECK names that column (MariaDB names the check after it) */
    context?: { readonly inlineColumn?: string },
  ): string | null;
  /**
   * The name a constraint has after its table is renamed (MySQL renames
   * `<old>_ibfk_<n>` to `<new>_ibfk_<n>`). Without it, names stay as they are.
   */
  renamedConstraintName?(c: ConstraintState, oldTable: string, newTable: string): string | null;
  /**
   * The indexes of `after` as the database keeps them for foreign keys, once
   * an op changed `before` (undefined: a new table) into `after`. InnoDB
   * makes an index for a foreign key no index serves (marked implicit, see
   * IMPLICIT_INDEX in state.ts) and drops it when another index takes over;
   * and since it refuses a drop (of an index, a constraint or a column) that
   * leaves a foreign key without an index, such a drop re-creates one by
   * hand, an ordinary index of the table from then on. Without it, the
   * database keeps no index by itself: `after` as it is.
   */
  settleForeignKeyIndexes?(before: TableState | undefined, after: TableState): TableState;
  /** enum types are schema objects created before use (PostgreSQL) */
  readonly enumTypes: boolean;
  /** an unnamed unique constraint is really an index that DROP INDEX removes (MySQL) */
  readonly uniqueIsIndex: boolean;
}

/** A model's content as plain data: each map as its entries, in order. */
export interface ModelData {
  readonly tables: readonly (readonly [string, TableState])[];
  readonly places: readonly (readonly [string, number])[];
  readonly enums: readonly (readonly [string, EnumState])[];
  readonly sequences: readonly (readonly [string, SequenceState])[];
  /** per schema: index name -> table key */
  readonly indexNames: readonly (readonly [string, readonly (readonly [string, string])[]])[];
  /** per schema: constraint and index names in use -> how many */
  readonly usedNames: readonly (readonly [string, readonly (readonly [string, number])[]])[];
}

export interface ModelOptions {
  readonly dialect: ModelDialect;
  readonly namingConvention?: NamingConvention;
}

export class SchemaModel {
  readonly options: ModelOptions;
  /** in the order tables were first created (see `place`) */
  private readonly tables = new Map<string, TableState>();
  /**
   * table key -> when it was first created, kept when the table is dropped:
   * a table created again (a downgrade undoing a drop, a rename undone)
   * takes its old place, so a model lists its tables in the same order
   * before an upgrade and after its downgrade. (A schema snapshot lists
   * same-named objects of different tables, such as MySQL indexes, in that
   * order: `gensql check` compares two of them.)
   */
  private readonly places = new Map<string, number>();
  private readonly enums = new Map<string, EnumState>();
  private readonly sequences = new Map<string, SequenceState>();
  /** per schema ('' for the default one): index name -> table key, so lookups never scan every table */
  private readonly indexNames = new Map<string, Map<string, string>>();
  /** per schema: constraint and index names in use, with a count (names may repeat across tables) */
  private readonly usedNames = new Map<string, Map<string, number>>();

  constructor(options: ModelOptions) {
    this.options = options;
  }

  get dialect(): ModelDialect {
    return this.options.dialect;
  }

  getTable(name: string, schema?: string): TableState | undefined {
    return this.tables.get(tableKey(name, schema));
  }

  requireTable(name: string, schema?: string): TableState {
    const t = this.getTable(name, schema);
    if (!t) throw modelError(`table ${tableKey(name, schema)} does not exist in the schema model`);
    return t;
  }

  putTable(table: TableState): void {
    const key = tableKey(table.name, table.schema);
    const old = this.tables.get(key);
    if (old) this.tables.set(key, table);
    else this.place(key, table);
    // most ops change columns only: the name registry stays as it is
    if (old && old.indexes === table.indexes && old.constraints === table.constraints && old.schema === table.schema) return;
    if (old) this.register(old, key, -1);
    this.register(table, key, 1);
  }

  deleteTable(name: string, schema?: string): void {
    const key = tableKey(name, schema);
    const old = this.tables.get(key);
    if (old) this.register(old, key, -1);
    this.tables.delete(key);
  }

  /** Adds a table the model does not hold: at the end, or, when it held it before, in its old place. */
  private place(key: string, table: TableState): void {
    const at = this.places.get(key);
    if (at === undefined) {
      this.places.set(key, this.places.size);
      this.tables.set(key, table);
      return;
    }
    // rare (a table created again): the map is rebuilt in order
    const entries = [...this.tables, [key, table] as const].sort(([a], [b]) => this.places.get(a)! - this.places.get(b)!);
    this.tables.clear();
    for (const [k, v] of entries) this.tables.set(k, v);
  }

  private register(t: TableState, key: string, by: 1 | -1): void {
    const s = t.schema ?? '';
    let indexes = this.indexNames.get(s);
    if (!indexes) this.indexNames.set(s, (indexes = new Map()));
    let used = this.usedNames.get(s);
    if (!used) this.usedNames.set(s, (used = new Map()));
    const bump = (name: string): void => {
      const n = (used.get(name) ?? 0) + by;
      if (n <= 0) used.delete(name);
      else used.set(name, n);
    };
    for (const i of t.indexes) {
      // the database's own foreign-key indexes are named per table (InnoDB), and no op reaches them by name alone
      if (isImplicitIndex(i)) continue;
      if (by > 0) indexes.set(i.name, key);
      else if (indexes.get(i.name) === key) indexes.delete(i.name);
      bump(i.name);
    }
    for (const c of t.constraints) if (c.name !== null) bump(c.name);
  }

  allTables(): TableState[] {
    return [...this.tables.values()];
  }

  getEnum(name: string, schema?: string): EnumState | undefined {
    return this.enums.get(tableKey(name, schema));
  }

  putEnum(e: EnumState): void {
    this.enums.set(tableKey(e.name, e.schema), e);
  }

  deleteEnum(name: string, schema?: string): void {
    this.enums.delete(tableKey(name, schema));
  }

  allEnums(): EnumState[] {
    return [...this.enums.values()];
  }

  getSequence(name: string, schema?: string): SequenceState | undefined {
    return this.sequences.get(tableKey(name, schema));
  }

  putSequence(s: SequenceState): void {
    this.sequences.set(tableKey(s.name, s.schema), s);
  }

  deleteSequence(name: string, schema?: string): void {
    this.sequences.delete(tableKey(name, schema));
  }

  allSequences(): SequenceState[] {
    return [...this.sequences.values()];
  }

  /** Finds the table holding an index of this name (index names are per schema). */
  findIndexTable(indexName: string, schema?: string): TableState | undefined {
    const key = this.indexNames.get(schema ?? '')?.get(indexName);
    return key === undefined ? undefined : this.tables.get(key);
  }

  /** Whether a constraint or index of this name exists in the schema (names are per schema in PostgreSQL). */
  nameTaken(name: string, schema: string | undefined, extra: TableState): boolean {
    if (extra.constraints.some((c) => c.name === name) || extra.indexes.some((i) => i.name === name)) return true;
    return this.usedNames.get(schema ?? '')?.has(name) === true;
  }

  /** Tables whose foreign keys point at `name`. */
  referencingTables(name: string, schema?: string): TableState[] {
    return this.allTables().filter((t) =>
      t.constraints.some((c) => c.kind === 'foreignKey' && c.refTable === name && (c.refSchema ?? t.schema) === schema && !(t.name === name && t.schema === schema)),
    );
  }

  /**
   * Runs `fn` as if no naming convention were configured: constraints named
   * (or left unnamed) in raw SQL carry the database's names, not the
   * convention's (see src/model/ddl/apply-raw.ts).
   */
  withoutNamingConvention<T>(fn: () => T): T {
    const saved = this.options;
    if (saved.namingConvention === undefined) return fn();
    // options is readonly to callers; only this swap, undone below, changes it
    const self = this as { options: ModelOptions };
    self.options = { ...saved, namingConvention: undefined };
    try {
      return fn();
    } finally {
      self.options = saved;
    }
  }

  /**
   * What the model holds, as plain data (for the render cache:
   * src/render-cache.ts), name registries included as they are: which
   * table an index name finds depends on the order tables were changed
   * (names may repeat across tables), not only on what they hold.
   */
  toData(): ModelData {
    const nested = <V>(m: Map<string, Map<string, V>>): [string, [string, V][]][] => [...m].map(([k, inner]) => [k, [...inner]]);
    return {
      tables: [...this.tables],
      places: [...this.places],
      enums: [...this.enums],
      sequences: [...this.sequences],
      indexNames: nested(this.indexNames),
      usedNames: nested(this.usedNames),
    };
  }

  /** A model holding exactly what `toData` gave. */
  static fromData(options: ModelOptions, data: ModelData): SchemaModel {
    const m = new SchemaModel(options);
    m.fill(data);
    return m;
  }

  private fill(data: ModelData): void {
    for (const [k, v] of data.places) this.places.set(k, v);
    for (const [k, v] of data.tables) this.tables.set(k, v);
    for (const [k, v] of data.enums) this.enums.set(k, v);
    for (const [k, v] of data.sequences) this.sequences.set(k, v);
    for (const [k, v] of data.indexNames) this.indexNames.set(k, new Map(v));
    for (const [k, v] of data.usedNames) this.usedNames.set(k, new Map(v));
  }

  /** An independent copy, name registries as they are (table values are shared; they are immutable). */
  clone(): SchemaModel {
    const m = new SchemaModel(this.options);
    m.fill(this.toData());
    return m;
  }
}
