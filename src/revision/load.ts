/**
 * Loading revision modules without a build step and without a local
 * node_modules, fast enough for 10,000 files.
 *
 * Each file is transpiled once (sucrase: TypeScript and ESM syntax to
 * CommonJS-style code, line numbers kept: transpile.ts) and wrapped in a
 * function; all the wrappers go into one script in the project's cache
 * folder (cache.ts), compiled by V8 with a code cache, the way Python keeps
 * `__pycache__`. An
 * index beside it records each file's mtime, size and metadata, so commands
 * that only need the graph (`heads`, `history`) never run revision code when
 * nothing changed, and a changed file re-transpiles only that file.
 *
 * Inside a revision, `import ... from 'gensql'` is the running gensql's own
 * API object; relative imports load the neighbouring file the same way; other
 * packages resolve from the revision's folder.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type vm from 'node:vm';
import { revisionError } from '../errors.js';
import { type IndexEntry, readCodeCache, readIndex, textHash, writeCache, writeCodeCache } from './cache.js';
import { discoverRevisionFiles, filesFingerprint, type RevisionFile } from './discover.js';
import { metaFromModule, type RevisionModule } from './module.js';
import type { RevisionMeta } from './types.js';
import { BUNDLE_HEAD, compileBundle, compileSegment, loadHelper, resolveRelative, transpile, WRAP_END, WRAP_START, type Wrapped } from './transpile.js';

export interface LoadOptions {
  /** working folder for messages */
  readonly cwd?: string;
  /** folder for the transpile cache; null disables it */
  readonly cacheDir?: string | null;
  /** called with (done, total) while files are transpiled */
  readonly onProgress?: (done: number, total: number) => void;
  /** the revision files, when the caller has already discovered them (in the folders given) */
  readonly files?: readonly RevisionFile[];
}

/** How many modules a run compiles from their own segments before it compiles the whole bundle. */
const SEGMENTS_ALONE = 32;

