/**
 * Plans for `upgrade`, `downgrade` and `stamp` over a range: which
 * revisions run, in Alembic's order, with the version-table rows each step
 * changes (`ScriptDirectory._upgrade_revs/_downgrade_revs/_stamp_revs`,
 * `RevisionMap._collect_upgrade_revisions/_collect_downgrade_revisions`).
 *
 * Unlike Alembic's offline mode, the start of a range may name several
 * revisions (`heads:base`, `LABEL@heads:...`): the script then expects
 * exactly those version rows.
 */
import { revisionError, usageError } from '../errors.js';
import type { RevisionGraph } from './graph.js';
import { alembicOrder } from './order.js';
import { Resolver, parseRelative, splitRange } from './resolve.js';
import type { Direction, Plan, PlanStep } from './types.js';
import { type StepSpec, VersionRows } from './versions.js';

/** `upgrade RANGE`; `TO` alone means `base:TO`. */
export function planUpgrade(graph: RevisionGraph, range: string): Plan {
  const r = new Resolver(graph);
  const { from, to } = splitRange(range);
  const start = from === null ? [] : r.start(from);
  const targets = r.upgradeTarget(to, start);
  checkOverlap(graph, targets);
  checkOverlap(graph, start);
  const needs = graph.ancestorMask(targets);
  const have = graph.ancestorMask(start);
  for (let i = 0; i < needs.length; i++) if (have[i]) needs[i] = 0;
  const order = alembicOrder(graph, needs, targets, true).reverse();
  return buildPlan(graph, 'upgrade', range, start, order.map((rev) => ({ kind: 'revision', rev, upgrade: true })));
}

/** `downgrade FROM:TO`: FROM is required, offline nothing else says where the database is. */
export function planDowngrade(graph: RevisionGraph, range: string): Plan {
  const r = new Resolver(graph);
  const { from, to } = splitRange(range);
  if (from === null) {
    throw usageError(`downgrade needs a range FROM:TO (e.g. head:${range}); offline, nothing else tells where the database is`);
  }
  const start = r.start(from);
  const { label, target } = r.downgradeTarget(to, start);
  let roots = target === null ? graph.baseIndices().slice() : graph.next[target].slice();
  if (label !== null && roots.length > 1) {
    // a label narrows the downgrade to the roots on that branch's line
    const line = graph.ancestorMask([r.resolveBranch(label)], false);
    roots = roots.filter((x) => line[x] === 1);
    if (roots.length === 0) throw usageError(`Not a valid downgrade target from current heads: ${to}`);
  }
  const drop = graph.descendantMask(roots);
  const active = graph.ancestorMask(start);
  let any = false;
  for (let i = 0; i < drop.length; i++) {
    drop[i] &= active[i];
    if (drop[i]) any = true;
  }
  if (target !== null && !any && !start.includes(target)) {
    throw usageError(`Destination ${graph.idOf(target)} is not a valid downgrade target from current head(s) ${r.names(start) || 'base'}`);
  }
  const order = alembicOrder(graph, drop, start, true);
  for (const rev of order) {
    const m = graph.meta(rev);
    if (!m.hasDowngrade) {
      throw revisionError(`revision ${m.id} has no downgrade(), and the range ${range} needs to downgrade it (in ${m.file})`, {
        files: [m.file],
        revision: m.id,
      });
    }
  }
  return buildPlan(graph, 'downgrade', range, start, order.map((rev) => ({ kind: 'revision', rev, upgrade: false })));
}

/**
 * `stamp RANGE`: only version rows, as Alembic's StampStep. TO may list
 * several targets separated by commas; `TO` alone means `base:TO`.
 */
