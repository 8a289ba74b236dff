/**
 * The real Alembic outputs of the branching example (research notes,
 * `scripts/branching/*.sql`, reduced to steps by fixtures/gen_alembic.py):
 * every `-- Running A, B -> C` line and every version-table statement, in
 * order. Alembic's error scripts must be errors here, except
 * `downgrade heads:base` and the comma-list start `a,b:c`, which gensql
 * supports on purpose.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RevisionGraph } from '../../src/revision/graph.js';
import { planDowngrade, planStamp, planUpgrade } from '../../src/revision/plan.js';
import { attempt, branching, sameFamily } from './helpers.js';

interface ReferenceScript {
  file: string;
  command: 'upgrade' | 'downgrade' | 'stamp';
  range: string;
  error?: string;
  steps: { from: string[]; to: string[]; changes: string[][] }[];
}

const scripts = (
  JSON.parse(readFileSync(fileURLToPath(new URL('./fixtures/reference-branching.json', import.meta.url)), 'utf8')) as {
    scripts: ReferenceScript[];
  }
).scripts;

describe('reproduces scripts/branching/ of real Alembic', () => {
  const graph = RevisionGraph.build(branching);
  const run = { upgrade: planUpgrade, downgrade: planDowngrade, stamp: planStamp };

  it('has all 13 reference scripts', () => {
    expect(scripts.length).toBe(13);
  });

  it.each(scripts.map((s) => [s.file, s] as const))('%s', (_file, s) => {
    const got = attempt(() => run[s.command](graph, s.range));
    const multiStart = s.range === 'heads:base' || s.range.split(':')[0]!.includes(',');
    if (s.error !== undefined && !multiStart) {
      expect('error' in got).toBe(true);
      if ('error' in got) expect(sameFamily(s.error, got.error), got.error).toBe(true);
      return;
    }
    if (!('ok' in got)) throw new Error(got.error);
    if (s.error !== undefined && s.range === 'heads:base') {
      // Alembic cannot start from several revisions offline; gensql can
      expect(got.ok.start).toEqual(['dddd00000005', 'oooo20000002']);
      expect(got.ok.end).toEqual([]);
      return;
    }
    if (s.error !== undefined) {
      // `cccc1000003a,cccc2000003b:mmmm00000004`: the merge alone, from both branch rows
      expect(got.ok.start).toEqual(['cccc1000003a', 'cccc2000003b']);
      expect(got.ok.end).toEqual(['mmmm00000004']);
      expect(got.ok.steps.map((st) => [st.revision, st.versionChanges])).toEqual([
        ['mmmm00000004', [{ kind: 'delete', rev: 'cccc1000003a' }, { kind: 'update', from: 'cccc2000003b', to: 'mmmm00000004' }]],
      ]);
      return;
    }
    const steps = got.ok.steps.map((st) => ({
      from: [...st.from],
      to: [...st.to],
      changes: st.versionChanges.map((c) => (c.kind === 'update' ? ['update', c.from, c.to] : [c.kind, c.rev])),
    }));
    if (s.file === 'mssql_upgrade_heads.sql') {
      // Alembic picks the row a merge keeps from a Python set: its own runs
      // disagree (this file keeps cccc1000003a, upgrade_heads.sql keeps
      // cccc2000003b). gensql always keeps the last parent's row, as
      // upgrade_heads.sql; here only the merge step may differ, and only so.
      const pg = scripts.find((x) => x.file === 'upgrade_heads.sql') as ReferenceScript;
      expect(steps).toEqual(pg.steps);
      const merge = s.steps.findIndex((st) => st.from.length > 1);
      expect(s.steps.filter((_, i) => i !== merge)).toEqual(steps.filter((_, i) => i !== merge));
      expect(s.steps[merge].changes).toEqual([
        ['delete', 'cccc2000003b'],
        ['update', 'cccc1000003a', 'mmmm00000004'],
      ]);
      return;
    }
    expect(steps).toEqual(s.steps);
  });

  it('runs `upgrade heads` in the interleaved order a, b, c2, o1, o2, c1, m, d', () => {
    const plan = planUpgrade(graph, 'heads');
    expect(plan.steps.map((s) => s.revision?.slice(0, 5))).toEqual(['aaaa0', 'bbbb0', 'cccc2', 'oooo1', 'oooo2', 'cccc1', 'mmmm0', 'dddd0']);
  });

  it('downgrades heads:base, which Alembic refuses offline', () => {
    const plan = planDowngrade(graph, 'heads:base');
    expect(plan.start).toEqual(['dddd00000005', 'oooo20000002']);
    expect(plan.steps.map((s) => s.revision)).toEqual([
      'dddd00000005',
      'mmmm00000004',
      'cccc1000003a',
      'oooo20000002',
      'oooo10000001',
      'cccc2000003b',
      'bbbb00000002',
      'aaaa00000001',
    ]);
    // oooo20000002 un-merges from its dependency: bbbb00000002 is still implied by cccc2000003b's row
    expect(plan.steps[3].versionChanges).toEqual([{ kind: 'update', from: 'oooo20000002', to: 'oooo10000001' }]);
    expect(plan.end).toEqual([]);
  });
});
