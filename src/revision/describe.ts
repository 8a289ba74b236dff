/**
 * What `history`, `heads`, `branches` and `show` print, as text modelled
 * on Alembic's (`Script._head_only`, `Script.log_entry`, `command.history`
 * / `heads` / `branches` / `show`) and as JSON-ready objects. Pure
 * functions; the commands only print what they return.
 *
 * Differences from Alembic: several branch labels, and a branch point's
 * children, are listed sorted / in insertion order (Alembic: set order);
 * `current` is not a revision here (gensql never sees a database).
 */
import { usageError } from '../errors.js';
import type { RevisionGraph } from './graph.js';
import { alembicOrder } from './order.js';
import { checkOverlap } from './plan.js';
import { Resolver } from './resolve.js';

export interface RevisionInfo {
  readonly id: string;
  readonly downRevisions: readonly string[];
  /** resolved revision ids */
  readonly dependsOn: readonly string[];
  /** own and propagated labels, sorted */
  readonly branchLabels: readonly string[];
  readonly message: string;
  readonly file: string;
  /** nothing names it as down revision (what `heads` lists) */
  readonly isHead: boolean;
  readonly isBase: boolean;
  readonly isBranchPoint: boolean;
  readonly isMergePoint: boolean;
}

export interface BranchPointInfo extends RevisionInfo {
  /** versioned children, insertion order */
  readonly branchesInto: readonly string[];
}

export function revisionInfo(graph: RevisionGraph, id: string): RevisionInfo {
  return info(graph, indexOrThrow(graph, id));
}

// ---- history ---------------------------------------------------------

/**
 * The revisions `history -r RANGE` shows, newest first, chosen as Alembic's
 * `walk_revisions`: RANGE is `[start]:[end]` (default `base:heads`), the
 * start included, and both ends must be on one line of descent.
 */
export function describeHistory(graph: RevisionGraph, range?: string): RevisionInfo[] {
  return historyIndices(graph, range).map((i) => info(graph, i));
}

export function formatHistory(graph: RevisionGraph, opts: { range?: string; verbose?: boolean } = {}): string {
  return historyIndices(graph, opts.range)
    .map((i) => (opts.verbose ? logEntry(graph, i) : headOnly(graph, i, { branches: true, doc: true, parents: true, tree: true })) + '\n')
    .join('');
}

function historyIndices(graph: RevisionGraph, range: string | undefined): number[] {
  let lower = 'base';
  let upper = 'heads';
  if (range !== undefined) {
    const parts = range.trim().split(':');
    if (parts.length !== 2) throw usageError('History range requires [start]:[end], [start]:, or :[end]');
    lower = parts[0] || 'base';
    upper = parts[1] || 'heads';
  }
  const r = new Resolver(graph);
  const current = r.revisions(lower);
  let targets = r.upgradeTarget(upper, current, false);
  const at = lower.indexOf('@');
  if (at >= 0) {
    // `LABEL@...` as start keeps only the targets carrying that label
    let branch = lower.slice(0, at);
    const named = r.revision(branch);
    if (named !== null && graph.idOf(named) === branch) {
      const labels = [...graph.labelSetOf(named)];
      if (labels.length !== 1) throw usageError(`revision ${branch} is used as a branch name but carries ${labels.length} branch labels`);
      branch = labels[0];
    }
    targets = targets.filter((t) => graph.labelSetOf(t).has(branch));
  }
  checkOverlap(graph, targets);
  checkOverlap(graph, current);
  const needs = graph.ancestorMask(targets);
  if (current.some((c) => needs[c] !== 1)) {
    throw usageError(`Requested range ${lower}:${upper} does not refer to ancestor/descendant revisions along the same branch`);
  }
  const have = graph.ancestorMask(current);
  for (let i = 0; i < needs.length; i++) if (have[i]) needs[i] = 0;
  for (const c of current) needs[c] = 1;
  if (current.length > 0) {
    const above = graph.descendantMask(current, false);
    for (let i = 0; i < needs.length; i++) needs[i] &= above[i];
  }
  return alembicOrder(graph, needs, targets, false);
}

// ---- heads, branches, show ---------------------------------------------

/** `heads`: revisions without children; with `resolveDependencies`, also nothing depending on them */
export function describeHeads(graph: RevisionGraph, opts: { resolveDependencies?: boolean } = {}): RevisionInfo[] {
  return headIndices(graph, opts).map((i) => info(graph, i));
}

export function formatHeads(graph: RevisionGraph, opts: { verbose?: boolean; resolveDependencies?: boolean } = {}): string {
  return headIndices(graph, opts)
    .map((i) => (opts.verbose ? logEntry(graph, i) : headOnly(graph, i, { branches: true })) + '\n')
    .join('');
}

function headIndices(graph: RevisionGraph, opts: { resolveDependencies?: boolean }): readonly number[] {
  return opts.resolveDependencies ? graph.realHeadIndices() : graph.headIndices();
}

