/**
 * The revision graph: Alembic's RevisionMap semantics over integer indices.
 *
 * Index i is the i-th revision in "insertion order" (sorted file names per
 * versions folder, as the loader gives them); Alembic breaks ties in its
 * topological sort by that order, so every list here keeps it.
 *
 * Edge kinds, named as in Alembic (`alembic/script/revision.py`):
 *   down      — versioned parents (`down_revision`), written order
 *   deps      — resolved `depends_on`, written order
 *   normDown  — down + the deps not already implied by an ancestor's deps
 *               (`_normalized_down_revisions`); what plans walk
 *   allDown   — down + all deps (`_all_down_revisions`)
 *   next      — versioned children (`nextrev`); allNext — children via allDown
 */
import type { RevisionMeta } from './types.js';
import { revisionError } from '../errors.js';
import {
  EMPTY,
  checkLabels,
  childLists,
  dedupe,
  normalizeDependencies,
  parentIndices,
  propagateLabels,
  resolveDependency,
  topoLevels,
} from './graph-build.js';

const ID_RE = /^[A-Za-z0-9_]{1,32}$/;
const NO_LABELS: ReadonlySet<string> = new Set();
/** words the identifier grammar gives a meaning to */
export const RESERVED_WORDS: ReadonlySet<string> = new Set(['head', 'heads', 'base', 'current']);

type Edges = readonly (readonly number[])[];

export class RevisionGraph {
  readonly size: number;
  readonly down: Edges;
  readonly deps: Edges;
  readonly normDown: Edges;
  readonly allDown: Edges;
  readonly next: Edges;
  readonly allNext: Edges;
  /** longest path from a base (over allDown): an ancestor always has a smaller level */
  readonly level: Int32Array;

  private readonly metas: readonly RevisionMeta[];
  private readonly byId: ReadonlyMap<string, number>;
  private readonly byLabel: ReadonlyMap<string, number>;
  private readonly labelSets: readonly (ReadonlySet<string> | undefined)[];
  private sortedIds: readonly string[] | undefined;
  private readonly headList: readonly number[];
  private readonly realHeadList: readonly number[];
  private readonly baseList: readonly number[];
  private readonly realBaseList: readonly number[];
  /** visit stamps shared by the traversals, so a walk costs what it reaches, not O(n) to clear */
  private readonly stamp: Uint32Array;
  private generation = 0;

  private constructor(init: {
    metas: readonly RevisionMeta[];
    byId: Map<string, number>;
    byLabel: Map<string, number>;
    down: Edges;
    deps: Edges;
    normDown: Edges;
    allDown: Edges;
    next: Edges;
    allNext: Edges;
    level: Int32Array;
    labelSets: (Set<string> | undefined)[];
  }) {
    this.metas = init.metas;
    this.size = init.metas.length;
    this.byId = init.byId;
    this.byLabel = init.byLabel;
    this.down = init.down;
    this.deps = init.deps;
    this.normDown = init.normDown;
    this.allDown = init.allDown;
    this.next = init.next;
    this.allNext = init.allNext;
    this.level = init.level;
    this.labelSets = init.labelSets;
    const all = [...init.metas.keys()];
    this.headList = all.filter((i) => init.next[i].length === 0);
    this.realHeadList = all.filter((i) => init.allNext[i].length === 0);
    this.baseList = all.filter((i) => init.down[i].length === 0);
    this.realBaseList = all.filter((i) => init.down[i].length === 0 && init.metas[i].dependsOn.length === 0);
    this.stamp = new Uint32Array(this.size);
  }

