/**
 * The loader's cache on disk: where a project's cache folder is, and the
 * index of revision files (mtime, size, place in the bundle, metadata)
 * that lets graph commands skip running revision code; and the framed
 * files the op and render caches keep beside it.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { VERSION } from '../version.js';
import type { RevisionMeta } from './types.js';

const CACHE_FORMAT = 3;

export interface IndexEntry {
  readonly path: string;
  readonly mtimeMs: number;
  readonly size: number;
  /** char offsets of the wrapped segment in the bundle */
  readonly start: number;
  readonly end: number;
  /** first line of the segment in the bundle (1-based) */
  readonly line: number;
  /** SHA-1 of the segment's text: what recorded ops are cached under (op-cache.ts) */
  readonly hash: string;
  readonly meta: RevisionMeta;
}

export interface CacheIndex {
  readonly format: number;
  readonly gensql: string;
  /** SHA-1 of the bundle text the entries' offsets point into */
  readonly bundle: string;
  readonly files: readonly IndexEntry[];
}

/**
 * The hash a text of the cache is known by: the bundle (named by the index
 * and the code cache) and each revision's segment (what recorded ops are
 * stored under, op-cache.ts).
 */
export function textHash(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

/**
 * Writes buffers one after another to a new file: the caches are written at
 * a run's peak memory, when a concatenated copy (the code cache and the
 * rendered steps of 10,000 revisions are 4-9 MB each) would add to it.
 */
function writeParts(file: string, parts: readonly Buffer[]): void {
  const fd = fs.openSync(file, 'w');
  try {
    for (const p of parts) {
      for (let done = 0; done < p.length; ) done += fs.writeSync(fd, p, done, p.length - done);
    }
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * V8 accepts a code cache for any source of the same length: its check is
 * the length, not the text. A revision edited without changing its length
 * (`t.string(50)` to `t.string(60)`) then ran the old code from the cache
 * made for the old bundle. So the code cache file starts with the hash of
 * the bundle text it was made for, and is used only for that text.
 */
export function readCodeCache(bundlePath: string, bundleSha: string): Buffer | null {
  let data: Buffer;
  try {
    data = fs.readFileSync(`${bundlePath}.v8cache`);
  } catch {
    return null;
  }
  return data.length > bundleSha.length && data.toString('latin1', 0, bundleSha.length) === bundleSha ? data.subarray(bundleSha.length) : null;
}

/** Writes V8's code cache for the bundle whose hash is `bundleSha` (a failure only costs time later). */
export function writeCodeCache(bundlePath: string, bundleSha: string, data: Buffer): boolean {
  try {
    const tmp = `${bundlePath}.v8cache.${process.pid}`;
    writeParts(tmp, [Buffer.from(bundleSha, 'latin1'), data]);
    fs.renameSync(tmp, `${bundlePath}.v8cache`);
    return true;
  } catch {
    return false; // a read-only project still works, only slower
  }
}

/**
 * One file of the index as a JSON array (arrays of plain values parse much
 * faster than objects: the index of a 10,000-revision project is read by
 * every `heads`): path, mtime, size, start, end, line, id, downRevisions,
 * dependsOn, branchLabels, message, hasDowngrade (0/1), segment hash.
 */
type IndexRow = [string, number, number, number, number, number, string, string[], string[], string[], string, number, string];

function toRow(e: IndexEntry): IndexRow {
  const m = e.meta;
  return [e.path, e.mtimeMs, e.size, e.start, e.end, e.line, m.id, [...m.downRevisions], [...m.dependsOn], [...m.branchLabels], m.message, m.hasDowngrade ? 1 : 0, e.hash];
}

function fromRow(r: IndexRow): IndexEntry {
  return {
    path: r[0],
    mtimeMs: r[1],
    size: r[2],
    start: r[3],
    end: r[4],
    line: r[5],
    hash: r[12],
    meta: { id: r[6], downRevisions: r[7], dependsOn: r[8], branchLabels: r[9], message: r[10], file: '', hasDowngrade: r[11] === 1 },
  };
}

/**
 * The cache folder of a project: `$XDG_CACHE_HOME/gensql/<hash of the project folder>`
 * (default `~/.cache/...`), so the project itself is never written to.
 * GENSQL_CACHE_DIR names another base folder; GENSQL_NO_CACHE=1 disables the cache.
 */
export function defaultCacheDir(root: string): string | null {
  if (process.env.GENSQL_NO_CACHE === '1') return null;
  const base = process.env.GENSQL_CACHE_DIR
    ? path.resolve(process.env.GENSQL_CACHE_DIR)
    : path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'gensql');
  const key = createHash('sha1').update(path.resolve(root)).digest('hex').slice(0, 16);
  return path.join(base, key);
}

export function readIndex(indexPath: string): CacheIndex | null {
  try {
    const idx = JSON.parse(fs.readFileSync(indexPath, 'utf8')) as { format: number; gensql: string; bundle: string; files: IndexRow[] };
    if (idx.format !== CACHE_FORMAT || idx.gensql !== VERSION || typeof idx.bundle !== 'string' || !Array.isArray(idx.files)) return null;
    return { format: idx.format, gensql: idx.gensql, bundle: idx.bundle, files: idx.files.map(fromRow) };
  } catch {
    return null;
  }
}

export function writeCache(cacheDir: string, indexPath: string, bundlePath: string, text: string, entries: readonly IndexEntry[]): void {
  try {
    fs.mkdirSync(cacheDir, { recursive: true });
    const tmp = `.${process.pid}.tmp`;
    fs.writeFileSync(bundlePath + tmp, text);
    fs.renameSync(bundlePath + tmp, bundlePath);
    fs.rmSync(`${bundlePath}.v8cache`, { force: true });
    fs.writeFileSync(indexPath + tmp, JSON.stringify({ format: CACHE_FORMAT, gensql: VERSION, bundle: textHash(text), files: entries.map(toRow) }));
    fs.renameSync(indexPath + tmp, indexPath);
  } catch {
    // the cache is an optimisation; a read-only project still works
  }
}

/**
 * A cache file of a JSON header and a binary body: a 4-byte big-endian
 * header length, the header, the body (the op and render caches). Null when
 * the file is missing or cannot be read as such.
 */
export function readFramedFile(file: string): { header: unknown; body: Buffer } | null {
  try {
    const buf = fs.readFileSync(file);
    const n = buf.readUInt32BE(0);
    return { header: JSON.parse(buf.subarray(4, 4 + n).toString('utf8')) as unknown, body: buf.subarray(4 + n) };
  } catch {
    return null;
  }
}

/** Writes a framed file (see `readFramedFile`) atomically: a concurrent run reads the old file or the new one. */
export function writeFramedFile(file: string, header: unknown, body: readonly Buffer[]): void {
  const head = Buffer.from(JSON.stringify(header), 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32BE(head.length, 0);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeParts(tmp, [len, head, ...body]);
  fs.renameSync(tmp, file);
}
