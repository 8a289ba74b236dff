/**
 * Rendered steps kept between runs, so that rendering a history again —
 * unchanged, or with revisions added after the ones rendered before — starts
 * where the last render's reusable part ended instead of at base.
 *
 * What a step renders to depends on its ops, the schema model before it,
 * its version-table changes, the dialect, the configuration and gensql's
 * code. From an empty model (a range that starts at base), the model before
 * step i is itself a function of the steps before it. So the rendered
 * steps of a plan, and the model after them, are a function of the list of
 * the steps' keys — revision id, direction, module hash and version-table
 * changes — given the rest, which keys the file as a whole.
 *
 * - Only steps whose ops every run records the same qualify: their module
 *   is unchanged since an earlier run and the op cache's analysis finds it
 *   pure (revision/op-cache.ts; the ops came from the op cache, or were
 *   just recorded and are about to be kept there). And only the leading
 *   run of them: the first step that does not qualify ends what is stored,
 *   with the model as it was before that step.
 * - A later render reuses what is stored only when the stored step keys
 *   are exactly the first steps of its own plan; it renders the rest from
 *   the stored model on. Anything else renders from base as before, and
 *   stores its own prefix instead (one checkpoint per dialect).
 * - The file is keyed by gensql's version and all of its code as installed
 *   (src/ and dialects/), the versions of the parsers that read raw DDL
 *   for the model (libpg-query, node-sql-parser), the V8, ICU and Unicode versions, the dialect
 *   and the project's whole configuration.
 * - Off with GENSQL_NO_RENDER_CACHE=1, and with the op cache
 *   (GENSQL_NO_OP_CACHE=1, GENSQL_NO_CACHE=1), which decides what qualifies.
 *
 * File layout: a 4-byte big-endian header length, the header (JSON: format,
 * key, the number of steps stored, a SHA-256 of their keys, and where the
 * two parts of the body are), then the body: the rendered steps as strings
 * and counts (StepsPayload), and the model, serialized by the
 * plain-data encoding (revision/plain-data.ts), decoded only when
 * there are steps left to render.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import type { Statement } from './emit/dialect.js';
import type { RenderedOp } from './emit/script.js';
import type { ModelData } from './model/schema.js';
import type { DialectName } from './record/operations.js';
import type { RevisionSource } from './revision/load.js';
import type { PlanStep } from './revision/types.js';
import { readFramedFile, writeFramedFile } from './revision/cache.js';
import { opCacheDisabled } from './revision/op-cache.js';
import { decodePlain, encodePlain } from './revision/plain-data.js';
import { installedCodeHash, installedVersion, runtimeKey } from './version.js';
import { note } from './cli/timing.js';

const FORMAT = 'gensql-render-cache-2';

/**
 * One stored step: what rendering it gave, and the warnings it raised.
 * Restored ops carry no `op`: what needs the ops again (the review
 * bundle) records them again (src/output/steps.ts).
 */
export interface CachedStep {
  readonly ops: readonly RenderedOp[];
  readonly versionOps: readonly RenderedOp[];
  readonly warnings: readonly string[];
}

interface Header {
  readonly format: string;
  readonly key: string;
  /** how many leading steps are stored */
  readonly count: number;
  /** SHA-256 of their keys */
  readonly prefix: string;
  /** where the rendered steps and the model are in the body: [offset, length] */
  readonly steps: readonly [number, number];
  readonly model: readonly [number, number];
}

/**
 * The rendered steps as strings and counts (node:v8 decodes a string far
 * faster than an object): `shape` holds, per step, its number of warnings,
 * ops and version ops, then per op its number of statements and each
 * statement's flags; `texts` the warnings, and per op its description and
 * statements, in the same order.
 */
interface StepsPayload {
  readonly texts: readonly string[];
  readonly shape: readonly number[];
}

/** What was stored: the steps, and the model after them (decoded only when there are steps left to render). */
export interface Restored {
  readonly steps: readonly CachedStep[];
  readonly model: ModelData | null;
}

export function renderCacheDisabled(): boolean {
  return process.env.GENSQL_NO_RENDER_CACHE === '1' || opCacheDisabled();
}

let codeKey: string | null = null;

