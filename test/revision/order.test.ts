/**
 * The fast topological order (counters + level-bounded ancestor tests)
 * against a plain implementation of Alembic's `_topological_sort` that
 * recomputes ancestor sets as Alembic does, on seeded random DAGs far
 * larger than the Alembic fixtures (hundreds of revisions, merges of up to
 * three heads, several roots, dependencies).
 */
import { describe, expect, it } from 'vitest';
import { RevisionGraph } from '../../src/revision/graph.js';
import { alembicOrder } from '../../src/revision/order.js';
import type { RevisionMeta } from '../../src/revision/types.js';

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomHistory(seed: number, n: number): RevisionMeta[] {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const revs: RevisionMeta[] = [];
  const hasChild = new Set<string>();
  for (let k = 0; k < n; k++) {
    const id = `${Math.floor(rnd() * 0xffffff).toString(16).padStart(6, '0')}${k.toString().padStart(6, '0')}`;
    const heads = revs.filter((r) => !hasChild.has(r.id)).map((r) => r.id);
    const roll = rnd();
    let down: string[] = [];
    if (k > 0 && roll > 0.04) {
      if (roll < 0.2 && heads.length >= 2) {
        const a = pick(heads);
        const b = pick(heads.filter((h) => h !== a));
        down = [a, b];
      } else if (roll < 0.45) down = [pick(revs).id];
      else down = [pick(heads)];
    }
    const dependsOn = revs.length > 0 && rnd() < 0.1 ? [pick(revs).id].filter((d) => !down.includes(d)) : [];
    for (const d of down) hasChild.add(d);
    revs.push({ id, downRevisions: down, dependsOn, branchLabels: [], message: id, file: `${id}.ts`, hasDowngrade: true });
  }
  return revs.sort((a, b) => (a.id < b.id ? -1 : 1));
}

/** Alembic's algorithm, straightforwardly: full ancestor sets for every current head */
function naiveOrder(graph: RevisionGraph, todoIds: readonly string[], headIds: readonly string[]): string[] {
  const order = graph.all().map((r) => r.id);
  const todo = new Set(todoIds);
  const ancestors = (id: string): Set<string> => new Set(graph.ancestors([id]));
  const heads = [...new Set(headIds)].filter((h) => todo.has(h)).sort((a, b) => order.indexOf(a) - order.indexOf(b));
  const anc = heads.map(ancestors);
  const out: string[] = [];
  let idx = 0;
  while (heads.length > 0) {
    const c = heads[idx];
    const j = anc.findIndex((set, k) => k !== idx && set.has(c));
    if (j >= 0) {
      idx = j;
      continue;
    }
    out.push(c);
    todo.delete(c);
    const add = graph.normalizedDownRevisions(c).filter((p) => todo.has(p) && !heads.includes(p));
    if (add.length === 0) {
      heads.splice(idx, 1);
      anc.splice(idx, 1);
      idx = Math.max(idx - 1, 0);
    } else {
      heads[idx] = add[0];
      anc[idx] = ancestors(add[0]);
      for (const p of add.slice(1)) {
        heads.push(p);
        anc.push(ancestors(p));
      }
    }
  }
  return out;
}

/** gensql's order for the revisions `todo`, from `heads` down */
function fastOrder(graph: RevisionGraph, todo: readonly string[], heads: readonly string[]): string[] {
  const mask = new Uint8Array(graph.size);
  for (const id of todo) mask[graph.indexOf(id)] = 1;
  return graph.ids(alembicOrder(graph, mask, heads.map((h) => graph.indexOf(h)), true));
}

describe('Alembic topological order on large random DAGs', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('seed %i', (seed) => {
    const graph = RevisionGraph.build(randomHistory(seed, 150 + seed * 40));
    const all = graph.all().map((r) => r.id);
    const heads = graph.realHeads();
    // base:heads (upgrades reverse it) and heads:base select every revision
    expect(fastOrder(graph, all, heads)).toEqual(naiveOrder(graph, all, heads));
    const rnd = prng(seed * 7);
    for (let k = 0; k < 20; k++) {
      const from = all[Math.floor(rnd() * all.length)];
      const to = all[Math.floor(rnd() * all.length)];
      const have = new Set(graph.ancestors([from]));
      const upgrade = graph.ancestors([to]).filter((x) => !have.has(x));
      expect(fastOrder(graph, upgrade, [to]), `upgrade ${from}:${to}`).toEqual(naiveOrder(graph, upgrade, [to]));
      const below = new Set(graph.ancestors([from]));
      const downgrade = graph.descendants(graph.children(to)).filter((x) => below.has(x));
      expect(fastOrder(graph, downgrade, [from]), `downgrade ${from}:${to}`).toEqual(naiveOrder(graph, downgrade, [from]));
    }
  });
});
