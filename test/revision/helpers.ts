/** Shared pieces of the revision tests: fixture loading and comparison shapes. */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { fileURLToPath } from 'node:url';
import { RevisionGraph } from '../../src/revision/graph.js';
import { isGensqlError } from '../../src/errors.js';
import type { Plan, RevisionMeta } from '../../src/revision/types.js';
import { planDowngrade, planStamp, planUpgrade } from '../../src/revision/plan.js';

export interface FixtureRev {
  id: string;
  down: string[];
  dependsOn: string[];
  labels: string[];
  message: string;
  hasDowngrade: boolean;
}

export type Outcome<T> = { ok: T } | { error: string };

export interface FixtureStep {
  revision: string | null;
  from: string[];
  to: string[];
  changes: string[][];
}

export interface FixturePlan {
  command: 'upgrade' | 'downgrade' | 'stamp';
  range: string;
  error?: string;
  start?: string[];
  steps?: FixtureStep[];
  end?: string[];
}

export interface FixtureGraph {
  name: string;
  revisions: FixtureRev[];
  info: {
    heads: string[];
    realHeads: string[];
    bases: string[];
    realBases: string[];
    revisions: Record<
      string,
      {
        labels: string[];
        isHead: boolean;
        isRealHead: boolean;
        isBranchPoint: boolean;
        isRealBranchPoint: boolean;
        isMergePoint: boolean;
        children: string[];
        normalizedDown: string[];
      }
    >;
  };
  resolve?: { ident: string; revisions: Outcome<(string | null)[]>; revision: Outcome<string | null> }[];
  upgradeTargets?: { current: string[]; target: string; result: Outcome<(string | null)[]> }[];
  downgradeTargets?: { current: string[]; target: string; result: Outcome<{ label: string | null; target: string | null }> }[];
  plans: FixturePlan[];
  historyIds?: string[] | null;
  text?: {
    history: { range: string | null; ids: string[] | null; error?: string; text: string; verbose: string }[];
    heads: { text: string; verbose: string; resolved_text: string; resolved_verbose: string };
    branches: { text: string; verbose: string };
    show: { rev: string; text: string; error?: string }[];
  };
}

export function loadFixture(name: string): FixtureGraph[] {
  const path = fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
  return (JSON.parse(readFileSync(path, 'utf8')) as { graphs: FixtureGraph[] }).graphs;
}

export function toMeta(r: FixtureRev): RevisionMeta {
  return {
    id: r.id,
    downRevisions: r.down,
    dependsOn: r.dependsOn,
    branchLabels: r.labels,
    message: r.message,
    file: `versions/${r.id}.py`,
    hasDowngrade: r.hasDowngrade,
  };
}

export function buildGraph(g: FixtureGraph): RevisionGraph {
  return RevisionGraph.build(g.revisions.map(toMeta));
}

/** a gensql plan in the fixture's shape */
export function planShape(plan: Plan): { start: string[]; steps: FixtureStep[]; end: string[] } {
  return {
    start: [...plan.start],
    end: [...plan.end],
    steps: plan.steps.map((s) => ({
      revision: s.revision,
      from: [...s.from],
      to: [...s.to],
      changes: s.versionChanges.map((c) => (c.kind === 'update' ? ['update', c.from, c.to] : [c.kind, c.rev])),
    })),
  };
}

/**
 * Alembic's error messages grouped by cause; gensql's must fall in the same
 * group. Python crashes (assertions, key errors) mean "an error", any kind.
 */