/** A folder and every folder under it, relative to `root` (installedCodeHash hashes the code files in each). */
function codeFolders(root: string, rel: string): string[] {
  const out = [rel];
  let names: fs.Dirent[];
  try {
    names = fs.readdirSync(path.join(root, rel), { withFileTypes: true });
  } catch {
    return out;
  }
  for (const d of names.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (d.isDirectory()) out.push(...codeFolders(root, path.join(rel, d.name)));
  }
  return out;
}

/** What every stored step depends on besides its own key. */
function fileKey(dialect: DialectName, config: unknown): string {
  if (codeKey === null) {
    // all of gensql's code (src/ or dist/src/, and the dialects beside it), and the packages it runs
    const root = path.dirname(fileURLToPath(import.meta.url));
    const code = installedCodeHash([...codeFolders(root, '.'), ...codeFolders(root, path.join('..', 'dialects'))]);
    // the parsers that read raw DDL for the model
    const deps = ['libpg-query', 'node-sql-parser'].map((d) => `${d}@${installedVersion(d)}`);
    codeKey = createHash('sha256').update([code, ...deps].join('\0')).digest('hex');
  }
  return createHash('sha256')
    .update([runtimeKey(FORMAT, codeKey), dialect, JSON.stringify(config)].join('\0'))
    .digest('hex');
}

/** A part of a step key: its length, then itself. */
function field(s: string): string {
  return `${s.length}:${s}`;
}

/**
 * A step's key: what its rendering depends on besides the steps before it
 * and the file key (its revision's module hash and file, direction and
 * version-table changes), each part length-prefixed so that no two
 * different steps share a key.
 */
export function stepKey(step: PlanStep, moduleHash: string, file: string): string {
  let key = `${field(step.revision ?? '')}${field(step.direction)}${field(moduleHash)}${field(file)}`;
  for (const c of step.versionChanges) key += c.kind === 'update' ? `u${field(c.from)}${field(c.to)}` : `${c.kind === 'insert' ? 'i' : 'd'}${field(c.rev)}`;
  return key;
}

/** The SHA-256 of the first `n` step keys (all non-null). */
function prefixHash(keys: readonly (string | null)[], n: number): string | null {
  const h = createHash('sha256');
  for (let i = 0; i < n; i++) {
    const k = keys[i];
    if (k === null || k === undefined) return null;
    h.update(k).update('\n');
  }
  return h.digest('hex');
}

/** A statement flag: 0 absent, 1 true, 2 false. */
function flag(v: boolean | undefined): number {
  return v === undefined ? 0 : v ? 1 : 2;
}

function unflag(n: number): boolean | undefined {
  return n === 0 ? undefined : n === 1;
}

function encodeSteps(steps: readonly CachedStep[]): StepsPayload {
  const texts: string[] = [];
  const shape: number[] = [];
  for (const s of steps) {
    shape.push(s.warnings.length, s.ops.length, s.versionOps.length);
    texts.push(...s.warnings);
    for (const op of [...s.ops, ...s.versionOps]) {
      texts.push(op.description);
      shape.push(op.statements.length);
      for (const st of op.statements) {
        shape.push(flag(st.raw) + 3 * flag(st.outsideTransaction));
        texts.push(st.sql);
      }
    }
  }
  return { texts, shape };
}

function decodeSteps(p: StepsPayload, count: number): CachedStep[] {
  const { texts, shape } = p;
  let t = 0;
  let k = 0;
  const op = (): RenderedOp => {
    const description = texts[t++]!;
    const n = shape[k++]!;
    const statements: Statement[] = [];
    for (let i = 0; i < n; i++) {
      const f = shape[k++]!;
      const sql = texts[t++]!;
      const raw = unflag(f % 3);
      const outsideTransaction = unflag(Math.floor(f / 3));
      statements.push(raw === undefined && outsideTransaction === undefined ? { sql } : { sql, ...(outsideTransaction === undefined ? {} : { outsideTransaction }), ...(raw === undefined ? {} : { raw }) });
    }
    return { description, statements };
  };
  const out: CachedStep[] = [];
  for (let i = 0; i < count; i++) {
    const w = shape[k++]!;
    const n = shape[k++]!;
    const v = shape[k++]!;
    const warnings = texts.slice(t, t + w);
    t += w;
    const ops: RenderedOp[] = [];
    for (let j = 0; j < n; j++) ops.push(op());
    const versionOps: RenderedOp[] = [];
    for (let j = 0; j < v; j++) versionOps.push(op());
    out.push({ ops, versionOps, warnings });
  }
  if (t !== texts.length || k !== shape.length) throw new Error('render cache: steps do not match their shape');
  return out;
}