export function planStamp(graph: RevisionGraph, range: string): Plan {
  const r = new Resolver(graph);
  const { from, to } = splitRange(range);
  const start = from === null ? [] : r.start(from);
  const dests = to.split(',');
  if (dests.some((d) => d === '')) throw usageError(`empty revision in '${to}'`);

  // the start rows each destination concerns (Alembic `filter_for_lineage`, dependencies included)
  const concerned: number[] = [];
  const targets: (number | null)[] = [];
  for (const d of dests) {
    const revs = stampDestination(r, d, start);
    targets.push(...revs);
    const kept = isRelative(d) ? filterByLineage(graph, start, revs) : r.filterForLineage(start, d, true);
    for (const k of kept) if (!concerned.includes(k)) concerned.push(k);
  }
  if (targets.length === 0) targets.push(null);

  const specs: StepSpec[] = [];
  for (const dest of targets) {
    if (dest === null) {
      for (const h of concerned) specs.push({ kind: 'stamp', from: [h], to: [], upgrade: false, branchMove: true });
      continue;
    }
    if (concerned.includes(dest)) continue; // already a row
    const below = graph.descendantMask([dest]);
    const above = graph.ancestorMask([dest]);
    if (concerned.some((h) => below[h] === 1)) {
      specs.push({ kind: 'stamp', from: concerned, to: [dest], upgrade: false, branchMove: false });
    } else if (concerned.some((h) => above[h] === 1)) {
      specs.push({ kind: 'stamp', from: concerned, to: [dest], upgrade: true, branchMove: false });
    } else {
      specs.push({ kind: 'stamp', from: [], to: [dest], upgrade: true, branchMove: true });
    }
  }
  return buildPlan(graph, 'stamp', range, start, specs);
}

/** where a stamp destination points: relative forms count from the start, as in upgrade/downgrade */
function stampDestination(r: Resolver, dest: string, start: readonly number[]): number[] {
  const rel = parseRelative(dest);
  if (rel === null) return r.revisions(dest);
  if (rel.steps > 0) return r.upgradeTarget(dest, start);
  const t = r.downgradeTarget(dest, start).target;
  return t === null ? [] : [t];
}

function isRelative(ident: string): boolean {
  return parseRelative(ident) !== null;
}

function filterByLineage(graph: RevisionGraph, rows: readonly number[], of: readonly number[]): number[] {
  if (of.length === 0) return [...rows];
  const mask = graph.lineageMask(of, true);
  return rows.filter((x) => mask[x] === 1);
}

/**
 * Alembic's `check=True` walk: a requested revision below another one is
 * an error. One walk below all of them finds whether any overlaps; only
 * then is it worth finding which.
 */
export function checkOverlap(graph: RevisionGraph, targets: readonly number[]): void {
  if (targets.length < 2) return;
  const below = graph.ancestorMask(targets.flatMap((t) => graph.normDown[t]));
  if (!targets.some((t) => below[t] === 1)) return;
  for (const t of targets) {
    const under = graph.ancestorMask([t]);
    const others = targets.filter((o) => o !== t && under[o] === 1);
    if (others.length > 0) {
      throw usageError(`Requested revision ${graph.idOf(t)} overlaps with other requested revisions ${graph.ids(others).join(', ')}`);
    }
  }
}

function buildPlan(graph: RevisionGraph, direction: Direction, range: string, start: readonly number[], specs: readonly StepSpec[]): Plan {
  const rows = new VersionRows(graph, start);
  const startRows = rows.sorted();
  let before = startRows;
  const steps: PlanStep[] = specs.map((spec) => {
    const headsBefore = before;
    const versionChanges = rows.apply(spec);
    const headsAfter = versionChanges.length === 0 ? headsBefore : rows.sorted();
    before = headsAfter;
    if (spec.kind === 'stamp') {
      return { direction, revision: null, from: graph.ids(spec.from), to: graph.ids(spec.to), versionChanges, headsBefore, headsAfter };
    }
    const id = graph.idOf(spec.rev);
    const parents = graph.ids(graph.down[spec.rev]);
    return {
      direction,
      revision: id,
      from: spec.upgrade ? parents : [id],
      to: spec.upgrade ? [id] : parents,
      versionChanges,
      headsBefore,
      headsAfter,
    };
  });
  return { direction, range, start: startRows, end: before, steps };
}

/** the revisions a plan runs, for callers that only need the list */
export function planRevisions(plan: Plan): string[] {
  return plan.steps.flatMap((s) => (s.revision === null ? [] : [s.revision]));
}
