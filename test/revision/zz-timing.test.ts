import { it } from 'vitest';
import { RevisionGraph } from '../../src/revision/graph.js';
import { planUpgrade, planDowngrade, planStamp } from '../../src/revision/plan.js';
import { describeHistory } from '../../src/revision/describe.js';
import type { RevisionMeta } from '../../src/revision/types.js';
const id = (i: number) => i.toString(16).padStart(12, '0');
function meta(i: number, down: string[], extra: Partial<RevisionMeta> = {}): RevisionMeta {
  return { id: id(i), downRevisions: down, dependsOn: [], branchLabels: [], message: 'm', file: `v/${id(i)}.ts`, hasDowngrade: true, ...extra };
}
it('timing', () => {
  const linear = Array.from({ length: 10000 }, (_, i) => meta(i, i === 0 ? [] : [id(i - 1)]));
  for (let k = 0; k < 3; k++) {
    const t0 = performance.now();
    const g = RevisionGraph.build(linear);
    const t1 = performance.now();
    g.heads();
    const p = planUpgrade(g, 'base:head');
    const t2 = performance.now();
    const d = planDowngrade(g, 'head:base');
    const t3 = performance.now();
    describeHistory(g);
    const t4 = performance.now();
    console.log('linear build', (t1 - t0).toFixed(1), 'plan', (t2 - t1).toFixed(1), 'down', (t3 - t2).toFixed(1), 'hist', (t4-t3).toFixed(1), p.steps.length, d.steps.length);
  }
  // periodic diamonds: every 10 revisions a branch of 2 arms merging
  const revs: RevisionMeta[] = [];
  let last = '';
  let i = 0;
  while (revs.length < 10000) {
    if (i % 10 === 5) {
      const b = last;
      const x = meta(i++, [b]); const y = meta(i++, [b]);
      revs.push(x, y);
      const m = meta(i++, [x.id, y.id]); revs.push(m); last = m.id;
    } else { const r = meta(i++, last ? [last] : []); revs.push(r); last = r.id; }
  }
  // shuffle-ish insertion order: reverse
  revs.reverse();
  for (let k = 0; k < 3; k++) {
    const t0 = performance.now();
    const g = RevisionGraph.build(revs);
    const t1 = performance.now();
    const p = planUpgrade(g, 'base:heads');
    const t2 = performance.now();
    const d = planDowngrade(g, 'heads:base');
    const t3 = performance.now();
    const s = planStamp(g, 'base:heads');
    const t4 = performance.now();
    console.log('diamonds build', (t1 - t0).toFixed(1), 'plan', (t2 - t1).toFixed(1), 'down', (t3 - t2).toFixed(1), 'stamp', (t4-t3).toFixed(1), p.steps.length, d.steps.length);
  }
});
