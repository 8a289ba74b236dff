/**
 * gensql's own version and install folder, read once from package.json
 * (found by walking up from this module, so it works from src/ and dist/).
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

function findPackageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const p = path.join(dir, 'package.json');
    if (fs.existsSync(p)) {
      const pkg = JSON.parse(fs.readFileSync(p, 'utf8')) as { name?: string };
      if (pkg.name === 'gensql') return dir;
    }
    const up = path.dirname(dir);
    if (up === dir) throw new Error('gensql: cannot find its own package.json');
    dir = up;
  }
}

export const PACKAGE_ROOT = findPackageRoot();
export const VERSION: string = (JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/**
 * The version of an installed package, as resolved from `from` (gensql
 * itself by default), read from its package.json, found by walking up from
 * its resolved entry point (a package's `exports` may not expose
 * package.json itself); 'unknown' when it cannot be found.
 */
export function installedVersion(pkg: string, from: string = import.meta.url): string {
  let dir: string;
  try {
    dir = path.dirname(createRequire(from).resolve(pkg));
  } catch {
    return 'unknown';
  }
  for (;;) {
    const p = path.join(dir, 'package.json');
    if (fs.existsSync(p)) {
      const meta = JSON.parse(fs.readFileSync(p, 'utf8')) as { name?: string; version?: string };
      if (meta.name === pkg) return meta.version ?? 'unknown';
    }
    const up = path.dirname(dir);
    if (up === dir) return 'unknown';
    dir = up;
  }
}
