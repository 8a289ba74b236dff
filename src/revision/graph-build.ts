/** Pieces of RevisionGraph.build kept apart so graph.ts stays readable. */
import type { RevisionMeta } from './types.js';
import { revisionError } from '../errors.js';

type Edges = readonly (readonly number[])[];

/*
 * Letters, digits, `_`, `.` and `-`, but never `-` followed by a digit nor
 * `+`: `v-2@head` would otherwise read as the relative form `v` minus 2.
 */
const LABEL_RE = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;
const RESERVED_LABELS = new Set(['head', 'heads', 'base', 'current']);

/** label -> declaring revision; a label must be unique and no revision id (Alembic `_map_branch_labels`). */
export function checkLabels(revs: readonly RevisionMeta[], byId: ReadonlyMap<string, number>): Map<string, number> {
  const byLabel = new Map<string, number>();
  revs.forEach((r, i) => {
    for (const label of r.branchLabels) {
      if (!LABEL_RE.test(label) || /-\d/.test(label) || RESERVED_LABELS.has(label)) {
        throw revisionError(
          `invalid branch label '${label}' in ${r.file}: use letters, digits, '_', '.' or '-' (not before a digit), and not head, heads, base or current`,
          { files: [r.file], revision: r.id },
        );
      }
      const owner = byLabel.get(label);
      if (owner !== undefined) {
        const other = revs[owner];
        const files = owner === i ? [r.file] : [other.file, r.file];
        throw revisionError(`branch label '${label}' of revision ${r.id} is already used by revision ${other.id}`, {
          files,
          revision: r.id,
        });
      }
      const sameId = byId.get(label);
      if (sameId !== undefined) {
        throw revisionError(`branch label '${label}' of revision ${r.id} is the id of revision ${label}`, {
          files: [revs[sameId].file, r.file],
          revision: r.id,
        });
      }
      byLabel.set(label, i);
    }
  });
  return byLabel;
}

/**
 * A `dependsOn` entry: a full id, a branch label (the revision declaring
 * it, as Alembic's map lookup gives), or a unique id prefix of 4+ chars.
 */
export function resolveDependency(
  rev: RevisionMeta,
  dep: string,
  byId: ReadonlyMap<string, number>,
  byLabel: ReadonlyMap<string, number>,
  sortedIds: () => readonly string[],
): number {
  const exact = byId.get(dep) ?? byLabel.get(dep);
  if (exact !== undefined) return exact;
  const matches = dep.length >= 4 ? sortedIds().filter((id) => id.startsWith(dep)) : [];
  if (matches.length === 1) return byId.get(matches[0]) as number;
  const ctx = { files: [rev.file], revision: rev.id };
  if (matches.length > 1) {
    throw revisionError(
      `dependsOn '${dep}' of revision ${rev.id} (in ${rev.file}) is ambiguous: ${matches.map((m) => `'${m}'`).join(', ')}`,
      ctx,
    );
  }
  throw revisionError(`revision ${rev.id} depends on '${dep}', which is no known revision or branch label (in ${rev.file})`, ctx);
}

/**
 * After Kahn's algorithm, nodes with indeg > 0 are on or above a cycle.
 * Walking to an unprocessed parent from any of them must loop; the loop is
 * the cycle to report.
 */
export function findCycle(indeg: Int32Array, allDown: readonly (readonly number[])[]): number[] {
  let start = -1;
  for (let i = 0; i < indeg.length; i++) {
    if (indeg[i] > 0) {
      start = i;
      break;
    }
  }
  const pos = new Map<number, number>();
  const path: number[] = [];
  let x = start;
  while (!pos.has(x)) {
    pos.set(x, path.length);
    path.push(x);
    const p = allDown[x].find((q) => indeg[q] > 0);
    if (p === undefined) break; // cannot happen: an unprocessed node has an unprocessed parent
    x = p;
  }
  // path runs child -> parent; report parent -> child, as revisions are read
  return path.slice(pos.get(x) ?? 0).reverse();
}

/**
 * Alembic's `RevisionMap._add_branches`. A label goes to every versioned
 * descendant of the revision declaring it; then Alembic walks down from the
 * last descendant its depth-first search reached, labelling each revision
 * until a real branch point (two or more children, dependents included) or
 * a merge point. That walk only reaches below the labelled revision when
 * its descendants form one straight line (otherwise it stops at a branch
 * point among them), so we decide it from that shape instead of depending
 * on Alembic's set-ordered search. Labelled revisions are taken in
 * insertion order, each spreading the labels it holds at that moment, as
 * Alembic spreads the (possibly already grown) set of each.
 */
export function propagateLabels(
  n: number,
  labels: (Set<string> | undefined)[],
  down: readonly (readonly number[])[],
  next: readonly (readonly number[])[],
  allNext: readonly (readonly number[])[],
): void {
  const owners: number[] = [];
  for (let i = 0; i < n; i++) if (labels[i] !== undefined) owners.push(i);
  const add = (x: number, spread: readonly string[]): void => {
    const set = labels[x] ?? new Set<string>();
    for (const l of spread) set.add(l);
    labels[x] = set;
  };
  for (const r of owners) {
    const spread = [...(labels[r] ?? [])];
    const mark = new Uint8Array(n);
    const stack = [r];
    mark[r] = 1;
    let linear = true;
    let tip = r;
    while (stack.length > 0) {
      const x = stack.pop() as number;
      add(x, spread);
      if (next[x].length > 1) linear = false;
      if (next[x].length === 0) tip = x;
      for (const c of next[x]) {
        if (!mark[c]) {
          mark[c] = 1;
          stack.push(c);
        }
      }
    }
    if (!linear) continue;
    let p = tip;
    while (p !== -1 && allNext[p].length <= 1 && down[p].length <= 1) {
      add(p, spread);
      p = down[p].length === 1 ? down[p][0] : -1;
    }
  }
}

