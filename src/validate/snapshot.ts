/**
 * Schema snapshots for `gensql check`: the schema as a flat map from an
 * object's key (`column public.users.email`) to its description
 * (`character varying(120) NOT NULL`), read back from an engine's catalog
 * or taken from gensql's own schema model. Flat maps make the difference of
 * two snapshots a short list a person can read.
 */
import type { SchemaModel } from '../model/schema.js';
import type { ColumnState, ConstraintState, IndexState } from '../model/state.js';
import { tableKey } from '../model/state.js';

export type SchemaSnapshot = ReadonlyMap<string, string>;

export interface SnapshotDifference {
  /** present now, absent before */
  readonly added: readonly { readonly key: string; readonly now: string }[];
  /** present before, absent now */
  readonly removed: readonly { readonly key: string; readonly before: string }[];
  readonly changed: readonly { readonly key: string; readonly before: string; readonly now: string }[];
}

export function diffSnapshots(before: SchemaSnapshot, now: SchemaSnapshot): SnapshotDifference {
  const added: { key: string; now: string }[] = [];
  const removed: { key: string; before: string }[] = [];
  const changed: { key: string; before: string; now: string }[] = [];
  for (const [key, value] of now) {
    const old = before.get(key);
    if (old === undefined) added.push({ key, now: value });
    else if (old !== value) changed.push({ key, before: old, now: value });
  }
  for (const [key, value] of before) if (!now.has(key)) removed.push({ key, before: value });
  const byKey = (a: { key: string }, b: { key: string }): number => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  return { added: added.sort(byKey), removed: removed.sort(byKey), changed: changed.sort(byKey) };
}

export function isEmptyDifference(d: SnapshotDifference): boolean {
  return d.added.length === 0 && d.removed.length === 0 && d.changed.length === 0;
}

/** One line per difference: `+ key: now` (left behind), `- key: before` (missing), `~ key: before -> now`. */
export function differenceLines(d: SnapshotDifference): string[] {
  return [
    ...d.added.map((a) => `+ ${a.key}: ${a.now}`),
    ...d.removed.map((r) => `- ${r.key}: ${r.before}`),
    ...d.changed.map((c) => `~ ${c.key}: ${c.before} -> ${c.now}`),
  ];
}

/** Builds a snapshot from (key, value) rows; a key seen twice keeps both values. */
export function snapshotFromRows(rows: Iterable<readonly [string, string]>): SchemaSnapshot {
  const map = new Map<string, string>();
  for (const [k, v] of rows) {
    const old = map.get(k);
    map.set(k, old === undefined ? v : `${old} | ${v}`);
  }
  return map;
}

// ---- the schema model's view -------------------------------------------

/** JSON that also takes bigint values (a server default may be one). */
const json = (v: unknown): string => JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? `${x}n` : x)) ?? '';
const sqlText = (v: unknown): string => (v === undefined ? '' : json(v));

function columnText(c: ColumnState): string {
  const parts = [sqlText(c.type), c.nullable ? 'NULL' : 'NOT NULL'];
  if (c.serverDefault !== undefined) parts.push(`DEFAULT ${sqlText(c.serverDefault)}`);
  if (c.identity) parts.push(`IDENTITY ${sqlText(c.identity)}`);
  if (c.autoincrement) parts.push('AUTOINCREMENT');
  if (c.comment !== undefined) parts.push(`COMMENT ${JSON.stringify(c.comment)}`);
  return parts.join(' ');
}

function constraintKey(c: ConstraintState): string {
  if (c.name !== null) return c.name;
  const cols = c.kind === 'check' ? sqlText(c.condition) : c.columns.join(',');
  return `(unnamed ${c.kind} ${cols})`;
}

function constraintText(c: ConstraintState): string {
  const { name: _name, explicit: _explicit, ...rest } = c;
  return json(rest);
}

function indexText(i: IndexState): string {
  const { name: _name, ...rest } = i;
  return json(rest);
}

/** What the model says exists: tables, columns, constraints, indexes, enum types, sequences. */
export function modelSnapshot(model: SchemaModel): SchemaSnapshot {
  const rows: [string, string][] = [];
  for (const t of model.allTables()) {
    const tk = tableKey(t.name, t.schema);
    rows.push([`table ${tk}`, t.comment === undefined ? 'table' : `table COMMENT ${JSON.stringify(t.comment)}`]);
    for (const c of t.columns) rows.push([`column ${tk}.${c.name}`, columnText(c)]);
    for (const c of t.constraints) rows.push([`constraint ${tk}.${constraintKey(c)}`, constraintText(c)]);
    for (const i of t.indexes) rows.push([`index ${tableKey(i.name, t.schema)}`, `ON ${tk} ${indexText(i)}`]);
  }
  for (const e of model.allEnums()) rows.push([`type ${tableKey(e.name, e.schema)}`, `enum (${e.values.map((v) => JSON.stringify(v)).join(', ')})`]);
  for (const s of model.allSequences()) rows.push([`sequence ${tableKey(s.name, s.schema)}`, `start ${s.start ?? 'default'} increment ${s.increment ?? 'default'}`]);
  return snapshotFromRows(rows);
}
