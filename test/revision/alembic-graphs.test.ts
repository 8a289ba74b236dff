/**
 * gensql against real Alembic on hand-made graphs (fixtures written by
 * fixtures/gen_alembic.py): graph facts, identifier resolution, relative
 * targets and upgrade/downgrade/stamp plans.
 */
import { describe, expect, it } from 'vitest';
import { Resolver } from '../../src/revision/resolve.js';
import { describeHistory, formatBranches, formatHeads, formatHistory, formatShow } from '../../src/revision/describe.js';
import type { RevisionGraph } from '../../src/revision/graph.js';
import { attempt, buildGraph, checkInfo, checkPlan, loadFixture, sameFamily } from './helpers.js';

const graphs = loadFixture('alembic-graphs.json');

/** an id part shorter than 4 characters that is no full id or label: gensql refuses such prefixes */
function shortPrefix(graph: RevisionGraph, ident: string): boolean {
  const part = ident.slice(ident.lastIndexOf('@') + 1);
  return part.length < 4 && !graph.has(part) && graph.labelOwner(part) < 0 && !['head', 'heads', 'base'].includes(part);
}

function checkOutcome<T>(got: { ok: T } | { error: string }, want: { ok: T } | { error: string }, label: string): void {
  if ('error' in want) {
    expect('error' in got, `${label}: expected an error like ${want.error}, got ${JSON.stringify(got)}`).toBe(true);
    if ('error' in got) expect(sameFamily(want.error, got.error), `${label}: ${got.error} / Alembic: ${want.error}`).toBe(true);
    return;
  }
  expect(got, label).toEqual(want);
}

describe.each(graphs.map((g) => [g.name, g] as const))('Alembic parity: %s', (_name, g) => {
  const graph = buildGraph(g);

  it('has the same heads, bases, labels and branch/merge points', () => {
    checkInfo(graph, g);
  });

  it('resolves identifiers as Alembic get_revisions/get_revision', () => {
    const r = new Resolver(graph);
    for (const c of g.resolve ?? []) {
      const many = attempt(() => graph.ids(r.revisions(c.ident)));
      const one = attempt(() => {
        const x = r.revision(c.ident);
        return x === null ? null : graph.idOf(x);
      });
      if (shortPrefix(graph, c.ident)) {
        expect('error' in many && 'error' in one, c.ident).toBe(true);
        continue;
      }
      checkOutcome(many, c.revisions, `revisions(${c.ident})`);
      checkOutcome(one, c.revision, `revision(${c.ident})`);
    }
  });

  it('resolves upgrade targets, relative forms included', () => {
    const r = new Resolver(graph);
    for (const c of g.upgradeTargets ?? []) {
      const label = `upgrade [${c.current.join(',')}]:${c.target}`;
      const got = attempt(() => graph.ids(r.upgradeTarget(c.target, c.current.map((id) => graph.indexOf(id)))));
      if ('ok' in c.result && c.result.ok.includes(null)) {
        // Alembic returns None here and then fails on it
        expect('error' in got, label).toBe(true);
        continue;
      }
      const want = 'ok' in c.result ? { ok: c.result.ok.filter((x) => x !== 'base') } : c.result;
      checkOutcome(got, want, label);
    }
  });

  it('resolves downgrade targets, relative forms included', () => {
    const r = new Resolver(graph);
    for (const c of g.downgradeTargets ?? []) {
      const label = `downgrade [${c.current.join(',')}]:${c.target}`;
      const got = attempt(() => {
        const t = r.downgradeTarget(c.target, c.current.map((id) => graph.indexOf(id)));
        return { label: t.label, target: t.target === null ? null : graph.idOf(t.target) };
      });
      const want = 'ok' in c.result ? { ok: { ...c.result.ok, target: c.result.ok.target === 'base' ? null : c.result.ok.target } } : c.result;
      checkOutcome(got, want, label);
    }
  });

  it(`plans ${g.plans.length} upgrade/downgrade/stamp ranges as Alembic`, () => {
    for (const p of g.plans) checkPlan(graph, p, g.name);
  });
});

describe.each(graphs.map((g) => [g.name, g] as const))('Alembic parity of history/heads/branches/show text: %s', (_name, g) => {
  const graph = buildGraph(g);
  const text = g.text;
  if (!text) return;

  it(`selects and prints ${text.history.length} history ranges as Alembic`, () => {
    for (const h of text.history) {
      const range = h.range ?? undefined;
      const ids = attempt(() => describeHistory(graph, range).map((r) => r.id));
      const label = `history -r ${h.range}`;
      if (h.error !== undefined || h.ids === null) {
        expect('error' in ids, `${label}: expected an error like ${h.error}`).toBe(true);
        if ('error' in ids && h.error !== undefined) expect(sameFamily(h.error, ids.error), `${label}: ${ids.error}`).toBe(true);
        continue;
      }
      expect(ids, label).toEqual({ ok: h.ids });
      expect(formatHistory(graph, { range }), label).toBe(h.text);
      expect(formatHistory(graph, { range, verbose: true }), `${label} --verbose`).toBe(h.verbose);
    }
  });

  it('prints heads and branches as Alembic', () => {
    expect(formatHeads(graph)).toBe(text.heads.text);
    expect(formatHeads(graph, { verbose: true })).toBe(text.heads.verbose);
    expect(formatHeads(graph, { resolveDependencies: true })).toBe(text.heads.resolved_text);
    expect(formatHeads(graph, { verbose: true, resolveDependencies: true })).toBe(text.heads.resolved_verbose);
    expect(formatBranches(graph)).toBe(text.branches.text);
    expect(formatBranches(graph, { verbose: true })).toBe(text.branches.verbose);
  });

  it('prints show as Alembic', () => {
    for (const s of text.show) {
      const got = attempt(() => formatShow(graph, s.rev));
      if (s.error !== undefined) expect('error' in got, s.rev).toBe(true);
      else expect(got, s.rev).toEqual({ ok: s.text });
    }
  });
});