const FAMILIES: [RegExp, string][] = [
  [/Can't locate revision identified by|No such revision or branch|four characters/, 'locate'],
  [/Multiple head revisions are present|Multiple heads are present/, 'multiple-heads'],
  [/Multiple revisions start with/, 'ambiguous-prefix'],
  [/Relative revision/, 'relative'],
  [/Ambiguous walk/, 'ambiguous-walk'],
  [/Ambiguous upgrade/, 'ambiguous-upgrade'],
  [/not a valid downgrade target|Nothing to drop/, 'downgrade-target'],
  [/overlaps with other requested revisions/, 'overlap'],
  [/is not a member of branch/, 'not-member'],
  [/No such branch/, 'no-branch'],
  [/Walked too far/, 'walked'],
  [/requires <fromrev>:<torev>|needs a range FROM:TO/, 'usage'],
];

export function errorFamily(message: string): string {
  if (/^(AssertionError|KeyError|AttributeError|IndexError|TypeError|ValueError)/.test(message)) return 'crash';
  for (const [re, family] of FAMILIES) if (re.test(message)) return family;
  return 'other';
}

/**
 * Alembic's CLI reports every ResolutionError as "Can't locate revision
 * identified by ..."; gensql keeps the precise cause.
 */
const LOCATE_LIKE = new Set(['locate', 'ambiguous-prefix', 'not-member', 'no-branch']);

/** does gensql's error message fall in the group of Alembic's? */
export function sameFamily(alembic: string, gensql: string): boolean {
  const a = errorFamily(alembic);
  const g = errorFamily(gensql);
  if (a === 'crash' || a === g) return true;
  return a === 'locate' && LOCATE_LIKE.has(g);
}

/** run `fn`, returning its value or the GensqlError's message (anything else is a bug and rethrown) */
export function attempt<T>(fn: () => T): Outcome<T> {
  try {
    return { ok: fn() };
  } catch (e) {
    if (isGensqlError(e)) return { error: e.message };
    throw e;
  }
}

export function checkInfo(graph: RevisionGraph, g: FixtureGraph): void {
  expect(graph.heads()).toEqual(g.info.heads);
  expect(graph.realHeads()).toEqual(g.info.realHeads);
  expect(graph.bases()).toEqual(g.info.bases);
  expect(graph.realBases()).toEqual(g.info.realBases);
  for (const [id, want] of Object.entries(g.info.revisions)) {
    const i = graph.indexOf(id);
    expect({
      id,
      labels: graph.branchLabels(id),
      isHead: graph.isHead(i),
      isRealHead: graph.isRealHead(i),
      isBranchPoint: graph.isBranchPoint(i),
      isRealBranchPoint: graph.isRealBranchPoint(i),
      isMergePoint: graph.isMergePoint(i),
      children: [...graph.children(id)].sort(),
      normalizedDown: graph.normalizedDownRevisions(id),
    }).toEqual({ id, ...want });
  }
}

/** compare one plan; returns nothing, fails the test with the case named */
export function checkPlan(graph: RevisionGraph, p: FixturePlan, where: string): void {
  const run = { upgrade: planUpgrade, downgrade: planDowngrade, stamp: planStamp }[p.command];
  const plan = attempt(() => run(graph, p.range));
  const label = `${where}: ${p.command} ${p.range}`;
  if (p.error !== undefined && p.range.split(':').length > 1 && p.range.split(':')[0]!.includes(',')) {
    // a comma-list start (`a,b:c`) is a gensql extension Alembic refuses: it must plan, consistently
    if ('error' in plan) expect(plan.error, label).not.toMatch(/Can't locate revision identified by '[^']*,/);
    else checkRows(plan.ok, label);
    return;
  }
  if (p.error !== undefined) {
    expect('error' in plan ? plan.error : `no error, got ${JSON.stringify(plan)}`, label).not.toMatch(/^no error/);
    if ('error' in plan) expect(sameFamily(p.error, plan.error), `${label}: ${plan.error} / Alembic: ${p.error}`).toBe(true);
    return;
  }
  const got = 'ok' in plan ? { ok: planShape(plan.ok) } : plan;
  expect(got, label).toEqual({ ok: { start: p.start, steps: p.steps, end: p.end } });
  if ('ok' in plan) checkRows(plan.ok, label);
}

/** headsBefore/headsAfter must be the rows the changes lead through, from start to end */
export function checkRows(plan: Plan, label: string): void {
  const rows = new Set(plan.start);
  const want: string[][] = [];
  for (const s of plan.steps) {
    want.push([...rows].sort());
    for (const c of s.versionChanges) {
      if (c.kind === 'insert') rows.add(c.rev);
      else if (c.kind === 'delete') rows.delete(c.rev);
      else {
        rows.delete(c.from);
        rows.add(c.to);
      }
    }
    want.push([...rows].sort());
  }
  want.push([...rows].sort());
  const got = [...plan.steps.flatMap((s) => [[...s.headsBefore], [...s.headsAfter]]), [...plan.end]];
  expect(got, label).toEqual(want);
}

function rev(id: string, down: string[] = [], extra: Partial<RevisionMeta> = {}): RevisionMeta {
  return { id, downRevisions: down, dependsOn: [], branchLabels: [], message: `rev ${id}`, file: `versions/${id}.py`, hasDowngrade: true, ...extra };
}

/** scripts/branching/versions, in sorted file-name order */
export const branching: RevisionMeta[] = [
  rev('aaaa00000001'),
  rev('bbbb00000002', ['aaaa00000001']),
  rev('cccc1000003a', ['bbbb00000002'], { branchLabels: ['feature'] }),
  rev('cccc2000003b', ['bbbb00000002']),
  rev('dddd00000005', ['mmmm00000004']),
  rev('mmmm00000004', ['cccc1000003a', 'cccc2000003b']),
  rev('oooo10000001', [], { branchLabels: ['other'] }),
  rev('oooo20000002', ['oooo10000001'], { dependsOn: ['bbbb00000002'] }),
];

