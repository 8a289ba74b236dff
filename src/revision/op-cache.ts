/**
 * Recorded ops kept between runs. Rendering a range runs every revision's
 * upgrade() or downgrade() to record its ops; for a revision whose module
 * is unchanged and whose recording depends on nothing but its own code,
 * `op` (the dialect) and gensql (purity.ts), the ops recorded by an earlier
 * run are the ops this run would record. They are kept in the project's
 * cache folder, one file per dialect, and a later run reads them instead
 * of loading and running the module: at 10,000 revisions, a tenth of a
 * warm render's wall time and more of its CPU.
 *
 * - Key: the SHA-1 of the module as transpiled and wrapped (the code that
 *   would run) and the direction; the file as a whole is keyed by gensql's
 *   version and recording code as installed, the analysis itself, and the
 *   V8, ICU and Unicode versions (Math functions, normalize(), regular
 *   expressions), so a change to any of them starts afresh.
 * - Only what the analysis finds pure is stored; its verdict is stored too,
 *   so a module is analysed once. An impure module runs every time.
 * - Only ops that are plain data round-trip (objects, arrays, strings,
 *   numbers, booleans, null, undefined, bigint, Date, and sql`` fragments
 *   and identifiers); anything else is simply not stored.
 * - The module text behind a hash is the one this run ran: the loader
 *   refuses a bundle that a concurrent run rebuilt after this run read the
 *   index (RevisionSource.text).
 * - Code that changes built-in prototypes (a package adding String methods,
 *   say) can pass state between modules unseen: GENSQL_NO_OP_CACHE=1 for
 *   such projects.
 * - Entries are added from a file's second render on (its first is the run
 *   that transpiles it: see RevisionSource.segmentKey), and entries for
 *   modules no longer in the project are dropped when the file is written.
 * - GENSQL_NO_OP_CACHE=1 turns it off (GENSQL_NO_CACHE=1 turns off every cache).
 *
 * File layout: a 4-byte big-endian header length, the header (JSON: format,
 * key, and for each entry its place in the body, or the reason a module is
 * impure), then the body: each entry's ops serialized with node:v8, so each
 * is decoded on its own, into fresh objects, only when asked for.
 */
import path from 'node:path';
import { createHash } from 'node:crypto';
import type { UserOp } from '../ops/index.js';
import type { DialectName } from '../record/operations.js';
import { installedCodeHash, runtimeKey } from '../version.js';
import { readFramedFile, writeFramedFile } from './cache.js';
import type { RevisionSource } from './load.js';
import { decodePlain, encodePlain } from './plain-data.js';
import { impurity } from './purity.js';

const FORMAT = 'gensql-op-cache-2';

type Direction = 'upgrade' | 'downgrade';

interface Header {
  readonly format: string;
  readonly key: string;
  /** `<module hash>:<u|d>` → [offset, length] in the body */
  readonly ops: Record<string, [number, number]>;
  /** module hash → why its ops are not stored */
  readonly impure: Record<string, string>;
}

let codeKey: string | null = null;

/** What every entry depends on besides its module: gensql, its recording code and this analysis, V8 and its Unicode data. */
function fileKey(dialect: DialectName): string {
  codeKey ??= installedCodeHash(['index.js', 'index.ts', 'record', 'ops', 'revision/purity.js', 'revision/purity.ts', 'revision/op-cache.js', 'revision/op-cache.ts']);
  return createHash('sha256').update(`${runtimeKey(FORMAT, codeKey)}\0${dialect}`).digest('hex');
}

function entryKey(hash: string, direction: Direction): string {
  return `${hash}:${direction === 'upgrade' ? 'u' : 'd'}`;
}

export function opCacheDisabled(): boolean {
  return process.env.GENSQL_NO_OP_CACHE === '1';
}

interface Offered {
  readonly hash: string;
  readonly direction: Direction;
  readonly id: string;
  readonly ops: readonly UserOp[];
}

export class OpCache {
  private readonly file: string | null;
  private readonly key: string;
  private header: Header | null = null;
  private body: Buffer = Buffer.alloc(0);
  private loaded = false;
  private readonly offered: Offered[] = [];

  constructor(
    private readonly source: RevisionSource,
    dialect: DialectName,
  ) {
    const folder = opCacheDisabled() ? null : source.cacheFolder;
    this.file = folder ? path.join(folder, `ops-${dialect}.bin`) : null;
    this.key = this.file ? fileKey(dialect) : '';
  }

  private load(): Header | null {
    if (this.loaded) return this.header;
    this.loaded = true;
    const read = this.file ? readFramedFile(this.file) : null;
    const header = read?.header as Header | undefined;
    if (!read || !header || header.format !== FORMAT || header.key !== this.key || typeof header.ops !== 'object' || typeof header.impure !== 'object') return null;
    this.header = header;
    this.body = read.body;
    return header;
  }