function countLines(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = s.indexOf('\n', from); i >= 0 && i < to; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

export class RevisionSource {
  private readonly files: readonly RevisionFile[];
  private readonly entries: IndexEntry[];
  private readonly bundlePath: string | null;
  private bundleText: string | null;
  private script: vm.Script | null = null;
  private wrappers: Wrapped[] | null = null;
  private readonly exportsByIndex = new Map<number, RevisionModule>();
  private readonly byId = new Map<string, number>();
  /** file path -> index, made when a revision first imports a neighbour */
  private byPathMap: Map<string, number> | null = null;
  private codeCacheStale = false;

  /** indices of the files transpiled by this run (not seen unchanged by an earlier one) */
  private readonly transpiled: ReadonlySet<number>;

  /** the hash the index gives the bundle, checked when the bundle is read later (null: this run made the text) */
  private readonly expectedBundle: string | null;

  private constructor(
    files: readonly RevisionFile[],
    entries: IndexEntry[],
    bundlePath: string | null,
    bundleText: string | null,
    transpiled: ReadonlySet<number> = new Set(),
    expectedBundle: string | null = null,
  ) {
    this.files = files;
    this.expectedBundle = expectedBundle;
    this.transpiled = transpiled;
    this.entries = entries;
    this.bundlePath = bundlePath;
    this.bundleText = bundleText;
    this.indexIds();
  }

  private indexIds(): void {
    this.metaList = null;
    this.byId.clear();
    this.entries.forEach((e, i) => {
      if (!this.byId.has(e.meta.id)) this.byId.set(e.meta.id, i);
    });
  }

  private metaList: readonly RevisionMeta[] | null = null;

  /** Metadata in load order; `file` is shown relative to this run's working folder. */
  get metas(): readonly RevisionMeta[] {
    // the entries' metadata objects are this source's own (parsed from the index or made from modules): set the
    // display path in place rather than copying 10,000 objects
    this.metaList ??= this.entries.map((e, i) => {
      (e.meta as { file: string }).file = this.files[i]!.display;
      return e.meta;
    });
    return this.metaList;
  }

  /** Discovers the revision files of these folders and makes their metadata available. */
  static async open(versionDirs: readonly string[], options: LoadOptions = {}): Promise<RevisionSource> {
    const cwd = options.cwd ?? process.cwd();
    const files = options.files ?? discoverRevisionFiles(versionDirs, cwd);
    const cacheDir = options.cacheDir === undefined ? null : options.cacheDir;
    const indexPath = cacheDir ? path.join(cacheDir, 'index.json') : null;
    const bundlePath = cacheDir ? path.join(cacheDir, 'bundle.js') : null;
    const old = indexPath ? readIndex(indexPath) : null;
    const same = (e: IndexEntry | undefined, f: RevisionFile): e is IndexEntry => e !== undefined && e.path === f.path && e.mtimeMs === f.mtimeMs && e.size === f.size;
    if (old && bundlePath && files.length === old.files.length && files.every((f, i) => same(old.files[i], f))) {
      if (fs.existsSync(bundlePath)) return new RevisionSource(files, [...old.files], bundlePath, null, new Set(), old.bundle);
    }
    // (re)build: reuse the segments of unchanged files, transpile the rest
    const oldByPath = new Map(old?.files.map((e) => [e.path, e]) ?? []);
    const fresh = (f: RevisionFile): IndexEntry | undefined => {
      const e = oldByPath.get(f.path);
      return same(e, f) ? e : undefined;
    };
    const oldBundle = old && bundlePath && fs.existsSync(bundlePath) ? fs.readFileSync(bundlePath, 'utf8') : null;
    const parts: string[] = [BUNDLE_HEAD];
    let offset = parts[0]!.length;
    let line = 2;
    const pending: { path: string; mtimeMs: number; size: number; start: number; end: number; line: number; hash: string; meta?: RevisionMeta }[] = [];
    const transpiled = new Set<number>();
    let done = 0;
    for (const f of files) {
      const e = fresh(f);
      const reused = e && oldBundle ? oldBundle.slice(e.start, e.end) : null;
      const segment = reused ?? `${WRAP_START}${transpile(f.path, f.display)}${WRAP_END}`;
      if (reused === null) transpiled.add(pending.length);
      parts.push(segment, ',\n');
      const hash = e && reused !== null ? e.hash : textHash(segment);
      pending.push({ path: f.path, mtimeMs: f.mtimeMs, size: f.size, start: offset, end: offset + segment.length, line, hash, meta: reused !== null ? e!.meta : undefined });
      offset += segment.length + 2;
      line += countLines(segment, 0, segment.length) + 1;
      options.onProgress?.(++done, files.length);
    }
    parts.push(']; })');
    const text = parts.join('');
    gensqlApi ??= await import('../index.js');
    const source = new RevisionSource(
      files,
      pending.map((p) => ({ ...p, meta: p.meta ?? placeholderMeta(p.path) })),
      bundlePath,
      text,
      transpiled,
    );
    // run the modules whose metadata we do not have
    pending.forEach((p, i) => {
      if (!p.meta) source.entries[i] = { ...source.entries[i]!, meta: metaFromModule(source.moduleAt(i), files[i]!.display) };
    });
    source.indexIds();
    if (cacheDir && indexPath && bundlePath) writeCache(cacheDir, indexPath, bundlePath, text, source.entries);
    return source;
  }

  /**
   * Loads what revision code needs (the public API behind `import 'gensql'`).
   * Commands that only read the graph never pay for it.
   */
  async ready(): Promise<void> {
    gensqlApi ??= await import('../index.js');
  }

  /** The module of a revision id (runs its top level on first use; call `ready()` first). */
  module(id: string): RevisionModule {
    const i = this.byId.get(id);
    if (i === undefined) throw new Error(`internal: no loaded revision ${id}`);
    return this.moduleAt(i);
  }

  /** The revision files' fingerprint (`filesFingerprint`). For guesses that only cost time when wrong. */
  fingerprint(): string {
    this.fingerprintHex ??= filesFingerprint(this.files);
    return this.fingerprintHex;
  }

  private fingerprintHex: string | null = null;

  /** The cache folder of this source's project, or null. */
  get cacheFolder(): string | null {
    return this.bundlePath ? path.dirname(this.bundlePath) : null;
  }

  /**
   * The content hash of a revision's module (its transpiled segment), when
   * an earlier run saw the file unchanged; null when this run transpiled it
   * (or the id is unknown). Recorded ops are cached under it (op-cache.ts),
   * so a file's ops are cached from its second render on: the first render
   * of a fresh checkout pays for no analysis.
   */
  segmentKey(id: string): string | null {
    const i = this.byId.get(id);
    return i === undefined || this.transpiled.has(i) ? null : this.entries[i]!.hash;
  }

  /** Hashes of every revision module of the project. */
  segmentKeys(): Set<string> {
    return new Set(this.entries.map((e) => e.hash));
  }

  /** The transpiled module of a revision, wrapped as the loader runs it. */
  segmentText(id: string): string {
    const i = this.byId.get(id);
    if (i === undefined) throw new Error(`internal: no loaded revision ${id}`);
    const e = this.entries[i]!;
    return this.text().slice(e.start, e.end);
  }

  /** File path of a revision, for messages. */
  fileOf(id: string): string {
    const i = this.byId.get(id);
    return i === undefined ? '' : this.files[i]!.display;
  }

  private bundleHashValue: string | null = null;

  /**
   * The bundle text the index's offsets point into. Read after the index,
   * it is checked against the hash the index gives it: another run may have
   * rebuilt the cache in between, and then an index position would name
   * another file's code.
   */
  private text(): string {
    if (this.bundleText !== null) return this.bundleText;
    const text = fs.readFileSync(this.bundlePath as string, 'utf8');
    this.bundleHashValue = textHash(text);
    if (this.expectedBundle !== null && this.bundleHashValue !== this.expectedBundle) {
      throw revisionError('the revision cache changed while this run was reading it (another gensql run rebuilt it): run the command again');
    }
    this.bundleText = text;
    return text;
  }

  private textHash(): string {
    this.bundleHashValue ??= textHash(this.text());
    return this.bundleHashValue;
  }

  private compile(): Wrapped[] {
    if (this.wrappers) return this.wrappers;
    const text = this.text();
    const cached = this.bundlePath ? readCodeCache(this.bundlePath, this.textHash()) : null;
    let compiled: ReturnType<typeof compileBundle>;
    try {
      compiled = compileBundle(text, this.bundlePath ?? '<revisions>', cached);
    } catch (e) {
      // name the file: the first segment that does not compile on its own throws an error that does
      this.entries.forEach((_, i) => this.segmentWrapper(i));
      throw e;
    }
    const { script, wrappers } = compiled;
    this.script = script;
    this.wrappers = wrappers;
    this.codeCacheStale = !cached || script.cachedDataRejected === true;
    return wrappers;
  }

  /** modules compiled on their own, before the whole bundle was */
  private compiledAlone = 0;

  /**
   * A module's wrapper. The first few are compiled from their own segment:
   * a run that adds a revision to a long history runs the new module (its
   * metadata, its ops), and compiling the whole rebuilt bundle for it,
   * without a code cache, cost ~0.13 s at 10,000 revisions. Past
   * SEGMENTS_ALONE modules (a fresh checkout runs them all) the bundle is
   * compiled whole, with V8's code cache.
   */
  private wrapperAt(i: number): Wrapped {
    if (this.wrappers || this.compiledAlone >= SEGMENTS_ALONE) return this.compile()[i]!;
    this.compiledAlone++;
    return this.segmentWrapper(i);
  }

  private segmentWrapper(i: number): Wrapped {
    const e = this.entries[i]!;
    return compileSegment(this.text().slice(e.start, e.end), this.bundlePath ?? '<revisions>', e.line, this.files[i]!.display);
  }

  private moduleAt(i: number): RevisionModule {
    const done = this.exportsByIndex.get(i);
    if (done) return done;
    const wrapper = this.wrapperAt(i);
    const file = this.entries[i]!.path;
    const display = this.files[i]!.display;
    const module = { exports: {} as Record<string, unknown> };
    this.exportsByIndex.set(i, module.exports);
    const dirname = path.dirname(file);
    try {
      // `import.meta.url` is made only when read (a URL per module was ~30 ms of a 10,000-revision run)
      const importMeta = {
        filename: file,
        dirname,
        get url(): string {
          return pathToFileURL(file).href;
        },
      };
      wrapper(module.exports, this.requireFor(file), module, file, dirname, importMeta);
    } catch (e) {
      this.exportsByIndex.delete(i);
      throw revisionError(`${display}: failed to load: ${this.explain(e)}`, { files: [display] });
    }
    const exp = module.exports as RevisionModule;
    this.exportsByIndex.set(i, exp);
    return exp;
  }

  private requireFor(file: string): (spec: string) => unknown {
    let nodeRequire: NodeRequire | null = null;
    return (spec: string): unknown => {
      if (spec === 'gensql') {
        if (!gensqlApi) throw new Error("internal: the 'gensql' API was not loaded before running revision code (call RevisionSource.ready())");
        return gensqlApi;
      }
      if (spec.startsWith('./') || spec.startsWith('../') || path.isAbsolute(spec)) {
        const target = resolveRelative(path.resolve(path.dirname(file), spec));
        this.byPathMap ??= new Map(this.entries.map((e, n) => [e.path, n]));
        const i = this.byPathMap.get(target);
        if (i !== undefined) return this.moduleAt(i);
        return loadHelper(target, this.requireFor(target));
      }
      nodeRequire ??= createRequire(file);
      return nodeRequire(spec);
    };
  }

  /** A readable message for an error thrown by revision code, with file positions instead of bundle ones. */
  explain(e: unknown): string {
    if (!(e instanceof Error)) return String(e);
    return e.message;
  }

  /** Stack lines of an error mapped from the bundle to revision files. */
  mapStack(stack: string): string {
    if (!this.bundlePath) return stack;
    const bundle = this.bundlePath;
    return stack.replace(new RegExp(`${escapeRegExp(bundle)}:(\\d+):(\\d+)`, 'g'), (whole, l: string, c: string) => {
      const line = Number(l);
      let lo = 0;
      let hi = this.entries.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (this.entries[mid]!.line <= line) lo = mid;
        else hi = mid - 1;
      }
      const entry = this.entries[lo];
      if (!entry || entry.line > line) return whole;
      const fileLine = line - entry.line + 1;
      const col = fileLine === 1 ? Number(c) - WRAP_START.length : Number(c);
      return `${this.files[lo]!.display}:${fileLine}:${col}`;
    });
  }

  /** Saves V8's code cache for the bundle, including functions compiled during this run. */
  saveCodeCache(): void {
    if (!this.codeCacheStale || !this.script || !this.bundlePath) return;
    if (writeCodeCache(this.bundlePath, this.textHash(), this.script.createCachedData())) this.codeCacheStale = false;
  }
}

/** The running gensql's public API, what `import ... from 'gensql'` gives a revision. */
let gensqlApi: object | null = null;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function placeholderMeta(file: string): RevisionMeta {
  return { id: '', downRevisions: [], dependsOn: [], branchLabels: [], message: '', file, hasDowngrade: false };
}