  /**
   * Validate and index revisions. `revs` must be in insertion order.
   * Throws a revisionError (with the files involved) for a bad id, a
   * duplicate id or branch label, an unknown parent or dependency, a cycle.
   */
  static build(revs: readonly RevisionMeta[]): RevisionGraph {
    const byId = new Map<string, number>();
    revs.forEach((r, i) => {
      if (!ID_RE.test(r.id) || RESERVED_WORDS.has(r.id)) {
        throw revisionError(
          `invalid revision id '${r.id}' in ${r.file}: use 1 to 32 letters, digits or '_' (and not head, heads, base or current)`,
          { files: [r.file], revision: r.id },
        );
      }
      const prev = byId.get(r.id);
      if (prev !== undefined) {
        throw revisionError(`duplicate revision id '${r.id}' in ${revs[prev].file} and ${r.file}`, {
          files: [revs[prev].file, r.file],
          revision: r.id,
        });
      }
      byId.set(r.id, i);
    });
    const byLabel = checkLabels(revs, byId);

    const n = revs.length;
    const down = revs.map((r) => parentIndices(r, byId));
    let sorted: string[] | undefined; // only a prefix dependency needs it
    const sortedIds = (): readonly string[] => (sorted ??= revs.map((r) => r.id).sort());
    const deps = revs.map((r) =>
      r.dependsOn.length === 0 ? EMPTY : dedupe(r.dependsOn.map((d) => resolveDependency(r, d, byId, byLabel, sortedIds))),
    );
    const allDown = down.map((ds, i) => (deps[i].length === 0 ? ds : dedupe([...ds, ...deps[i]])));
    const { next, allNext } = childLists(n, down, allDown);
    const level = topoLevels(revs, allDown, allNext);
    const normDown = normalizeDependencies(n, down, deps, next);
    const labelSets: (Set<string> | undefined)[] = revs.map((r) => (r.branchLabels.length > 0 ? new Set(r.branchLabels) : undefined));
    propagateLabels(n, labelSets, down, next, allNext);
    return new RevisionGraph({ metas: revs, byId, byLabel, down, deps, normDown, allDown, next, allNext, level, labelSets });
  }

  // ---- lookups -------------------------------------------------------

