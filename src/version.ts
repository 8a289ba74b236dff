/**
 * gensql's own version and install folder, read once from package.json
 * (found by walking up from this module, so it works from src/ and dist/),
 * and the versions of the packages it uses.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

interface PackageJson {
  readonly name?: string;
  readonly version?: string;
}

/** The nearest package.json named `name` at or above `dir`, with its folder, or null. */
function packageAbove(dir: string, name: string): { dir: string; json: PackageJson } | null {
  for (;;) {
    const p = path.join(dir, 'package.json');
    if (fs.existsSync(p)) {
      const json = JSON.parse(fs.readFileSync(p, 'utf8')) as PackageJson;
      if (json.name === name) return { dir, json };
    }
    const up = path.dirname(dir);
    if (up === dir) return null;
    dir = up;
  }
}

const own = packageAbove(path.dirname(fileURLToPath(import.meta.url)), 'gensql');
if (!own) throw new Error('gensql: cannot find its own package.json');

export const PACKAGE_ROOT = own.dir;
export const VERSION: string = own.json.version ?? 'unknown';

/**
 * The version of an installed package, as resolved from `from` (gensql
 * itself by default), read from its package.json, found by walking up from
 * its resolved entry point (a package's `exports` may not expose
 * package.json itself); 'unknown' when it cannot be found.
 */
export function installedVersion(pkg: string, from: string = import.meta.url): string {
  let entry: string;
  try {
    entry = createRequire(from).resolve(pkg);
  } catch {
    return 'unknown';
  }
  return packageAbove(path.dirname(entry), pkg)?.json.version ?? 'unknown';
}

/** The folder of this module: gensql's source root (src/ or dist/src/). */
const SOURCE_ROOT = path.dirname(fileURLToPath(import.meta.url));

/**
 * A hash of gensql's own code as installed: the named folders (their .js or
 * .ts files, not recursively) and files, relative to gensql's source root
 * (src/ in a checkout, dist/src/ when built). Caches whose entries depend on
 * what that code does key on it: a development build keeps its version
 * number across changes.
 */
export function installedCodeHash(parts: readonly string[]): string {
  const h = createHash('sha256');
  for (const part of parts) {
    const p = path.join(SOURCE_ROOT, part);
    let files: string[];
    try {
      files = fs.statSync(p).isDirectory() ? fs.readdirSync(p).filter((n) => /\.(js|ts)$/.test(n)).sort().map((n) => path.join(p, n)) : [p];
    } catch {
      h.update(`${part}\0missing\0`);
      continue;
    }
    for (const f of files) h.update(`${path.relative(SOURCE_ROOT, f)}\0`).update(fs.readFileSync(f)).update('\0');
  }
  return h.digest('hex');
}

/**
 * The key every cache of computed results starts from: its own format
 * name, gensql's version, the JavaScript engine's (V8) and its Unicode and
 * ICU data (string comparison, case mapping and number formatting come
 * from them), and a hash of the installed code that computes the results
 * (`installedCodeHash`, computed by the caller once).
 */
export function runtimeKey(format: string, codeHash: string): string {
  const { v8: engine, icu, unicode } = process.versions;
  return [format, VERSION, engine, icu ?? '', unicode ?? '', codeHash].join('\0');
}
