/**
 * Turning revision files (and the local files they import) into functions:
 * sucrase transpiles TypeScript and ESM syntax to CommonJS-style code, line
 * numbers kept, and each file becomes a wrapper function taking what a
 * CommonJS module gets, plus its own `import.meta`.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import vm from 'node:vm';
import { revisionError } from '../errors.js';

export const WRAP_START = 'function(exports, require, module, __filename, __dirname, __gensql_import_meta) {';
export const WRAP_END = '\n}';

export type Wrapped = (
  exports: object,
  require: (spec: string) => unknown,
  module: { exports: unknown },
  filename: string,
  dirname: string,
  importMeta: { url: string; filename: string; dirname: string },
) => void;

type Transform = (code: string, opts: { transforms: ('typescript' | 'imports')[]; filePath: string; production: boolean; disableESTransforms: boolean }) => { code: string };
let sucraseTransform: Transform | null = null;

/** sucrase, loaded only when something must be transpiled. */
function transformer(): Transform {
  sucraseTransform ??= (createRequire(import.meta.url)('sucrase') as { transform: Transform }).transform;
  return sucraseTransform;
}

export function transpile(file: string, display: string): string {
  const transform = transformer();
  const source = fs.readFileSync(file, 'utf8');
  const isTs = /\.m?ts$/.test(file);
  let code: string;
  try {
    // modern syntax (?., ??, class fields) is left as written: Node 20 runs it, and sucrase's helpers for it would
    // read properties by computed names, which keeps a module out of the op cache (purity.ts)
    code = transform(source, { transforms: isTs ? ['typescript', 'imports'] : ['imports'], filePath: file, production: true, disableESTransforms: true }).code;
  } catch (e) {
    throw revisionError(`${display}: cannot be compiled: ${(e as Error).message}`, { files: [display] });
  }
  // `import.meta` has no meaning in a function; each wrapper receives its own
  return code.replace(/\bimport\.meta\b/g, '__gensql_import_meta');
}

export function compileBundle(text: string, filename: string, cachedData: Buffer | null): { script: vm.Script; wrappers: Wrapped[] } {
  let script: vm.Script;
  try {
    script = new vm.Script(text, { filename, cachedData: cachedData ?? undefined });
  } catch (e) {
    throw revisionError(`a revision file cannot be compiled: ${(e as Error).message} (top-level await is not supported in revision files)`);
  }
  const factory = script.runInThisContext() as () => Wrapped[];
  return { script, wrappers: factory() };
}

/** How the bundle opens: a segment compiled alone is wrapped the same way, so that its lines are the bundle's. */
export const BUNDLE_HEAD = '(function () { return [\n';

/**
 * One revision's wrapper, compiled on its own from its segment of the
 * bundle (`line`: the bundle line it starts on, so stack traces name the
 * same bundle positions as when the whole bundle is compiled).
 */
export function compileSegment(segment: string, filename: string, line: number, display: string): Wrapped {
  let script: vm.Script;
  try {
    script = new vm.Script(`${BUNDLE_HEAD}${segment}\n]; })`, { filename, lineOffset: line - 2 });
  } catch (e) {
    throw revisionError(`${display}: cannot be compiled: ${(e as Error).message} (top-level await is not supported in revision files)`, { files: [display] });
  }
  return (script.runInThisContext() as () => Wrapped[])()[0]!;
}

const HELPER_EXTENSIONS = ['', '.ts', '.mts', '.js', '.mjs', '/index.ts', '/index.js'];

export function resolveRelative(base: string): string {
  for (const ext of HELPER_EXTENSIONS) {
    const p = base + ext;
    if (fs.existsSync(p) && fs.statSync(p).isFile()) return p;
  }
  // `./x.js` written for a `./x.ts` file (the NodeNext convention)
  const swapped = base.replace(/\.(m?)js$/, '.$1ts');
  if (swapped !== base && fs.existsSync(swapped)) return swapped;
  return base;
}

const helperCache = new Map<string, unknown>();

/** A non-revision file imported by a revision (not cached across runs). */
export function loadHelper(file: string, req: (spec: string) => unknown): unknown {
  const hit = helperCache.get(file);
  if (hit) return hit;
  if (!fs.existsSync(file)) throw new Error(`cannot find module '${file}'`);
  if (file.endsWith('.json')) return JSON.parse(fs.readFileSync(file, 'utf8'));
  const code = transpile(file, file);
  const module = { exports: {} as unknown };
  helperCache.set(file, module.exports);
  const fn = new vm.Script(`(${WRAP_START}${code}${WRAP_END})`, { filename: file }).runInThisContext() as Wrapped;
  const dirname = path.dirname(file);
  fn(module.exports as object, req, module, file, dirname, { url: pathToFileURL(file).href, filename: file, dirname });
  helperCache.set(file, module.exports);
  return module.exports;
}