  /** the revision with this exact id */
  get(id: string): RevisionMeta | undefined {
    const i = this.byId.get(id);
    return i === undefined ? undefined : this.metas[i];
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** every revision, in insertion order */
  all(): readonly RevisionMeta[] {
    return this.metas;
  }

  /** index of an exact id, or -1 */
  indexOf(id: string): number {
    return this.byId.get(id) ?? -1;
  }

  meta(i: number): RevisionMeta {
    return this.metas[i];
  }

  idOf(i: number): string {
    return this.metas[i].id;
  }

  ids(indices: Iterable<number>): string[] {
    // mapped, not pushed: exact-size lists (a plan keeps several per step, 10,000s in a long history)
    return (Array.isArray(indices) ? (indices as number[]) : [...indices]).map((i) => this.metas[i].id);
  }

  /** the revision that declares `label`, or -1 */
  labelOwner(label: string): number {
    return this.byLabel.get(label) ?? -1;
  }

  /** ids starting with `prefix`, sorted (binary search, no scan) */
  idsWithPrefix(prefix: string): string[] {
    const ids = (this.sortedIds ??= this.metas.map((m) => m.id).sort());
    let lo = 0;
    let hi = ids.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ids[mid] < prefix) lo = mid + 1;
      else hi = mid;
    }
    const out: string[] = [];
    for (let i = lo; i < ids.length && ids[i].startsWith(prefix); i++) out.push(ids[i]);
    return out;
  }

  // ---- Alembic's heads and bases ---------------------------------------

  /** revisions nothing names as down revision (Alembic `heads`, `alembic heads`) */
  heads(): string[] {
    return this.ids(this.headList);
  }

  /** revisions nothing names as down revision nor depends on (the `heads` identifier) */
  realHeads(): string[] {
    return this.ids(this.realHeadList);
  }

  /** revisions without down revision (Alembic `bases`) */
  bases(): string[] {
    return this.ids(this.baseList);
  }

  /** bases that depend on nothing either */
  realBases(): string[] {
    return this.ids(this.realBaseList);
  }

  headIndices(): readonly number[] {
    return this.headList;
  }

  realHeadIndices(): readonly number[] {
    return this.realHeadList;
  }

  baseIndices(): readonly number[] {
    return this.baseList;
  }

  // ---- per revision ----------------------------------------------------

  /** branch labels after propagation (own, inherited from ancestors, spread down a linear stem), sorted */
  branchLabels(id: string): string[] {
    return [...this.labelSetOf(this.require(id))].sort();
  }

  labelSetOf(i: number): ReadonlySet<string> {
    return this.labelSets[i] ?? NO_LABELS;
  }

  /** resolved `dependsOn` ids, written order */
  dependencies(id: string): string[] {
    return this.ids(this.deps[this.require(id)]);
  }

  /** down revisions plus the dependencies not implied by ancestors (what a merge/unmerge considers) */
  normalizedDownRevisions(id: string): string[] {
    return this.ids(this.normDown[this.require(id)]);
  }

  /** versioned children, insertion order */
  children(id: string): string[] {
    return this.ids(this.next[this.require(id)]);
  }

  isHead(i: number): boolean {
    return this.next[i].length === 0;
  }

  isRealHead(i: number): boolean {
    return this.allNext[i].length === 0;
  }

  isBase(i: number): boolean {
    return this.down[i].length === 0;
  }

  isBranchPoint(i: number): boolean {
    return this.next[i].length > 1;
  }

  isRealBranchPoint(i: number): boolean {
    return this.allNext[i].length > 1;
  }

  isMergePoint(i: number): boolean {
    return this.down[i].length > 1;
  }

  // ---- traversals ------------------------------------------------------

  /** ids of the ancestors of `ids` (included), insertion order */
  ancestors(ids: readonly string[], opts: { includeDependencies?: boolean } = {}): string[] {
    const mask = this.ancestorMask(ids.map((id) => this.require(id)), opts.includeDependencies ?? true);
    return this.maskIds(mask);
  }

  /** ids of the descendants of `ids` (included), insertion order */
  descendants(ids: readonly string[], opts: { includeDependencies?: boolean } = {}): string[] {
    const mask = this.descendantMask(ids.map((id) => this.require(id)), opts.includeDependencies ?? true);
    return this.maskIds(mask);
  }

  /** starts and everything below them; with dependencies, over normalized edges (same reach as all edges) */
  ancestorMask(starts: Iterable<number>, includeDependencies = true): Uint8Array {
    return this.reach(starts, includeDependencies ? this.normDown : this.down);
  }

  descendantMask(starts: Iterable<number>, includeDependencies = true): Uint8Array {
    return this.reach(starts, includeDependencies ? this.allNext : this.next);
  }

  /** Alembic's `_shares_lineage`: ancestors and descendants of any of `of` */
  lineageMask(of: Iterable<number>, includeDependencies = false): Uint8Array {
    const list = [...of];
    const mask = this.ancestorMask(list, includeDependencies);
    const desc = this.descendantMask(list, includeDependencies);
    for (let i = 0; i < mask.length; i++) mask[i] |= desc[i];
    return mask;
  }

  /**
   * Is `a` a strict ancestor of `b` (over all edges)? A walk down from b
   * that never goes below a's level, so a query costs the band between them.
   */
  isAncestor(a: number, b: number): boolean {
    if (a === b || this.level[a] >= this.level[b]) return false;
    const floor = this.level[a];
    const g = this.nextGeneration();
    const stack = [b];
    this.stamp[b] = g;
    while (stack.length > 0) {
      const x = stack.pop() as number;
      for (const p of this.normDown[x]) {
        if (p === a) return true;
        if (this.stamp[p] === g || this.level[p] <= floor) continue;
        this.stamp[p] = g;
        stack.push(p);
      }
    }
    return false;
  }

  maskIds(mask: Uint8Array): string[] {
    const out: string[] = [];
    for (let i = 0; i < mask.length; i++) if (mask[i]) out.push(this.metas[i].id);
    return out;
  }

  private reach(starts: Iterable<number>, edges: Edges): Uint8Array {
    const mask = new Uint8Array(this.size);
    const stack: number[] = [];
    for (const s of starts) {
      if (!mask[s]) {
        mask[s] = 1;
        stack.push(s);
      }
    }
    while (stack.length > 0) {
      const x = stack.pop() as number;
      for (const y of edges[x]) {
        if (!mask[y]) {
          mask[y] = 1;
          stack.push(y);
        }
      }
    }
    return mask;
  }

  private nextGeneration(): number {
    if (this.generation === 0xffffffff) {
      this.stamp.fill(0);
      this.generation = 0;
    }
    return ++this.generation;
  }

  private require(id: string): number {
    const i = this.byId.get(id);
    if (i === undefined) throw revisionError(`unknown revision '${id}'`, { revision: id });
    return i;
  }
}
