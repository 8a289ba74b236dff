/**
 * Plan semantics on the graph of the issue, the rules gensql adds to
 * Alembic's, and the errors. (Parity with Alembic on ~3,000 ranges:
 * alembic-graphs.test.ts, alembic-random.test.ts, reference-branching.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { GensqlError } from '../../src/errors.js';
import { RevisionGraph } from '../../src/revision/graph.js';
import { planDowngrade, planRevisions, planStamp, planUpgrade } from '../../src/revision/plan.js';
import type { RevisionMeta } from '../../src/revision/types.js';
import { checkRows } from './helpers.js';

function rev(id: string, down: string[] = [], extra: Partial<RevisionMeta> = {}): RevisionMeta {
  return { id, downRevisions: down, dependsOn: [], branchLabels: [], message: `rev ${id}`, file: `versions/${id}.ts`, hasDowngrade: true, ...extra };
}

// base -> a -> (b1 'left', b2 'right') -> m ; x depends on b1
const graph = RevisionGraph.build([
  rev('a0000001', ['base0000']),
  rev('b1000002', ['a0000001'], { branchLabels: ['left'] }),
  rev('b2000003', ['a0000001'], { branchLabels: ['right'] }),
  rev('base0000'),
  rev('m0000004', ['b1000002', 'b2000003']),
  rev('x0000005', [], { dependsOn: ['b1000002'] }),
]);

function fails(fn: () => unknown): GensqlError {
  try {
    fn();
  } catch (e) {
    if (e instanceof GensqlError) return e;
    throw e;
  }
  throw new Error('expected an error');
}

describe('upgrade', () => {
  it('TO alone means base:TO and starts at no rows', () => {
    const plan = planUpgrade(graph, 'left@head');
    expect(plan.start).toEqual([]);
    expect(planRevisions(plan)).toEqual(['base0000', 'a0000001', 'b2000003', 'b1000002', 'm0000004']);
    expect(plan.steps[0]).toMatchObject({ direction: 'upgrade', from: [], to: ['base0000'], versionChanges: [{ kind: 'insert', rev: 'base0000' }] });
    expect(plan.steps[4]).toMatchObject({
      from: ['b1000002', 'b2000003'],
      to: ['m0000004'],
      versionChanges: [
        { kind: 'delete', rev: 'b1000002' },
        { kind: 'update', from: 'b2000003', to: 'm0000004' },
      ],
    });
    expect(plan.end).toEqual(['m0000004']);
    checkRows(plan, 'left@head');
  });

  it('a dependency that holds a row is consumed by the dependent', () => {
    const plan = planUpgrade(graph, 'b1000002:x0000005');
    expect(plan.steps.map((s) => s.versionChanges)).toEqual([[{ kind: 'update', from: 'b1000002', to: 'x0000005' }]]);
  });

  it('b1:m runs the missing parent as a new branch first', () => {
    const plan = planUpgrade(graph, 'b1000002:m0000004');
    expect(plan.steps.map((s) => [s.revision, s.versionChanges.map((c) => c.kind)])).toEqual([
      ['b2000003', ['insert']],
      ['m0000004', ['delete', 'update']],
    ]);
  });

  it('a destination below the start gives an empty plan', () => {
    const plan = planUpgrade(graph, 'm0000004:a0000001');
    expect(plan.steps).toEqual([]);
    expect(plan.start).toEqual(['m0000004']);
    expect(plan.end).toEqual(['m0000004']);
  });

  it('relative forms: ID+N, head-N, X:+N', () => {
    expect(planRevisions(planUpgrade(graph, 'base0000:+1'))).toEqual(['a0000001']);
    expect(fails(() => planUpgrade(graph, 'base+1')).message).toMatch(/^Ambiguous walk: base goes up to base0000, x0000005/);
    expect(planRevisions(planUpgrade(graph, 'b2000003:+1'))).toEqual(['b1000002', 'm0000004']);
    expect(planRevisions(planUpgrade(graph, 'a0000001:b100+1'))).toEqual(['b2000003', 'b1000002', 'm0000004']);
    expect(fails(() => planUpgrade(graph, 'a0000001:+1')).message).toMatch(/^Ambiguous walk/);
  });

  it('several start revisions: heads', () => {
    const plan = planUpgrade(graph, 'heads:heads');
    expect(plan.start).toEqual(['m0000004', 'x0000005']);
    expect(plan.steps).toEqual([]);
  });

  it('head with several heads is an error naming them', () => {
    const e = fails(() => planUpgrade(graph, 'head'));
    expect(e.exitCode).toBe(2);
    expect(e.message).toMatch(/Multiple head revisions .* \(heads: m0000004, x0000005\)/);
  });
});

describe('downgrade', () => {
  it('needs FROM:TO', () => {
    expect(fails(() => planDowngrade(graph, 'base')).message).toMatch(/downgrade needs a range FROM:TO/);
  });

  it('un-merges: INSERT the other parent, UPDATE to the last', () => {
    const plan = planDowngrade(graph, 'm0000004:a0000001');
    expect(plan.steps.map((s) => [s.from, s.to, s.versionChanges])).toEqual([
      [
        ['m0000004'],
        ['b1000002', 'b2000003'],
        [
          { kind: 'insert', rev: 'b1000002' },
          { kind: 'update', from: 'm0000004', to: 'b2000003' },
        ],
      ],
      [['b1000002'], ['a0000001'], [{ kind: 'delete', rev: 'b1000002' }]],
      [['b2000003'], ['a0000001'], [{ kind: 'update', from: 'b2000003', to: 'a0000001' }]],
    ]);
    expect(plan.end).toEqual(['a0000001']);
  });

  it('to base DELETEs the last row; several start revisions work', () => {
    const plan = planDowngrade(graph, 'heads:base');
    expect(plan.start).toEqual(['m0000004', 'x0000005']);
    expect(plan.end).toEqual([]);
    expect(plan.steps.at(-1)?.versionChanges).toEqual([{ kind: 'delete', rev: 'base0000' }]);
    checkRows(plan, 'heads:base');
  });

  it('a destination above the start is an error', () => {
    expect(fails(() => planDowngrade(graph, 'a0000001:m0000004')).message).toMatch(/is not a valid downgrade target/);
  });

  it('a revision without downgrade() is an error naming it and its file', () => {
    const g = RevisionGraph.build([rev('aaaa0001'), rev('bbbb0002', ['aaaa0001'], { hasDowngrade: false }), rev('cccc0003', ['bbbb0002'])]);
    expect(planRevisions(planDowngrade(g, 'cccc0003:bbbb0002'))).toEqual(['cccc0003']);
    const e = fails(() => planDowngrade(g, 'cccc0003:base'));
    expect(e.message).toMatch(/bbbb0002 has no downgrade\(\)/);
    expect(e.context).toMatchObject({ files: ['versions/bbbb0002.ts'], revision: 'bbbb0002' });
  });
});

describe('stamp', () => {
  it('X:base deletes, heads inserts each head', () => {
    expect(planStamp(graph, 'm0000004:base').steps.map((s) => s.versionChanges)).toEqual([[{ kind: 'delete', rev: 'm0000004' }]]);
    const plan = planStamp(graph, 'heads');
    expect(plan.steps.map((s) => [s.revision, s.from, s.to, s.versionChanges])).toEqual([
      [null, [], ['m0000004'], [{ kind: 'insert', rev: 'm0000004' }]],
      [null, [], ['x0000005'], [{ kind: 'insert', rev: 'x0000005' }]],
    ]);
  });

  it('several targets separated by commas, relative targets from FROM', () => {
    const plan = planStamp(graph, 'a0000001:b1000002,b2000003');
    expect(plan.end).toEqual(['b1000002', 'b2000003']);
    expect(planStamp(graph, 'a0000001:left@+1').end).toEqual(['b1000002']);
  });
});
