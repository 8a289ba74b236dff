/**
 * SQLAlchemy-style naming conventions (config `namingConvention`), applied
 * to constraints and indexes when they are created, as SQLAlchemy does for a
 * MetaData with a naming_convention:
 * - an unnamed constraint gets the convention's name;
 * - a named one is wrapped when the convention has `%(constraint_name)s`
 *   (`ck_%(table_name)s_%(constraint_name)s` turns `positive` into
 *   `ck_t_positive`), and kept as written otherwise.
 */
import { usageError } from '../errors.js';

export type ConventionKey = 'ix' | 'uq' | 'ck' | 'fk' | 'pk';
export type NamingConvention = Partial<Record<ConventionKey, string>>;

export interface NamingInput {
  readonly key: ConventionKey;
  readonly table: string;
  readonly columns: readonly string[];
  readonly referredTable?: string;
  readonly referredColumns?: readonly string[];
  /** the name given in the revision, if any */
  readonly name: string | null;
}

const TOKEN = /%\((\w+)\)s/g;

function tokenValue(token: string, input: NamingInput): string {
  const cols = input.columns;
  const refs = input.referredColumns ?? [];
  const multi = /^(referred_)?column_0(_N|N)_(name|key|label)$/.exec(token);
  if (multi) {
    const list = multi[1] ? refs : cols;
    const table = multi[1] ? input.referredTable ?? '' : input.table;
    const values = list.map((c) => (multi[3] === 'label' ? `${table}_${c}` : c));
    return values.join(multi[2] === '_N' ? '_' : '');
  }
  const single = /^(referred_)?column_(\d+)_(name|key|label)$/.exec(token);
  if (single) {
    const list = single[1] ? refs : cols;
    const table = single[1] ? input.referredTable ?? '' : input.table;
    const col = list[Number(single[2])];
    if (col === undefined) throw new Error(`the naming convention token %(${token})s names a column the constraint does not have`);
    return single[3] === 'label' ? `${table}_${col}` : col;
  }
  switch (token) {
    case 'table_name':
      return input.table;
    case 'referred_table_name':
      if (input.referredTable === undefined) throw new Error(`%(${token})s applies only to foreign keys`);
      return input.referredTable;
    case 'constraint_name':
      if (input.name === null) {
        throw new Error(
          `the naming convention for '${input.key}' includes %(constraint_name)s, so the constraint must be given a name`,
        );
      }
      return input.name;
    default:
      throw new Error(`unknown naming convention token %(${token})s`);
  }
}

/**
 * The name a new constraint or index gets: from the convention, the given
 * name, or null (the database will pick one; see the dialect's implicit names).
 */
export function conventionName(convention: NamingConvention | undefined, input: NamingInput): string | null {
  const pattern = convention?.[input.key];
  if (pattern === undefined) return input.name;
  if (input.name !== null && !pattern.includes('%(constraint_name)s')) return input.name;
  try {
    return pattern.replace(TOKEN, (_, token: string) => tokenValue(token, input));
  } catch (e) {
    throw usageError(`naming convention '${input.key}': ${(e as Error).message}`);
  }
}

/** SQLAlchemy's default for `index: true` columns: `ix_<table>_<column>`. */
export function defaultIndexName(convention: NamingConvention | undefined, table: string, columnName: string): string {
  return (
    conventionName(convention, { key: 'ix', table, columns: [columnName], name: null }) ?? `ix_${table}_${columnName}`
  );
}

export function checkConventionKeys(convention: Record<string, unknown>): string | null {
  for (const [k, v] of Object.entries(convention)) {
    if (!['ix', 'uq', 'ck', 'fk', 'pk'].includes(k)) return `unknown key '${k}' (allowed: ix, uq, ck, fk, pk)`;
    if (typeof v !== 'string') return `'${k}' must be a string`;
  }
  return null;
}
