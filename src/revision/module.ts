/**
 * What a revision module exports, and reading its metadata with checks that
 * name the file when something is missing or of the wrong type.
 */
import { revisionError } from '../errors.js';
import type { RevisionMeta } from './types.js';

export interface RevisionModule {
  readonly revision?: unknown;
  readonly downRevision?: unknown;
  readonly branchLabels?: unknown;
  readonly dependsOn?: unknown;
  readonly message?: unknown;
  readonly upgrade?: unknown;
  readonly downgrade?: unknown;
}

export const REVISION_ID = /^[A-Za-z0-9_]{1,32}$/;

function list(file: string, field: string, v: unknown): string[] {
  if (v === undefined || v === null) return [];
  const items = typeof v === 'string' ? [v] : Array.isArray(v) ? v : null;
  if (!items || items.some((x) => typeof x !== 'string' || x.length === 0)) {
    throw revisionError(`${file}: '${field}' must be a string, an array of strings or null`, { files: [file] });
  }
  return [...(items as string[])];
}

export function metaFromModule(mod: RevisionModule, file: string): RevisionMeta {
  const id = mod.revision;
  if (id === undefined) throw revisionError(`${file}: does not export 'revision' (export const revision = '...')`, { files: [file] });
  if (typeof id !== 'string' || !REVISION_ID.test(id)) {
    throw revisionError(`${file}: 'revision' must be 1 to 32 letters, digits or '_', got ${JSON.stringify(id)}`, { files: [file] });
  }
  if (typeof mod.upgrade !== 'function') throw revisionError(`${file}: revision ${id} does not export an upgrade(op) function`, { files: [file], revision: id });
  if (mod.downgrade !== undefined && typeof mod.downgrade !== 'function') {
    throw revisionError(`${file}: revision ${id}: 'downgrade' must be a function`, { files: [file], revision: id });
  }
  if (mod.message !== undefined && mod.message !== null && typeof mod.message !== 'string') {
    throw revisionError(`${file}: revision ${id}: 'message' must be a string`, { files: [file], revision: id });
  }
  return {
    id,
    downRevisions: list(file, 'downRevision', mod.downRevision),
    dependsOn: list(file, 'dependsOn', mod.dependsOn),
    branchLabels: list(file, 'branchLabels', mod.branchLabels),
    message: typeof mod.message === 'string' ? mod.message : '',
    file,
    hasDowngrade: typeof mod.downgrade === 'function',
  };
}
