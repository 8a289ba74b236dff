/**
 * Alembic's `RevisionMap._topological_sort`, giving the same order without
 * its cost.
 *
 * Alembic keeps a list of "current heads" (sorted by insertion order) and
 * a candidate index. The candidate may be emitted unless it is an ancestor
 * of another current head; then the candidate index jumps to the first
 * such head. An emitted head is replaced in place by its first unvisited
 * normalized down revision, the others appended; a head with none is
 * removed and the index steps back by one. Output runs from the heads
 * down (upgrades reverse it).
 *
 * Alembic recomputes full ancestor sets of heads to decide "is an ancestor
 * of another head". Here: in a set that is convex (every revision between
 * two members is a member, true of upgrade and downgrade sets), a
 * candidate is blocked exactly when one of its children in the set is not
 * emitted yet, which a counter answers in O(1). Only a blocked candidate
 * needs the first blocking head, found with the graph's level-bounded
 * ancestor test. History selections may not be convex, so they always take
 * the exact test.
 */
import { usageError } from '../errors.js';
import type { RevisionGraph } from './graph.js';

const NONE: readonly number[] = [];

export function alembicOrder(
  graph: RevisionGraph,
  members: Uint8Array,
  heads: readonly number[],
  convex: boolean,
): number[] {
  const todo = Uint8Array.from(members);
  let remaining = 0;
  const pending = new Int32Array(graph.size);
  for (let i = 0; i < todo.length; i++) {
    if (!todo[i]) continue;
    remaining++;
    for (const p of graph.normDown[i]) if (todo[p]) pending[p]++;
  }
  const inHeads = new Uint8Array(graph.size);
  const current: number[] = [];
  for (const h of [...new Set(heads)].sort((a, b) => a - b)) {
    if (todo[h]) {
      current.push(h);
      inHeads[h] = 1;
    }
  }

  const out: number[] = [];
  let idx = 0;
  while (current.length > 0) {
    const candidate = current[idx];
    if (pending[candidate] > 0 || !convex) {
      const j = firstDescendantHead(graph, current, idx, candidate);
      if (j >= 0) {
        idx = j;
        continue;
      }
    }
    out.push(candidate);
    todo[candidate] = 0;
    inHeads[candidate] = 0;
    remaining--;
    const parents = graph.normDown[candidate];
    for (const p of parents) if (todo[p]) pending[p]--;
    const add = parents.length === 1 ? (todo[parents[0]] && !inHeads[parents[0]] ? parents : NONE) : parents.filter((p) => todo[p] && !inHeads[p]);
    if (add.length === 0) {
      current.splice(idx, 1);
      idx = Math.max(idx - 1, 0);
    } else {
      current[idx] = add[0];
      inHeads[add[0]] = 1;
      for (let k = 1; k < add.length; k++) {
        current.push(add[k]);
        inHeads[add[k]] = 1;
      }
    }
  }
  if (remaining !== 0) {
    // Alembic asserts here; only a selection not covered by its heads gets here
    throw usageError(`cannot order the revisions of this range: ${remaining} of them are not below its end revisions`);
  }
  return out;
}

function firstDescendantHead(graph: RevisionGraph, current: readonly number[], idx: number, candidate: number): number {
  for (let j = 0; j < current.length; j++) {
    if (j !== idx && graph.isAncestor(candidate, current[j])) return j;
  }
  return -1;
}
