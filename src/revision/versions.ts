/**
 * The version-table rows a script moves through, step by step: Alembic's
 * HeadMaintainer with the RevisionStep / StampStep rules
 * (`alembic/runtime/migration.py`).
 *
 * Where Alembic picks an order from a Python set (which row a merge keeps,
 * which parent an un-merge updates to), its choice depends on the string
 * hash seed. We fix one of its possible choices:
 *   - a merge deletes its parents' rows in down-revision order (then
 *     dependencies) and UPDATEs the last one;
 *   - an un-merge INSERTs dependencies first, then all but the last down
 *     revision, and UPDATEs the row to the last down revision — so a
 *     revision whose `dependsOn` is re-inserted moves back to its own
 *     parent, as in Alembic's reference output
 *     (`scripts/branching/downgrade_other_to_base.sql`).
 * Un-merge follows current Alembic (1.19): a parent that is an ancestor of
 * another parent gets no row of its own.
 */
import { type GensqlError, usageError } from '../errors.js';
import type { RevisionGraph } from './graph.js';
import type { VersionChange } from './types.js';

export type StepSpec =
  | { readonly kind: 'revision'; readonly rev: number; readonly upgrade: boolean }
  | {
      readonly kind: 'stamp';
      readonly from: readonly number[];
      readonly to: readonly number[];
      readonly upgrade: boolean;
      /** a stamp that creates or removes a whole branch (Alembic `branch_move`) */
      readonly branchMove: boolean;
    };

export class VersionRows {
  private readonly rows: Set<number>;
  /** the step being applied, for error messages */
  private step = '';

  constructor(
    private readonly graph: RevisionGraph,
    start: readonly number[],
  ) {
    this.rows = new Set(start);
  }

  /** current rows as sorted ids */
  sorted(): string[] {
    if (this.rows.size === 1) for (const r of this.rows) return [this.graph.idOf(r)];
    return this.graph.ids(this.rows).sort();
  }

  /** Alembic `HeadMaintainer.update_to_step` */
  apply(step: StepSpec): VersionChange[] {
    const changes: VersionChange[] = [];
    const g = this.graph;
    this.step =
      step.kind === 'stamp'
        ? `stamp ${g.ids(step.from).join(', ') || 'base'} -> ${g.ids(step.to).join(', ') || 'base'}`
        : `${step.upgrade ? 'upgrade' : 'downgrade'} ${g.idOf(step.rev)}`;
    if (step.kind === 'stamp') this.stamp(step, changes);
    else if (step.upgrade) this.upgrade(step.rev, changes);
    else this.downgrade(step.rev, changes);
    // an exact-size copy: a plan keeps one list per step, and a pushed-to list reserves room for 17
    return changes.slice();
  }

  private upgrade(rev: number, out: VersionChange[]): void {
    const parents = this.graph.normDown[rev];
    if (parents.length === 1 && this.rows.has(parents[0])) {
      this.update(parents[0], rev, out); // the common linear step, without the allocations below
      return;
    }
    const present = parents.filter((p) => this.rows.has(p));
    if (present.length === 0) {
      this.insert(rev, out); // a base, or a new branch: none of its parents has a row
      return;
    }
    if (parents.length > 1 && present.length > 1) {
      const others = [...this.rows].filter((h) => !parents.includes(h));
      // parents that another row already implies keep nothing to delete
      const merged = others.length > 0 ? parents.filter((p) => !this.belowAny(p, others)) : [...parents];
      const last = merged.pop();
      if (last === undefined) throw this.inconsistent(rev, 'none of its down revisions can be merged');
      for (const p of merged) this.remove(p, out);
      this.update(last, rev, out);
      return;
    }
    if (parents.length !== 1 && present.length !== 1) throw this.inconsistent(rev, 'its down revision is ambiguous');
    this.update(parents.length === 1 ? parents[0] : present[0], rev, out);
  }