  /** The ops a revision recorded in an earlier run, decoded afresh; null when there are none to reuse. */
  get(id: string, direction: Direction): UserOp[] | null {
    if (!this.file) return null;
    const hash = this.source.segmentKey(id);
    if (hash === null) return null;
    const at = this.load()?.ops[entryKey(hash, direction)];
    if (!at) return null;
    try {
      return decodeOps(this.body.subarray(at[0], at[0] + at[1]));
    } catch {
      delete this.header!.ops[entryKey(hash, direction)]; // damaged: record it, and store it afresh
      return null;
    }
  }

  /** Ops this run recorded, to keep for later runs when the module qualifies (decided by `save`). */
  offer(id: string, direction: Direction, ops: readonly UserOp[]): void {
    if (!this.file) return;
    const hash = this.source.segmentKey(id);
    if (hash === null) return;
    const header = this.load();
    if (header && (header.ops[entryKey(hash, direction)] || header.impure[hash])) return;
    this.offered.push({ hash, direction, id, ops });
  }

  /** the analysis of modules this run (module hash -> why impure, or null) */
  private readonly verdicts = new Map<string, string | null>();

  private verdict(hash: string, id: string): string | null {
    let why = this.verdicts.get(hash);
    if (why === undefined) {
      why = this.load()?.impure[hash] ?? impurity(this.source.segmentText(id));
      this.verdicts.set(hash, why);
    }
    return why;
  }

  /**
   * Whether a revision's ops are the ops every run records: its module is
   * unchanged since an earlier run (see `get`) and the analysis finds it
   * pure (run now, once per module, and kept for `save`). The render cache
   * asks it of steps whose ops were just recorded, so that the run that
   * fills the op cache can store its rendered steps too.
   */
  recordsTheSame(id: string): boolean {
    if (!this.file) return false;
    const hash = this.source.segmentKey(id);
    return hash !== null && this.verdict(hash, id) === null;
  }

  /**
   * Writes what was offered, with the entries still in use, when there is
   * anything new; a failure only loses the cache.
   */
  save(onProgress?: (done: number, total: number) => void): void {
    if (!this.file || this.offered.length === 0) return;
    try {
      this.write(onProgress);
    } catch {
      // a cache we cannot write only costs time
    }
    this.offered.length = 0;
  }

  private write(onProgress?: (done: number, total: number) => void): void {
    const old = this.load();
    const live = this.source.segmentKeys();
    const ops: Record<string, [number, number]> = {};
    const impure: Record<string, string> = {};
    const chunks: Buffer[] = [];
    let size = 0;
    const add = (key: string, bytes: Buffer): void => {
      ops[key] = [size, bytes.length];
      chunks.push(bytes);
      size += bytes.length;
    };
    if (old) {
      for (const [key, at] of Object.entries(old.ops)) if (live.has(key.slice(0, key.indexOf(':')))) add(key, this.body.subarray(at[0], at[0] + at[1]));
      for (const [hash, why] of Object.entries(old.impure)) if (live.has(hash)) impure[hash] = why;
    }
    let done = 0;
    for (const o of this.offered) {
      onProgress?.(done++, this.offered.length);
      const key = entryKey(o.hash, o.direction);
      if (ops[key] || impure[o.hash]) continue;
      const why = this.verdict(o.hash, o.id);
      if (why !== null) {
        impure[o.hash] = why;
        continue;
      }
      const bytes = encodeOps(o.ops);
      if (bytes) add(key, bytes);
    }
    const header: Header = { format: FORMAT, key: this.key, ops, impure };
    writeFramedFile(this.file!, header, chunks);
    this.header = header;
    this.body = Buffer.concat(chunks);
  }
}

/** The serialized form of recorded ops, or null when they are not plain data. */
export function encodeOps(ops: readonly UserOp[]): Buffer | null {
  return encodePlain(ops);
}

/** Recorded ops from their serialized form, as fresh objects. */
export function decodeOps(bytes: Uint8Array): UserOp[] {
  return decodePlain(bytes) as UserOp[];
}

const caches = new WeakMap<RevisionSource, Map<DialectName, OpCache>>();

/** The op cache of a project's revisions for a dialect (one per source and dialect, so offers made anywhere are saved together). */
export function opCacheFor(source: RevisionSource, dialect: DialectName): OpCache {
  let byDialect = caches.get(source);
  if (!byDialect) caches.set(source, (byDialect = new Map()));
  let cache = byDialect.get(dialect);
  if (!cache) byDialect.set(dialect, (cache = new OpCache(source, dialect)));
  return cache;
}

/**
 * Writes every op cache of a source that has something new. Analysing a
 * fresh checkout's modules takes a while (~1.5 s at 10,000): `onProgress`
 * counts them.
 */
export function saveOpCaches(source: RevisionSource, onProgress?: (done: number, total: number) => void): void {
  for (const cache of caches.get(source)?.values() ?? []) cache.save(onProgress);
}