/** `branches`: branch points in history order, with their children */
export function describeBranches(graph: RevisionGraph): BranchPointInfo[] {
  return branchPoints(graph).map((i) => ({ ...info(graph, i), branchesInto: graph.ids(graph.next[i]) }));
}

export function formatBranches(graph: RevisionGraph, opts: { verbose?: boolean } = {}): string {
  const verbose = opts.verbose ?? false;
  return branchPoints(graph)
    .map((i) => {
      const head = verbose ? logEntry(graph, i) : headOnly(graph, i, { branches: true, tree: true });
      const pad = ' '.repeat(graph.idOf(i).length);
      const kids = graph.next[i].map((c) => `${pad} -> ${headOnly(graph, c, { branches: true, doc: verbose, tree: true })}`);
      return `${head}\n${kids.join('\n')}\n\n`;
    })
    .join('');
}

function branchPoints(graph: RevisionGraph): number[] {
  return historyIndices(graph, undefined).filter((i) => graph.isBranchPoint(i));
}

/** `show REV`: every revision the identifier names (`heads` gives several, `base` none) */
export function describeShow(graph: RevisionGraph, rev: string): RevisionInfo[] {
  return new Resolver(graph).revisions(rev).map((i) => info(graph, i));
}

export function formatShow(graph: RevisionGraph, rev: string): string {
  return new Resolver(graph)
    .revisions(rev)
    .map((i) => logEntry(graph, i) + '\n')
    .join('');
}

// ---- line formats ------------------------------------------------------

function info(graph: RevisionGraph, i: number): RevisionInfo {
  const m = graph.meta(i);
  return {
    id: m.id,
    downRevisions: [...m.downRevisions],
    dependsOn: graph.ids(graph.deps[i]),
    branchLabels: sortedLabels(graph, i),
    message: m.message,
    file: m.file,
    isHead: graph.isHead(i),
    isBase: graph.isBase(i),
    isBranchPoint: graph.isBranchPoint(i),
    isMergePoint: graph.isMergePoint(i),
  };
}

/** Alembic `Script._head_only`: `parents -> id (labels) (head) (branchpoint), message` */
function headOnly(graph: RevisionGraph, i: number, o: { branches?: boolean; doc?: boolean; parents?: boolean; tree?: boolean }): string {
  const m = graph.meta(i);
  let text = m.id;
  if (o.parents) {
    const deps = m.dependsOn.length > 0 ? ` (${m.dependsOn.join(', ')})` : '';
    text = `${downText(graph, i)}${deps} -> ${text}`;
  }
  const labels = sortedLabels(graph, i);
  if (o.branches && labels.length > 0) text += ` (${labels.join(', ')})`;
  if (graph.isRealHead(i)) text += ' (head)';
  else if (graph.isHead(i)) text += ' (effective head)';
  if (o.tree) {
    if (graph.isBranchPoint(i)) text += ' (branchpoint)';
    if (graph.isMergePoint(i)) text += ' (mergepoint)';
  }
  if (o.doc) text += `, ${doc(m.message)}`;
  return text;
}

/** Alembic `Script.log_entry` (`history --verbose`, `show`) */
function logEntry(graph: RevisionGraph, i: number): string {
  const m = graph.meta(i);
  let entry = `Rev: ${m.id}${graph.isHead(i) ? ' (head)' : ''}${graph.isBranchPoint(i) ? ' (branchpoint)' : ''}${
    graph.isMergePoint(i) ? ' (mergepoint)' : ''
  }\n`;
  entry += graph.isMergePoint(i) ? `Merges: ${downText(graph, i)}\n` : `Parent: ${downText(graph, i)}\n`;
  if (m.dependsOn.length > 0) entry += `Also depends on: ${m.dependsOn.join(', ')}\n`;
  if (graph.isBranchPoint(i)) entry += `Branches into: ${graph.ids(graph.next[i]).join(', ')}\n`;
  const labels = sortedLabels(graph, i);
  if (labels.length > 0) entry += `Branch names: ${labels.join(', ')}\n`;
  entry += `Path: ${m.file}\n`;
  const long = m.message.trim();
  const body = long === '' ? [] : long.split(/\r\n|\r|\n/);
  entry += `\n${body.map((l) => `    ${l}`).join('\n')}\n`;
  return entry;
}

function downText(graph: RevisionGraph, i: number): string {
  const down = graph.meta(i).downRevisions;
  return down.length === 0 ? '<base>' : down.join(', ');
}

/** the first paragraph of the message, as Alembic's `Script.doc` */
function doc(message: string): string {
  return message.trim().split('\n\n')[0];
}

function sortedLabels(graph: RevisionGraph, i: number): string[] {
  return [...graph.labelSetOf(i)].sort();
}

function indexOrThrow(graph: RevisionGraph, id: string): number {
  const i = graph.indexOf(id);
  if (i < 0) throw usageError(`Can't locate revision identified by '${id}'`);
  return i;
}
