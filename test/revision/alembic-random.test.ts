/**
 * gensql against real Alembic on 53 seeded random DAGs (50 small, 3 of 120 revisions) (merges of 2-3
 * heads, branches from any revision, several roots, branch labels,
 * dependsOn by id or label, a few revisions without downgrade): graph
 * facts, history order and the plans of `base:heads`, `heads:base`,
 * label ranges and random pairs. Fixtures: fixtures/gen_alembic.py.
 */
import { describe, expect, it } from 'vitest';
import { describeHistory } from '../../src/revision/describe.js';
import { buildGraph, checkInfo, checkPlan, loadFixture } from './helpers.js';

const graphs = loadFixture('alembic-random.json');

describe('Alembic parity on random DAGs', () => {
  it('covers 50 graphs of 6-22 revisions and 3 of 120', () => {
    expect(graphs.length).toBe(53);
  });

  it.each(graphs.map((g) => [g.name, g] as const))('%s', (_name, g) => {
    const graph = buildGraph(g);
    checkInfo(graph, g);
    if (g.historyIds) expect(describeHistory(graph).map((r) => r.id)).toEqual(g.historyIds);
    for (const p of g.plans) checkPlan(graph, p, g.name);
  });
});