  private downgrade(rev: number, out: VersionChange[]): void {
    const parents = this.graph.normDown[rev];
    if (this.rows.has(rev)) {
      const targets = parents.length === 0 ? [] : this.unmergeTargets(rev);
      if (targets.length === 0) {
        this.remove(rev, out); // to base, or to a revision another row still implies
        return;
      }
      if (parents.length > 1) {
        const last = targets[targets.length - 1];
        for (const t of targets.slice(0, -1)) this.insert(t, out);
        this.update(rev, last, out);
        return;
      }
    }
    if (parents.length === 1) {
      this.update(rev, parents[0], out);
      return;
    }
    const present = parents.filter((p) => this.rows.has(p));
    if (present.length !== 1) throw this.inconsistent(rev, 'its down revision is ambiguous');
    this.update(rev, present[0], out);
  }

  /** Alembic `_unmerge_to_revisions` (1.19), in the order described above */
  private unmergeTargets(rev: number): readonly number[] {
    const g = this.graph;
    const parents = g.normDown[rev];
    if (this.rows.size === 1 && parents.length === 1) return parents; // nothing else to imply it
    const others = [...this.rows].filter((h) => h !== rev);
    const kept =
      others.length > 0
        ? parents.filter((p) => !this.belowAny(p, others))
        : parents.filter((p) => !parents.some((q) => q !== p && g.isAncestor(p, q)));
    const own = g.down[rev];
    return [...kept.filter((p) => !own.includes(p)), ...kept.filter((p) => own.includes(p))];
  }

  private stamp(step: Extract<StepSpec, { kind: 'stamp' }>, out: VersionChange[]): void {
    const { from, to } = step;
    if (!step.upgrade && step.branchMove) {
      this.remove(from[0], out);
    } else if (
      step.upgrade &&
      (step.branchMove || from.some((f) => !this.rows.has(f))) &&
      to.some((t) => !this.rows.has(t))
    ) {
      this.insert(to[0], out);
    } else if (from.length > 1) {
      for (const f of from.slice(0, -1)) this.remove(f, out);
      this.update(from[from.length - 1], to[0], out);
    } else {
      if (from.length !== 1 || to.length !== 1) throw this.rowError(`move ${from.length} rows to ${to.length}`);
      this.update(from[0], to[0], out);
    }
  }

  /** is `rev` one of `others` or below one of them */
  private belowAny(rev: number, others: readonly number[]): boolean {
    return others.some((o) => o === rev || this.graph.isAncestor(rev, o));
  }

  private insert(rev: number, out: VersionChange[]): void {
    if (this.rows.has(rev)) throw this.rowError(`insert a row for ${this.graph.idOf(rev)}, which is already present`);
    this.rows.add(rev);
    out.push({ kind: 'insert', rev: this.graph.idOf(rev) });
  }

  private remove(rev: number | undefined, out: VersionChange[]): void {
    if (rev === undefined || !this.rows.has(rev)) {
      throw this.rowError(`delete the row of ${rev === undefined ? 'base' : this.graph.idOf(rev)}, which is not present`);
    }
    this.rows.delete(rev);
    out.push({ kind: 'delete', rev: this.graph.idOf(rev) });
  }

  private update(from: number | undefined, to: number | undefined, out: VersionChange[]): void {
    const g = this.graph;
    if (from === undefined || to === undefined || !this.rows.has(from) || this.rows.has(to)) {
      const f = from === undefined ? 'base' : g.idOf(from);
      const t = to === undefined ? 'base' : g.idOf(to);
      throw this.rowError(`move the row ${f} to ${t}`);
    }
    this.rows.delete(from);
    this.rows.add(to);
    out.push({ kind: 'update', from: g.idOf(from), to: g.idOf(to) });
  }

  private rowError(what: string): GensqlError {
    // Alembic fails here too (a KeyError or an assertion): typically a merge of a revision with its own dependency
    return usageError(
      `cannot compute the version-table change of ${this.step}: it would ${what} (version rows: ${this.sorted().join(', ') || 'none'})`,
    );
  }

  private inconsistent(rev: number, why: string): GensqlError {
    const m = this.graph.meta(rev);
    return usageError(`cannot update the version rows for ${m.id}: ${why} (version rows: ${this.sorted().join(', ') || 'none'})`, {
      files: [m.file],
      revision: m.id,
    });
  }
}