/** shared by every revision without such edges: 10k revisions should not mean 50k empty arrays */
export const EMPTY: readonly number[] = Object.freeze([]);

export function dedupe(xs: readonly number[]): readonly number[] {
  return xs.length < 2 ? xs : [...new Set(xs)];
}

export function parentIndices(r: RevisionMeta, byId: ReadonlyMap<string, number>): readonly number[] {
  if (r.downRevisions.length === 0) return EMPTY;
  const out: number[] = [];
  for (const d of r.downRevisions) {
    const p = byId.get(d);
    if (p === undefined) {
      throw revisionError(`revision ${r.id} names an unknown down revision '${d}' (in ${r.file})`, { files: [r.file], revision: r.id });
    }
    if (out.includes(p)) {
      throw revisionError(`revision ${r.id} lists down revision '${d}' twice (in ${r.file})`, { files: [r.file], revision: r.id });
    }
    out.push(p);
  }
  return out.slice(); // exact size: a pushed-to list reserves room for 17, and there is one per revision
}

/** children over all edges, and over versioned edges (the same array when a revision has no dependents) */
export function childLists(n: number, down: Edges, allDown: Edges): { next: Edges; allNext: Edges } {
  const count = new Int32Array(n);
  const versioned = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    for (const p of allDown[i]) count[p]++;
    for (const p of down[i]) versioned[p]++;
  }
  // lists of exactly their size, filled in place (one per revision)
  const allNext: number[][] = new Array<number[]>(n);
  for (let p = 0; p < n; p++) allNext[p] = count[p] === 0 ? (EMPTY as number[]) : new Array<number>(count[p]);
  const filled = new Int32Array(n);
  for (let i = 0; i < n; i++) for (const p of allDown[i]) allNext[p]![filled[p]++] = i;
  const next: (readonly number[])[] = new Array<readonly number[]>(n);
  for (let p = 0; p < n; p++) {
    next[p] = versioned[p] === count[p] ? allNext[p] : allNext[p].filter((c) => down[c].includes(p));
  }
  return { next, allNext };
}

/** Kahn's algorithm over all edges: levels, or the files of a cycle. */
export function topoLevels(revs: readonly RevisionMeta[], allDown: Edges, allNext: Edges): Int32Array {
  const n = revs.length;
  const indeg = new Int32Array(n);
  const level = new Int32Array(n);
  const queue: number[] = [];
  for (let i = 0; i < n; i++) {
    indeg[i] = allDown[i].length;
    if (indeg[i] === 0) queue.push(i);
  }
  for (let q = 0; q < queue.length; q++) {
    const x = queue[q];
    for (const c of allNext[x]) {
      if (level[c] < level[x] + 1) level[c] = level[x] + 1;
      if (--indeg[c] === 0) queue.push(c);
    }
  }
  if (queue.length < n) {
    const cycle = findCycle(indeg, allDown);
    const files = cycle.map((i) => revs[i].file);
    const path = [...cycle, cycle[0]].map((i) => revs[i].id).join(' -> ');
    throw revisionError(`the revision graph has a cycle: ${path}`, { files: [...new Set(files)] });
  }
  return level;
}

/**
 * Alembic's `_normalize_depends_on`: drop a dependency that a versioned
 * ancestor already depends on. Grouped by dependency target so the cost is
 * one forward walk per target that several revisions share, not one walk
 * per revision. Alembic keeps the survivors in set order (hash-seeded);
 * we keep the order they were written in.
 */
export function normalizeDependencies(n: number, down: Edges, deps: Edges, next: Edges): Edges {
  const dependents = new Map<number, number[]>();
  deps.forEach((ds, i) => {
    for (const d of ds) {
      const list = dependents.get(d);
      if (list) list.push(i);
      else dependents.set(d, [i]);
    }
  });
  const implied = new Map<number, Set<number>>(); // revision -> deps implied by an ancestor
  for (const [target, revs] of dependents) {
    if (revs.length < 2) continue;
    // strict versioned descendants of the revisions that depend on `target`
    const mark = new Uint8Array(n);
    const stack: number[] = [];
    for (const r of revs) for (const c of next[r]) if (!mark[c]) ((mark[c] = 1), stack.push(c));
    while (stack.length > 0) {
      const x = stack.pop() as number;
      for (const c of next[x]) if (!mark[c]) ((mark[c] = 1), stack.push(c));
    }
    for (const r of revs) {
      if (!mark[r]) continue;
      const set = implied.get(r) ?? new Set<number>();
      set.add(target);
      implied.set(r, set);
    }
  }
  return down.map((ds, i) => {
    if (deps[i].length === 0) return ds;
    const skip = implied.get(i);
    const kept = skip ? deps[i].filter((d) => !skip.has(d)) : deps[i];
    return dedupe([...ds, ...kept]);
  });
}
