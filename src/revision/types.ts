/**
 * What the revision graph knows of a revision: its identity and edges, never
 * its code. Built from the loaded module (or the loader's metadata cache).
 */
export interface RevisionMeta {
  readonly id: string;
  /** parents; empty for a base revision, two or more for a merge */
  readonly downRevisions: readonly string[];
  /** extra ordering edges (ids, unique prefixes or branch labels, as written) */
  readonly dependsOn: readonly string[];
  readonly branchLabels: readonly string[];
  readonly message: string;
  /** path of the revision file, relative to the working folder when possible */
  readonly file: string;
  readonly hasDowngrade: boolean;
}

/** One row change of the version table, in Alembic's HeadMaintainer terms. */
export type VersionChange =
  | { readonly kind: 'insert'; readonly rev: string }
  | { readonly kind: 'update'; readonly from: string; readonly to: string }
  | { readonly kind: 'delete'; readonly rev: string };

export type Direction = 'upgrade' | 'downgrade' | 'stamp';

export interface PlanStep {
  readonly direction: Direction;
  /** the revision whose upgrade()/downgrade() body runs; null for a stamp step */
  readonly revision: string | null;
  /** left side of `-- Running upgrade A, B -> C` (empty for base) */
  readonly from: readonly string[];
  /** right side of the same line (empty for base) */
  readonly to: readonly string[];
  /** version-table rows to change right after the body */
  readonly versionChanges: readonly VersionChange[];
  /** version rows expected before this step (sorted), for per-step guards */
  readonly headsBefore: readonly string[];
  /** version rows after this step (sorted) */
  readonly headsAfter: readonly string[];
}

export interface Plan {
  readonly direction: Direction;
  /** the range as the user wrote it, e.g. `base:head` */
  readonly range: string;
  /** version rows the database must hold before the script (sorted; empty = at base) */
  readonly start: readonly string[];
  /** version rows after the script (sorted) */
  readonly end: readonly string[];
  readonly steps: readonly PlanStep[];
}
