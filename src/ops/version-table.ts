/**
 * Version-table bookkeeping, rendered by the same renderers as user ops.
 * The table name and schema come from the render context (config).
 */
export interface VersionTableCreateOp {
  readonly kind: 'versionTableCreate';
}

export interface VersionInsertOp {
  readonly kind: 'versionInsert';
  readonly rev: string;
}

export interface VersionUpdateOp {
  readonly kind: 'versionUpdate';
  readonly from: string;
  readonly to: string;
}

export interface VersionDeleteOp {
  readonly kind: 'versionDelete';
  readonly rev: string;
}

/**
 * Fails the script at once, changing nothing, unless the version table holds
 * exactly `expected` (sorted; empty: the table is absent or empty).
 */
export interface VersionGuardOp {
  readonly kind: 'versionGuard';
  readonly expected: readonly string[];
  /** what the script does, for the error the database raises */
  readonly purpose: string;
}