export class RenderCache {
  private readonly file: string | null;
  private readonly config: unknown;
  private readonly dialect: DialectName;
  private header: Header | null = null;
  private body: Buffer | null = null;
  private loaded = false;
  private pending: { count: number; prefix: string; model: () => ModelData; steps: readonly CachedStep[] } | null = null;

  constructor(source: RevisionSource, dialect: DialectName, config: unknown) {
    const folder = renderCacheDisabled() ? null : source.cacheFolder;
    this.file = folder ? path.join(folder, `render-${dialect}.bin`) : null;
    this.dialect = dialect;
    this.config = config;
  }

  /** Whether this cache reads and writes at all. */
  get enabled(): boolean {
    return this.file !== null;
  }

  private key(): string {
    return fileKey(this.dialect, this.config);
  }

  private load(): Header | null {
    if (this.loaded) return this.header;
    this.loaded = true;
    const read = this.file ? readFramedFile(this.file) : null;
    const header = read?.header as Header | undefined;
    if (!read || !header || header.format !== FORMAT || typeof header.count !== 'number' || typeof header.prefix !== 'string' || !Array.isArray(header.steps) || !Array.isArray(header.model)) return null;
    if (header.key !== this.key()) return null;
    this.header = header;
    this.body = read.body;
    return header;
  }

  /**
   * The stored steps and the model after them, when they are exactly the
   * first steps of a plan whose step keys are `keys` (null: a step that
   * cannot be stored); otherwise null.
   */
  restore(keys: readonly (string | null)[]): Restored | null {
    const header = this.load();
    if (!header || header.count === 0 || header.count > keys.length || prefixHash(keys, header.count) !== header.prefix) return null;
    const body = this.body!;
    const part = (at: readonly [number, number]): Buffer => body.subarray(at[0], at[0] + at[1]);
    try {
      const steps = decodeSteps(v8.deserialize(part(header.steps)) as StepsPayload, header.count);
      const model = header.count < keys.length ? (decodePlain(part(header.model)) as ModelData) : null;
      if (model !== null && !(Array.isArray(model.tables) && Array.isArray(model.indexNames) && Array.isArray(model.usedNames))) return null;
      return { steps, model };
    } catch {
      return null; // damaged: render, and store afresh
    }
  }

  /**
   * Keeps the first `count` rendered steps of a plan (all of whose keys are
   * non-null) and the model after them, to write at `save` — unless that is
   * what is stored already.
   */
  remember(keys: readonly (string | null)[], count: number, model: () => ModelData, steps: readonly CachedStep[]): void {
    if (!this.file || count === 0) return;
    const prefix = prefixHash(keys, count);
    if (prefix === null) return;
    const stored = this.load();
    if (stored && stored.count === count && stored.prefix === prefix) return;
    this.pending = { count, prefix, model, steps: steps.slice(0, count) };
  }

  /** Writes what `remember` kept; a failure only loses the cache. */
  save(): void {
    if (!this.file || !this.pending) return;
    const { count, prefix, model, steps } = this.pending;
    this.pending = null;
    try {
      const modelBytes = encodePlain(model());
      if (!modelBytes) {
        note('render cache: not stored: the model holds what is not plain data');
        return;
      }
      const stepBytes = v8.serialize(encodeSteps(steps) satisfies StepsPayload);
      const header: Header = { format: FORMAT, key: this.key(), count, prefix, steps: [0, stepBytes.length], model: [stepBytes.length, modelBytes.length] };
      writeFramedFile(this.file, header, [stepBytes, modelBytes]);
    } catch {
      // a cache we cannot write only costs time
    }
  }
}

const caches = new WeakMap<RevisionSource, Map<DialectName, RenderCache>>();

/** The render cache of a project's revisions for a dialect (one per source and dialect). */
export function renderCacheFor(source: RevisionSource, dialect: DialectName, config: unknown): RenderCache {
  let byDialect = caches.get(source);
  if (!byDialect) caches.set(source, (byDialect = new Map()));
  let cache = byDialect.get(dialect);
  if (!cache) byDialect.set(dialect, (cache = new RenderCache(source, dialect, config)));
  return cache;
}

/** Writes every render cache of a source that has something new. */
export function saveRenderCaches(source: RevisionSource): void {
  for (const cache of caches.get(source)?.values() ?? []) cache.save();
}
