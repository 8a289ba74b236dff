/**
 * Finding revision files: every `.ts`, `.mts`, `.js`, `.mjs` file of each
 * versions folder, sorted by name within a folder, folders in config order
 * (this order is also Alembic's tie-break when ordering branches). `.d.ts`,
 * dot-files and files starting with `_` are helpers, not revisions.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { usageError } from '../errors.js';

export interface RevisionFile {
  /** absolute path */
  readonly path: string;
  /** path relative to the working folder, for messages */
  readonly display: string;
  readonly mtimeMs: number;
  readonly size: number;
}

const EXTENSIONS = ['.ts', '.mts', '.js', '.mjs'];

export function isRevisionFileName(name: string): boolean {
  if (name.startsWith('.') || name.startsWith('_') || name.endsWith('.d.ts') || name.endsWith('.d.mts')) return false;
  return EXTENSIONS.includes(path.extname(name));
}

export function displayPath(file: string, cwd: string = process.cwd()): string {
  const rel = path.relative(cwd, file);
  return rel.startsWith('..') || path.isAbsolute(rel) ? file : rel;
}

export function discoverRevisionFiles(versionDirs: readonly string[], cwd: string = process.cwd()): RevisionFile[] {
  const out: RevisionFile[] = [];
  for (const dir of versionDirs) {
    let names: string[];
    try {
      names = fs.readdirSync(dir);
    } catch {
      throw usageError(`versions folder ${displayPath(dir, cwd)} does not exist (see 'versions' in gensql.config.json, or run 'gensql init')`);
    }
    names.sort();
    // one relative prefix per folder, not a path.relative per file (10,000 files)
    const shownDir = displayPath(dir, cwd);
    const prefix = shownDir === '' ? '' : `${shownDir}${path.sep}`;
    const base = `${dir}${path.sep}`;
    for (const name of names) {
      if (!isRevisionFileName(name)) continue;
      const p = base + name;
      const st = fs.statSync(p, { throwIfNoEntry: false });
      if (!st || !st.isFile()) continue;
      out.push({ path: p, display: prefix + name, mtimeMs: st.mtimeMs, size: st.size });
    }
  }
  return out;
}

/**
 * What the revision files are, by path, modification time and size (the
 * loader's own test of freshness): equal fingerprints, almost certainly
 * equal files.
 */
export function filesFingerprint(files: readonly RevisionFile[]): string {
  const h = createHash('sha1');
  for (const f of files) h.update(`${f.path}\0${f.mtimeMs}\0${f.size}\n`);
  return h.digest('hex');
}
