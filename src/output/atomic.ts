/**
 * Writing a bundle folder all at once or not at all: every file goes into
 * a hidden temporary folder beside the target (same parent, so the same
 * file system and `rename` is atomic), is flushed to disk, and only then is
 * the folder renamed into place. On any failure the temporary folder (and
 * any parent folder this run created) is removed: nothing partial remains.
 *
 * An existing target is replaced only when that is safe to do without
 * asking: it is empty, or it is a gensql bundle that still matches its own
 * manifest exactly (regenerating a bundle into the same folder). A folder
 * holding anything else, including a bundle someone edited or added notes
 * to, is refused (exit 2) so that no hand-made change is lost silently.
 * The replaced bundle is moved aside first and put back if the final
 * rename fails.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { usageError } from '../errors.js';
import { bundleIntact, checkBundle, MANIFEST_NAME, parseManifest } from './manifest.js';

export interface OutFile {
  /** relative, `/`-separated */
  readonly path: string;
  readonly text: string;
}

function siblingName(target: string, what: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.gensql-${what}-${process.pid}-${randomBytes(4).toString('hex')}`);
}

/** Why `target` may not be replaced, or null when it may (it does not exist counts as may). */
async function replaceRefusal(target: string): Promise<string | null> {
  const stat = await fs.lstat(target).catch(() => null);
  if (!stat) return null;
  if (!stat.isDirectory()) return `${target} exists and is not a folder`;
  const entries = await fs.readdir(target);
  if (entries.length === 0) return null;
  if (!entries.includes(MANIFEST_NAME)) return `${target} already exists and is not a gensql bundle (no ${MANIFEST_NAME})`;
  const manifestPath = path.join(target, MANIFEST_NAME);
  let check;
  try {
    const manifest = parseManifest(await fs.readFile(manifestPath, 'utf8'), manifestPath);
    check = await checkBundle(target, manifest);
  } catch (e) {
    return `${target} already exists and its manifest cannot be read (${(e as Error).message})`;
  }
  if (bundleIntact(check)) return null;
  const what = [
    ...check.changed.map((p) => `changed ${p}`),
    ...check.missing.map((p) => `missing ${p}`),
    ...check.added.map((p) => `added ${p}`),
  ];
  return `${target} holds a bundle that no longer matches its manifest (${what.join(', ')}); it is not replaced, so those changes are not lost`;
}

async function writeFlushed(file: string, text: string): Promise<void> {
  const handle = await fs.open(file, 'wx');
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Writes `files` as the folder `target`, atomically (see the module comment). */
export async function writeFolderAtomically(target: string, files: readonly OutFile[]): Promise<void> {
  const dir = path.resolve(target);
  const refusal = await replaceRefusal(dir);
  if (refusal) throw usageError(`--out-dir: ${refusal}; remove it or choose another folder`);
  // mkdir -p of the parent; remember the topmost folder it created, to remove it on failure
  const createdParent = await fs.mkdir(path.dirname(dir), { recursive: true });
  const tmp = siblingName(dir, 'tmp');
  let old: string | null = null;
  try {
    await fs.mkdir(tmp);
    for (const f of files) {
      const p = path.join(tmp, ...f.path.split('/'));
      await fs.mkdir(path.dirname(p), { recursive: true });
      await writeFlushed(p, f.text);
    }
    if (await fs.lstat(dir).catch(() => null)) {
      old = siblingName(dir, 'old');
      await fs.rename(dir, old);
    }
    try {
      await fs.rename(tmp, dir);
    } catch (e) {
      if (old) await fs.rename(old, dir);
      old = null;
      throw e;
    }
  } catch (e) {
    await fs.rm(tmp, { recursive: true, force: true });
    if (createdParent) await fs.rm(createdParent, { recursive: true, force: true });
    throw e;
  }
  if (old) await fs.rm(old, { recursive: true, force: true });
}
