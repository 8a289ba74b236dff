/**
 * 10,000-revision histories: a linear chain and a chain of branch/merge
 * diamonds. The graph, heads and plans must come out right without
 * quadratic walks (vitest's timeout is the only clock here; the bench
 * measures time).
 */
import { describe, expect, it } from 'vitest';
import { RevisionGraph } from '../../src/revision/graph.js';
import { describeHistory } from '../../src/revision/describe.js';
import { planDowngrade, planRevisions, planStamp, planUpgrade } from '../../src/revision/plan.js';
import type { RevisionMeta } from '../../src/revision/types.js';
import { checkRows } from './helpers.js';

const N = 10_000;
const id = (i: number): string => `r${i.toString(16).padStart(11, '0')}`;

function meta(i: number, down: string[]): RevisionMeta {
  return { id: id(i), downRevisions: down, dependsOn: [], branchLabels: [], message: `m${i}`, file: `versions/${id(i)}.ts`, hasDowngrade: true };
}

/** each revision after all its parents, each exactly once */
function expectTopological(graph: RevisionGraph, order: readonly string[], upward: boolean): void {
  const pos = new Map(order.map((x, k) => [x, k]));
  expect(pos.size).toBe(order.length);
  const wrong: string[] = [];
  for (const x of order) {
    for (const p of graph.get(x)?.downRevisions ?? []) {
      const before = (pos.get(p) as number) < (pos.get(x) as number);
      if (pos.has(p) && before !== upward) wrong.push(`${p} / ${x}`);
    }
  }
  expect(wrong).toEqual([]);
}

describe('10,000 revisions', () => {
  it('a linear history: build, heads, base:head, head:base, history', () => {
    const revs = Array.from({ length: N }, (_, i) => meta(i, i === 0 ? [] : [id(i - 1)]));
    const graph = RevisionGraph.build(revs);
    expect(graph.heads()).toEqual([id(N - 1)]);
    const up = planUpgrade(graph, 'base:head');
    expect(planRevisions(up)).toEqual(revs.map((r) => r.id));
    expect(up.steps[0].versionChanges).toEqual([{ kind: 'insert', rev: id(0) }]);
    expect(up.steps[N - 1].versionChanges).toEqual([{ kind: 'update', from: id(N - 2), to: id(N - 1) }]);
    expect(up.end).toEqual([id(N - 1)]);
    const down = planDowngrade(graph, 'head:base');
    expect(planRevisions(down)).toEqual(revs.map((r) => r.id).reverse());
    expect(down.steps[N - 1].versionChanges).toEqual([{ kind: 'delete', rev: id(0) }]);
    expect(planRevisions(planUpgrade(graph, `${id(100)}:head-100`))).toHaveLength(N - 201);
    expect(describeHistory(graph)).toHaveLength(N);
  });

  it('branch points and merges every ten revisions, files in reverse order', () => {
    // ... -> b -> (x, y) -> m -> ... ; insertion order reversed so it is not topological
    const revs: RevisionMeta[] = [];
    let last: string | null = null;
    let i = 0;
    while (revs.length < N) {
      if (i % 10 === 5 && last !== null) {
        const x = meta(i++, [last]);
        const y = meta(i++, [last]);
        const m = meta(i++, [x.id, y.id]);
        revs.push(x, y, m);
        last = m.id;
      } else {
        const r = meta(i++, last === null ? [] : [last]);
        revs.push(r);
        last = r.id;
      }
    }
    const graph = RevisionGraph.build([...revs].reverse());
    expect(graph.heads()).toEqual([last]);

    const up = planUpgrade(graph, 'base:heads');
    const order = planRevisions(up);
    expect(order).toHaveLength(revs.length);
    expectTopological(graph, order, true);
    checkRows(up, 'base:heads');
    expect(up.end).toEqual([last]);
    // Alembic walks a diamond b -> (x, y) -> m as b, y, x, m when x is listed before y
    const b = order.indexOf(id(4));
    expect(order.slice(b, b + 4)).toEqual([id(4), id(6), id(5), id(7)]);
    expect(up.steps[b + 3].versionChanges).toEqual([
      { kind: 'delete', rev: id(5) },
      { kind: 'update', from: id(6), to: id(7) },
    ]);

    const down = planDowngrade(graph, 'heads:base');
    expectTopological(graph, planRevisions(down), false);
    checkRows(down, 'heads:base');
    expect(down.end).toEqual([]);
    expect(planStamp(graph, 'base:heads').end).toEqual([last]);
  });
});
